"""What the engine returns: frozen dataclasses that turn into plain JSON with `as_dict()`."""

from dataclasses import asdict, dataclass
from enum import StrEnum


class Reason(StrEnum):
    """Why no family was given (set on a no-match only)."""

    NO_FAMILY = "no_family"  # the text is about other work than the families describe
    LANGUAGE = "language"  # the text is not Dutch; the families are Dutch-language
    TOO_LITTLE_TEXT = "too_little_text"  # a keyword list or a single line: nothing to judge


class Position(StrEnum):
    IN_RANGE = "in_range"
    ABOVE = "above"  # the text clearly exceeds the family's highest level
    BELOW = "below"  # the text stays under the family's lowest level
    NO_MATCH = "no_match"  # no family fits: no grade is given


@dataclass(frozen=True)
class Evidence:
    """A sentence of the input that supports an element of a level."""

    sentence: str
    start: int  # character offsets in the input text, so a page can highlight the sentence
    end: int
    element: str  # the source element it supports
    level_rank: int  # the level of the element matched
    score: float
    counted: bool = True  # False: shown for what it is, but it did not lift the criterion
    note: str = ""  # Dutch: why a match with another level did not count


@dataclass(frozen=True)
class CriterionResult:
    key: str
    name: str
    level_rank: int | None  # the level this criterion supports; None without evidence
    grade: str | None
    evidence: tuple[Evidence, ...]
    missing_for_next: tuple[str, ...]  # distinguishing elements of the next level up not shown
    answered: bool = False  # the manager's own answer for this criterion was used
    # How many of a level's own elements (for "Idem +": what it adds) the text shows, per level
    # rank that has any: ((rank, shown, of), ...), lowest first.
    shown: tuple[tuple[int, int, int], ...] = ()
    # The highest level the evidence fits as well, when the levels above level_rank take the
    # criterion over unchanged ("Idem"); None when it tells level_rank from the level above.
    fits_up_to: int | None = None


@dataclass(frozen=True)
class FamilyScore:
    slug: str
    name: str
    score: float  # 0..1


@dataclass(frozen=True)
class Signal:
    """A cue outside the matrix that weighed in (education, experience, autonomy), in Dutch."""

    kind: str  # "education" | "experience" | "autonomy" | "complexity" | "context"
    text: str  # the words found in the input
    explanation: str  # Dutch, for the result page
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class GradingResult:
    engine_version: str
    position: Position
    family: str | None  # slug of the best family; None for no_match
    family_name: str | None
    level_rank: int | None
    level_name: str | None
    grade: str | None
    confidence: float  # 0..1
    family_scores: tuple[FamilyScore, ...]
    criteria: tuple[CriterionResult, ...]
    signals: tuple[Signal, ...]
    next_level_rank: int | None  # the level above the indicative one, if the family has it
    next_grade: str | None
    missing_for_next: tuple[str, ...]  # all criteria together
    explanation: str  # a short Dutch summary of how the result came about
    track: str | None = None  # the family's track the role belongs to (e.g. "ICT"), if it has tracks
    track_start_rank: int | None = None  # the lowest level of that track
    additions: tuple[str, ...] = ()  # sections that add to the function (e.g. "Mediatheek werkzaamheden")
    reason: str | None = None  # a Reason on a no-match, else None
    language: str = "nl"  # ISO 639-1 code of the language seen
    language_name: str = "Nederlands"
    system_mismatch: bool = False  # the setting the text names grades by another system than the family
    setting: str | None = None  # the setting the text names (e.g. "gemeente"), when it names one
    setting_system: str | None = None  # the name of the grading system that setting uses
    family_system: str | None = None  # the name of the family's grading system
    range_signals: tuple[Signal, ...] = ()  # what shows the role lies above or below the family
    neighbour_grade: str | None = None  # the system's grade just above or below the family's range
    neighbour_label: str | None = None  # that grade as people read it ("schaal 9", "niveau A")
    # "firm" or "uncertain" when a family is named, None when none is: an uncertain result shows
    # no grade headline ("Geen betrouwbare indicatie – de HR-adviseur beoordeelt").
    certainty: str | None = None
    # The name of the grading system the organisation grades by, when the caller gave it (the
    # `setting` of grade()); absent from as_dict() when not given, so earlier results keep their form.
    organisation_system: str | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        if self.organisation_system is None:
            del data["organisation_system"]
        data["position"] = str(self.position)
        data["reason"] = str(self.reason) if self.reason else None
        return data
