"""One long word costs work linear in its length: counted in characters handed to the stemmer,
not timed. A run of vowels is the worst case for Snowball's Dutch stemmer, and a word of n
letters once cost every one of its n prefixes a stemming (n² characters)."""

import dataclasses

import pytest

from grading import engine
from grading.engine import terms, text
from grading.engine.background import compound_vocabulary
from tests.engine.families import fixture_families

LENGTHS = (1_000, 10_000, 100_000)
ROLE = "Als secretaris notuleer je de vergaderingen van de ondernemingsraad en beheer je het archief. "


class CountingStemmer:
    """The Snowball stemmer, counting the characters it is given; past `budget` it stops the
    test at once, so quadratic code fails here instead of running for minutes."""

    def __init__(self, real, budget: int):
        self.real, self.budget, self.characters = real, budget, 0

    def stemWord(self, word: str) -> str:  # noqa: N802 - Snowball's name
        self.characters += len(word)
        if self.characters > self.budget:
            raise AssertionError(f"more than {self.budget} characters stemmed")
        return self.real.stemWord(word)


@pytest.fixture
def stemmed_characters(monkeypatch):
    """A function that runs `action` with empty word caches and returns the characters stemmed."""

    def measure(action, *, budget: int) -> int:
        counter = CountingStemmer(text._stemmer(), budget)
        monkeypatch.setattr(text, "_stemmer", lambda: counter)
        terms.clear_word_caches()
        try:
            action()
        finally:
            terms.clear_word_caches()
        return counter.characters

    return measure


def long_word(length: int) -> str:
    return "zk" + "ae" * ((length - 2) // 2)


def assert_linear(counts: dict[int, int]) -> None:
    """Ten times the letters cost at most ten times the stemming (plus what the rest costs)."""
    smallest = min(counts)
    for length, count in counts.items():
        assert count <= counts[smallest] * length / smallest + 1_000, counts


def test_stemming_and_splitting_a_long_word_costs_no_more_than_its_length(stemmed_characters):
    counts = {
        n: stemmed_characters(
            lambda n=n: (text.stem(long_word(n)), text.split_compound(long_word(n), compound_vocabulary())),
            budget=10 * n,
        )
        for n in LENGTHS
    }
    assert_linear(counts)


def test_grading_a_text_with_one_long_word_costs_no_more_than_its_length(stemmed_characters):
    index = engine.build_index(list(fixture_families()))
    results = {}

    def grade(n: int) -> None:
        results[n] = engine.grade(ROLE + long_word(n) + ". " + ROLE, index)

    counts = {n: stemmed_characters(lambda n=n: grade(n), budget=10 * n + 20_000) for n in LENGTHS}
    assert_linear(counts)
    assert results[1_000].family == results[100_000].family  # the long word changes nothing


def test_a_family_with_a_long_word_is_indexed_with_linear_work(stemmed_characters):
    family = fixture_families()[0]
    top = family.levels[-1]
    cell = top.cells[0]

    def poisoned(n: int) -> engine.FamilyData:
        last = dataclasses.replace(cell.elements[-1], text=cell.elements[-1].text + " " + long_word(n))
        cells = (dataclasses.replace(cell, elements=(*cell.elements[:-1], last)), *top.cells[1:])
        return dataclasses.replace(family, levels=(*family.levels[:-1], dataclasses.replace(top, cells=cells)))

    counts = {
        n: stemmed_characters(lambda n=n: engine.build_index([poisoned(n)]), budget=10 * n + 200_000)
        for n in LENGTHS
    }
    assert_linear(counts)


def test_a_token_longer_than_any_word_is_kept_as_it_is():
    word = "a" * (text.MAX_WORD_LENGTH + 1)
    assert text.stem(word) == word
    assert text.split_compound("archief" * 10, compound_vocabulary()) == ()
    assert text.split_compound("archiefbescheiden", compound_vocabulary())  # a real compound still splits
