"""What the engine reads in an input text: sentences with terms, and cues outside the matrix."""

from dataclasses import dataclass, field

from grading.engine.index import CatalogueIndex
from grading.engine.lexicon import Token, find_phrases, longest_matches, tokenize
from grading.engine.result import Signal
from grading.engine.text import Sentence, split_sentences


@dataclass(frozen=True)
class ReadSentence:
    sentence: Sentence
    terms: frozenset[str]


@dataclass(frozen=True)
class Reading:
    text: str
    tokens: list[Token]
    sentences: tuple[ReadSentence, ...]
    terms: frozenset[str]
    jurisdiction: str | None  # "België" / "Nederland" when the cues clearly say so
    education: float | None  # the lowest education rank the text asks for
    education_signal: Signal | None
    cue_balance: float  # below 0: simpler, more guided work; above 0: more complex, autonomous
    cue_signals: tuple[Signal, ...]
    above_signals: tuple[Signal, ...]
    cache: dict = field(default_factory=dict, compare=False, repr=False)  # derived once per reading


def read(text: str, catalogue: CatalogueIndex) -> Reading:
    tokens = tokenize(text)
    sentences = []
    position = 0  # sentences and tokens both run left to right: one sweep
    for sentence in split_sentences(text):
        while position < len(tokens) and tokens[position].start < sentence.start:
            position += 1
        end = position
        while end < len(tokens) and tokens[end].start < sentence.end:
            end += 1
        sentences.append(ReadSentence(sentence, frozenset(catalogue.terms(tokens[position:end]))))
        position = end
    all_terms = frozenset().union(*(s.terms for s in sentences)) if sentences else frozenset()
    education, education_signal = _education(text, tokens, catalogue)
    balance, cue_signals = _cues(text, tokens, catalogue)
    return Reading(
        text=text,
        tokens=tokens,
        sentences=tuple(sentences),
        terms=all_terms,
        jurisdiction=_jurisdiction(tokens, catalogue),
        education=education,
        education_signal=education_signal,
        cue_balance=balance,
        cue_signals=cue_signals,
        above_signals=_signals(text, tokens, catalogue.lexicon.above, "above", "wijst op werk boven ondersteunend niveau"),
    )


def _span(text: str, tokens: list[Token], start: int, end: int) -> tuple[str, int, int]:
    begin, finish = tokens[start].start, tokens[end - 1].end
    return text[begin:finish], begin, finish


def _signals(text, tokens, phrases, kind, explanation) -> tuple[Signal, ...]:
    signals, seen = [], set()
    for phrase, start, end in longest_matches(find_phrases(tokens, phrases)):
        words, begin, finish = _span(text, tokens, start, end)
        if phrase not in seen:
            seen.add(phrase)
            signals.append(Signal(kind=kind, text=words, explanation=explanation, start=begin, end=finish))
    return tuple(signals)


def _jurisdiction(tokens: list[Token], catalogue: CatalogueIndex) -> str | None:
    scores = {
        name: len({phrase for phrase, _, _ in find_phrases(tokens, phrases)})
        for name, phrases in catalogue.lexicon.jurisdictions.items()
    }
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] == 0:
        return None
    if len(ranked) > 1 and ranked[0][1] < ranked[1][1] + 1:
        return None
    return ranked[0][0]


def _education(text: str, tokens: list[Token], catalogue: CatalogueIndex) -> tuple[float | None, Signal | None]:
    levels = catalogue.lexicon.education
    rank_of = {p: e for e in levels for p in e.phrases}
    matches = longest_matches(find_phrases(tokens, tuple(rank_of)))
    if not matches:
        return None, None
    # The lowest diploma named is what the role requires ("mbo 4 of hbo" asks mbo 4).
    phrase, start, end = min(matches, key=lambda m: rank_of[m[0]].rank)
    level = rank_of[phrase]
    words, begin, finish = _span(text, tokens, start, end)
    signal = Signal(kind="education", text=words, explanation=f"gevraagde opleiding: {level.label}", start=begin, end=finish)
    return level.rank, signal


def _cues(text: str, tokens: list[Token], catalogue: CatalogueIndex) -> tuple[float, tuple[Signal, ...]]:
    balance, signals, seen = 0.0, [], set()
    for cue in catalogue.lexicon.cues:
        for phrase, start, end in longest_matches(find_phrases(tokens, cue.phrases)):
            if phrase in seen:
                continue
            seen.add(phrase)
            balance += cue.direction
            words, begin, finish = _span(text, tokens, start, end)
            signals.append(Signal(kind=cue.kind, text=words, explanation=cue.explanation, start=begin, end=finish))
    return balance, tuple(signals)
