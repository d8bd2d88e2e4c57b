"""A family's afbakening (recognition `other_functions`, and the one-word related functions of its
source): a text that names its role by a function beside the family's own is that function's,
however many of the family's words it shares. Texts written here."""

from dataclasses import replace

from grading import engine
from grading.engine.fit import family_fit
from grading.engine.index import build_index
from grading.engine.matching import refusal
from grading.engine.no_match import Refusal
from grading.engine.reading import read
from tests.engine.families import fixture_families, fixture_index

SCHOOL = "secretariele-ondersteuning-vo"

# A role at a school whose text shares the secretariat's words: the absence registration, the
# pupil records, the phone. Its title decides whose function it is.
AT_SCHOOL = """{title}
Het Vechtdal College in Ommen zoekt per 1 augustus een {name} voor 32 uur per week.
Je houdt de absentieregistratie van de onderbouw bij in Magister en belt ouders bij ongeoorloofd verzuim.
Je helpt leerlingen in het studiecentrum, zet materialen klaar en houdt toezicht bij toetsen.
Je beantwoordt vragen van leerlingen en ouders aan de balie en verwerkt mutaties in de leerlingenadministratie.
Je werkt samen met de mentoren, de teamleider en het secretariaat.
Je hebt een mbo-diploma op niveau 4."""


def _text(name: str) -> str:
    return AT_SCHOOL.format(title=name[0].upper() + name[1:], name=name)


def test_a_role_titled_by_one_of_the_schools_other_functions_is_not_the_secretariat():
    result = engine.grade(_text("onderwijsassistent"), fixture_index())
    assert result.family is None and result.reason == "no_family"
    assert "„onderwijsassistent”" in result.explanation and "andere functie" in result.explanation


def test_the_same_text_titled_as_the_familys_own_function_is_the_secretariat():
    assert engine.grade(_text("administratief medewerker"), fixture_index()).family == SCHOOL


def test_the_refusal_reason_is_the_other_function():
    index = fixture_index()
    fit = family_fit(index.families[SCHOOL], read(_text("onderwijsassistent"), index), index)
    assert fit.other_function == "onderwijsassistent" and refusal(fit) == Refusal.OTHER_FUNCTION


def test_without_other_functions_in_its_file_a_family_refuses_no_one_for_it():
    families = [
        replace(f, recognition=replace(f.recognition, other_functions=())) if f.slug == SCHOOL else f
        for f in fixture_families()
    ]
    index = build_index(families)
    fit = family_fit(index.families[SCHOOL], read(_text("onderwijsassistent"), index), index)
    assert fit.other_function == "" and refusal(fit) != Refusal.OTHER_FUNCTION
    assert engine.grade(_text("onderwijsassistent"), index).family == SCHOOL


# An ICT role at a school whose title names a function the school family sets apart.
TEACHER = """Docent informatica
Het Vechtdal College zoekt een docent informatica voor de bovenbouw havo en vwo.
Je geeft les in programmeren en netwerken en begeleidt leerlingen bij hun profielwerkstuk.
Daarnaast beheer je de applicaties en systemen van de school, installeer je werkplekken en los je storingen op.
Je ondersteunt en instrueert collega's bij het gebruik van de digitale leeromgeving.
Je hebt een hbo-opleiding en een onderwijsbevoegdheid."""


def test_one_familys_other_function_is_no_other_familys_role():
    index = fixture_index()
    fit = family_fit(index.families["div-ict"], read(TEACHER, index), index)
    assert fit.other_function == "docent" and refusal(fit) == Refusal.OTHER_FUNCTION
    families = [
        replace(f, recognition=replace(f.recognition, other_functions=())) if f.slug == SCHOOL else f
        for f in fixture_families()
    ]
    index = build_index(families)
    assert family_fit(index.families["div-ict"], read(TEACHER, index), index).other_function == ""


def test_a_one_word_related_function_of_the_source_counts_and_a_longer_one_does_not():
    """The FWG source lists "Managementassistent/secretarieel ondersteuner" beside the secretary;
    "ondersteuner medezeggenschap" is one of the family's own reference functions."""
    stems = fixture_index().families["ambtelijk-secretaris"].other_function_stems
    assert "managementassistent" in stems
    assert "ondersteuner" not in stems


def test_a_name_the_family_gives_its_own_function_is_never_another_function():
    families = [
        replace(f, recognition=replace(f.recognition, other_functions=("verzuimcoördinator", "docent")))
        if f.slug == SCHOOL else f
        for f in fixture_families()
    ]
    stems = build_index(families).families[SCHOOL].other_function_stems
    assert "docent" in stems and not any(s.startswith("verzuimco") for s in stems)
