"""Checking one text: which of the four factors it addresses, per sentence and with the words
that show it, and which gendered forms it uses (titles, pronouns, a source's own note)."""

from dataclasses import dataclass

from grading.engine.lexicon import Token, find_phrases, occurrences, tokenize
from grading.engine.structure import read_structure
from grading.neutrality.rules import FACTORS, GenderedForm, Pronouns, Rules, load_rules

# A word ending in -t next to "zij" reads as a singular verb ("verzorgt zij"), except these.
NOT_VERBS = frozenset("niet dat wat met het tot uit want omdat toch echt nog straks vast net eerst ooit altijd".split())


@dataclass(frozen=True)
class FactorSentence:
    """A sentence of the text that addresses a factor, with the aspects and words that show it."""

    text: str
    start: int
    end: int
    aspects: tuple[str, ...]
    words: tuple[str, ...]  # the words of the text that matched a cue


@dataclass(frozen=True)
class Gendered:
    text: str  # the form as the text writes it (for a note: the note's sentence)
    alternative: str
    kind: str  # "title" | "pronoun" | "note"
    comment: str
    source: str
    start: int
    end: int
    count: int = 1  # how often the text uses it


@dataclass(frozen=True)
class TextCheck:
    factors: dict[str, tuple[FactorSentence, ...]]  # every factor, () when no sentence addresses it
    gendered: tuple[Gendered, ...]

    def aspects(self, factor: str) -> set[str]:
        return {a for sentence in self.factors[factor] for a in sentence.aspects}

    def as_dict(self) -> dict:
        """The `neutrality` of a `grade --jsonl` line (DESIGN.md)."""
        return {
            "factors": {key: [s.text for s in self.factors[key]] for key in FACTORS},
            "gendered": [
                {"text": g.text, "alternative": g.alternative, "kind": g.kind, "count": g.count} for g in self.gendered
            ],
        }


def check_text(text: str, rules: Rules | None = None) -> TextCheck:
    """Which factors the text addresses (per sentence) and which gendered forms it uses."""
    rules = rules or load_rules()
    tokens = tokenize(text)
    found: dict[str, list[FactorSentence]] = {key: [] for key in FACTORS}
    position = 0
    for sentence in read_structure(text).sentences:
        while position < len(tokens) and tokens[position].start < sentence.start:
            position += 1
        end = position
        while end < len(tokens) and tokens[end].start < sentence.end:
            end += 1
        for factor, aspects, words in sentence_factors(tokens[position:end], text, rules):
            found[factor].append(FactorSentence(sentence.text, sentence.start, sentence.end, aspects, words))
        position = end
    return TextCheck(
        factors={key: tuple(found[key]) for key in FACTORS},
        gendered=tuple(_notes(text, tokens, rules) + _titles(text, tokens, rules) + _pronouns(text, tokens, rules)),
    )


@dataclass(frozen=True)
class _CueIndex:
    """Every cue's phrases in one place, so a sentence is searched once, not once per cue."""

    terms: tuple[tuple[str, ...], ...]
    term_cues: dict[tuple[str, ...], tuple[int, ...]]
    exact: tuple[tuple[str, ...], ...]
    exact_cues: dict[tuple[str, ...], tuple[int, ...]]
    parts: tuple[tuple[str, int], ...]  # (piece of a word, cue number)


_cue_indexes: dict[int, tuple[Rules, _CueIndex]] = {}


def _cue_index(rules: Rules) -> _CueIndex:
    entry = _cue_indexes.get(id(rules))
    if entry is None or entry[0] is not rules:
        term_cues: dict[tuple[str, ...], list[int]] = {}
        exact_cues: dict[tuple[str, ...], list[int]] = {}
        for number, cue in enumerate(rules.cues):
            for phrase in cue.terms:
                term_cues.setdefault(phrase, []).append(number)
            for phrase in cue.exact:
                exact_cues.setdefault(phrase, []).append(number)
        index = _CueIndex(
            tuple(term_cues), {k: tuple(v) for k, v in term_cues.items()},
            tuple(exact_cues), {k: tuple(v) for k, v in exact_cues.items()},
            tuple((part, number) for number, cue in enumerate(rules.cues) for part in cue.parts),
        )
        entry = _cue_indexes[id(rules)] = (rules, index)
    return entry[1]


def sentence_factors(tokens: list[Token], text: str, rules: Rules):
    """Per factor the aspects this sentence shows and the words that show them."""
    if not tokens:
        return []
    index = _cue_index(rules)
    folded_words = [t.word for t in tokens]
    spans_of: dict[int, set[tuple[int, int]]] = {}
    for phrase, start, end in find_phrases(tokens, index.terms):
        for number in index.term_cues[phrase]:
            spans_of.setdefault(number, set()).add((start, end))
    for start, end in occurrences(folded_words, index.exact):
        for number in index.exact_cues[tuple(folded_words[start:end])]:
            spans_of.setdefault(number, set()).add((start, end))
    for i, word in enumerate(folded_words):
        for part, number in index.parts:
            if part in word:
                spans_of.setdefault(number, set()).add((i, i + 1))
    by_factor: dict[str, tuple[list[str], list[str]]] = {}
    for number, cue in enumerate(rules.cues):  # in the rules' order, as people read them
        spans = spans_of.get(number)
        if not spans:
            continue
        aspects, words = by_factor.setdefault(cue.factor, ([], []))
        if cue.aspect not in aspects:
            aspects.append(cue.aspect)
        for start, end in sorted(spans):
            phrase = text[tokens[start].start : tokens[end - 1].end]
            if phrase.lower() not in (w.lower() for w in words):
                words.append(phrase)
    return [(factor, tuple(a), tuple(w)) for factor, (a, w) in by_factor.items()]


def _notes(text: str, tokens: list[Token], rules: Rules) -> list[Gendered]:
    """A source's own "de mannelijke vorm wordt gebruikt": the whole sentence, shown as such."""
    found = []
    for note in rules.notes:
        for _, start, _ in find_phrases(tokens, note.terms):
            sentence = _sentence_around(text, tokens[start].start)
            if not any(g.start == sentence[1] for g in found):
                found.append(Gendered(sentence[0], note.alternative, "note", note.comment, note.source, *sentence[1:]))
    return found


def _sentence_around(text: str, offset: int) -> tuple[str, int, int]:
    for sentence in read_structure(text).sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.text, sentence.start, sentence.end
    return text[offset : offset + 80], offset, min(len(text), offset + 80)


def _titles(text: str, tokens: list[Token], rules: Rules) -> list[Gendered]:
    found: dict[str, Gendered] = {}
    for token in tokens:
        match = _title_match(token.word, rules)
        if match is None:
            continue
        entry, alternative = match
        written = text[token.start : token.end]
        key = token.word
        if key in found:
            previous = found[key]
            found[key] = Gendered(previous.text, previous.alternative, "title", previous.comment, previous.source,
                                  previous.start, previous.end, previous.count + 1)
        else:
            found[key] = Gendered(written, alternative, "title", entry.comment, entry.source, token.start, token.end)
    return list(found.values())


def _title_match(word: str, rules: Rules) -> tuple[GenderedForm, str] | None:
    for entry in rules.gendered:
        if word in entry.forms:
            return entry, entry.alternative
    for entry in rules.gendered:
        if not entry.compounds:
            continue
        for form in entry.forms:
            if word.endswith(form) and len(word) >= len(form) + 3:
                prefix = word[: -len(form)]
                return entry, f"{prefix}{entry.compound_neutral} ({entry.alternative})"
    return None


def _pronouns(text: str, tokens: list[Token], rules: Rules) -> list[Gendered]:
    """Only "hij" or only (singular) "zij" for the jobholder. A text that pairs them ("hij of zij",
    "hij/zij", "zijn/haar") or uses both is neutral enough: nothing is flagged."""
    p = rules.pronouns
    words = [t.word for t in tokens]
    masculine, feminine, paired = [], [], False
    for i, word in enumerate(words):
        if word not in p.masculine and word not in p.feminine:
            continue
        if _paired(words, i, p):
            paired = True
            continue
        if word in p.masculine:
            masculine.append(i)
        elif _singular(words, i, p):
            feminine.append(i)
    if paired or (masculine and feminine):
        return []
    found = []
    for indices, alternative in ((masculine, p.masculine_alternative), (feminine, p.feminine_alternative)):
        by_form: dict[str, list[int]] = {}
        for i in indices:
            by_form.setdefault(words[i], []).append(i)
        for form, places in by_form.items():
            first = tokens[places[0]]
            found.append(Gendered(text[first.start : first.end], alternative, "pronoun", p.comment, p.source,
                                  first.start, first.end, len(places)))
    return found


def _paired(words: list[str], i: int, p: Pronouns) -> bool:
    """"hij/zij", "hij of zij", "zij en hij", "zijn/haar": a pronoun with its counterpart next to it."""
    own_masculine = words[i] in p.masculine or words[i] == "zijn"
    for j in (i - 2, i - 1, i + 1, i + 2):
        if 0 <= j < len(words) and words[j] in p.pair_partners and words[j] != words[i]:
            between = words[min(i, j) + 1 : max(i, j)]
            if all(w in ("of", "en") for w in between):
                other_masculine = words[j] in p.masculine or words[j] == "zijn"
                if own_masculine != other_masculine:
                    return True
    return False


def _singular(words: list[str], i: int, p: Pronouns) -> bool:
    """"zij is", "zij verzorgt", "verzorgt zij": "zij" as one person, not as "they"."""
    for j in (i - 1, i + 1):
        if 0 <= j < len(words):
            word = words[j]
            if word in p.singular_verbs:
                return True
            if word.endswith("t") and not word.endswith("en") and len(word) > 3 and word not in NOT_VERBS:
                return True
    return False

