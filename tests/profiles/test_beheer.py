"""/beheer/: upload, preview, confirm, versions, diff, export and the open-data ?versie=N."""

import io
import json
import zipfile
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from grading import engine
from grading.roles import FUNCTIONAL_ADMIN
from grading.selectors import engine_index
from profiles.catalogue import uploads
from profiles.catalogue.files import load_yaml
from profiles.catalogue.spreadsheet import workbook_write
from profiles.catalogue.versions import release_publish
from profiles.models import (
    CatalogueRelease,
    CatalogueVersion,
    Element,
    FamilyRevision,
    JobFamily,
    Level,
    PendingUpload,
)
from tests.factory import make_adviser, make_user

pytestmark = pytest.mark.django_db
FIFTH = Path(settings.BASE_DIR) / "tests" / "engine" / "fifth_family" / "groenbeheer.yaml"
ROLES = [json.loads(line) for line in (FIFTH.parent / "roles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture
def beheerder():
    return make_user(role=FUNCTIONAL_ADMIN, username="beheerder")


@pytest.fixture
def client_b(beheerder):
    client = Client()
    client.force_login(beheerder)
    return client


def family_yaml(slug: str, change=None) -> bytes:
    data = load_yaml(settings.FIXTURES_DIR / "families" / f"{slug}.yaml")
    if change:
        change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


def upload(client, name: str, content: bytes):
    return client.post("/beheer/importeren/", {"file": _file(name, content)})


def _file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def confirm(client, response, comment="Test"):
    return client.post(response["Location"], {"comment": comment})


def snapshot():
    return sorted(Element.objects.values_list("id", "text", "order"))


# -- permissions ------------------------------------------------------------------------------

@pytest.mark.parametrize("url", ["/beheer/", "/beheer/importeren/", "/beheer/sjabloon.xlsx", "/beheer/export/", "/beheer/families/div-ict/"])
def test_only_the_functional_administrator_reaches_beheer(client, url):
    assert client.get(url).status_code == 302  # to the login page
    adviser = Client()
    adviser.force_login(make_adviser())
    assert adviser.get(url).status_code == 403


def test_the_menu_shows_beheer_to_the_administrator_only(client_b):
    assert 'href="/beheer/"' in client_b.get("/profielen/").content.decode()
    adviser = Client()
    adviser.force_login(make_adviser())
    assert 'href="/beheer/"' not in adviser.get("/profielen/").content.decode()


def test_the_group_comes_from_a_migration_with_the_permission():
    from django.contrib.auth.models import Group

    group = Group.objects.get(name=FUNCTIONAL_ADMIN)
    assert group.permissions.filter(codename="manage_catalogue").exists()


def test_create_demo_users_makes_a_beheerder(capsys):
    call_command("create_demo_users", beheerder="fb")
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.get(username="fb").has_perm("profiles.manage_catalogue")
    assert "Functioneel beheerder: gebruikersnaam fb" in capsys.readouterr().out


def test_the_upload_needs_csrf(beheerder):
    client = Client(enforce_csrf_checks=True)
    client.force_login(beheerder)
    assert upload(client, "div-ict.yaml", family_yaml("div-ict")).status_code == 403


# -- index ------------------------------------------------------------------------------------

def test_the_index_lists_families_with_version_and_last_change(client_b):
    html = client_b.get("/beheer/").content.decode()
    assert "Medewerker informatiebeheer" in html or "div-ict" in html
    assert "versie 1" in html and html.count("<h1") == 1 and '<html lang="nl"' in html


# -- upload, preview, confirm ------------------------------------------------------------------

def test_a_changed_family_is_previewed_and_stored_only_on_confirmation(client_b, beheerder):
    before, version = snapshot(), CatalogueVersion.current()

    def change(data):
        data["levels"][0]["cells"][0]["elements"].append({"text": "Nieuw element uit de upload"})
        data["levels"][1]["name"] = "Hernoemd niveau"

    response = upload(client_b, "div-ict.yaml", family_yaml("div-ict", change))
    assert response.status_code == 302
    preview = client_b.get(response["Location"]).content.decode()
    assert "toegevoegd: Nieuw element uit de upload" in preview and "Hernoemd niveau" in preview
    assert "Elementen: 1 toegevoegd, 0 verwijderd" in preview
    assert snapshot() == before and CatalogueVersion.current() == version
    assert PendingUpload.objects.count() == 1

    assert confirm(client_b, response, "Element toegevoegd").status_code == 302
    assert Element.objects.filter(text="Nieuw element uit de upload").exists()
    release = CatalogueRelease.objects.order_by("-number").first()
    assert (release.number, release.published_by, release.comment, release.origin) == (2, beheerder, "Element toegevoegd", "upload")
    assert [r.slug for r in release.revisions.all()] == ["div-ict"]
    assert not PendingUpload.objects.exists()


def test_an_unchanged_family_publishes_nothing(client_b):
    response = upload(client_b, "div-ict.yaml", family_yaml("div-ict"))
    assert "verandert niets" in client_b.get(response["Location"]).content.decode()
    confirm(client_b, response)
    assert CatalogueRelease.objects.count() == 1


def test_a_confirmation_needs_a_comment(client_b):
    response = upload(client_b, "div-ict.yaml", family_yaml("div-ict", lambda d: d.update(name="X")))
    assert client_b.post(response["Location"], {"comment": ""}).status_code == 400
    assert JobFamily.objects.get(slug="div-ict").name != "X"


def test_a_pending_upload_belongs_to_its_uploader(client_b):
    response = upload(client_b, "div-ict.yaml", family_yaml("div-ict", lambda d: d.update(name="X")))
    other = Client()
    other.force_login(make_user(role=FUNCTIONAL_ADMIN))
    assert other.post(response["Location"], {"comment": "x"}).status_code == 404


def test_a_second_administrator_is_told_the_catalogue_moved_on(client_b):
    first = upload(client_b, "div-ict.yaml", family_yaml("div-ict", lambda d: d.update(name="Eerste")))
    second_client = Client()
    second_client.force_login(make_user(role=FUNCTIONAL_ADMIN))
    second = upload(second_client, "div-ict.yaml", family_yaml("div-ict", lambda d: d.update(name="Tweede")))
    assert confirm(client_b, first).status_code == 302
    response = confirm(second_client, second)
    assert response.status_code == 409
    assert "De catalogus is gewijzigd sinds deze voorvertoning" in response.content.decode()
    assert JobFamily.objects.get(slug="div-ict").name == "Eerste"


def test_a_failing_publish_leaves_the_catalogue_as_it_was(client_b, monkeypatch):
    before = snapshot()
    response = upload(client_b, "div-ict.yaml", family_yaml("div-ict", lambda d: d["levels"][0]["cells"][0]["elements"].pop()))

    def boom(**kwargs):
        raise RuntimeError("schijf vol")

    monkeypatch.setattr(uploads, "release_publish", boom)
    with pytest.raises(RuntimeError):
        confirm(client_b, response)
    assert snapshot() == before
    assert CatalogueRelease.objects.count() == 1


def test_old_pending_uploads_are_pruned(client_b):
    from datetime import timedelta

    from django.utils import timezone

    response = upload(client_b, "div-ict.yaml", family_yaml("div-ict", lambda d: d.update(name="X")))
    PendingUpload.objects.update(uploaded_at=timezone.now() - timedelta(hours=PendingUpload.KEEP_HOURS + 1))
    assert client_b.get(response["Location"]).status_code == 404
    upload(client_b, "div-ict.yaml", family_yaml("div-ict"))
    assert PendingUpload.objects.count() == 1


# -- bad files ------------------------------------------------------------------------------

def bomb_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", b"<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (60 * 1024 * 1024))
    return buffer.getvalue()




@pytest.mark.parametrize(
    "name, make, expected",
    [
        ("kapot.yaml", lambda: b"slug: div-ict\nname: [niet afgesloten\n", "kapot.yaml, regel"),
        ("div-ict.yaml", lambda: family_yaml("div-ict", lambda d: d["levels"][1]["cells"][0].update(criterion="bestaat-niet")),
         "div-ict.yaml, levels[1].cells[0].criterion: onbekend criterium"),
        ("div-ict.yaml", lambda: family_yaml("div-ict", lambda d: d.update(levels=[])), "div-ict.yaml, levels: een familie heeft minstens één niveau nodig"),
        ("div-ict.yaml", lambda: family_yaml("div-ict", lambda d: d["levels"].pop(1)), "div-ict.yaml, levels[1].rank"),
        ("div-ict.yaml", lambda: family_yaml("div-ict", lambda d: d["levels"][0].update(grade="FG45")), "div-ict.yaml, levels[0].grade"),
        ("kapot.xlsx", lambda: b"PK\x03\x04" + b"\x00" * 200, "kapot.xlsx: Het bestand lijkt een zip of spreadsheet, maar is beschadigd"),
        ("bom.xlsx", bomb_zip, "pakt uit tot meer dan 40 MB"),
        ("lol.yaml", lambda: b'a: &a ["x","x"]\nb: &b [*a,*a]\nc: &c [*b,*b]\n', "ankers en verwijzingen"),
        ("bin.yaml", lambda: b"\xff\xfe\x00slug", "geen UTF-8-tekst"),
        ("groot.yaml", lambda: b"#" * (uploads.MAX_UPLOAD_BYTES + 10), "groter dan 2,5 MB"),
    ],
)
def test_a_bad_file_gets_a_dutch_error_and_stores_nothing(client_b, name, make, expected):
    before, version = snapshot(), CatalogueVersion.current()
    response = upload(client_b, name, make())
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert snapshot() == before and CatalogueVersion.current() == version
    assert not PendingUpload.objects.exists()


def test_a_spreadsheet_error_names_the_sheet_row_and_column(client_b):
    data = load_yaml(settings.FIXTURES_DIR / "families" / "div-ict.yaml")
    data["levels"][2]["cells"][1]["criterion"] = "bestaat-niet"
    book = workbook_write(systems=None, families=[data])
    response = upload(client_b, "functiehuis.xlsx", book)
    html = response.content.decode()
    assert response.status_code == 400
    assert "functiehuis.xlsx, blad Cellen, rij" in html and "kolom criterium" in html and "onbekend criterium" in html


# -- versions, diff, history -------------------------------------------------------------------

def test_an_older_version_is_shown_read_only_and_compared_with_the_current(client_b):
    response = upload(client_b, "div-ict.yaml", family_yaml("div-ict", lambda d: d["levels"][3]["cells"][0]["elements"].pop(0)))
    confirm(client_b, response, "Element weg")
    history = client_b.get("/beheer/families/div-ict/").content.decode()
    assert "Element weg" in history and "/beheer/families/div-ict/versie/1/" in history
    page = client_b.get("/beheer/families/div-ict/versie/1/").content.decode()
    assert "Alleen lezen" in page and "Elementen: 0 toegevoegd, 1 verwijderd" in page
    assert client_b.get("/beheer/families/div-ict/versie/99/").status_code == 200  # = version 1 still
    assert client_b.get("/beheer/families/bestaat-niet/").status_code == 404


def test_an_admin_edit_publishes_a_version_with_its_author(admin_client, admin_user):
    level = Level.objects.get(family__slug="div-ict", rank=1)
    data = {"family": level.family_id, "rank": 1, "name": "Via de admin", "grade": level.grade_id or "",
            "description": level.description, "requirements": level.requirements,
            "typing_code": level.typing_code, "typing_total": level.typing_total or "",
            "cells-TOTAL_FORMS": 0, "cells-INITIAL_FORMS": 0}
    response = admin_client.post(f"/admin/profiles/level/{level.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    release = CatalogueRelease.objects.order_by("-number").first()
    assert (release.origin, release.published_by) == ("admin", admin_user)
    assert "Via de admin" in release.comment
    assert release.revisions.get().slug == "div-ict"


def test_the_api_gives_an_older_version(client_b):
    response = upload(client_b, "div-ict.yaml", family_yaml("div-ict", lambda d: d["levels"][0].update(name="Nieuw in versie 2")))
    confirm(client_b, response)
    old = {f["slug"]: f for f in Client().get("/api/families/?versie=1").json()}
    new = {f["slug"]: f for f in Client().get("/api/families/?versie=2").json()}
    assert old["div-ict"]["levels"][0]["name"] != "Nieuw in versie 2"
    assert new["div-ict"]["levels"][0]["name"] == "Nieuw in versie 2"
    assert len(old) == 4 and old["ambtelijk-secretaris"]["levels"][0]["grade"] == "FG45"
    assert Client().get("/api/families/div-ict/?versie=1").json()["data"]["slug"] == "div-ict"
    assert Client().get("/api/families/?versie=99").status_code == 404
    assert Client().get("/api/families/?versie=abc").status_code == 400


# -- export and round trip -------------------------------------------------------------------

def test_the_zip_export_re_imports_unchanged(client_b):
    response = client_b.get("/beheer/export/")
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "grading_systems.yaml" in names and "families/div-ict.yaml" in names
    preview = upload(client_b, "functiehuis.zip", response.content)
    assert "verandert niets" in client_b.get(preview["Location"]).content.decode()


@pytest.mark.parametrize("slug", ["administratief-ondersteuner", "ambtelijk-secretaris", "div-ict", "secretariele-ondersteuning-vo"])
def test_every_family_round_trips_through_the_spreadsheet(client_b, slug):
    from profiles.catalogue.uploads import current_families

    book = client_b.get("/beheer/export/?formaat=xlsx").content
    read = {f["slug"]: f for f in uploads.upload_read(name="functiehuis.xlsx", content=book)["families"]}
    assert read[slug] == current_families([slug])[slug]


def test_the_spreadsheet_export_re_imports_unchanged(client_b):
    book = client_b.get("/beheer/export/?formaat=xlsx").content
    preview = upload(client_b, "functiehuis.xlsx", book)
    assert "verandert niets" in client_b.get(preview["Location"]).content.decode()


def test_the_template_holds_every_sheet_and_dutch_instructions(client_b):
    import openpyxl

    response = client_b.get("/beheer/sjabloon.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[0] == "Toelichting"
    assert {"Families", "Criteria", "Niveaus", "Cellen", "Herkenning", "Systemen", "Schalen"} <= set(book.sheetnames)
    assert [c.value for c in book["Criteria"][1]] == ["familie", "sleutel", "naam", "factoren"]
    assert client_b.get("/beheer/export/?formaat=pdf").status_code == 400


def test_a_text_starting_with_equals_stays_text_in_the_spreadsheet(client_b):
    data = load_yaml(settings.FIXTURES_DIR / "families" / "div-ict.yaml")
    data["core"] = "=HYPERLINK(\"http://example.org\")"
    read = uploads.upload_read(name="x.xlsx", content=workbook_write(systems=None, families=[data]))
    assert read["families"][0]["core"] == data["core"]


# -- grading systems upload ---------------------------------------------------------------------

def test_grading_systems_can_be_uploaded_and_are_checked_against_the_families(client_b):
    systems = load_yaml(settings.FIXTURES_DIR / "grading_systems.yaml")
    for system in systems:
        system["grades"] = [g for g in system["grades"] if g["code"] != "FG45"]
    response = upload(client_b, "grading_systems.yaml", yaml.safe_dump(systems, allow_unicode=True).encode())
    assert response.status_code == 400
    assert "ambtelijk-secretaris (in de catalogus), levels[0].grade" in response.content.decode()
    systems = load_yaml(settings.FIXTURES_DIR / "grading_systems.yaml")
    systems[0]["description"] = "Nieuwe omschrijving"
    response = upload(client_b, "grading_systems.yaml", yaml.safe_dump(systems, allow_unicode=True).encode())
    assert "waarderingssystemen in het bestand wijken af" in client_b.get(response["Location"]).content.decode()
    confirm(client_b, response)
    from profiles.models import GradingSystem

    assert GradingSystem.objects.get(code=systems[0]["code"]).description == "Nieuwe omschrijving"


# -- the fifth family -----------------------------------------------------------------------

def test_a_fifth_family_uploaded_through_the_page_is_graded(client_b):
    response = upload(client_b, "groenbeheer.yaml", FIFTH.read_bytes())
    preview = client_b.get(response["Location"]).content.decode()
    assert "Medewerker groenbeheer" in preview and "Nieuwe familie" in preview
    confirm(client_b, response, "Groenbeheer toegevoegd")
    assert JobFamily.objects.filter(slug="medewerker-groenbeheer").exists()
    index = engine_index()
    results = [engine.grade(role["text"], index) for role in ROLES]
    assert [r.family for r in results].count("medewerker-groenbeheer") >= len(ROLES) - 1
    ranked = [engine.grade(role["text"], index, family="medewerker-groenbeheer").level_rank for role in ROLES]
    assert ranked == [role["rank"] for role in ROLES]


# -- seeds never overwrite -------------------------------------------------------------------

def test_import_families_refuses_to_overwrite_app_changes_without_force(client_b, capsys):
    response = upload(client_b, "div-ict.yaml", family_yaml("div-ict", lambda d: d.update(name="Eigen naam")))
    confirm(client_b, response)
    with pytest.raises(CommandError) as error:
        call_command("import_families")
    assert "div-ict: gewijzigd" in str(error.value) and "--force" in str(error.value)
    assert JobFamily.objects.get(slug="div-ict").name == "Eigen naam"
    call_command("import_families", force=True)
    assert JobFamily.objects.get(slug="div-ict").name != "Eigen naam"
    assert CatalogueRelease.objects.order_by("-number").first().origin == "import"


def test_import_families_if_empty_leaves_a_filled_catalogue_alone(client_b, capsys):
    call_command("import_families", if_empty=True)
    assert "niets geladen" in capsys.readouterr().out


def test_release_publish_without_changes_makes_no_version():
    assert release_publish(by=None, comment="x", origin="import") is None


def test_a_version_stored_before_todays_limits_is_shown_without_a_comparison(client_b):
    """An old published version may hold what today's limits refuse: its page says so, never a 500."""
    response = upload(client_b, "div-ict.yaml", family_yaml("div-ict", lambda d: d["levels"][3]["cells"][0]["elements"].pop(0)))
    confirm(client_b, response, "Element weg")
    revision = FamilyRevision.objects.get(slug="div-ict", release__number=1)
    revision.data["levels"][0]["description"] += " " + "a" * 61
    revision.save()
    response = client_b.get("/beheer/families/div-ict/versie/1/")
    assert response.status_code == 200
    assert "kan niet met de huidige worden vergeleken" in response.content.decode()


def test_a_zip_with_an_encrypted_member_gets_a_dutch_error(client_b):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("families/div-ict.yaml", "slug: div-ict\n")
    content = bytearray(buffer.getvalue())
    content[6] |= 0x1  # the local header's flag: encrypted
    content[content.index(b"PK\x01\x02") + 8] |= 0x1  # and the central directory's
    response = client_b.post("/beheer/importeren/", {"file": SimpleUploadedFile("export.zip", bytes(content))})
    assert response.status_code == 400
    assert "beschadigd" in response.content.decode()
