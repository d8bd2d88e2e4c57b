"""Reading Dutch: normalise, split sentences with offsets, tokenise, stem and split compounds."""

import gzip
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import snowballstemmer

_local = threading.local()  # a snowball stemmer keeps state while it stems: one per thread


def _stemmer():
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("dutch_porter")
    return stemmer

# Present-tense endings ("adviseert", "zorgt", "houdt") that dutch_porter leaves alone, so the
# verb in a vacancy ("coördineert") and the source's noun or infinitive forms meet.
VERB_T_ENDINGS = (
    "eert", "eunt", "ordt", "orgt", "oekt", "aakt", "eidt", "ijft", "ijdt", "oudt", "ouwt",
    "aagt", "ikt", "elt", "ekt", "ebt", "eeft", "aalt", "oert", "eelt",
    "igt", "uurt", "ijkt", "uikt", "oopt", "ookt",
)
# The plural of a loanword in -e ("procedures", "situaties", "methodes"), which dutch_porter
# leaves whole while it stems the singular: long words only ("adres" and "proces" are singular).
PLURAL_OF_E = re.compile(r"^\w{5,}[bdfgklmnprtvz]es$|^\w{2,}[st]ies$")
DOUBLE_VOWEL = re.compile(r"([aeou])\1")
TOKEN = re.compile(r"[a-z0-9]+")
SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+|\n\s*\n|\n\s*[-•*o·]\s+|\s+[•·]\s+")
MIN_COMPOUND_PART = 4
MIN_COMPOUND_TAIL = 3  # "raad" stems to "rad"
# No Dutch word is longer ("arbeidsongeschiktheidsverzekeringsmaatschappij" has 46 letters). A longer
# token is no word: it is neither stemmed nor split nor cached, so reading it costs linear work.
MAX_WORD_LENGTH = 60

STOPWORDS = frozenset(
    """
    de het een en of van in op te ten ter voor met aan die dat deze dit is zijn was waren wordt worden
    werd kan kunnen moet moeten mag mogen zal zullen ook als bij naar om uit door over tot tussen onder
    binnen na zonder zoals zo wel niet geen nog al meer minder veel vele andere ander anderen zij hij
    ze we wij jij je u uw haar hem hun hen ons onze mijn er hier daar waar wat wie welke welk hoe
    dan toe toen want maar dus ofwel hetzij zowel alle elk elke ieder iedere enkele eigen eventueel
    daarbij daarnaast daarvan daarover hierbij hiervoor hierover ervan erover erbij ervoor waarbij
    waarvan waarin waarop waarmee etc enz bv bijv o a m b t t a v c q e d nl zich zelf zelfs reeds
    heeft hebben had hadden ben bent word gaat gaan komt komen doet doen laten laat
    """.split()
)


def fold(text: str) -> str:
    """Lower case without diacritics: "Coördineert" and "coordineert" are the same word."""
    if text.isascii():  # nothing to decompose (most texts): skip the per-character pass
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.replace("\u00a0", " "))
    return decomposed.translate(_combining_marks(frozenset(decomposed))).lower()


_COMBINING: dict[int, None] = {}  # code point -> None for every combining mark met so far
_NOT_COMBINING: set[int] = set()


def _combining_marks(characters: frozenset[str]) -> dict[int, None]:
    """A str.translate table that drops the combining marks among `characters` (and those seen
    before): one check per distinct character instead of one per character of the text."""
    for c in characters:
        code = ord(c)
        if code not in _COMBINING and code not in _NOT_COMBINING:
            if unicodedata.combining(c):
                _COMBINING[code] = None
            else:
                _NOT_COMBINING.add(code)
    return _COMBINING


# Separable particles: "afgehandeld" is "handelt … af" in a vacancy, "ingeschakeld" "schakelt … in".
PARTICLES = ("aan", "af", "in", "op", "uit", "door", "mee", "bij", "toe", "terug", "voor", "na", "over", "vast", "weg", "samen")


def participle_base(word: str) -> str:
    """The verb inside a past participle: "afgehandeld" -> "handeld", "gecontroleerd" -> "controleerd";
    with a separable particle also inflected ("afgehandelde" -> "handeld")."""
    for particle in PARTICLES:
        if word.startswith(particle + "ge") and len(word) >= len(particle) + 6:
            base = word[len(particle) + 2 :]
            return base[:-1] if base.endswith(("de", "te")) else base  # "afgehandelde" as "afgehandeld"
    if word.startswith("ge") and len(word) >= 7 and word[-1] in "dt":
        return word[2:]
    return word


def stem(word: str) -> str:
    """The word's stem; a token longer than MAX_WORD_LENGTH as it is (stemming is superlinear in a
    run of vowels, and every prefix of a long word would fill the cache)."""
    if len(word) > MAX_WORD_LENGTH:
        return word
    return _stem(word)


# Verb forms of general Dutch that dutch_porter does not join to their verb, with the form that
# it does: a present tense and its infinitive ("levert" -> "leveren", "overlegt" ->
# "overleggen"), an inflected participle and the participle ("vastgestelde" -> "vastgesteld").
# Built from wordfreq with the background table (background.py).
VERB_FORMS_PATH = Path(__file__).with_name("verb_forms_nl.tsv.gz")


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, str]:
    if not VERB_FORMS_PATH.exists():  # before the first build: dutch_porter alone
        return {}
    with gzip.open(VERB_FORMS_PATH, "rt", encoding="utf-8") as handle:
        return dict(line.rstrip("\n").split("\t") for line in handle)


@lru_cache(maxsize=65536)
def _stem(word: str) -> str:
    if word.isdigit() or len(word) <= 3:
        return word
    base = verb_forms().get(word)
    if base is not None:
        return _stem(base)
    word = participle_base(word)
    if word.endswith("d") and (word[:-1] + "t").endswith(VERB_T_ENDINGS):
        word = word[:-1] + "t"
    if word.endswith(VERB_T_ENDINGS) and len(word) >= 5:
        word = word[:-1]
    elif PLURAL_OF_E.search(word):
        word = word[:-1]
    stemmed = DOUBLE_VOWEL.sub(r"\1", _stemmer().stemWord(word))
    # "overheid" and "eenheid" lose "-heid" to a stopword ("over", "een"): keep such a word whole
    return word if stemmed in STOPWORDS and word not in STOPWORDS else stemmed


# The cached stemmer itself, for a caller that has checked that no word is longer than
# MAX_WORD_LENGTH (tokenize: it saves a Python call per word).
stem_short_word = _stem


def words(text: str) -> list[str]:
    return TOKEN.findall(fold(text))


def stems(text: str) -> list[str]:
    return [stem(w) for w in words(text) if w not in STOPWORDS]


STOP_STEMS = frozenset(stem(w) for w in STOPWORDS) | STOPWORDS


class Sentence(NamedTuple):  # a tuple, not a dataclass: made for every sentence of every text
    text: str
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences (and list items) with their character offsets in `text`."""
    sentences = []
    position = 0
    for match in SENTENCE_END.finditer(text):
        _add_sentence(sentences, text, position, match.start())
        position = match.end()
    _add_sentence(sentences, text, position, len(text))
    return sentences


def _add_sentence(sentences: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip(" \t\r\n-•*·")
    if len(stripped) < 3:
        return
    offset = start + piece.index(stripped)
    sentences.append(Sentence(stripped, offset, offset + len(stripped)))


def split_compound(word: str, vocabulary: frozenset[str]) -> tuple[str, ...]:
    """Stems of the known parts of a compound ("archiefbescheiden" -> "archief", "bescheid"), else ().

    Every cut is tried, so a word costs work quadratic in its length: only words up to
    MAX_WORD_LENGTH are split, which bounds it."""
    if len(word) > MAX_WORD_LENGTH:
        return ()
    return _split_compound(word, vocabulary)


def clear_caches() -> None:
    """Forget every stem and compound split made so far, and the verb-form table read."""
    verb_forms.cache_clear()
    _stem.cache_clear()
    _split_compound.cache_clear()


@lru_cache(maxsize=65536)
def _split_compound(word: str, vocabulary: frozenset[str]) -> tuple[str, ...]:
    n = len(word)
    if n < MIN_COMPOUND_PART + MIN_COMPOUND_TAIL + 1 or (stem(word) in vocabulary and n < 12):
        return ()
    best: tuple[str, ...] = ()
    for cut in range(MIN_COMPOUND_PART, n - MIN_COMPOUND_TAIL + 1):
        head, tail = word[:cut], word[cut:]
        head_known = _known_head(head, vocabulary)
        if head_known is None:
            continue
        tail_known = _known_tail(tail, vocabulary)
        if tail_known:
            candidate = (head_known, tail_known)
            if not best or len(candidate[1]) > len(best[1]):
                best = candidate
    return best


def _known_head(head: str, vocabulary: frozenset[str]) -> str | None:
    for candidate in (head, head[:-1] if head.endswith("s") else None, head + "e"):
        if candidate and len(candidate) >= MIN_COMPOUND_PART and stem(candidate) in vocabulary:
            return stem(candidate)
    return None


def _known_tail(tail: str, vocabulary: frozenset[str]) -> str | None:
    for candidate in (tail, tail[1:] if tail.startswith("s") else None):
        if candidate and len(candidate) >= MIN_COMPOUND_TAIL and stem(candidate) in vocabulary:
            return stem(candidate)
    return None
