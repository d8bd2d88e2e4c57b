import shutil
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import CommandError, call_command

from profiles.models import CatalogueVersion, Cell, Element, Grade, JobFamily, Level

pytestmark = pytest.mark.django_db


def snapshot() -> list[tuple]:
    return sorted(Element.objects.values_list("id", "cell_id", "text", "group", "order", "is_addition"))


@pytest.fixture
def fixtures_copy(tmp_path: Path) -> Path:
    target = tmp_path / "fixtures"
    shutil.copytree(settings.FIXTURES_DIR, target)
    return target


def edit_family(fixtures_dir: Path, slug: str, change) -> None:
    path = fixtures_dir / "families" / f"{slug}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_it_loads_every_family_file():
    files = sorted(p.stem for p in (settings.FIXTURES_DIR / "families").glob("*.yaml"))
    assert sorted(JobFamily.objects.values_list("slug", flat=True)) == files


def test_a_second_run_changes_nothing(capsys):
    before, version = snapshot(), CatalogueVersion.current()
    call_command("import_families")
    assert snapshot() == before
    assert CatalogueVersion.current() == version
    assert "niets gewijzigd" in capsys.readouterr().out


def test_a_changed_file_updates_in_place_and_keeps_ids(fixtures_copy):
    level_ids = list(Level.objects.order_by("id").values_list("id", flat=True))
    version = CatalogueVersion.current()

    def rename(data):
        data["levels"][0]["name"] = "Nieuwe naam"

    edit_family(fixtures_copy, "div-ict", rename)
    call_command("import_families", dir=str(fixtures_copy), verbosity=0)
    assert Level.objects.get(family__slug="div-ict", rank=1).name == "Nieuwe naam"
    assert list(Level.objects.order_by("id").values_list("id", flat=True)) == level_ids
    assert CatalogueVersion.current() > version


@pytest.mark.parametrize(
    "change, place",
    [
        (lambda d: d["levels"][1]["cells"][0].update(criterion="bestaat-niet"), "levels[1].cells[0].criterion"),
        (lambda d: d["levels"][0].update(grade="FG99"), "levels[0].grade"),
        (lambda d: d["levels"][0]["cells"][0].update(inherits="idem+"), "levels[0].cells[0].inherits"),
        (lambda d: d["levels"][1].update(rank=7), "levels[1].rank"),
        (lambda d: d["levels"][0]["cells"][0]["elements"][0].update(text="  "), "levels[0].cells[0].elements[0].text"),
        (lambda d: d.update(onbekend=1), "bovenste niveau"),
    ],
)
def test_a_broken_file_loads_nothing_and_names_the_place(fixtures_copy, change, place):
    before = snapshot()

    def break_and_also_rename(data):
        data["name"] = "Zou niet geladen mogen worden"
        change(data)

    edit_family(fixtures_copy, "ambtelijk-secretaris", break_and_also_rename)
    with pytest.raises(CommandError) as error:
        call_command("import_families", dir=str(fixtures_copy), verbosity=0)
    message = str(error.value)
    assert "ambtelijk-secretaris.yaml" in message and place in message
    assert "Er is niets geladen" in message
    assert snapshot() == before
    assert JobFamily.objects.get(slug="ambtelijk-secretaris").name == "Ambtelijk secretaris"


def test_invalid_yaml_names_the_line(fixtures_copy):
    path = fixtures_copy / "families" / "div-ict.yaml"
    path.write_text("slug: div-ict\nname: [niet afgesloten\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"div-ict.yaml, regel \d+"):
        call_command("import_families", dir=str(fixtures_copy), verbosity=0)


def test_a_file_that_is_not_utf8_gets_a_dutch_error(fixtures_copy):
    (fixtures_copy / "families" / "div-ict.yaml").write_bytes(b"\xff\xfe\x00slug")
    with pytest.raises(CommandError, match="geen UTF-8"):
        call_command("import_families", dir=str(fixtures_copy), verbosity=0)


def test_a_duplicate_slug_is_refused(fixtures_copy):
    families = fixtures_copy / "families"
    shutil.copy(families / "div-ict.yaml", families / "zz-kopie.yaml")
    with pytest.raises(CommandError, match="zz-kopie.yaml.*div-ict"):
        call_command("import_families", dir=str(fixtures_copy), verbosity=0)


def test_a_removed_level_is_removed(fixtures_copy):
    def drop_top_level(data):
        data["levels"].pop()
        data["sections"] = [s for s in data["sections"] if s.get("level") != 4]

    edit_family(fixtures_copy, "div-ict", drop_top_level)
    call_command("import_families", dir=str(fixtures_copy), verbosity=0)
    assert list(Level.objects.filter(family__slug="div-ict").values_list("rank", flat=True)) == [1, 2, 3]
    assert not Cell.objects.filter(level__family__slug="div-ict", level__rank=4).exists()


def move_ambtelijk_secretaris_fg45_to_fg40(fixtures_copy):
    systems_path = fixtures_copy / "grading_systems.yaml"
    systems = yaml.safe_load(systems_path.read_text(encoding="utf-8"))
    for system in systems:
        system["grades"] = [g for g in system["grades"] if g["code"] != "FG45"]
    systems_path.write_text(yaml.safe_dump(systems, allow_unicode=True), encoding="utf-8")
    edit_family(fixtures_copy, "ambtelijk-secretaris", lambda d: d["levels"][0].update(grade="FG40"))


def test_a_level_can_move_off_a_grade_that_is_removed_in_the_same_import(fixtures_copy):
    move_ambtelijk_secretaris_fg45_to_fg40(fixtures_copy)
    call_command("import_families", dir=str(fixtures_copy), verbosity=0)
    assert Level.objects.get(family__slug="ambtelijk-secretaris", rank=1).grade.code == "FG40"
    assert not Grade.objects.filter(code="FG45").exists()


def test_removing_a_grade_that_a_request_uses_loads_nothing(fixtures_copy):
    from tests.factory import make_manager, make_submission

    fg45 = Grade.objects.get(code="FG45")
    submission = make_submission(author=make_manager())
    submission.indicative_grade = fg45
    submission.save(update_fields=["indicative_grade"])
    move_ambtelijk_secretaris_fg45_to_fg40(fixtures_copy)
    before = snapshot()
    with pytest.raises(CommandError, match="nog naar verwezen.*Er is niets geladen"):
        call_command("import_families", dir=str(fixtures_copy), verbosity=0)
    assert Level.objects.get(family__slug="ambtelijk-secretaris", rank=1).grade == fg45
    assert snapshot() == before
