"""Whom the role works for (grading/engine/principal.py): a role that supports or advises those a
family's roles face (its `recognition.counterparts`), and none of the family's own domain, is not
the family's role. Texts written here."""

from dataclasses import replace

import pytest

from grading import engine
from grading.engine.no_match import Refusal
from grading.engine.reading import read
from tests.engine.families import fixture_families, fixture_index

SECRETARY = """Ambtelijk secretaris bij een ziekenhuis.
Je ondersteunt de ondernemingsraad bij het overleg met de bestuurder.
Je bereidt de vergaderingen van de ondernemingsraad voor, stelt de agenda op en maakt de verslagen.
Je bewaakt de termijnen van advies- en instemmingsaanvragen volgens de WOR.
Je adviseert de raad over procedures en houdt het archief van de raad bij.
Je hebt een hbo-opleiding."""

# The same work, done for the other side of the table.
EMPLOYERS_ADVISER = """Adviseur medezeggenschap bij een ziekenhuis.
Je ondersteunt de bestuurder bij het overleg met de ondernemingsraad.
Je bereidt de overlegvergaderingen met de ondernemingsraad voor, stelt de agenda op en maakt de verslagen.
Je bewaakt de termijnen van advies- en instemmingsaanvragen volgens de WOR.
Je adviseert de raad van bestuur over procedures en houdt het archief van de adviesaanvragen bij.
Je hebt een hbo-opleiding."""

# Third person, the verb closing a clause.
EMPLOYERS_ADVISER_CLAUSE = """Een zorginstelling zoekt een senior adviseur medezeggenschap die de bestuurder in de zin van de WOR ondersteunt bij het overleg met de ondernemingsraad.
De adviseur bereidt de overlegvergaderingen met de ondernemingsraad voor en bewaakt de termijnen van adviesaanvragen.
Hij stelt de agenda op, maakt de verslagen en houdt het archief bij.
Gevraagd wordt een hbo-opleiding en kennis van de WOR."""


def test_the_secretary_of_the_works_council_is_the_familys_role():
    assert engine.grade(SECRETARY, fixture_index()).family == "ambtelijk-secretaris"


@pytest.mark.parametrize("text", [EMPLOYERS_ADVISER, EMPLOYERS_ADVISER_CLAUSE])
def test_an_adviser_to_the_bestuurder_is_not(text):
    result = engine.grade(text, fixture_index())
    assert result.family is None and result.reason == "no_family"
    assert "„de bestuurder”" in result.explanation and "andere kant van de tafel" in result.explanation


def test_supporting_both_sides_keeps_the_family():
    both = SECRETARY.replace("Je adviseert de raad over procedures", "Je adviseert de raad en de bestuurder over procedures")
    assert engine.grade(both, fixture_index()).family == "ambtelijk-secretaris"


def test_the_counterpart_named_after_a_preposition_is_not_whom_the_role_supports():
    reading = read(SECRETARY, fixture_index())
    assert all("bestuurder" not in served.text for served in reading.served)
    assert any(served.text == "de ondernemingsraad" for served in reading.served)


def test_without_counterparts_in_its_file_a_family_refuses_no_one_for_it():
    families = [
        replace(f, recognition=replace(f.recognition, counterparts=())) if f.slug == "ambtelijk-secretaris" else f
        for f in fixture_families()
    ]
    result = engine.grade(EMPLOYERS_ADVISER, engine.build_index(families))
    assert result.family == "ambtelijk-secretaris"


def test_the_refusal_reason_is_the_counterpart():
    from grading.engine.fit import family_fit
    from grading.engine.matching import refusal

    index = fixture_index()
    fit = family_fit(index.families["ambtelijk-secretaris"], read(EMPLOYERS_ADVISER, index), index)
    assert fit.counterpart == "de bestuurder" and refusal(fit) == Refusal.COUNTERPART


def test_the_object_window_is_bounded_whatever_the_text():
    """One support verb before a very long run of words reads a few of them, not the run."""
    text = "Je ondersteunt " + "de bestuurder " + "heel " * 50_000 + "lange zin."
    reading = read(text, fixture_index())
    assert all(len(served.tokens) <= 6 for served in reading.served)


def test_a_clause_after_the_object_is_not_whom_the_role_supports():
    """"adviseert directeuren hoe zij de ondernemingsraad betrekken": the role advises the
    directors; the works council is what the advice is about."""
    text = EMPLOYERS_ADVISER + "\nOok adviseer je directeuren hoe zij de ondernemingsraad vroeg bij besluiten betrekken."
    reading = read(text, fixture_index())
    assert any(served.text == "directeuren" for served in reading.served)
    assert engine.grade(text, fixture_index()).family is None


@pytest.mark.parametrize("repeats", [100, 10_000])
def test_each_support_verb_reads_a_bounded_number_of_words(repeats):
    """The work grows with the number of support verbs, each reading at most two short windows."""
    text = "Je ondersteunt de bestuurder die de raad van bestuur adviseert. " * repeats
    reading = read(text, fixture_index())
    verbs = 2 * repeats
    assert len(reading.served) <= 2 * verbs
    assert sum(len(served.tokens) for served in reading.served) <= 2 * 6 * verbs


@pytest.mark.parametrize("repeats", [100, 10_000])
def test_each_support_noun_reads_a_bounded_number_of_words(repeats):
    text = "Als rechterhand van de raad van bestuur handel je namens de bestuurder. " * repeats
    reading = read(text, fixture_index())
    assert len(reading.served) <= 2 * repeats
    assert sum(len(served.tokens) for served in reading.served) <= 2 * 6 * repeats


# Support said with a noun or a preposition: the role is the bestuurder's right hand, or acts on
# its behalf.
BOARD_SECRETARY = """Bestuurssecretaris bij een zorggroep.
Je bent de rechterhand van de raad van bestuur en bereidt de vergaderingen van het bestuur voor.
Namens de bestuurder bereid je het overleg met de ondernemingsraad voor: je stelt de adviesaanvragen op en bewaakt de termijnen.
Je zorgt voor de besluitenlijsten en de opvolging ervan en je houdt de reglementen actueel.
Je hebt een academisch werk- en denkniveau."""


@pytest.mark.parametrize(("sentence", "served"), [
    ("Je bent de rechterhand van de raad van bestuur.", "de raad van bestuur"),
    ("Je bent sparringpartner voor de bestuurder.", "de bestuurder"),
    ("Namens de bestuurder voer je het overleg.", "de bestuurder"),
    ("Je bent strategisch adviseur van het presidium van de ondernemingsraad.", "het presidium van de ondernemingsraad"),
])
def test_support_said_with_a_noun_or_on_whose_behalf(sentence, served):
    assert served in [s.text for s in read(sentence, fixture_index()).served]


def test_the_right_hand_of_the_board_is_not_the_familys_role():
    result = engine.grade(BOARD_SECRETARY, fixture_index())
    assert result.family is None and "andere kant van de tafel" in result.explanation
    # the council's right hand, not titled as the board's own secretary (an other function of the family)
    councils = BOARD_SECRETARY.replace("de rechterhand van de raad van bestuur", "de rechterhand van de ondernemingsraad")
    councils = councils.replace("Bestuurssecretaris bij", "Secretaris bij")
    assert engine.grade(councils.replace("Namens de bestuurder bereid", "Samen met de voorzitter bereid"),
                        fixture_index()).family == "ambtelijk-secretaris"


@pytest.mark.parametrize("sentence, quoted", [
    ("Je adviseert de raad van bestuur en de directeuren van de divisies over procedures", "de raad van bestuur"),
    ("Je ondersteunt en adviseert de raad van bestuur over procedures", "de raad van bestuur"),
    ("Je adviseert bestuur en management en draagt bij aan procedures", "bestuur en management"),
])
def test_whom_the_role_supports_is_quoted_as_the_text_names_them(sentence, quoted):
    """Not a list cut in half ("de raad van bestuur en de"), a second verb or the next clause."""
    text = EMPLOYERS_ADVISER.replace(
        "Je ondersteunt de bestuurder bij het overleg met de ondernemingsraad.", "Je werkt in de staf van de directie."
    ).replace("Je adviseert de raad van bestuur over procedures", sentence)
    result = engine.grade(text, fixture_index())
    assert f"ondersteunt of adviseert „{quoted}”" in result.explanation


# A combined role: half the council's secretary, half the board's assistant. Named by the family's
# own function, the role is (also) the family's, whomever else it supports.
COMBINED = """Combinatiefunctie ambtelijk secretaris ondernemingsraad en managementassistent
Zorggroep Oosterlengte

De helft van je tijd ben je ambtelijk secretaris van de ondernemingsraad: je bereidt de vergaderingen voor, notuleert, bewaakt de termijnen van adviesaanvragen en houdt het archief van de raad bij.
De andere helft ondersteun je de raad van bestuur als managementassistent: je beheert agenda's, bereidt bestuursvergaderingen voor en handelt de correspondentie af.
Je hebt een mbo-4 opleiding en ervaring als secretaresse."""


def test_a_role_named_by_the_familys_function_is_not_refused_for_whom_else_it_supports():
    result = engine.grade(COMBINED, fixture_index())
    assert result.family == "ambtelijk-secretaris"
