"""A sentence supports the variant of a repeated bullet whose own words it uses, and a separable
verb split around "te" is read whole. The texts are written for these tests."""

import pytest

from grading import engine
from grading.engine.fit import match_elements
from grading.engine.terms import separable_verbs
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
