"""Why no family fits, in words a manager can act on: the role's core work that no family
explains, quoted from the text, and the nearest family named as the nearest, with the reason it
is not this role's family."""

import heapq
from enum import StrEnum

from grading.engine.fit import FamilyFit
from grading.engine.reading import ReadSentence, Reading
from grading.engine.result import Signal

CORE_QUOTES = 2
HEAVIER_QUOTES = 3
QUOTE_CHARACTERS = 140
MIN_QUOTE_WORDS = 5
# A sentence that speaks to the role ("Je registreert …", "Op de afdeling zorg je …") describes
# its work, unless it states what the role asks ("Je hebt …", "Ben je …"); one about the employer
# may not describe the work at all.
ROLE_WORDS = frozenset({"je", "jij", "u", "functiehouder"})
PROFILE_VERBS = frozenset({"hebt", "heb", "bent", "ben", "beschikt", "beschik", "bezit"})
OPENING_WORDS = 8

NO_TEXT = "Er is geen functiebeschrijving om in te delen."
GENERAL = "Geen functiefamilie past: de beschrijving gaat over ander werk dan de families beschrijven."


class Refusal(StrEnum):
    """Why the nearest family is not named."""

    LIKENESS = "likeness"  # its texts explain too little of the role's text
    DOMAIN_REQUIRED = "domain_required"  # the family requires its domain named, and the text names none
    SETTING_REQUIRED = "setting_required"  # the family requires its setting (a school), and the text names none
    NO_WORK = "no_work"  # the text shares the family's frame, none of its work
    ONE_TASK = "one_task"  # the family's domain named once at most, one piece of its work
    OTHER_ROLE = "other_role"  # the text names its role after someone the family's roles work with
    OTHER_FUNCTION = "other_function"  # the text names its role by a function a family's file sets apart
    COUNTERPART = "counterpart"  # the role supports those the family's roles face (principal.py)
    ABOVE = "above"  # a heavier role than the family's highest level that does not do that level's own work


def explanation(reading: Reading, nearest: FamilyFit | None, nearest_name: str | None, refused: Refusal | None,
                edge: str = "", heavier: tuple[Signal, ...] = ()) -> str:
    """`edge` names the nearest family's highest level, for a role above it, and `heavier` the
    words that show it is heavier."""
    if not reading.sentences:
        return NO_TEXT
    if nearest is None or not nearest_name:
        return _core_sentence(reading, frozenset())
    if refused == Refusal.OTHER_ROLE:
        return (
            f"Geen functiefamilie past. De tekst noemt de functie „{nearest.other_role}”. In de familie "
            f"{nearest_name} is dat iemand met wie de functies van die familie werken, niet een van haar "
            "functies, hoeveel woorden de tekst ook met die familie deelt."
        )
    if refused == Refusal.OTHER_FUNCTION:
        return (
            f"Geen functiefamilie past. De tekst noemt de functie „{nearest.other_function}”: volgens de "
            "afbakening in de catalogus is dat een andere functie dan die van de families. Het dichtst bij "
            f"ligt de familie {nearest_name}, maar die rekent deze functie niet tot de hare, hoeveel woorden "
            "de tekst ook met die familie deelt."
        )
    if refused == Refusal.COUNTERPART:
        return (
            f"Geen functiefamilie past. De functie ondersteunt of adviseert „{nearest.counterpart}”. In de familie "
            f"{nearest_name} staat die partij tegenover de functies van die familie: zij werken niet voor haar. "
            "Het is een functie aan de andere kant van de tafel, hoeveel woorden de tekst ook met die familie deelt."
        )
    if refused == Refusal.ABOVE:  # the role's work may well be the family's, at a heavier weight
        return f"Geen functiefamilie past. {_nearest(nearest, nearest_name, refused, edge, heavier)}"
    return f"{_core_sentence(reading, nearest.supported_sentences)} {_nearest(nearest, nearest_name, refused, edge)}"


def _core_sentence(reading: Reading, supported: frozenset[int]) -> str:
    quotes = core_quotes(reading, supported)
    if not quotes:
        return GENERAL
    quoted = " en ".join(f"„{quote}”" for quote in quotes)
    return f"Geen functiefamilie past. De kern van deze functie – {quoted} – komt in geen familie voor."


def _nearest(nearest: FamilyFit, name: str, refused: Refusal | None, edge: str,
             heavier: tuple[Signal, ...] = ()) -> str:
    lead = f"Het dichtst bij ligt de familie {name}, maar"
    if refused == Refusal.DOMAIN_REQUIRED:
        return f"{lead} die familie hoort bij een eigen domein en de tekst noemt daar niets van."
    if refused == Refusal.SETTING_REQUIRED:
        return f"{lead} die familie hoort bij één werkomgeving (zoals de school) en de tekst noemt die nergens."
    if refused == Refusal.NO_WORK:
        return (f"{lead} de tekst deelt met die familie alleen het kader van het werk (zoals regels, "
                "kennis of contacten), niets van het werk zelf.")
    if refused == Refusal.ABOVE:
        shown = _shown_by(heavier)
        return (f"{lead} de beschrijving wijst op een zwaardere functie dan {edge}, het hoogste niveau van "
                f"die familie{shown}, en laat het werk van dat niveau niet zien: wat de tekst van die familie noemt, "
                "doen de functies eronder. Dat is een andere functie, zoals die van wie dat werk leidt, "
                "inricht, toetst of erover adviseert.")
    if refused == Refusal.ONE_TASK:
        return (f"{lead} de tekst noemt haar domein hooguit terloops en deelt maar één taak met haar; "
                "die taak komt in veel functies voor.")
    share = round(100 * nearest.sentence_share)
    return (f"{lead} die verklaart te weinig van het werk ({share} % van de zinnen vindt er steun) "
            "om de functie daar in te delen.")


def _shown_by(signals: tuple[Signal, ...]) -> str:
    words = list(dict.fromkeys(_quote(signal.text) for signal in signals))[:HEAVIER_QUOTES]
    return f" ({', '.join(f'„{word}”' for word in words)})" if words else ""


def core_quotes(reading: Reading, supported: frozenset[int]) -> list[str]:
    """Up to CORE_QUOTES sentences no element of the nearest family supports, in the text's order:
    those about the role's work first, then other sentences, then what the role asks; within each,
    those with the most content words."""
    first = {}  # a sentence the text repeats is quoted once
    for i, s in enumerate(reading.sentences):
        first.setdefault(s.sentence.text, i)
    unsupported = [(i, s) for i, s in enumerate(reading.sentences)
                   if i not in supported and first[s.sentence.text] == i and _words(s) >= MIN_QUOTE_WORDS]
    chosen = heapq.nsmallest(CORE_QUOTES, unsupported, key=lambda item: (_kind(item[1]), -len(item[1].terms), item[0]))
    return [_quote(s.sentence.text) for _, s in sorted(chosen, key=lambda item: item[0])]


def _words(sentence: ReadSentence) -> int:
    return len(sentence.sentence.text[:QUOTE_CHARACTERS * 4].split())


def _kind(sentence: ReadSentence) -> int:
    """0: the role's work; 1: another sentence; 2: what the role asks, or a question put to the
    reader ("Wil jij je verder ontwikkelen?"): recruiting, not the work."""
    opening = set(sentence.sentence.text[:QUOTE_CHARACTERS].lower().split()[:OPENING_WORDS])
    if (opening & PROFILE_VERBS and opening & ROLE_WORDS) or sentence.sentence.text.rstrip().endswith("?"):
        return 2
    return 0 if opening & ROLE_WORDS or opening & {"als"} else 1


def _quote(text: str) -> str:
    text = " ".join(text[:QUOTE_CHARACTERS * 4].split()).rstrip(".;:")
    if len(text) <= QUOTE_CHARACTERS:
        return text
    return text[:QUOTE_CHARACTERS].rsplit(" ", 1)[0] + " …"
