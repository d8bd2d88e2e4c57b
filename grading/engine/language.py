"""Which language a role description is written in.

The families are Dutch-language, so a text in another language cannot be read against them; the
engine says so instead of "no family fits". py3langid (offline, a fork of langid.py) gives the
first opinion, restricted to the languages that matter here. A Dutch text full of English ICT
terms ("incidents in TOPdesk, Active Directory beheer") can fool a character model, so the text's
own function words have the last word: a text is only called foreign when the model is sure and
the foreign language's function words outnumber the Dutch ones.
"""

import threading
from collections import Counter
from dataclasses import dataclass

from grading.engine.text import TOKEN, fold

LANGUAGES = ("nl", "en", "fr", "de")
NAMES = {"nl": "Nederlands", "en": "Engels", "fr": "Frans", "de": "Duits"}
SURE = 0.95  # the model's probability above which a foreign verdict counts
MIN_WORDS = 6  # fewer words say too little about a language: taken as Dutch

_FUNCTION_WORDS = {
    "nl": (
        "de het een en van in op te voor met is zijn je jij wij we ons onze bij naar om aan dat die "
        "deze dit niet ook als of door wordt worden heeft hebben uit over tot zich er nog wel maar"
    ),
    "en": (
        "the a an and of to in on for with is are be you your we our at by from that this as or "
        "will have has not it its who which"
    ),
    "fr": (
        "le la les un une des du de et en pour avec est sont vous nous notre votre au aux dans sur "
        "qui que par ou ne pas il elle"
    ),
    "de": (
        "der die das ein eine und von zu mit ist sind sie wir unser ihr für auf im den dem des "
        "nicht auch oder bei"
    ),
}
# Folded, as the tokenizer gives words: "für" reads "fur".
FUNCTION_WORDS = {code: frozenset(fold(w) for w in words.split()) for code, words in _FUNCTION_WORDS.items()}

_lock = threading.Lock()
_identifier = None


@dataclass(frozen=True)
class LanguageGuess:
    code: str  # ISO 639-1
    probability: float  # the model's, 0..1
    name: str  # Dutch name of the language, for messages


def _model():
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                identifier.set_languages(list(LANGUAGES))
                _identifier = identifier
    return _identifier


def function_word_counts(words: list[str]) -> dict[str, int]:
    # Count each distinct word once, then look up the few function words: a text has many
    # more words than the lists hold.
    frequency = Counter(words)
    return {code: sum(frequency[w] for w in vocabulary if w in frequency) for code, vocabulary in FUNCTION_WORDS.items()}


def detect(text: str, words: list[str] | None = None) -> LanguageGuess:
    """The language of `text`; Dutch unless the text is clearly in another language. `words`:
    the text's words as the engine's tokenizer gives them (folded), when already known."""
    if words is None:
        words = TOKEN.findall(fold(text))
    if len(words) < MIN_WORDS:
        return LanguageGuess("nl", 0.0, NAMES["nl"])
    counts = function_word_counts(words)
    if counts["nl"] >= max(count for code, count in counts.items() if code != "nl"):
        # A foreign verdict needs more foreign than Dutch function words, so the model cannot
        # change the answer here; asking it costs milliseconds per text for nothing.
        return LanguageGuess("nl", 0.0, NAMES["nl"])
    code, probability = _model().classify(text)
    if code != "nl" and probability >= SURE and counts.get(code, 0) > counts["nl"]:
        return LanguageGuess(code, round(float(probability), 3), NAMES.get(code, code))
    return LanguageGuess("nl", round(float(probability), 3) if code == "nl" else 0.0, NAMES["nl"])
