"""The fast phrase look-ups find exactly what a plain walk over the text finds, in the same order."""

from hypothesis import given, settings
from hypothesis import strategies as st

from grading.engine.lexicon import Token, concept_tokens, find_phrases, load_lexicon, occurrences

WORDS = st.sampled_from(["post", "archief", "beheer", "de", "ict", "storing", "x"])
PHRASES = st.lists(st.lists(WORDS, min_size=1, max_size=3).map(tuple), max_size=8).map(tuple)


def _plain_find(stems, phrases):
    return [(p, i, i + len(p)) for i in range(len(stems)) for p in phrases if tuple(stems[i : i + len(p)]) == p]


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=30), PHRASES)
def test_find_phrases_finds_what_a_plain_walk_finds(stems, phrases):
    tokens = [Token(s, 0, 0, s) for s in stems]
    assert find_phrases(tokens, phrases) == _plain_find(stems, phrases)
    assert find_phrases(tokens, phrases) == _plain_find(stems, phrases)  # the remembered positions too


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=30), PHRASES)
def test_occurrences_finds_what_a_plain_walk_finds(words, phrases):
    assert occurrences(words, phrases) == [(i, end) for _, i, end in _plain_find(words, phrases)]


def test_concept_tokens_find_every_concept_phrase():
    lexicon = load_lexicon()
    for phrase, concept in list(lexicon.concepts.items())[:200]:
        assert concept in concept_tokens(["x", *phrase, "x"], lexicon)
