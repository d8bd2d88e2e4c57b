"""The grading system of the setting a text names, against the family's (texts written here)."""

from dataclasses import replace
from functools import lru_cache

from grading import engine
from profiles.catalogue.files import read_catalogue
from tests.engine.families import FIXTURES, fixture_families, fixture_index

OR_SECRETARY = (
    "De gemeente Zuidwaard zoekt een ambtelijk secretaris voor de ondernemingsraad (24 uur). "
    "Je bereidt samen met de voorzitter de vergaderingen van de ondernemingsraad en het overleg met de "
    "bestuurder voor, stelt de agenda op en notuleert. Je bewaakt de voortgang van adviesaanvragen en "
    "instemmingsverzoeken en adviseert de raad over procedures volgens de Wet op de ondernemingsraden. "
    "Je beheert het archief van de raad en onderhoudt contacten met de achterban. "
    "Je hebt een hbo-opleiding en ervaring met medezeggenschap. Inschaling volgens de cao Gemeenten."
)
HOSPITAL = OR_SECRETARY.replace("De gemeente Zuidwaard", "Ziekenhuis Oostervaart").replace(
    "Inschaling volgens de cao Gemeenten.", "Inschaling volgens de cao Ziekenhuizen."
)


@lru_cache(maxsize=1)
def index_with_systems() -> engine.CatalogueIndex:
    catalogue = read_catalogue(FIXTURES)
    systems = tuple(engine.SystemData.from_dict(s["code"], s["name"], s["settings"]) for s in catalogue.systems)
    return engine.build_index(tuple(replace(f, systems=systems) for f in fixture_families()))


def test_a_gemeente_role_in_the_fwg_family_names_the_level_not_the_grade():
    result = engine.grade(OR_SECRETARY, index_with_systems())
    assert result.family == "ambtelijk-secretaris" and result.level_rank is not None
    assert result.system_mismatch is True
    assert result.setting == "gemeente" and result.setting_system.startswith("Cao Gemeenten")
    assert result.family_system == "FWG functiegroepen"
    assert f"niveau {result.level_rank} van 2" in result.explanation
    assert "niet de schaal van deze functie" in result.explanation
    assert result.grade in ("FG45", "FG50")  # the contract keeps the family's code in the grade field


def test_a_hospital_role_in_the_fwg_family_has_no_mismatch():
    result = engine.grade(HOSPITAL, index_with_systems())
    assert result.family == "ambtelijk-secretaris"
    assert result.system_mismatch is False and result.setting == "zorg"


def test_another_gemeente_gives_the_same_result():
    other = engine.grade(OR_SECRETARY.replace("De gemeente Zuidwaard", "De gemeente Noorderveld"), index_with_systems())
    first = engine.grade(OR_SECRETARY, index_with_systems())
    assert (other.family, other.level_rank, other.position, other.system_mismatch) == (
        first.family, first.level_rank, first.position, first.system_mismatch,
    )


def test_without_settings_data_nothing_is_assumed():
    result = engine.grade(OR_SECRETARY, engine.build_index(fixture_families()))
    assert result.system_mismatch is False and result.setting is None


def test_a_setting_without_terms_or_employers_is_refused(tmp_path):
    import pytest

    from profiles.catalogue.files import FamilyFileError, read_systems

    path = tmp_path / "grading_systems.yaml"
    path.write_text("- code: x\n  name: X\n  grades: []\n  settings:\n    - name: leeg\n", encoding="utf-8")
    with pytest.raises(FamilyFileError):
        read_systems(path)
    path.write_text("- code: x\n  name: X\n  grades: []\n", encoding="utf-8")
    with pytest.raises(FamilyFileError):  # no grades and no settings: nothing to use it for
        read_systems(path)


def test_a_setting_word_used_only_as_a_verb_names_no_setting():
    """"zorg" is the healthcare family's setting; "je zorgt voor de post" is not care."""
    from grading.engine.fit import _in_sector
    from grading.engine.reading import read

    index = fixture_index()
    family = index.families["ambtelijk-secretaris"]
    assert not _in_sector(family, read("Je zorgt voor de post en je plant de vergaderingen.", index))
    assert _in_sector(family, read("Je werkt in de zorg en je plant de vergaderingen.", index))


def test_a_setting_verb_repeated_is_read_in_linear_work(monkeypatch):
    """Each setting phrase is checked once, however often the text uses it: "zorgt" ten thousand
    times reads its places once per family, not once per place."""
    from grading.engine import fit
    from grading.engine.reading import read

    index = fixture_index()
    reading = read("Je zorgt voor de post. " * 10_000, index)
    calls = []
    monkeypatch.setattr(fit, "_only_as_verb", lambda *args: calls.append(args[0]) or True)
    assert not fit._in_sector(index.families["ambtelijk-secretaris"], reading)
    assert len(calls) <= 2 * len(index.families["ambtelijk-secretaris"].sector)
