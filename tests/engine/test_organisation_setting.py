"""The organisation's grading system as the engine's `setting` input: a family of another system
keeps its level, never its grade as the role's; without it, results stay as they were."""

import json

from grading import engine
from tests.engine.test_setting import HOSPITAL, OR_SECRETARY, index_with_systems

NEUTRAL = (OR_SECRETARY.replace("De gemeente Zuidwaard zoekt", "Wij zoeken")
           .replace(" Inschaling volgens de cao Gemeenten.", ""))


def test_a_neutral_text_has_no_mismatch_without_a_setting():
    result = engine.grade(NEUTRAL, index_with_systems())
    assert result.family == "ambtelijk-secretaris" and result.system_mismatch is False
    assert result.organisation_system is None


def test_a_gemeente_setting_makes_the_fwg_grade_foreign():
    result = engine.grade(NEUTRAL, index_with_systems(), setting="cao-gemeenten")
    assert result.family == "ambtelijk-secretaris" and result.level_rank is not None
    assert result.system_mismatch is True
    assert result.organisation_system.startswith("Cao Gemeenten")
    assert result.setting is None and result.setting_system == result.organisation_system
    assert f"niveau {result.level_rank} van 2" in result.explanation
    assert "niet de schaal van deze functie" in result.explanation
    assert "FG 45" not in result.explanation and "FG 50" not in result.explanation
    assert result.grade in ("FG45", "FG50")  # the contract keeps the family's code in the grade field


def test_the_setting_has_the_same_effect_as_the_text_naming_it():
    named = engine.grade(OR_SECRETARY, index_with_systems())
    given = engine.grade(NEUTRAL, index_with_systems(), setting="cao-gemeenten")
    assert (named.family, named.level_rank, named.system_mismatch) == (given.family, given.level_rank, given.system_mismatch)


def test_the_organisations_own_system_outweighs_a_setting_the_text_names():
    result = engine.grade(OR_SECRETARY, index_with_systems(), setting="fwg")
    assert result.system_mismatch is False
    assert result.organisation_system == "FWG functiegroepen"


def test_a_gemeente_text_keeps_naming_its_setting_under_a_gemeente_organisation():
    result = engine.grade(OR_SECRETARY, index_with_systems(), setting="cao-gemeenten")
    assert result.system_mismatch is True and result.setting == "gemeente"


def test_a_hospital_under_a_hospital_organisation_has_no_mismatch():
    result = engine.grade(HOSPITAL, index_with_systems(), setting="fwg")
    assert result.system_mismatch is False and result.setting == "zorg"


def test_a_family_without_a_system_has_no_mismatch_under_any_setting():
    text = ("Wij zoeken een medewerker voor het secretariaat van onze school. Je verzorgt de post, "
            "de agenda van de schoolleiding en de leerlingadministratie, en je staat ouders en leerlingen "
            "te woord aan de balie. Je hebt een mbo-opleiding.")
    result = engine.grade(text, index_with_systems(), family="secretariele-ondersteuning-vo", setting="cao-gemeenten")
    assert result.system_mismatch is False


def test_without_a_setting_the_stored_result_keeps_its_form():
    result = engine.grade(NEUTRAL, index_with_systems())
    assert "organisation_system" not in result.as_dict()
    given = engine.grade(NEUTRAL, index_with_systems(), setting="fwg").as_dict()
    assert given["organisation_system"] == "FWG functiegroepen"
    json.dumps(given)
