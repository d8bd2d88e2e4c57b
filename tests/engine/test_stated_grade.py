"""A grade the text states itself is reported beside the indication and never taken over
(grading/engine/stated_grade.py)."""

import pytest

from grading import engine
from grading.engine.stated_grade import stated_grades, stated_note
from tests.engine.families import fixture_index

RIJK = tuple(f"schaal-{n}" for n in range(1, 19))
FWG = tuple(f"FG{n:02d}" for n in range(5, 85, 5))


@pytest.mark.parametrize(("text", "grades", "found"), [
    ("Salaris: maximaal schaal 10 van de cao Rijk.", RIJK, ("schaal-10",)),
    ("Inschaling in salarisschaal 8 of 9.", RIJK, ("schaal-8", "schaal-9")),
    ("schaal 9-10", RIJK, ("schaal-9", "schaal-10")),
    ("Ingedeeld in FWG 45, met uitloop naar FG50.", FWG, ("FG45", "FG50")),
    ("Selectie voor adjunct-controleur niveau B.", ("D", "C", "B", "A1"), ("B",)),
    ("Je hebt een mbo-opleiding op niveau 4.", RIJK, ()),  # an education level, not a grade
    ("schaal 25", RIJK, ()),  # not a grade of the system
    ("schaal" + " " * 100_000 + "8", RIJK, ()),
])
def test_the_grades_a_text_states(text, grades, found):
    assert stated_grades(text, grades) == found


def test_a_stated_grade_that_agrees_or_differs_is_said_so():
    assert "komt overeen" in stated_note(("schaal-5",), "schaal-5", RIJK)
    note = stated_note(("schaal-10",), "schaal-5", RIJK)
    assert "noemt zelf schaal 10" in note and "komt op schaal 5" in note and "HR-adviseur" in note
    assert stated_note((), "schaal-5", RIJK) == ""


DIV_ROLE = (
    "Medewerker documentaire informatievoorziening\n\nJe registreert de inkomende en uitgaande post in het "
    "zaaksysteem en scant de poststukken. Je beheert de digitale dossiers en bewaakt de kwaliteit van de "
    "metadata. Je bereidt de overbrenging en vernietiging van archiefbescheiden voor volgens de selectielijst. "
    "Je beantwoordt vragen van collega's over het archief. Je hebt een mbo-opleiding op niveau 4."
)


def test_a_stated_grade_is_never_taken_over():
    plain = engine.grade(DIV_ROLE, fixture_index())
    stated = engine.grade(DIV_ROLE + " Salaris: maximaal schaal 11.", fixture_index())
    assert (stated.family, stated.grade) == (plain.family, plain.grade)
    assert "De tekst noemt zelf schaal 11" in stated.explanation
    assert "noemt zelf" not in plain.explanation


FIRM_DIV_ROLE = """Medewerker documentaire informatievoorziening bij een rijksdienst.
Je registreert de inkomende en uitgaande post en digitaliseert de poststukken.
Je ordent de fysieke en digitale dossiers volgens het ordeningsplan.
Je beantwoordt eenvoudige vragen van collega's over de registratie.
Je helpt bij het klaarmaken van dossiers voor overdracht aan het Nationaal Archief.
Je hebt een mbo-opleiding en werkt volgens de werkafspraken van het team."""


def test_a_firm_indication_the_stated_grade_contradicts_becomes_uncertain():
    """The writer and the evidence disagree: the adviser decides which holds."""
    plain = engine.grade(FIRM_DIV_ROLE, fixture_index())
    assert plain.certainty == "firm"
    other = engine.grade(FIRM_DIV_ROLE + "\nSalaris: maximaal schaal 11.", fixture_index())
    assert (other.grade, other.certainty) == (plain.grade, "uncertain") and other.confidence < plain.confidence
    assert "noemt zelf een andere schaal van dit systeem" in other.explanation
    same = engine.grade(FIRM_DIV_ROLE + f"\nSalaris: maximaal {plain.grade.replace('-', ' ')}.", fixture_index())
    assert (same.certainty, same.confidence) == (plain.certainty, plain.confidence)


@pytest.mark.parametrize("text, grades", [
    ("Ingedeeld in FWG 50 of 55.", ("FG50", "FG55")),
    ("Inschaling FG 45.", ("FG45",)),
    ("Salarisschaal 8.", ("schaal-8",)),
    ("Een functie op niveau B.", ("B",)),
    ("Functieniveau C, contractueel, bepaalde duur.", ("C",)),
    ("Je wordt aangeworven in weddeschaal BA1.", ("B",)),
    ("Weddeschaal A1 (attaché).", ("A",)),
    ("Het niveau van de klas en de weddeschaal van de school.", ()),
    ("Een functie zonder genoemde schaal.", ()),
])
def test_each_grade_word_is_found_however_it_is_written(text, grades):
    system = ("FG45", "FG50", "FG55", "schaal-8", "C", "B", "A")
    assert stated_grades(text, system) == grades
