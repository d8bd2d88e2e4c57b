"""Whether a role lies above the highest or below the lowest level of its family, what shows it,
and the grade of the grading system just beyond the family's range.

A role lies outside the range when the diploma it asks lies far outside what the family's levels
ask, or a little outside while the work agrees: above, the text leads people, sets policy or
represents the organisation, wherever the matrix places its evidence (a head describes the basic
work of those it leads); below, the matrix puts it at the bottom level and the text works under
direct supervision, to instructions, on simple routine work. In a system whose grades are defined by
diploma (Belgian federal levels) a higher or lower diploma than the family's range is enough.
"""

import re

from grading.engine.index import FamilyIndex
from grading.engine.lexicon import load_lexicon, tokenize
from grading.engine.reading import Reading
from grading.engine.result import Position, Signal
from grading.engine.text import stem

WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

FAR = 1.5  # ladder steps beyond the family's stated education that settle it alone (hbo for mbo)
MANY_ABOVE = 2  # distinct cues of leading or policy work that put a top-level role above the range
MANY_BELOW = 2  # net cues of guided, simple work that put a bottom-level role below the range
# Outside-range roles use the family's words but little of its matrix: a family this clearly named
# is kept (and flagged) instead of refused, when the text clearly lies above or below it.
DOMAIN_KEEP = 0.55


def lower_cue_explanations() -> frozenset[str]:
    return frozenset(c.explanation for c in load_lexicon().cues if c.direction < 0)


def lower_signals(reading: Reading, family: FamilyIndex | None = None) -> tuple[Signal, ...]:
    """Cues of guided or simple work; with a family, only those its lowest level does not ask
    itself ("eenvoudige vragen" is what a lowest level does, not a sign of work below it)."""
    lower = lower_cue_explanations()
    found = tuple(s for s in reading.cue_signals if s.explanation in lower)
    if family is None:
        return found
    lowest = _lowest_words(family)
    return tuple(s for s in found if not any(_words(s.text) <= words for words in lowest))


def _words(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in WORD.findall(text.lower()))


def _lowest_words(family: FamilyIndex) -> tuple[frozenset[str], ...]:
    """The stemmed words of each text of the lowest level (kept on the family's index)."""
    cached = family.__dict__.get("_lowest_words")
    if cached is None:
        cached = family.__dict__["_lowest_words"] = tuple(_words(e.text) for e in family.elements if e.level_rank == 1)
    return cached


def beyond_family(reading: Reading, family: FamilyIndex, shows_work: bool = True) -> tuple[Signal, ...]:
    """The text's signals of work above support, less those the family's highest level or its
    result areas describe themselves, for a text that also does the family's work: a coordinator
    who leads the school secretariat and keeps its records works in the family; a head who only
    leads it does not."""
    own = family.own_above_phrases
    if not own or not shows_work:
        return reading.above_signals
    return tuple(s for s in reading.above_signals if tuple(t.stem for t in tokenize(s.text)) not in own)


def judge(family: FamilyIndex, reading: Reading, best: int, verdict: str, excess: float,
          highest_supported: int | None = None, shows_work: bool = True) -> tuple[Position, tuple[Signal, ...]]:
    """The position against the family and the signals that show it (empty when in range).

    `best` is the level the evidence points to; `verdict` and `excess` are the education fit
    (levels.education_fit); `highest_supported` the highest level any criterion supports;
    `shows_work` whether a criterion of the family's work supports a level.
    """
    top = len(family.family.levels)
    education = (reading.education_signal,) if reading.education_signal else ()
    above = beyond_family(reading, family, shows_work)
    diploma_system = family.entry_requirements
    if verdict == "above" and (excess >= FAR or diploma_system):
        return Position.ABOVE, education + above
    if verdict == "above" and above:
        return Position.ABOVE, education + above
    if best == top and len(above) >= MANY_ABOVE and verdict != "below":
        return Position.ABOVE, above + (education if verdict == "above" else ())
    lower = lower_signals(reading, family)
    if verdict == "below" and (excess >= FAR or (diploma_system and excess >= 1)):
        return Position.BELOW, education + lower
    if best == 1 and verdict == "below" and (diploma_system or reading.cue_balance < 0):
        return Position.BELOW, education + lower
    # No criterion reaches past the lowest level, and the text works more guided or simpler
    # than the lowest level itself asks.
    simple = (highest_supported or 1) == 1 and not above and verdict != "above"
    if simple and reading.cue_balance <= -MANY_BELOW and _clearly_lighter(lower):
        return Position.BELOW, lower + (education if verdict == "below" else ())
    return Position.IN_RANGE, ()


def clearly_outside(family: FamilyIndex, reading: Reading, verdict: str, excess: float) -> bool:
    """A text the family's words name but its matrix barely shows, that clearly lies outside it:
    the diploma far off, or several cues of guided simple work. Cues of leading people alone do
    not keep it: they describe the head of the family's field, not its work at a heavier weight."""
    if verdict in ("above", "below") and (excess >= FAR or (family.entry_requirements and excess >= 1)):
        return True
    lower = lower_signals(reading, family)
    return reading.cue_balance <= -MANY_BELOW and _clearly_lighter(lower) and verdict != "above"


def _clearly_lighter(lower: tuple[Signal, ...]) -> bool:
    """Two cues of simpler work than the lowest level asks, or one of closer guidance: a lowest
    level that leaves choices in approach is not worked under direct supervision."""
    return len(lower) >= MANY_BELOW or any(s.kind == "autonomy" for s in lower)


def neighbour_grade(family: FamilyIndex, position: Position) -> str | None:
    """The grading system's next grade beyond the family's range, in the direction of `position`."""
    grades = family.family.system_grades
    levels = family.family.levels
    if position == Position.ABOVE:
        edge, step = levels[-1].grade, 1
    elif position == Position.BELOW:
        edge, step = levels[0].grade, -1
    else:
        return None
    if not edge or edge not in grades:
        return None
    index = grades.index(edge) + step
    return grades[index] if 0 <= index < len(grades) else None
