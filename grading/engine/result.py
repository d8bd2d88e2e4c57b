"""What the engine returns: frozen dataclasses that turn into plain JSON with `as_dict()`."""

from dataclasses import asdict, dataclass
from enum import StrEnum


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
    level_rank: int
    score: float


@dataclass(frozen=True)
class CriterionResult:
    key: str
    name: str
    level_rank: int | None  # the level this criterion supports; None without evidence
    grade: str | None
    evidence: tuple[Evidence, ...]
    missing_for_next: tuple[str, ...]  # distinguishing elements of the next level up not shown
    answered: bool = False  # the manager's own answer for this criterion was used


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

    def as_dict(self) -> dict:
        data = asdict(self)
        data["position"] = str(self.position)
        return data
