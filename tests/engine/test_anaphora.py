"""A bare head noun refers back to the body the text named before (grading/engine/anaphora.py):
"de ondernemingsraad … de raad". Texts written here."""

from grading import engine
from grading.engine.reading import read
from tests.engine.families import fixture_index

BODY = "~medezeggenschapsorgaan"


def sentence_terms(text: str) -> list[frozenset[str]]:
    return [s.terms for s in read(text, fixture_index()).sentences]


def test_the_council_named_once_is_meant_by_de_raad_after_it():
    first, second = sentence_terms("Zij ondersteunt de ondernemingsraad. Ze maakt de verslagen van de raad.")
    assert BODY in first and BODY in second


def test_de_raad_names_no_body_the_text_has_not_named():
    assert BODY not in sentence_terms("Ze maakt de verslagen van de raad. Ze plant de vergaderingen.")[0]


def test_the_raad_van_bestuur_is_another_body():
    terms = sentence_terms("Zij ondersteunt de ondernemingsraad. Ze overlegt met de raad van bestuur.")[1]
    assert BODY not in terms


# A portrait that names the council once and then says "de raad", as portraits do.
PORTRAIT = """Sinds vier jaar ondersteunt Anouk de ondernemingsraad van een zorggroep.
Ze bereidt de vergaderingen van de raad voor, maakt de agenda en notuleert de vergaderingen van de raad.
Ze bewaakt de termijnen van de adviesaanvragen en informeert de raad over nieuwe wetgeving.
Nieuwe leden van de raad krijgen van haar een inwerkprogramma."""


def test_a_portrait_that_says_de_raad_shows_the_councils_work():
    def supported(text: str) -> int:
        result = engine.grade(text, fixture_index(), family="ambtelijk-secretaris")
        return sum(1 for c in result.criteria if c.level_rank)

    assert supported(PORTRAIT) > supported(PORTRAIT.replace("de raad", "de groep"))
