"""The data of the gender-neutrality check: `neutrality.toml` beside this module, loaded into
frozen dataclasses and validated on the way in. Every entry names a source and says why it is
there; a NeutralityDataError names the file and the entry that is wrong.
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from grading.engine.lexicon import phrase_stems
from grading.engine.text import TOKEN, fold

RULES_PATH = Path(__file__).with_name("neutrality.toml")
FACTORS = ("skills", "effort", "responsibility", "working_conditions")
MIN_PART = 5  # a piece of a word shorter than this hides in unrelated words


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

