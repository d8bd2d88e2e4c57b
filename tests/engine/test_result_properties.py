"""Variants that must not change family, level or position: another employer of the same kind,
a heading line, another sentence order, the same sentences as a bulleted list."""

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grading import engine
from tests.engine.families import fixture_index

DIV = [
    "Je registreert inkomende en uitgaande post en stukken in het documentmanagementsysteem.",
    "Je maakt dossiers aan, houdt ze volledig en maakt ze gereed voor overdracht of vernietiging.",
    "Je beantwoordt vragen van collega's over het zoeken en terugvinden van documenten.",
    "Je werkt volgens de procedures en afspraken van het team en signaleert knelpunten.",
    "Je hebt een mbo-opleiding op niveau 4 en enige ervaring met archiveren.",
]
AO = [
    "Je verwerkt de inkomende post en registreert de documenten in de databank.",
    "Je beheert de agenda van het diensthoofd en organiseert vergaderingen.",
    "Je beantwoordt vragen van burgers aan de telefoon en verwijst hen door.",
    "Je klasseert de dossiers volgens de geldende procedures.",
    "Je hebt een diploma hoger secundair onderwijs.",
]
ROLES = {
    "div": ("Het Ministerie van {name} zoekt een medewerker informatiebeheer.", ["Infrastructuur en Waterstaat", "Financiën", "Justitie en Veiligheid"], DIV),
    "ao": ("De FOD {name} zoekt een administratief medewerker.", ["Financiën", "Mobiliteit en Vervoer", "Justitie"], AO),
}


def key(text: str):
    result = engine.grade(text, fixture_index())
    return result.family, result.level_rank, result.position


@pytest.mark.parametrize("role", ROLES)
def test_another_employer_of_the_same_kind_changes_nothing(role):
    intro, names, sentences = ROLES[role]
    keys = {key(" ".join([intro.format(name=name), *sentences])) for name in names}
    assert len(keys) == 1 and next(iter(keys))[0] is not None


@pytest.mark.parametrize("role", ROLES)
def test_a_heading_line_changes_nothing(role):
    intro, names, sentences = ROLES[role]
    body = " ".join([intro.format(name=names[0]), *sentences])
    base = key(body)
    for heading in ("Vacature", f"Vacature {names[1]}", "Functieomschrijving (32 uur)", "Medewerker, directie Bedrijfsvoering"):
        assert key(f"{heading}\n\n{body}") == base, heading


@pytest.mark.parametrize("role", ROLES)
def test_the_same_sentences_as_a_bulleted_list_change_nothing(role):
    intro, names, sentences = ROLES[role]
    as_prose = " ".join([intro.format(name=names[0]), *sentences])
    as_list = intro.format(name=names[0]) + "\nWat ga je doen?\n" + "\n".join(f"- {s}" for s in sentences)
    as_plain_list = intro.format(name=names[0]) + "\n" + "\n".join(f"• {s.rstrip('.')}" for s in sentences)
    assert key(as_prose) == key(as_list) == key(as_plain_list)


@settings(max_examples=20, deadline=None)
@given(seed=st.integers(0, 10_000), role=st.sampled_from(sorted(ROLES)))
def test_another_sentence_order_changes_nothing(seed, role):
    intro, names, sentences = ROLES[role]
    shuffled = sentences[:]
    random.Random(seed).shuffle(shuffled)
    assert key(" ".join([intro.format(name=names[0]), *sentences])) == key(" ".join([intro.format(name=names[0]), *shuffled]))
