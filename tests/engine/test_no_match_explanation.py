"""A refusal says what the role's core work is, that no family holds it, and which family lies
nearest and why it is not this role's family (grading/engine/no_match.py)."""

from grading import engine
from tests.engine.families import fixture_index
from tests.engine.test_precision_cases import COMPLAINTS_OFFICER, NURSE
from tests.engine.test_role_name import CHAIR


def test_a_refusal_quotes_the_core_work_and_names_the_nearest_family():
    result = engine.grade(NURSE, fixture_index())
    assert result.family is None
    assert "De kern van deze functie – „" in result.explanation and "komt in geen familie voor" in result.explanation
    assert "zorg je voor zes patiënten" in result.explanation  # a sentence that speaks to the role
    assert "Het dichtst bij ligt de familie " in result.explanation


def test_the_nearest_family_comes_with_the_reason_it_is_not_the_roles():
    # titled "Klachtenfunctionaris", the text names a function the catalogue sets apart (test_other_functions.py)
    untitled = COMPLAINTS_OFFICER.replace("Klachtenfunctionaris\n\n", "Medewerker klachten\n\n")
    result = engine.grade(untitled, fixture_index())
    assert "noemt haar domein hooguit terloops en deelt maar één taak met haar" in result.explanation
    chair = engine.grade(CHAIR, fixture_index())
    assert "De tekst noemt de functie „voorzitter”" in chair.explanation


def test_a_long_sentence_is_quoted_shortened():
    text = NURSE + " Je " + "werkt zorgvuldig en " * 200 + "met aandacht."
    result = engine.grade(text, fixture_index())
    quotes = result.explanation.split("„")[1:]
    assert quotes and all(len(quote.split("”")[0]) <= 145 for quote in quotes)


def test_a_question_put_to_the_reader_is_not_quoted_as_the_core_work():
    text = NURSE + (" Wil jij je verder ontwikkelen in de complexe zorg voor kwetsbare ouderen, revalidanten en "
                    "patiënten met dementie, samen met specialisten, therapeuten en mantelzorgers?")
    result = engine.grade(text, fixture_index())
    assert result.family is None
    assert "Wil jij" not in result.explanation and "zorg je voor zes patiënten" in result.explanation
