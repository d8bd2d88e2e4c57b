"""A sentence supports the variant of a repeated bullet whose own words it uses, a separable
verb split around "te" is read whole, and so is a word a PDF broke over two lines. The texts are
written for these tests."""

import pytest

from grading import engine
from grading.engine.fit import match_elements
from grading.engine.terms import rejoined_words, separable_verbs
from tests.engine.families import fixture_index


@pytest.mark.parametrize(("text", "found"), [
    ("om de wensen op elkaar af te stemmen", ["afstemmen"]),
    ("een plan op te stellen en bij te houden", ["opstellen", "bijhouden"]),
    ("probeert te helpen", []),  # no particle before "te"
    ("Af te stemmen met de teamleider", ["afstemmen"]),
])
def test_a_particle_before_te_joins_the_verb_after_it(text, found):
    assert [whole for _, whole in separable_verbs(text)] == found


def test_every_separable_verb_of_a_long_text_is_found():
    text = "om af te stemmen " * 20_000
    assert len(separable_verbs(text)) == 20_000


@pytest.mark.parametrize(("text", "found"), [
    ("de onder-\nnemingsraad", ["ondernemingsraad"]),
    ("het eindexamen- \n  secretariaat", ["eindexamensecretariaat"]),
    ("de onder-\r\nnemingsraad", ["ondernemingsraad"]),  # a Windows line end
    ("literatuur-\nen bronnenonderzoek", []),  # an elision, not a broken word
    ("de mbo-\n4-opleiding", []),  # no word continues on the next line
    ("De post- en archiefkamer", []),
])
def test_a_word_broken_at_a_lines_end_is_read_whole(text, found):
    assert [whole for _, whole in rejoined_words(text)] == found


def test_every_broken_word_of_a_long_text_is_found():
    assert len(rejoined_words("onder-\nnemingsraad " * 20_000)) == 20_000


# Written here: a vacancy pasted from a PDF, the participation body named once, broken over two lines.
PASTED = """Ambtelijk secretaris (24 uur)
Je ondersteunt de onder-
nemingsraad van ons ziekenhuis bij zijn vergaderingen. Je maakt de agenda en de
verslagen en bewaakt de afspraken en termijnen. Je organiseert de verkiezingen en
beheert het archief. Je hebt een hbo-opleiding."""


def test_a_pasted_text_with_a_broken_word_grades_as_the_text_with_the_word_whole():
    index = fixture_index()
    broken, whole = engine.grade(PASTED, index), engine.grade(PASTED.replace("onder-\nnemingsraad", "ondernemingsraad"), index)
    assert (broken.family, broken.grade, broken.certainty) == (whole.family, whole.grade, whole.certainty) == (
        "ambtelijk-secretaris", "FG45", "firm")


def contacts_level(sentence: str) -> set[int]:
    index = fixture_index()
    family = index.families["div-ict"]
    matches, _ = match_elements(family, engine.reading.read(sentence, index))
    return {family.elements[e].level_rank for e in matches if family.elements[e].criterion == "contacten"}


def test_a_sentence_supports_the_variant_whose_own_words_it_uses():
    """Schaal 7 exchanges and explains information, schaal 8 agrees on the content, where users'
    wishes, technical possibilities and the organisation's interests differ alike."""
    shared = "waarbij gebruikerswensen, technische mogelijkheden en organisatiebelangen verschillen."
    exchanges = contacts_level(f"Je wisselt informatie uit en licht gegevens toe, {shared}")
    agrees = contacts_level(f"Je zorgt voor inhoudelijke afstemming over producten en diensten, {shared}")
    assert (max(exchanges), max(agrees)) == (3, 4)


def test_a_variant_is_chosen_by_its_own_words_even_where_the_shared_words_fit_the_lower_better():
    """The sentence shares the wishes, possibilities and interests with both variants and fits the
    shorter schaal 7 bullet as well; "af te stemmen" is what schaal 8 adds."""
    sentence = ("Je overlegt met teamleiders en leveranciers om gebruikerswensen, technische mogelijkheden en "
                "organisatiebelang op elkaar af te stemmen.")
    assert contacts_level(sentence) == {4}
