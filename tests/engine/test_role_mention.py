"""Whether a name in a text that addresses its reader is the role or someone beside it
(grading/engine/role_mention.py). Texts written here."""

import pytest

from grading import engine
from grading.engine.role_mention import NEUTRAL, OTHER, ROLE, mention
from tests.engine.families import fixture_index


def mentions(text: str, name: str) -> str:
    reading = engine.reading.read(text, fixture_index())
    first = next(i for i, token in enumerate(reading.tokens) if token.word == name)
    return mention(reading.text, reading.tokens, first, reading.headings)


@pytest.mark.parametrize(("text", "kind"), [
    ("Je leest de stukken. De secretaris ondersteunt je met de agenda.", OTHER),
    ("Je plant het overleg en stemt af met de secretaris van de raad.", OTHER),
    ("Voor het verslag is er een secretaris, zodat jij je op de inhoud richt.", OTHER),
    ("Als secretaris ondersteun je de raad. Je plant het overleg.", ROLE),
    ("Wij zoeken een ervaren secretaris. Je plant het overleg.", ROLE),
    ("In de rol van secretaris plan je het overleg.", ROLE),
    ("Vacature secretaris\n\nJe plant het overleg.", ROLE),
    ("Je volgt een opleiding tot secretaris en plant het overleg.", NEUTRAL),
    # a bare name opening a list item is a title, not someone beside the reader
    ("- Secretaris bij een ziekenhuis\n- Je plant het overleg.\n- Je maakt de verslagen.", NEUTRAL),
])
def test_a_name_in_a_text_addressing_its_reader_is_the_role_or_someone_beside_it(text, kind):
    assert mentions(text, "secretaris") == kind


@pytest.mark.parametrize(("text", "kind"), [
    ("Je leest de stukken. Onze secretaris maakt de verslagen.", OTHER),
    ("Je plant het overleg. Jouw secretaris maakt de verslagen.", OTHER),
    ("Onze nieuwe collega? Als secretaris plan je het overleg.", ROLE),
])
def test_a_name_opened_by_a_possessive_is_someone_beside_the_role(text, kind):
    assert mentions(text, "secretaris") == kind


CHAIR_PORTRAIT = (
    "'Ik ben verpleegkundige en sinds drie jaar voorzitter van de ondernemingsraad. Ik leid de vergaderingen "
    "en voer namens de raad het overleg met de bestuurder. Bij een adviesaanvraag verdeel ik het werk over "
    "de commissies. Onze ambtelijk secretaris bereidt de vergaderingen voor, maakt de verslagen en bewaakt de "
    "termijnen van de Wet op de ondernemingsraden; ik breng het besluit van de raad naar buiten.'"
)
SECRETARY_PORTRAIT = (
    "'Ik ben ambtelijk secretaris van de ondernemingsraad. Ik bereid de vergaderingen voor, maak de verslagen "
    "en bewaak de termijnen van de Wet op de ondernemingsraden. Bij een adviesaanvraag zoek ik de "
    "achtergrondinformatie op en ik ondersteun de raad bij het verwoorden van zijn standpunt.'"
)


def test_a_portrait_in_the_first_person_names_its_role_where_it_introduces_it():
    """"Ik" is the role: the secretary the chair speaks of is someone beside it."""
    from grading.engine.fit import family_fit

    index = fixture_index()
    family = index.families["ambtelijk-secretaris"]
    chair = family_fit(family, engine.reading.read(CHAIR_PORTRAIT, index), index)
    secretary = family_fit(family, engine.reading.read(SECRETARY_PORTRAIT, index), index)
    assert (chair.names_function, secretary.names_function) == (False, True)


@pytest.mark.parametrize("repeats", [100, 10_000])
def test_each_mention_is_read_once(repeats, monkeypatch):
    """Each name is read once, at most REACH words back, with its heading found by bisection:
    the work grows with the number of mentions, however many headings the text has."""
    from grading.engine import fit

    text = "Kop\n" * repeats + "Je werkt met de ambtelijk secretaris en je plant het overleg. " * repeats
    reading = engine.reading.read(text, fixture_index())
    calls = []
    monkeypatch.setattr(fit, "mention", lambda *args: calls.append(args[2]) or mention(*args))
    assert fit._functions_of_others(fixture_index().families["ambtelijk-secretaris"], reading)
    assert len(calls) == repeats


TRAINER = (
    "{title}\nVoor ons opleidingsinstituut zoeken we iemand die ondernemingsraden verder helpt. Je geeft "
    "trainingen over de WOR en je coacht voorzitters. Je hebt ervaring met medezeggenschap, bijvoorbeeld "
    "als OR-lid, ambtelijk secretaris of bestuurder."
)


@pytest.mark.parametrize(("title", "names_function"), [
    ("Trainer ondernemingsraden", False),  # the role has a name of its own: the function is background
    ("Ambtelijk secretaris", True),
    ("Vacature", True),  # no name of its own: the function name may still be the role's
])
def test_a_function_name_beside_a_role_named_otherwise_is_not_the_role(title, names_function):
    from grading.engine.fit import family_fit

    index = fixture_index()
    reading = engine.reading.read(TRAINER.format(title=title), index)
    fit = family_fit(index.families["ambtelijk-secretaris"], reading, index)
    assert fit.names_function is names_function
