"""A fixed background of Dutch: how common each stem is, whatever families are loaded.

How much a word counts and how a compound is split must not depend on the catalogue: loading
one organisation's families may not change the grade of a role in another family. The weights
and the vocabulary for splitting compounds therefore come from general Dutch word frequencies
(the `wordfreq` package, Dutch "large" list), stemmed with the engine's own stemmer and shipped
as `background_nl.tsv.gz` so no process pays the stemming at start-up.

The stemmer reads a second table built here, `verb_forms_nl.tsv.gz` (text.verb_forms). Rebuild
both after a change to the stemmer (tests/engine/test_background.py notices):

    python -m grading.engine.background
"""

import gzip
import math
from functools import lru_cache
from pathlib import Path

from grading.engine.text import PARTICLES, VERB_FORMS_PATH, clear_caches, fold, stem

BACKGROUND_PATH = Path(__file__).with_name("background_nl.tsv.gz")
MIN_ZIPF = 2.0  # words rarer than this are left out: they all weigh the most
UNKNOWN_ZIPF = 1.0  # a stem the background does not know (a rare word, a jargon abbreviation)
TOP_ZIPF = 7.0
MIN_WEIGHT = 0.5
COMPOUND_PART_ZIPF = 2.5  # a compound is only split into words that are common enough


def build_table() -> dict[str, float]:
    """stem -> Zipf frequency of all words with that stem (log10 of occurrences per 10^9 words)."""
    import wordfreq  # only needed to rebuild the shipped table

    totals: dict[str, float] = {}
    for word, frequency in wordfreq.get_frequency_dict("nl", wordlist="large").items():
        if not word.isalnum() or math.log10(frequency * 1e9) < MIN_ZIPF:
            continue
        key = stem(fold(word))
        totals[key] = totals.get(key, 0.0) + frequency
    return {key: round(math.log10(value * 1e9), 2) for key, value in totals.items()}


VOWELS = "aeiou"
VERB_FORM_ZIPF = 2.0  # the present-tense form must be a word of general Dutch
INFINITIVE_ZIPF = 2.5  # and its infinitive a common one
NOUN_MARGIN = 1.0  # a form far more common than its "infinitive" is a noun ("markt", "marken")


def build_verb_forms() -> dict[str, str]:
    """verb form -> the form dutch_porter joins to its verb: a word in a consonant and -t whose
    stem plus -en, with its consonant doubled ("overlegt", "overleggen") or its vowel undoubled
    ("bewaart", "bewaren"), is a common word (the infinitive); a participle inflected with -e
    ("vastgestelde") whose participle is a common word."""
    import wordfreq  # only needed to rebuild the shipped table

    frequencies = wordfreq.get_frequency_dict("nl", wordlist="large")

    def zipf_of(word: str) -> float:
        frequency = frequencies.get(word)
        return math.log10(frequency * 1e9) if frequency else 0.0

    forms = {}
    for word in frequencies:
        if not word.isalpha() or len(word) < 5 or zipf_of(word) < VERB_FORM_ZIPF:
            continue
        if word[-1] == "t" and word[-2] not in VOWELS + "t":
            bar = max(INFINITIVE_ZIPF, zipf_of(word) - NOUN_MARGIN)
            found = [i for i in _infinitives(word[:-1]) if zipf_of(i) >= bar]
            if found:
                forms[word] = found[0]
        elif word.endswith(("de", "te")) and _participle(word[:-1]) and zipf_of(word[:-1]) >= VERB_FORM_ZIPF:
            forms[word] = word[:-1]  # "vastgestelde" -> "vastgesteld"; "gemeente" has no "gemeent"
    return forms


def _participle(word: str) -> bool:
    return word[-1] in "dt" and (word.startswith("ge") or any(word.startswith(p + "ge") for p in PARTICLES))


VOICED = {"s": "z", "f": "v"}  # "wijst" -> "wijzen", "blijft" -> "blijven"


def _infinitives(root: str) -> list[str]:
    roots = [root]
    if root[-2] == root[-3] and root[-2] in VOWELS:
        roots.append(root[:-3] + root[-2] + root[-1])  # "bewaar" -> "bewar", "geef" -> "gef"
    if root[-1] in VOICED:
        roots += [r[:-1] + VOICED[root[-1]] for r in roots]
    return [r + "en" for r in roots] + [root + root[-1] + "en"]


def write_verb_forms(path: Path = VERB_FORMS_PATH) -> int:
    forms = build_verb_forms()
    lines = "".join(f"{form}\t{infinitive}\n" for form, infinitive in sorted(forms.items()))
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(lines)
    clear_caches()  # the table just written changes stems
    return len(forms)


def write_table(path: Path = BACKGROUND_PATH) -> int:
    table = build_table()
    lines = "".join(f"{key}\t{value}\n" for key, value in sorted(table.items()))
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write(lines)
    return len(table)


@lru_cache(maxsize=1)
def background() -> dict[str, float]:
    """The shipped table, read once per process."""
    with gzip.open(BACKGROUND_PATH, "rt", encoding="utf-8") as handle:
        return {key: float(value) for key, value in (line.rstrip("\n").split("\t") for line in handle)}


def zipf(term: str) -> float:
    return background().get(term, UNKNOWN_ZIPF)


def term_weight(term: str) -> float:
    """How much a stem says: a rare word much, a word every text uses little."""
    return max(MIN_WEIGHT, TOP_ZIPF - zipf(term))


@lru_cache(maxsize=1)
def compound_vocabulary() -> frozenset[str]:
    """Stems common enough in Dutch to count as a part of a compound."""
    return frozenset(key for key, value in background().items() if value >= COMPOUND_PART_ZIPF and len(key) >= 3)


if __name__ == "__main__":
    print(f"{write_verb_forms()} verb forms written to {VERB_FORMS_PATH}")
    print(f"{write_table()} stems written to {BACKGROUND_PATH}")
