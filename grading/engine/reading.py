"""What the engine reads in an input text: sentences with terms, and cues outside the matrix."""

import math
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from operator import itemgetter
from typing import NamedTuple

from grading.engine.anaphora import refer_back
from grading.engine.index import CatalogueIndex
from grading.engine.language import LanguageGuess, detect
from grading.engine.lexicon import Lexicon, Token, find_phrases, longest_matches, marked_between, tokenize
from grading.engine.negation import assisting_tokens, employer_kinds, organisation_names, sentence_scope
from grading.engine.principal import Served, served
from grading.engine.result import Signal
from grading.engine.role_mention import addresses_reader
from grading.engine.role_name import ANY_EMPLOYEE, DOCUMENT_WORDS, WORD, role_names
from grading.engine.structure import LEAD_IN, TITLE_LINES, Structure, read_structure
from grading.engine.terms import join_elided, join_separable, part_only_terms, terms_of, token_terms
from grading.engine.text import Sentence, fold

# A text must hold at least this much running text to be judged: a keyword list or a single
# line shows no work. Sentences of fewer words than FULL_SENTENCE do not count; a task of three
# ("digitale dossiers beheren") does.
FULL_SENTENCE = 3
MIN_FULL_SENTENCES = 2
MIN_WORDS = 25
DOCUMENT_LINE = 60  # characters: a line that only names the kind of document is short
TITLE_PLACES = TITLE_LINES + 1


class ReadSentence(NamedTuple):  # a tuple, not a dataclass: made for every sentence of every text
    sentence: Sentence
    terms: frozenset[str]
    denied: bool = False  # part of the sentence denies or hands off a task
    part_terms: frozenset[str] = frozenset()  # terms it holds only inside a compound (part_only_terms)
    assisted: frozenset[str] = frozenset()  # terms it holds only where the role helps (negation.assisting_tokens)


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
    headings: tuple[Sentence, ...] = ()  # titles and headings: context, never evidence
    language: LanguageGuess | None = None
    too_little: bool = False  # too little running text to judge among all families
    full_sentences: int = 0  # sentences of FULL_SENTENCE words or more
    full_words: int = 0  # words in those sentences
    employers: frozenset[str] = frozenset()  # kinds of organisation named as employer ("gemeente")
    role_names: tuple[tuple[str, str], ...] = ()  # (stem, word) of the person nouns the text names its role by (role_name.py)
    served: tuple[Served, ...] = ()  # whom the text's support verbs go to (principal.py)
    addressed: bool = False  # the text speaks to its reader ("je"): role_mention.addresses_reader
    cache: dict = field(default_factory=dict, compare=False, repr=False)  # derived once per reading


def read(text: str, catalogue: CatalogueIndex) -> Reading:
    all_tokens = tokenize(text)
    structure = read_structure(text)
    names = organisation_names(text, all_tokens)
    lexicon = catalogue.lexicon
    # a token's terms, read once
    each = join_elided(text, all_tokens, token_terms(all_tokens, lexicon), lexicon)
    each = refer_back(all_tokens, join_separable(text, all_tokens, each, lexicon), lexicon)
    sentences, denied_all, reporting_all, full_sentences, full_words = [], set(), set(), 0, 0
    counted: set[str] = set()
    starts = list(map(itemgetter(1), all_tokens))
    assisting = assisting_tokens(text, all_tokens)
    for sentence in structure.sentences:
        # the tokens that start inside the sentence (sentences do not overlap)
        position, end = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        denied, reporting = sentence_scope(text, all_tokens, position, end)
        denied_all |= denied
        reporting_all |= reporting
        terms = _kept_terms(all_tokens, each, position, end, denied | reporting | names, lexicon)
        assisted = _assisted_terms(each, assisting, position, end, terms) if assisting else frozenset()
        parts = part_only_terms(each[position:end]) & terms
        sentences.append(ReadSentence(sentence, frozenset(terms), bool(denied), parts, assisted))
        if end - position >= FULL_SENTENCE and sentence.text not in counted:  # a repeated sentence says nothing new
            counted.add(sentence.text)
            full_sentences += 1
            full_words += end - position
    # What a denied clause names says nothing about the role: not its domain, not its cues.
    undenied = [i for i in range(len(all_tokens)) if i not in denied_all] if denied_all else range(len(all_tokens))
    tokens = [all_tokens[i] for i in undenied] if denied_all else all_tokens
    # The text's terms for recognising a family include titles, headings and employer names.
    all_terms = frozenset(terms_of(tokens, [each[i] for i in undenied], lexicon)).union(*(s.terms for s in sentences))
    denied_spans = [(all_tokens[i].start, all_tokens[i].end) for i in denied_all]
    education, education_signal = _education(text, all_tokens, catalogue)
    # A reporting line ("naar de leidinggevende") names a manager: no cue of leading.
    left_out = denied_all | reporting_all
    cue_tokens = [t for i, t in enumerate(all_tokens) if i not in left_out] if left_out else all_tokens
    balance, cue_signals = _cues(text, cue_tokens, catalogue)
    reading = Reading(
        text=text,
        tokens=tokens,
        sentences=tuple(sentences),
        terms=all_terms,
        jurisdiction=_jurisdiction(all_tokens, catalogue),
        education=education,
        education_signal=education_signal,
        cue_balance=balance,
        cue_signals=cue_signals,
        above_signals=_undenied(
            _signals(text, cue_tokens, catalogue.lexicon.above, "above", "wijst op werk boven ondersteunend niveau"),
            denied_spans,
        ),
        headings=structure.headings,
        language=detect(text, list(map(itemgetter(3), all_tokens))),
        too_little=full_sentences < MIN_FULL_SENTENCES or full_words < MIN_WORDS,
        full_sentences=full_sentences,
        full_words=full_words,
        employers=frozenset(employer_kinds(text, all_tokens, names)),
        role_names=role_names(_titles(structure), structure.sentences),
        served=served(text, all_tokens, each, lexicon),
        addressed=addresses_reader(all_tokens),
    )
    _heading_vector(reading, all_tokens, starts, each, names, catalogue)
    return reading


def _assisted_terms(each: list, assisting: list[int], first: int, last: int, terms: set[str]) -> frozenset[str]:
    """The sentence's terms that occur only in its tokens where the role helps (`assisting`:
    sorted indices of the whole text)."""
    inside = assisting[bisect_left(assisting, first):bisect_left(assisting, last)]
    if not inside:
        return frozenset()
    helped = set().union(*(each[i] for i in inside))
    skipped = set(inside)
    own = set().union(*(each[i] for i in range(first, last) if i not in skipped))
    return frozenset((helped - own) & terms)


def _titles(structure: Structure) -> tuple[Sentence, ...]:
    """Where a title stands: the headings before the text's first sentence, up to a lead-in
    ("Gemeente Zuidhaven", "Vacature", then the role's name), then the first sentence, which may
    be a title that reads as one ("Onafhankelijk voorzitter van de …"), and the next ones while
    those before them are short lines run into the text ("Werkgever: Stad Gent. Voorzitter …")."""
    first_sentence = structure.sentences[0].start if structure.sentences else math.inf
    leading = []
    for heading in structure.headings[:TITLE_PLACES]:
        if heading.start > first_sentence or heading.text[-1] in LEAD_IN:
            break
        leading.append(heading)
    opening = list(structure.sentences[:1])
    for sentence in structure.sentences[1:TITLE_PLACES + 1]:
        if len(opening[-1].text) > DOCUMENT_LINE:
            break
        opening.append(sentence)
    return tuple(leading + opening)


def _names_no_role(text: str) -> bool:
    if len(text) > DOCUMENT_LINE:
        return False
    words = WORD.findall(fold(text))
    return bool(words) and all(word in DOCUMENT_WORDS or word in ANY_EMPLOYEE for word in words)


def _kept_terms(tokens: list[Token], each: list, first: int, last: int, left_out: set[int], lexicon: Lexicon) -> set[str]:
    """The terms of tokens first..last-1 (`each`: every token's own terms) but those left out."""
    if left_out.isdisjoint(range(first, last)):  # most sentences: slices, no loop in Python
        return terms_of(tokens[first:last], each[first:last], lexicon)
    kept = [i for i in range(first, last) if i not in left_out]
    return terms_of([tokens[i] for i in kept], [each[i] for i in kept], lexicon)


def _heading_vector(reading: Reading, tokens: list[Token], starts: list[int], each: list, names: set[int],
                    catalogue: CatalogueIndex) -> None:
    """Titles and headings are no evidence for a level, but they say what the role is: the
    text's word vector, which the family fit compares with each family, includes them (without
    employer names)."""
    if not reading.headings:
        return
    headings = []
    for heading in reading.headings:
        if _names_no_role(heading.text):  # "Functieomschrijving" says nothing of the role
            continue
        first, last = bisect_left(starts, heading.start), bisect_left(starts, heading.end)
        headings.append(ReadSentence(heading, frozenset(_kept_terms(tokens, each, first, last, names, catalogue.lexicon))))
    whole = replace(reading, sentences=reading.sentences + tuple(headings), cache={})
    reading.cache["vector"] = reading_vector(whole, catalogue)


def _undenied(signals: tuple[Signal, ...], spans: list[tuple[int, int]]) -> tuple[Signal, ...]:
    return tuple(s for s in signals if not any(start < s.end and s.start < end for start, end in spans))


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


@lru_cache(maxsize=4)
def _education_phrases(lexicon: Lexicon) -> tuple[dict, tuple[tuple[str, ...], ...]]:
    rank_of = {p: e for e in lexicon.education for p in e.phrases}
    return rank_of, tuple(rank_of)


def _education(text: str, tokens: list[Token], catalogue: CatalogueIndex) -> tuple[float | None, Signal | None]:
    rank_of, phrases = _education_phrases(catalogue.lexicon)
    matches = longest_matches(find_phrases(tokens, phrases))
    if not matches:
        return None, None
    # A diploma named where the text opens the role to others by exception ("… maar ook voor wie
    # een lager diploma heeft") is not what the role requires, when the text names another.
    required = _outside_exceptions(text, tokens, matches, catalogue.lexicon) or matches
    required = [m for m in required if _asked(text, tokens, m, catalogue.lexicon)]
    if not required:
        return None, None
    # The lowest diploma named is what the role requires ("mbo 4 of hbo" asks mbo 4).
    phrase, start, end = min(required, key=lambda m: rank_of[m[0]].rank)
    level = rank_of[phrase]
    words, begin, finish = _span(text, tokens, start, end)
    signal = Signal(kind="education", text=words, explanation=f"gevraagde opleiding: {level.label}", start=begin, end=finish)
    return level.rank, signal


EXCEPTION_REACH = 10  # words between an exception's opening and the diploma it names
REQUIREMENT_REACH = 8  # words around a school type's name that may say it is the diploma asked


def _asked(text: str, tokens: list[Token], match: tuple, lexicon: Lexicon) -> bool:
    """Whether a diploma phrase names what the role asks: always, unless it also names a school type
    or a university; then only with a word of what the role asks in its clause nearby."""
    phrase, start, end = match
    if phrase not in lexicon.ambiguous_education:
        return True
    first, last = _clause_edge(text, tokens, start, -1), _clause_edge(text, tokens, end - 1, 1)
    return any(token.stem in lexicon.requirement_stems for token in tokens[first:last + 1])


def _clause_edge(text: str, tokens: list[Token], index: int, step: int) -> int:
    """The last token from `index` in direction `step`, at most REQUIREMENT_REACH words on,
    before a clause or sentence ends."""
    for _ in range(REQUIREMENT_REACH):
        following = index + step
        if not 0 <= following < len(tokens):
            break
        before, after = (tokens[following], tokens[index]) if step < 0 else (tokens[index], tokens[following])
        if marked_between(text, before, after, ".;\n"):
            break
        index = following
    return index


def _outside_exceptions(text: str, tokens: list[Token], matches: list, lexicon: Lexicon) -> list:
    """The diploma matches that no exception clause ("ook voor wie", "ook open voor") names."""
    openings = sorted(start for _, start, _ in find_phrases(tokens, lexicon.exceptions))
    if not openings:
        return matches
    return [m for m in matches if not _in_exception(text, tokens, openings, m[1])]


def _in_exception(text: str, tokens: list[Token], openings: list[int], position: int) -> bool:
    """An exception opens within EXCEPTION_REACH words before `position`, in the same sentence;
    only the openings in that reach are looked at, so the work stays linear in the text."""
    first = bisect_left(openings, position - EXCEPTION_REACH)
    nearby = openings[first:bisect_left(openings, position)]
    return any(not _clause_break(text, tokens, opening, position) for opening in nearby)


def _clause_break(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """A sentence ends between token `first` and token `last`."""
    return marked_between(text, tokens[first], tokens[last], ".;:\n")


@lru_cache(maxsize=4)
def _cue_phrases(lexicon: Lexicon) -> tuple[tuple[tuple[str, ...], ...], tuple[frozenset, ...]]:
    """Every cue's phrases in one tuple (one walk of the text finds them all), and each cue's own."""
    every = tuple(dict.fromkeys(p for cue in lexicon.cues for p in cue.phrases))
    return every, tuple(frozenset(cue.phrases) for cue in lexicon.cues)


def _cues(text: str, tokens: list[Token], catalogue: CatalogueIndex) -> tuple[float, tuple[Signal, ...]]:
    balance, signals, seen = 0.0, [], set()
    every, own = _cue_phrases(catalogue.lexicon)
    found = find_phrases(tokens, every)
    for cue, phrases in zip(catalogue.lexicon.cues, own) if found else ():
        # the same token's phrases are one phrase: the order within a cue's matches is the text's
        for phrase, start, end in longest_matches([m for m in found if m[0] in phrases]):
            if phrase in seen:
                continue
            seen.add(phrase)
            balance += cue.direction
            words, begin, finish = _span(text, tokens, start, end)
            signals.append(Signal(kind=cue.kind, text=words, explanation=cue.explanation, start=begin, end=finish))
    return balance, tuple(signals)


def reading_vector(reading: Reading, catalogue: CatalogueIndex) -> tuple[dict[str, float], float]:
    """The text as a vector of its words (computed once per reading)."""
    cached = reading.cache.get("vector")
    if cached is None:
        counts = Counter(chain.from_iterable(sentence.terms for sentence in reading.sentences))  # counted in C
        vector = {t: n ** 0.5 * catalogue.weight(t) for t, n in counts.items()}
        cached = reading.cache["vector"] = (vector, sum(v * v for v in vector.values()) ** 0.5)
    return cached
