"""A family file's `recognition.work` names the criteria that say what work a role does: each
must be a criterion the family's cells use, and the block survives export and import."""

from pathlib import Path

import pytest
from django.conf import settings

from profiles.catalogue.exporting import recognition_data
from profiles.catalogue.files import FamilyFileError, family_from_data, load_yaml, read_systems

FAMILY = settings.FIXTURES_DIR / "families" / "div-ict.yaml"


def systems() -> dict[str, dict]:
    return {s["code"]: s for s in read_systems(settings.FIXTURES_DIR / "grading_systems.yaml")}


def test_the_seeded_family_names_its_work_criteria():
    family = family_from_data(load_yaml(FAMILY), FAMILY, systems())
    assert family["recognition"]["work"] == ["resultaten"]
    assert recognition_data(family["recognition"])["work"] == ["resultaten"]


def test_a_work_key_that_no_cell_uses_is_refused_in_dutch():
    data = load_yaml(FAMILY)
    data["recognition"]["work"] = ["resultaten", "bestaat-niet"]
    with pytest.raises(FamilyFileError) as refused:
        family_from_data(data, Path("div-ict.yaml"), systems())
    assert "recognition.work[1]" in str(refused.value)
    assert "geen cel van deze familie hoort bij criterium 'bestaat-niet'" in str(refused.value)


def test_a_required_domain_needs_words_and_a_true_or_false():
    data = load_yaml(FAMILY)
    data["recognition"]["domain_required"] = "ja"
    with pytest.raises(FamilyFileError) as refused:
        family_from_data(data, Path("div-ict.yaml"), systems())
    assert "recognition.domain_required" in str(refused.value) and "true of false" in str(refused.value)
    data["recognition"].update(domain_required=True, domain=[], functions=[])
    with pytest.raises(FamilyFileError) as refused:
        family_from_data(data, Path("div-ict.yaml"), systems())
    assert "een vereist domein heeft woorden nodig" in str(refused.value)


def test_the_seeded_secretary_family_requires_its_domain_and_exports_it():
    path = settings.FIXTURES_DIR / "families" / "ambtelijk-secretaris.yaml"
    family = family_from_data(load_yaml(path), path, systems())
    assert family["recognition"]["domain_required"] is True
    assert recognition_data(family["recognition"])["domain_required"] is True


def test_the_seeded_secretary_family_names_whom_its_roles_face_and_the_names_survive_export():
    path = settings.FIXTURES_DIR / "families" / "ambtelijk-secretaris.yaml"
    family = family_from_data(load_yaml(path), path, systems())
    assert "bestuurder" in family["recognition"]["counterparts"]
    assert recognition_data(family["recognition"])["counterparts"] == family["recognition"]["counterparts"]


@pytest.mark.parametrize(("key", "names", "message"), [
    ("counterparts", ["bestuurder", ""], "niet-lege tekst"),
    ("other_functions", ["architect", "adviseur informatiebeveiliging"], "één woord"),
])
def test_recognition_names_are_checked_in_dutch(key, names, message):
    data = load_yaml(FAMILY)
    data["recognition"][key] = names
    with pytest.raises(FamilyFileError) as refused:
        family_from_data(data, Path("div-ict.yaml"), systems())
    assert f"recognition.{key}[1]" in str(refused.value) and message in str(refused.value)


@pytest.mark.django_db
@pytest.mark.parametrize(("family_file", "key"), [
    ("ambtelijk-secretaris.yaml", "counterparts"),
    ("secretariele-ondersteuning-vo.yaml", "other_functions"),
])
def test_recognition_names_survive_export_and_a_spreadsheet_round_trip(family_file, key):
    from profiles.catalogue import uploads
    from profiles.catalogue.spreadsheet import workbook_write

    path = settings.FIXTURES_DIR / "families" / family_file
    data = load_yaml(path)
    assert data["recognition"][key]
    family = family_from_data(data, path, systems())
    assert recognition_data(family["recognition"])[key] == data["recognition"][key]
    read_back = uploads.upload_read(name="x.xlsx", content=workbook_write(systems=None, families=[data]))
    assert read_back["families"][0]["recognition"][key] == data["recognition"][key]
