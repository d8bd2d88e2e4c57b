"""Which level a role supports, criterion by criterion, and where it lies against the family.

A criterion supports the highest level whose own distinguishing elements the text shows
("Idem +": a level is only distinguished by what it adds). The diploma asked and cues of
autonomy and complexity weigh in beside the matrix; the decision is the level with most support.
"""

from dataclasses import dataclass

from grading.engine.fit import ElementMatch
from grading.engine.index import FamilyIndex
from grading.engine.reading import Reading
from grading.engine.result import Position

ANSWER_WEIGHT = 1.5  # a manager's own answer counts for more than a matched sentence
EDUCATION_WEIGHT_FIXED = 1.6  # systems whose grades are defined by diploma (Belgian levels)
EDUCATION_WEIGHT = 0.5
CUE_WEIGHT = 0.45
BASE_WEIGHT = 0.25  # how much a matched lower element the higher level still shows counts against it


@dataclass(frozen=True)
class CriterionSupport:
    key: str
    level_rank: int | None
    strength: float  # 0..1
    matches: tuple[ElementMatch, ...]  # the matches of the supported level (and below)
    answered: bool


@dataclass(frozen=True)
class LevelDecision:
    rank: int
    position: Position
    scores: dict[int, float]
    criteria: tuple[CriterionSupport, ...]
    education_fit: str  # "", "match", "above", "below"
    share: float  # the chosen level's share of all support, 0..1


def kernel(rank: float, target: float) -> float:
    return max(0.0, 1.0 - abs(rank - target) / 1.5)


def criterion_support(family: FamilyIndex, matches: dict[int, ElementMatch], answers: dict) -> list[CriterionSupport]:
    supports = []
    for criterion in family.criteria:
        own = [m for m in matches.values() if family.elements[m.element].criterion == criterion.key]
        answer = answers.get(criterion.key)
        if answer is not None and 1 <= answer <= len(family.family.levels):
            supports.append(CriterionSupport(criterion.key, answer, 1.0, tuple(own), True))
            continue
        rank, strength = _supported_rank(family, own)
        supports.append(CriterionSupport(criterion.key, rank, strength, tuple(own), False))
    return supports


def _supported_rank(family: FamilyIndex, matches: list[ElementMatch]) -> tuple[int | None, float]:
    """The highest level whose own additions the text shows, unless the text mostly shows what
    that level no longer holds.

    Matching a level's additions shows the role reaches it. A match with a lower level's element
    that the higher level still shows ("Idem +", or a bullet repeated at the next scale) is its
    base and only weakly evidence against it; a match with words the higher level dropped
    ("eenvoudige vragen") is. The higher level needs at least a third of that weight.
    """
    best: dict[int, float] = {}
    for match in matches:
        element = family.elements[match.element]
        if element.distinguishing:
            best[element.level_rank] = max(best.get(element.level_rank, 0.0), match.score)
    for rank in sorted(best, reverse=True):
        support = sum(
            m.score for m in matches
            if family.elements[m.element].distinguishing and family.elements[m.element].level_rank >= rank
        )
        lower = [m for m in matches if family.elements[m.element].level_rank < rank]
        against = sum(m.score for m in lower if family.elements[m.element].top_rank < rank)
        base = sum(m.score for m in lower if family.elements[m.element].top_rank >= rank)
        if support >= (support + against + BASE_WEIGHT * base) / 3:
            return rank, min(1.0, best[rank])
    if not best:
        return None, 0.0
    lowest = min(best)
    return lowest, min(1.0, best[lowest])


# "MBO" without a level, as the Rijk profiles write it, covers mbo 2 to mbo 4.
EDUCATION_SPAN = {3.0: (2.0, 4.0)}


def _span(rank: float) -> tuple[float, float]:
    return EDUCATION_SPAN.get(rank, (rank, rank))


def education_fit(family: FamilyIndex, reading: Reading) -> tuple[dict[int, float], str, float]:
    """Support per level from the diploma the text asks, and whether it lies outside the range.

    Returns (support per level rank, verdict "match"/"above"/"below"/"", excess in ladder steps
    beyond the family's highest or under its lowest stated level).
    """
    if reading.education is None or not family.education:
        return {}, "", 0.0
    asked = reading.education
    support = {}
    for level in family.family.levels:
        ranks = family.education.get(level.rank)
        if ranks:
            distance = min(max(0.0, _span(r)[0] - asked, asked - _span(r)[1]) for r in ranks)
            support[level.rank] = max(0.0, 1.0 - distance / 1.5)
    stated = [r for ranks in family.education.values() for r in ranks]
    if asked > max(_span(r)[1] for r in stated):
        return support, "above", asked - max(stated)
    if asked < min(_span(r)[0] for r in stated):
        return support, "below", min(stated) - asked
    return support, "match", 0.0


def decide(family: FamilyIndex, reading: Reading, matches: dict[int, ElementMatch], answers: dict) -> LevelDecision:
    levels = family.family.levels
    n = len(levels)
    supports = criterion_support(family, matches, answers)
    scores = {level.rank: 0.0 for level in levels}
    evidence_weight = 0.0
    for support in supports:
        if support.level_rank is None:
            continue
        weight = ANSWER_WEIGHT if support.answered else 0.5 + support.strength
        evidence_weight += weight
        for rank in scores:
            scores[rank] += weight * kernel(rank, support.level_rank)
    base = max(evidence_weight, 1.0)
    education, education_verdict, excess = education_fit(family, reading)
    education_weight = EDUCATION_WEIGHT_FIXED if family.entry_requirements else EDUCATION_WEIGHT
    for rank, value in education.items():
        scores[rank] += education_weight * base * value
    if reading.cue_signals and n > 1:
        centre = (n + 1) / 2
        balance = reading.cue_balance
        target = centre + (balance / (abs(balance) + 2)) * (n - 1) / 2
        strength = min(1.0, len(reading.cue_signals) / 3)
        for rank in scores:
            scores[rank] += CUE_WEIGHT * base * strength * kernel(rank, target)
    if not any(scores.values()):
        scores = {rank: 1.0 if rank == (n + 1) // 2 else 0.5 for rank in scores}  # no evidence: the middle
    best = max(scores, key=lambda rank: (scores[rank], -rank))
    position = _position(family, reading, best, education_verdict, excess)
    total = sum(scores.values()) or 1.0
    return LevelDecision(best, position, scores, tuple(supports), education_verdict, scores[best] / total)


def _position(family: FamilyIndex, reading: Reading, best: int, verdict: str, excess: float) -> Position:
    """Above or below the family when the diploma lies far outside what its levels ask, or a
    little outside it while the matrix agrees (the top or bottom level fits best) and the system
    ties grades to diplomas or the work itself points past the family (leading, policy)."""
    top = len(family.family.levels)
    above_cues = len(reading.above_signals)
    if verdict == "above" and excess >= 1.5:  # hbo asked where the family's top asks mbo
        return Position.ABOVE
    if best == top and verdict == "above" and (family.entry_requirements or above_cues >= 1):
        return Position.ABOVE
    if best == top and above_cues >= 2 and verdict != "below":
        return Position.ABOVE
    if verdict == "below" and excess >= 1.5:
        return Position.BELOW
    if best == 1 and verdict == "below" and (family.entry_requirements or reading.cue_balance < 0):
        return Position.BELOW
    return Position.IN_RANGE
