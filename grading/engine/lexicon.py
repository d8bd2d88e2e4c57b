"""The lexicon (lexicon.toml) as stemmed phrases, and finding those phrases in a text."""

import re
import threading
import tomllib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate, repeat
from pathlib import Path
from typing import NamedTuple

from grading.engine.text import MAX_WORD_LENGTH, TOKEN, fold, stem, stem_short_word

LEXICON_PATH = Path(__file__).with_name("lexicon.toml")
CONCEPT_PREFIX = "~"  # concept tokens cannot clash with stems, which are [a-z0-9]


def phrase_stems(phrase: str) -> tuple[str, ...]:
    return tuple(stem(word) for word in TOKEN.findall(fold(phrase)))


@dataclass(frozen=True)
class Cue:
    kind: str
    direction: int
    explanation: str
    phrases: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class EducationLevel:
    rank: float
    label: str
    phrases: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, eq=False)  # one object per file (load_lexicon): equal and hashed by identity
class Lexicon:
    concepts: dict[tuple[str, ...], str]  # phrase -> concept token
    jurisdictions: dict[str, tuple[tuple[str, ...], ...]]
    concept_names: frozenset[str]  # a family's recognition term that names a concept means the concept
    education: tuple[EducationLevel, ...]
    cues: tuple[Cue, ...]
    above: tuple[tuple[str, ...], ...]  # its `terms` and its `leading` phrases
    leading: frozenset[tuple[str, ...]]  # the phrases of leading people among `above`
    exceptions: tuple[tuple[str, ...], ...]  # openings of a clause that admits others by exception
    # diploma phrases that also name a school type or a university, and the stems that make them
    # the diploma asked when their clause holds one ([education_context])
    ambiguous_education: frozenset[tuple[str, ...]] = frozenset()
    requirement_stems: frozenset[str] = frozenset()
    # first stem -> (phrase, concept) of every concept phrase that starts with it
    concept_starts: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    # the stem of a bare head noun -> the concept it refers back to once the text has named it
    # ("de ondernemingsraad … de raad"): anaphora.py
    anaphors: dict[str, str] = field(default_factory=dict)
    antecedents: dict[str, str] = field(default_factory=dict)  # a one-word name of such a concept -> it


def _phrases(terms, concept_names) -> tuple[tuple[str, ...], ...]:
    """Phrases as stems; a term that names a concept becomes that concept's token."""
    result = []
    for term in terms:
        if term in concept_names:
            result.append((CONCEPT_PREFIX + term,))
        else:
            result.append(phrase_stems(term))
    return tuple(p for p in result if p)


def family_phrases(terms, lexicon: "Lexicon") -> tuple[tuple[str, ...], ...]:
    """A family's recognition terms as stemmed phrases; a term that names a concept is the concept."""
    return _phrases(terms, lexicon.concept_names)


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    concept_names = {c["name"] for c in data["concept"]}
    concepts = {}
    for concept in data["concept"]:
        for term in concept["terms"] + [concept["name"].replace("-", " ")]:
            phrase = phrase_stems(term)
            if phrase:
                concepts.setdefault(phrase, CONCEPT_PREFIX + concept["name"])
    if "family" in data:
        raise ValueError("lexicon.toml holds general Dutch job language only; a family's terms go in its recognition: block")
    lexicon = Lexicon(
        concepts=concepts,
        jurisdictions={name: _phrases(j["cues"], set()) for name, j in data["jurisdiction"].items()},
        concept_names=frozenset(concept_names),
        education=tuple(
            EducationLevel(rank=float(e["rank"]), label=e["label"], phrases=_phrases(e["terms"], set()))
            for e in data["education"]
        ),
        cues=tuple(
            Cue(kind=c["kind"], direction=int(c["direction"]), explanation=c["explanation"], phrases=_phrases(c["terms"], set()))
            for c in data["cue"]
        ),
        above=_phrases([*data["above"]["terms"], *data["above"]["leading"]], set()),
        leading=frozenset(_phrases(data["above"]["leading"], set())),
        exceptions=_phrases(data["exceptions"]["terms"], set()),
        ambiguous_education=frozenset(_phrases(data["education_context"]["ambiguous"], set())),
        requirement_stems=frozenset(stem(w) for w in data["education_context"]["requirement"]),
    )
    starts: dict[str, list] = {}
    for phrase, concept in concepts.items():
        starts.setdefault(phrase[0], []).append((phrase, concept))
    anaphors = {stem(word): CONCEPT_PREFIX + c["name"] for c in data["concept"] for word in c.get("anaphora", ())}
    return replace(
        lexicon,
        concept_starts={first: tuple(found) for first, found in starts.items()},
        anaphors=anaphors,
        antecedents={key[0]: c for key, c in concepts.items() if len(key) == 1 and c in anaphors.values()},
    )


class Token(NamedTuple):  # a tuple, not a dataclass: a text makes thousands, and this is cheaper
    stem: str
    start: int  # character offsets in the original text
    end: int
    word: str = ""  # the folded word, for splitting compounds before stemming


WORD_RUNS = re.compile(f"({TOKEN.pattern})")  # captured: split() returns the gaps and the words


def tokenize(text: str) -> list[Token]:
    """Stems with offsets; folding keeps the length of ASCII text, so offsets stay valid."""
    folded = fold(text)
    if len(folded) != len(text):  # a character decomposed into several: map per character
        folded = "".join(fold(c)[:1] or " " for c in text)
    # Every step below runs in C (no Python code per word): gap, word, gap, …, gap; the running
    # lengths of those pieces are the words' offsets.
    pieces = WORD_RUNS.split(folded)
    ends = list(accumulate(map(len, pieces)))
    words = pieces[1::2]
    # The cached stemmer straight away when no word is too long for its cache (nearly always):
    # one Python call less per word.
    stemmer = stem_short_word if not words or max(map(len, words)) <= MAX_WORD_LENGTH else stem
    return list(map(tuple.__new__, repeat(Token), zip(map(stemmer, words), ends[0:-1:2], ends[1::2], words)))


_recent = threading.local()  # per thread: the last few token lists and where each stem occurs
RECENT_LISTS = 8


def marked_between(text: str, before: Token, after: Token, marks: str) -> bool:
    """Whether one of `marks` stands in the text between two tokens (a clause or sentence end)."""
    gap = text[before.end:after.start]
    return any(mark in gap for mark in marks)


def stem_positions(tokens: list[Token]) -> dict[str, list[int]]:
    """stem -> the indices where it occurs (remembered for the last few token lists)."""
    return _positions(tokens)


def _positions(tokens: list[Token]) -> dict[str, list[int]]:
    """stem -> the indices where it occurs. A reading asks this of the same list for every cue
    and family, so the last few lists are remembered by identity (and length, as a guard;
    token lists are not changed once made)."""
    recent = getattr(_recent, "lists", None)
    if recent is None:
        recent = _recent.lists = {}
    entry = recent.get(id(tokens))
    if entry is not None and entry[0] is tokens and entry[1] == len(tokens):
        return entry[2]
    positions: dict[str, list[int]] = {}
    for i, token in enumerate(tokens):
        positions.setdefault(token.stem, []).append(i)
    if len(recent) >= RECENT_LISTS:
        del recent[next(iter(recent))]
    recent[id(tokens)] = (tokens, len(tokens), positions)  # the reference keeps the id unique
    return positions


@lru_cache(maxsize=8192)
def _by_first_stem(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    wanted: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        wanted.setdefault(phrase[0], []).append(phrase)
    return wanted


MAX_TABLES = 4096


def _first_stem_table(phrases) -> dict[str, list[tuple[str, ...]]]:
    """_by_first_stem() without hashing the phrases: the index and lexicon pass the same tuple
    every time, and hashing hundreds of phrases per call cost more than the lookup saved. The
    entry holds the tuple, so its id cannot be reused while the entry lives."""
    tables = getattr(_recent, "tables", None)
    if tables is None:
        tables = _recent.tables = {}
    entry = tables.get(id(phrases))
    if entry is not None and entry[0] is phrases:
        return entry[1]
    phrases = tuple(phrases)
    table = _by_first_stem(phrases)
    if len(tables) >= MAX_TABLES:
        del tables[next(iter(tables))]
    tables[id(phrases)] = (phrases, table)
    return table


def find_phrases(tokens: list[Token], phrases: tuple[tuple[str, ...], ...]) -> list[tuple[tuple[str, ...], int, int]]:
    """Every occurrence of any phrase: (phrase, index of first token, index after last token),
    in the order of the text (and, at one token, of `phrases`)."""
    if not phrases:
        return []
    wanted = _first_stem_table(phrases)
    positions = _positions(tokens)
    firsts = positions.keys() & wanted.keys()  # in any order: the matches are sorted below
    found = []
    for first in firsts:
        candidates = wanted[first]
        for i in positions[first]:
            for phrase in candidates:
                n = len(phrase)
                if n == 1 or (i + n <= len(tokens) and all(tokens[i + k].stem == phrase[k] for k in range(1, n))):
                    found.append((phrase, i, i + n))
    if len(firsts) > 1:
        found.sort(key=lambda match: match[1])  # stable: one token's phrases keep their order
    return found


def occurrences(words: list[str], phrases) -> list[tuple[int, int]]:
    """Every (start, end) where one of `phrases` (tuples of words) occurs in `words`, by start
    and then in the order of `phrases`; only the phrases starting with a word are tried there."""
    phrases = tuple(phrases)
    if not phrases:
        return []
    if not all(phrases):  # an empty phrase occurs everywhere: keep the plain walk
        return [(i, i + len(p)) for i in range(len(words)) for p in phrases if tuple(words[i : i + len(p)]) == p]
    wanted = _by_first_stem(phrases)
    found = []
    n = len(words)
    for i, word in enumerate(words):
        for phrase in wanted.get(word, ()):
            length = len(phrase)
            if length == 1 or (i + length <= n and tuple(words[i : i + length]) == phrase):
                found.append((i, i + length))
    return found


def concept_tokens(stem_sequence: list[str], lexicon: Lexicon) -> set[str]:
    """The concept tokens whose phrases occur in a stem sequence."""
    found = set()
    n = len(stem_sequence)
    starts = lexicon.concept_starts
    if starts.keys().isdisjoint(stem_sequence):  # most sentences name no concept
        return found
    for i, first in enumerate(stem_sequence):
        for phrase, concept in starts.get(first, ()):
            length = len(phrase)
            if length == 1 or (i + length <= n and tuple(stem_sequence[i : i + length]) == phrase):
                found.add(concept)
    return found


def longest_matches(matches: list) -> list:
    """Drop matches inside a longer match ("mbo" inside "mbo-4-niveau")."""
    kept = []
    for match in sorted(matches, key=lambda m: (m[1], -(m[2] - m[1]))):
        if kept and match[1] < kept[-1][2]:
            continue
        kept.append(match)
    return kept
