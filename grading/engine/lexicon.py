"""The lexicon (lexicon.toml) as stemmed phrases, and finding those phrases in a text."""

import tomllib
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from grading.engine.text import fold, stem, TOKEN

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


@dataclass(frozen=True)
class Lexicon:
    concepts: dict[tuple[str, ...], str]  # phrase -> concept token
    jurisdictions: dict[str, tuple[tuple[str, ...], ...]]
    concept_names: frozenset[str]  # a family's recognition term that names a concept means the concept
    education: tuple[EducationLevel, ...]
    cues: tuple[Cue, ...]
    above: tuple[tuple[str, ...], ...]
    longest_phrase: int


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
    all_phrases = list(concepts)
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
        above=_phrases(data["above"]["terms"], set()),
        longest_phrase=0,
    )
    all_phrases += [p for group in lexicon.jurisdictions.values() for p in group]
    all_phrases += [p for e in lexicon.education for p in e.phrases]
    all_phrases += [p for c in lexicon.cues for p in c.phrases] + list(lexicon.above)
    return replace(lexicon, longest_phrase=max(len(p) for p in all_phrases))


@dataclass(frozen=True)
class Token:
    stem: str
    start: int  # character offsets in the original text
    end: int
    word: str = ""  # the folded word, for splitting compounds before stemming


def tokenize(text: str) -> list[Token]:
    """Stems with offsets; folding keeps the length of ASCII text, so offsets stay valid."""
    folded = fold(text)
    if len(folded) != len(text):  # a character decomposed into several: map per character
        folded = "".join(fold(c)[:1] or " " for c in text)
    return [Token(stem(m.group()), m.start(), m.end(), m.group()) for m in TOKEN.finditer(folded)]


@lru_cache(maxsize=8192)
def _by_first_stem(phrases: tuple[tuple[str, ...], ...]) -> dict[str, list[tuple[str, ...]]]:
    wanted: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        wanted.setdefault(phrase[0], []).append(phrase)
    return wanted


def find_phrases(tokens: list[Token], phrases: tuple[tuple[str, ...], ...]) -> list[tuple[tuple[str, ...], int, int]]:
    """Every occurrence of any phrase: (phrase, index of first token, index after last token)."""
    wanted = _by_first_stem(tuple(phrases))
    if not wanted:
        return []
    stems_seq = [t.stem for t in tokens]
    found = []
    for i, token_stem in enumerate(stems_seq):
        for phrase in wanted.get(token_stem, ()):
            if tuple(stems_seq[i : i + len(phrase)]) == phrase:
                found.append((phrase, i, i + len(phrase)))
    return found


def concept_tokens(stem_sequence: list[str], lexicon: Lexicon) -> set[str]:
    """The concept tokens whose phrases occur in a stem sequence."""
    found = set()
    n = len(stem_sequence)
    for i in range(n):
        for length in range(1, min(lexicon.longest_phrase, n - i) + 1):
            concept = lexicon.concepts.get(tuple(stem_sequence[i : i + length]))
            if concept:
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
