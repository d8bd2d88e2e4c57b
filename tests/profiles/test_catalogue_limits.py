"""Catalogue data cannot poison the service: YAML is parsed within bounds, and every text, word and
count an upload or an admin edit brings in is bounded before anything is stored (issue 19)."""

import json
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from benchmarks.hostile_files import (
    flow_sequence_yaml,
    hostile_inputs,
    long_number_yaml,
    nested_yaml,
)
from grading.engine.text import MAX_WORD_LENGTH
from grading.roles import FUNCTIONAL_ADMIN
from profiles.catalogue import limits, uploads
from profiles.catalogue.files import (
    FamilyFileError,
    LimitedLoader,
    load_yaml,
    parse_yaml,
    read_catalogue,
)
from profiles.catalogue.spreadsheet import workbook_write
from profiles.models import (
    CatalogueVersion,
    Cell,
    Element,
    JobFamily,
    Level,
    PendingUpload,
)
from tests.factory import make_user

pytestmark = pytest.mark.django_db

LONG_WORD = "arbeidsongeschiktheidsverzekeringsmaatschappij" + "x" * (MAX_WORD_LENGTH - 45)  # 61 letters


@pytest.fixture
def client_b():
    client = Client()
    client.force_login(make_user(role=FUNCTIONAL_ADMIN, username="beheerder"))
    return client


def family_yaml(change=None, slug: str = "div-ict") -> bytes:
    data = load_yaml(settings.FIXTURES_DIR / "families" / f"{slug}.yaml")
    if change:
        change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()


def upload(client, name: str, content: bytes):
    return client.post("/beheer/importeren/", {"file": SimpleUploadedFile(name, content)})


def snapshot():
    return sorted(Element.objects.values_list("id", "text", "order")), CatalogueVersion.current()


def assert_refused(client, name: str, content: bytes, expected: str) -> None:
    before = snapshot()
    response = upload(client, name, content)
    assert response.status_code == 400
    assert escape(expected) in response.content.decode(), response.content.decode()[-3000:]
    assert snapshot() == before
    assert not PendingUpload.objects.exists()


def text_of(length: int) -> str:
    """A text of exactly `length` characters, of ten-letter words."""
    text = ("abcdefghij " * (length // 11 + 1))[:length]
    return text[:-1] + "x" if text.endswith(" ") else text


def first_cell(data: dict) -> dict:
    return next(cell for cell in data["levels"][0]["cells"] if cell["elements"])


# -- 1. YAML is parsed within bounds ----------------------------------------------------------

@pytest.mark.parametrize(
    "make, expected",
    [
        (nested_yaml, "familie.yaml, regel 1, kolom 21: ongeldige YAML (meer dan 20 niveaus diep genest)"),
        (long_number_yaml, "familie.yaml, regel 1, kolom 7: ongeldige YAML (een getal van meer dan 18 tekens)"),
        (flow_sequence_yaml, "ongeldige YAML (meer dan 25.000 waarden, lijsten en verzamelingen)"),
    ],
    ids=["nesting", "long-number", "flow-sequence"],
)
def test_a_yaml_bomb_gets_a_dutch_file_error_and_stores_nothing(client_b, make, expected):
    assert_refused(client_b, "familie.yaml", make(), expected)


def test_the_loader_stops_a_long_flow_sequence_after_its_node_limit():
    text = flow_sequence_yaml().decode()
    loader = LimitedLoader(text)
    with pytest.raises(yaml.YAMLError):
        loader.get_single_data()
    assert loader.nodes == limits.MAX_YAML_NODES + 1
    assert loader.get_mark().index < len(text) // 20  # the rest of the 2.6 MB is never read


def test_the_loader_stops_deep_nesting_before_reading_far():
    loader = LimitedLoader(nested_yaml().decode())
    with pytest.raises(yaml.YAMLError):
        loader.get_single_data()
    assert loader.nodes == limits.MAX_YAML_DEPTH + 1
    assert loader.get_mark().index <= 2_000  # the scanner looks at most 1,024 characters ahead


def test_whatever_the_parser_raises_is_a_file_error(monkeypatch):
    with pytest.raises(FamilyFileError, match="ongeldige YAML"):
        parse_yaml("source_date: 2019-13-45\n", settings.FIXTURES_DIR / "x.yaml")  # datetime's ValueError

    def trip(self):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(LimitedLoader, "get_single_data", trip)
    with pytest.raises(FamilyFileError, match="ongeldige YAML"):
        parse_yaml("slug: x\n", settings.FIXTURES_DIR / "x.yaml")


def test_the_four_fixture_families_still_import_unchanged():
    catalogue = read_catalogue(settings.FIXTURES_DIR)
    assert len(catalogue.families) == 4
    out = StringIO()
    call_command("import_families", stdout=out)
    assert out.getvalue().strip().endswith("waren al actueel; niets gewijzigd."), out.getvalue()


# -- 2. Every field fits its column ----------------------------------------------------------

@pytest.mark.parametrize(
    "change, place, limit",
    [
        (lambda d, n: d.update(name=text_of(n)), "name", limits.column_limit(JobFamily, "name")),
        (lambda d, n: d["levels"][0].update(name=text_of(n)), "levels[0].name", limits.column_limit(Level, "name")),
        (lambda d, n: d["criteria"][0].update(name=text_of(n)), "criteria[0].name", 200),
        (lambda d, n: d.update(sector=text_of(n)), "sector", 100),
        (lambda d, n: first_cell(d)["elements"][0].update(group=text_of(n)), ".elements[0].group",
         limits.column_limit(Element, "group")),
        (lambda d, n: d["related_functions"].append(text_of(n)), "related_functions[", 300),
    ],
    ids=["family-name", "level-name", "criterion-name", "sector", "element-group", "function"],
)
def test_a_text_longer_than_its_column_is_refused_at_preview(client_b, change, place, limit):
    content = family_yaml(lambda d: change(d, limit + 1))
    assert_refused(client_b, "div-ict.yaml", content, f"hier passen er hoogstens {limit}")
    assert place in upload(client_b, "div-ict.yaml", content).content.decode()
    assert upload(client_b, "div-ict.yaml", family_yaml(lambda d: change(d, limit))).status_code == 302


def test_an_overlong_family_name_names_the_file_and_the_field(client_b):
    hostile = {item.name: item for item in hostile_inputs()}["family-long-name"]
    assert_refused(client_b, hostile.filename, hostile.content,
                   "Fout in familie.yaml, name: de tekst heeft 274 tekens; hier passen er hoogstens 200")


# -- 3. Words, texts and counts ----------------------------------------------------------------

def test_a_word_longer_than_the_engine_reads_is_refused_in_an_element(client_b):
    def change(data):
        first_cell(data)["elements"][0]["text"] += " " + LONG_WORD

    assert_refused(client_b, "div-ict.yaml", family_yaml(change), f"heeft 61 letters en cijfers; een woord heeft er hoogstens {MAX_WORD_LENGTH}")
    ok = family_yaml(lambda d: first_cell(d)["elements"][0].update(text="Beheert " + LONG_WORD[:MAX_WORD_LENGTH]))
    assert upload(client_b, "div-ict.yaml", ok).status_code == 302


def test_a_too_long_text_and_too_many_elements_are_refused(client_b):
    long_text = family_yaml(lambda d: first_cell(d)["elements"][0].update(text="woord " * 4_000))
    assert_refused(client_b, "div-ict.yaml", long_text, "de tekst heeft 23.999 tekens; hier passen er hoogstens 20.000")
    many = family_yaml(lambda d: first_cell(d).update(elements=[{"text": f"Element {i}"} for i in range(201)]))
    assert_refused(client_b, "div-ict.yaml", many, ".elements: 201 onderdelen; hier passen er hoogstens 200")


def test_a_long_word_in_the_recognition_block_is_refused(client_b):
    content = family_yaml(lambda d: d["recognition"]["domain"].append(LONG_WORD), slug="ambtelijk-secretaris")
    assert_refused(client_b, "a.yaml", content, "a.yaml, recognition.domain[")


def test_the_spreadsheet_path_is_held_to_the_same_limits(client_b):
    data = load_yaml(settings.FIXTURES_DIR / "families" / "div-ict.yaml")
    first_cell(data)["elements"][0]["text"] += " " + LONG_WORD
    book = workbook_write(systems=None, families=[data])
    assert_refused(client_b, "functiehuis.xlsx", book, "heeft 61 letters en cijfers")


def test_the_poisoned_family_of_the_incident_is_refused(client_b):
    hostile = {item.name: item for item in hostile_inputs()}["family-long-word"]
    assert_refused(client_b, hostile.filename, hostile.content, "familie.yaml, levels[0].cells[0].elements[0].text")


def test_catalogue_hostile_inputs_are_refused_and_fit_an_upload():
    catalogue = [item for item in hostile_inputs() if item.target == "catalogue"]
    assert {item.name for item in catalogue} >= {
        "yaml-nesting", "yaml-long-number", "yaml-flow-sequence", "family-long-word", "family-long-name",
    }
    for item in catalogue:
        assert item.size() <= uploads.MAX_UPLOAD_BYTES, item.name
        with pytest.raises((uploads.UploadError, FamilyFileError)):
            uploads.upload_read(name=item.filename, content=item.content)


# -- the admin -----------------------------------------------------------------------------

def level_post(admin_client, level: Level, elements_text: str, **changes):
    """The level's change form as the admin page fills it, with one cell's elements replaced."""
    url = reverse("admin:profiles_level_change", args=[level.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["grade"] = level.grade_id or ""
    formset = page.context["inline_admin_formsets"][0].formset
    for name in formset.management_form.fields:
        data[f"{formset.prefix}-{name}"] = formset.management_form[name].value()
    for index, inline_form in enumerate(formset.forms):
        for name in inline_form.fields:
            value = inline_form[name].value()
            data[f"{formset.prefix}-{index}-{name}"] = "" if value is None else value
    index = next(i for i, f in enumerate(formset.forms) if f.instance.elements.exists())
    data[f"{formset.prefix}-{index}-elements_text"] = elements_text
    data.update(changes)
    return admin_client.post(url, data)


@pytest.mark.parametrize(
    "elements_text, changes, expected",
    [
        (f"Beheert het archief {LONG_WORD}", {}, "Element 1: het woord"),
        (text_of(limits.MAX_TEXT_CHARS + 1), {}, "Element 1: de tekst heeft 20.001 tekens"),
        ("\n".join(f"Element {i}" for i in range(201)), {}, "Een cel heeft hoogstens 200 elementen"),
        ("Beheert het archief", {"description": f"Omschrijving met {LONG_WORD}"}, "Het woord"),
        ("Beheert het archief", {"description": text_of(limits.MAX_TEXT_CHARS + 1)}, "niet meer dan 20000 tekens"),
    ],
    ids=["long-word", "long-text", "too-many-elements", "long-word-in-description", "long-description"],
)
def test_the_admin_refuses_what_an_upload_refuses(admin_client, elements_text, changes, expected):
    level = Level.objects.get(family__slug="ambtelijk-secretaris", rank=2)
    before = snapshot(), level.description
    response = level_post(admin_client, level, elements_text, **changes)
    assert response.status_code == 200  # the form again, with the error
    assert escape(expected) in response.content.decode()
    level.refresh_from_db()
    assert (snapshot(), level.description) == before
    assert Cell.objects.filter(level=level).exists()


def test_the_admin_still_saves_an_ordinary_edit(admin_client):
    level = Level.objects.get(family__slug="ambtelijk-secretaris", rank=2)
    response = level_post(admin_client, level, "Beheert het archief\nkop :: Notuleert vergaderingen")
    assert response.status_code == 302


def test_the_admin_refuses_a_long_word_in_a_recognition_term(admin_client):
    family = JobFamily.objects.get(slug="ambtelijk-secretaris")
    url = reverse("admin:profiles_jobfamily_change", args=[family.pk])
    form = admin_client.get(url).context["adminform"].form
    assert "long_word" not in str(form.errors)
    recognition = {**family.recognition, "domain": [*family.recognition["domain"], LONG_WORD]}
    bound = type(form)(data={**{name: form[name].value() for name in form.fields}, "recognition": json.dumps(recognition)}, instance=family)
    assert not bound.is_valid()
    assert "recognition.domain[" in str(bound.errors["recognition"]) and "61 letters" in str(bound.errors["recognition"])


def test_the_column_lengths_are_those_of_the_models():
    """limits.COLUMNS keeps the models' max_length as data, so a family file reads without Django."""
    from django.apps import apps

    for model_name, columns in limits.COLUMNS.items():
        model = apps.get_model("profiles", model_name)
        lengths = {f.name: f.max_length for f in model._meta.get_fields() if getattr(f, "max_length", None)}
        assert columns == lengths, model_name


def test_reading_the_fixture_families_needs_no_django():
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from profiles.catalogue.files import read_catalogue; "
        "read_catalogue(Path('fixtures')); assert 'django.db' not in sys.modules, 'django.db'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
