"""A gender-neutrality check of a role description or a family's texts (EU directive 2023/970).

Two questions, asked of the words only: which of the four factors of gender-neutral job evaluation
(skills, effort, responsibility, working conditions) a text addresses, and with which sentences;
and which gendered forms it uses, with a neutral alternative. Everything it knows comes from
`neutrality.toml` (data with a source and a comment per entry), validated when it is loaded.

It says what a text *says*, never what a job *is*: the page turns the findings into questions for
the HR adviser. Plain Python, no Django.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from grading.engine.lexicon import Token, find_phrases, occurrences, phrase_stems, tokenize
from grading.engine.structure import read_structure
from grading.engine.text import TOKEN, fold

RULES_PATH = Path(__file__).with_name("neutrality.toml")
FACTORS = ("skills", "effort", "responsibility", "working_conditions")
MIN_PART = 5  # a piece of a word shorter than this hides in unrelated words
# A word ending in -t next to "zij" reads as a singular verb ("verzorgt zij"), except these.
NOT_VERBS = frozenset("niet dat wat met het tot uit want omdat toch echt nog straks vast net eerst ooit altijd".split())


class NeutralityDataError(ValueError):
    """neutrality.toml is not as the check needs it; the message says where."""


@dataclass(frozen=True)
class Aspect:
    key: str
    label: str  # Dutch, read as "de beschrijving zegt niets over <label>"
    soft: bool = False  # easily undervalued in jobs mostly held by women (article 4)


@dataclass(frozen=True)
class Factor:
    key: str
    label: str
    aspects: tuple[Aspect, ...]
    short: str = ""  # a column heading

    def aspect(self, key: str) -> Aspect:
        return next(a for a in self.aspects if a.key == key)


@dataclass(frozen=True)
class Cue:
    factor: str
    aspect: str
    terms: tuple[tuple[str, ...], ...]  # stemmed phrases
    exact: tuple[tuple[str, ...], ...]  # folded words
    parts: tuple[str, ...]  # folded pieces of one word
    source: str


@dataclass(frozen=True)
class GenderedForm:
    forms: frozenset[str]  # folded words
    alternative: str
    compounds: bool
    compound_neutral: str
    source: str
    comment: str


@dataclass(frozen=True)
class Note:
    terms: tuple[tuple[str, ...], ...]
    alternative: str
    source: str
    comment: str


@dataclass(frozen=True)
class Pronouns:
    masculine: frozenset[str]
    feminine: frozenset[str]
    pair_partners: frozenset[str]
    singular_verbs: frozenset[str]
    masculine_alternative: str
    feminine_alternative: str
    source: str
    comment: str


@dataclass(frozen=True, eq=False)
class Rules:
    sources: dict[str, dict]  # key -> {"title", "note"}
    factors: tuple[Factor, ...]
    cues: tuple[Cue, ...]
    gendered: tuple[GenderedForm, ...]
    notes: tuple[Note, ...]
    pronouns: Pronouns

    def factor(self, key: str) -> Factor:
        return next(f for f in self.factors if f.key == key)


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


# --- loading -------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_PATH) -> Rules:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise NeutralityDataError(f"{path.name}: geen geldige TOML ({error})") from None
    return rules_from_data(data, name=path.name)


def rules_from_data(data: dict, *, name: str = RULES_PATH.name) -> Rules:
    """Validate the parsed file; a NeutralityDataError names the file and the entry."""
    return _Validator(name, data).rules()


class _Validator:
    def __init__(self, name: str, data: dict):
        self.name, self.data = name, data

    def fail(self, place: str, message: str):
        raise NeutralityDataError(f"{self.name}, {place}: {message}")

    def text(self, entry: dict, key: str, place: str) -> str:
        value = entry.get(key)
        if not isinstance(value, str) or not value.strip():
            self.fail(place, f"'{key}' ontbreekt of is leeg")
        return value.strip()

    def words(self, entry: dict, key: str, place: str, required: bool = False) -> list[str]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.fail(place, f"'{key}' is een lijst van niet-lege teksten")
        if required and not value:
            self.fail(place, f"'{key}' is leeg")
        if len(set(value)) != len(value):
            self.fail(place, f"'{key}' noemt een woord twee keer")
        return [v.strip() for v in value]

    def known(self, entry: dict, keys: set[str], place: str) -> None:
        unknown = set(entry) - keys
        if unknown:
            self.fail(place, f"onbekende sleutel(s) {', '.join(sorted(unknown))}")

    def sourced(self, entry: dict, place: str) -> str:
        """Every entry names a known source and says why it is there."""
        source = self.text(entry, "source", place)
        if source not in self.sources:
            self.fail(place, f"onbekende bron '{source}' (kies uit {', '.join(self.sources)})")
        self.text(entry, "comment", place)
        return source

    def rules(self) -> Rules:
        self.known(self.data, {"sources", "factor", "cue", "gendered", "pronouns", "note"}, "bestand")
        self.sources = self.data.get("sources") or {}
        if not isinstance(self.sources, dict) or not self.sources:
            self.fail("sources", "geen bronnen")
        for key, source in self.sources.items():
            self.known(source, {"title", "note"}, f"sources.{key}")
            self.text(source, "title", f"sources.{key}")
        factors = self._factors()
        return Rules(
            sources={k: {"title": v["title"], "note": v.get("note", "")} for k, v in self.sources.items()},
            factors=factors,
            cues=self._cues(factors),
            gendered=self._gendered(),
            notes=self._notes(),
            pronouns=self._pronouns(),
        )

    def _factors(self) -> tuple[Factor, ...]:
        factors = []
        for i, entry in enumerate(self.data.get("factor") or []):
            place = f"factor[{i}]"
            self.known(entry, {"key", "label", "short", "aspects", "source", "comment"}, place)
            self.sourced(entry, place)
            key = self.text(entry, "key", place)
            aspects = []
            for j, aspect in enumerate(entry.get("aspects") or []):
                self.known(aspect, {"key", "label", "soft"}, f"{place}.aspects[{j}]")
                aspects.append(
                    Aspect(self.text(aspect, "key", place), self.text(aspect, "label", place), bool(aspect.get("soft")))
                )
            if len({a.key for a in aspects}) != len(aspects) or not aspects:
                self.fail(place, "aspecten ontbreken of een aspect staat er twee keer in")
            factors.append(Factor(key, self.text(entry, "label", place), tuple(aspects), self.text(entry, "short", place)))
        if tuple(f.key for f in factors) != FACTORS:
            self.fail("factor", f"de factoren zijn precies {', '.join(FACTORS)}, in die volgorde")
        return tuple(factors)

    def _cues(self, factors: tuple[Factor, ...]) -> tuple[Cue, ...]:
        aspects = {(f.key, a.key) for f in factors for a in f.aspects}
        cues, seen = [], set()
        for i, entry in enumerate(self.data.get("cue") or []):
            place = f"cue[{i}]"
            self.known(entry, {"factor", "aspect", "terms", "exact", "parts", "source", "comment"}, place)
            source = self.sourced(entry, place)
            factor, aspect = self.text(entry, "factor", place), self.text(entry, "aspect", place)
            if (factor, aspect) not in aspects:
                self.fail(place, f"onbekend aspect '{aspect}' van factor '{factor}'")
            terms = tuple(phrase_stems(t) for t in self.words(entry, "terms", place))
            exact = tuple(tuple(TOKEN.findall(fold(t))) for t in self.words(entry, "exact", place))
            parts = tuple(fold(p) for p in self.words(entry, "parts", place))
            if not (terms or exact or parts):
                self.fail(place, "een signaal heeft 'terms', 'exact' of 'parts' nodig")
            if not all(terms) or not all(exact):
                self.fail(place, "een woord bevat geen letters")
            short = [p for p in parts if len(p) < MIN_PART or not p.isalpha()]
            if short:
                self.fail(place, f"'parts' zijn stukken van minstens {MIN_PART} letters: {', '.join(short)}")
            if (factor, aspect) in seen:
                self.fail(place, f"factor '{factor}', aspect '{aspect}' heeft al een signaal; voeg de woorden daar toe")
            seen.add((factor, aspect))
            cues.append(Cue(factor, aspect, terms, exact, parts, source))
        if {c.factor for c in cues} != set(FACTORS):
            self.fail("cue", "elke factor heeft minstens één signaal nodig")
        return tuple(cues)

    def _gendered(self) -> tuple[GenderedForm, ...]:
        entries, seen = [], set()
        for i, entry in enumerate(self.data.get("gendered") or []):
            place = f"gendered[{i}]"
            self.known(entry, {"forms", "alternative", "compounds", "compound_neutral", "source", "comment"}, place)
            source = self.sourced(entry, place)
            forms = {fold(f) for f in self.words(entry, "forms", place, required=True)}
            if any(not TOKEN.fullmatch(f) for f in forms):
                self.fail(place, "een vorm is één woord, zonder spaties of tekens")
            if forms & seen:
                self.fail(place, f"'{', '.join(sorted(forms & seen))}' staat al bij een andere regel")
            seen |= forms
            compounds = bool(entry.get("compounds"))
            if compounds and not entry.get("compound_neutral"):
                self.fail(place, "'compounds = true' vraagt een 'compound_neutral'")
            entries.append(
                GenderedForm(
                    frozenset(forms), self.text(entry, "alternative", place), compounds,
                    fold(entry.get("compound_neutral", "")), source, self.text(entry, "comment", place),
                )
            )
        if not entries:
            self.fail("gendered", "geen woorden")
        return tuple(entries)

    def _notes(self) -> tuple[Note, ...]:
        notes = []
        for i, entry in enumerate(self.data.get("note") or []):
            place = f"note[{i}]"
            self.known(entry, {"terms", "alternative", "source", "comment"}, place)
            source = self.sourced(entry, place)
            terms = tuple(phrase_stems(t) for t in self.words(entry, "terms", place, required=True))
            notes.append(Note(terms, self.text(entry, "alternative", place), source, self.text(entry, "comment", place)))
        return tuple(notes)

    def _pronouns(self) -> Pronouns:
        entry = self.data.get("pronouns")
        if not isinstance(entry, dict):
            self.fail("pronouns", "ontbreekt")
        keys = {"masculine", "feminine", "pair_partners", "singular_verbs", "masculine_alternative",
                "feminine_alternative", "source", "comment"}
        self.known(entry, keys, "pronouns")
        source = self.sourced(entry, "pronouns")

        def folded(key):
            return frozenset(fold(w) for w in self.words(entry, key, "pronouns", required=True))

        return Pronouns(
            folded("masculine"), folded("feminine"), folded("pair_partners"), folded("singular_verbs"),
            self.text(entry, "masculine_alternative", "pronouns"), self.text(entry, "feminine_alternative", "pronouns"),
            source, self.text(entry, "comment", "pronouns"),
        )


# --- checking a text -------------------------------------------------------------------------


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
        for factor, aspects, words in _sentence_factors(tokens[position:end], text, rules):
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


def _sentence_factors(tokens: list[Token], text: str, rules: Rules):
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


# --- comparing with a family -----------------------------------------------------------------


@dataclass(frozen=True)
class CriterionFactors:
    """A criterion of a family as the check needs it: the factors it values (from the family
    file) and its texts (all levels' elements)."""

    name: str
    factors: tuple[str, ...]
    texts: tuple[str, ...] = ()


@dataclass(frozen=True)
class FamilyValue:
    """Where a family's matrix values one aspect: the criterion and an element that shows it."""

    criterion: str
    element: str


@dataclass(frozen=True)
class Question:
    """A question for the HR adviser (Dutch), never a verdict."""

    factor: str
    aspect: str  # "" for the whole factor
    text: str
    soft: bool = False


@dataclass(frozen=True)
class FactorRow:
    factor: Factor
    sentences: tuple[FactorSentence, ...]  # the description's
    aspects: tuple[Aspect, ...]  # aspects the description shows
    criteria: tuple[str, ...]  # names of the family's criteria that value the factor
    family_aspects: tuple[tuple[Aspect, FamilyValue], ...]  # aspects the family's texts show there


@dataclass(frozen=True)
class Comparison:
    rows: tuple[FactorRow, ...]
    questions: tuple[Question, ...]
    mapped: bool  # the family's criteria carry factors at all


def family_values(criteria: list[CriterionFactors], rules: Rules | None = None) -> dict[str, dict[str, FamilyValue]]:
    """Per factor, per aspect: the first criterion (mapped to that factor) whose texts show it."""
    rules = rules or load_rules()
    values: dict[str, dict[str, FamilyValue]] = {key: {} for key in FACTORS}
    for criterion in criteria:
        for text in (*criterion.texts, criterion.name):  # an element says more than the row's name
            tokens = tokenize(text)
            for factor, aspects, _ in _sentence_factors(tokens, text, rules):
                if factor not in criterion.factors:
                    continue
                for aspect in aspects:
                    values[factor].setdefault(aspect, FamilyValue(criterion.name, text))
    return values


@lru_cache(maxsize=256)
def _default_family_values(criteria: tuple[CriterionFactors, ...]) -> dict[str, dict[str, FamilyValue]]:
    """A family's values depend only on its criteria: read its texts once, not per result page.
    The caller must not change the returned dicts."""
    return family_values(list(criteria))


def compare(check: TextCheck, criteria: list[CriterionFactors], rules: Rules | None = None) -> Comparison:
    """The description's factors beside what the family values, and the questions that follow."""
    rules = rules or load_rules()
    values = _default_family_values(tuple(criteria)) if rules is load_rules() else family_values(criteria, rules)
    mapped = any(c.factors for c in criteria)
    rows, questions = [], []
    for factor in rules.factors:
        sentences = check.factors[factor.key]
        shown = check.aspects(factor.key)
        valuing = tuple(c.name for c in criteria if factor.key in c.factors)
        family_aspects = tuple((a, values[factor.key][a.key]) for a in factor.aspects if a.key in values[factor.key])
        rows.append(FactorRow(factor, sentences, tuple(a for a in factor.aspects if a.key in shown), valuing, family_aspects))
        if not mapped:
            continue
        names = _names(valuing)
        if not sentences and valuing:
            questions.append(Question(factor.key, "", f"De beschrijving zegt niets over {factor.label}; de familie waardeert die wel, in {names}. Komt dit in de functie voor?"))
        elif sentences and not valuing:
            questions.append(Question(factor.key, "", f"De beschrijving noemt {factor.label} („{_short(sentences[0].text)}”); geen criterium van deze familie waardeert die. Weegt dit ergens anders mee?"))
        elif not sentences and not valuing:
            questions.append(Question(factor.key, "", f"Beschrijving en familie zeggen allebei niets over {factor.label}. Is dat voor deze functie zo bedoeld?"))
        for aspect, value in family_aspects:
            if aspect.key != "general" and aspect.key not in shown and sentences:
                questions.append(Question(factor.key, aspect.key, f"De beschrijving zegt niets over {aspect.label}; de familie waardeert die wel ({value.criterion}: „{_short(value.element)}”). Hoort dit bij de functie?", aspect.soft))
        family_keys = {a.key for a, _ in family_aspects}
        for aspect in factor.aspects:
            if aspect.soft and aspect.key in shown and aspect.key not in family_keys:
                example = next(s for s in sentences if aspect.key in s.aspects)
                questions.append(Question(factor.key, aspect.key, f"De beschrijving noemt {aspect.label} („{_short(example.text)}”); de matrix van de familie noemt dat bij geen criterium. Wordt het dan niet ondergewaardeerd?", True))
    return Comparison(tuple(rows), tuple(questions), mapped)


def _names(names: tuple[str, ...]) -> str:
    quoted = [f"„{n}”" for n in names]
    if not quoted:
        return ""
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " en " + quoted[-1]


def _short(text: str, limit: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- a family's own texts --------------------------------------------------------------------


@dataclass(frozen=True)
class PlacedGendered:
    place: str  # where in the family ("Achtergrond: Leesbaarheid", "Niveau C, Contacten")
    finding: Gendered


@dataclass(frozen=True)
class FamilySummary:
    gendered: tuple[PlacedGendered, ...]
    rows: tuple[FactorRow, ...]  # per factor: the criteria that value it and the aspects their texts show
    unvalued: tuple[Factor, ...]  # factors no criterion values
    soft_in_texts_only: tuple[tuple[Aspect, str], ...]  # soft aspects the family's texts name outside any criterion valuing them
    mapped: bool


def family_summary(
    texts: list[tuple[str, str]], criteria: list[CriterionFactors], rules: Rules | None = None
) -> FamilySummary:
    """The check on a family's own texts: `texts` are (place, text) for every text of the family."""
    rules = rules or load_rules()
    gendered, seen_in_family = [], {}
    for place, text in texts:
        check = check_text(text, rules)
        for finding in check.gendered:
            gendered.append(PlacedGendered(place, finding))
        for factor in FACTORS:
            for aspect in check.aspects(factor):
                seen_in_family.setdefault((factor, aspect), place)
    comparison = compare(TextCheck({k: () for k in FACTORS}, ()), criteria, rules)
    mapped = any(c.factors for c in criteria)
    unvalued = tuple(row.factor for row in comparison.rows if not row.criteria) if mapped else ()
    soft = []
    for row in comparison.rows:
        valued = {a.key for a, _ in row.family_aspects}
        for aspect in row.factor.aspects:
            place = seen_in_family.get((row.factor.key, aspect.key))
            if aspect.soft and place and aspect.key not in valued:
                soft.append((aspect, place))
    # Pronouns are judged per text: "hij" alone in one text stays a finding there, whatever
    # another text of the family writes.
    return FamilySummary(tuple(gendered), comparison.rows, unvalued, tuple(soft), mapped)


__all__ = [
    "FACTORS",
    "Comparison",
    "CriterionFactors",
    "FactorSentence",
    "FamilySummary",
    "Gendered",
    "NeutralityDataError",
    "Question",
    "Rules",
    "TextCheck",
    "check_text",
    "compare",
    "family_summary",
    "load_rules",
]
