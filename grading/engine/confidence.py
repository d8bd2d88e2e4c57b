"""How sure the engine is, from the evidence itself.

A result's confidence combines how clearly the family fits (the text's own likeness to it, and
its margin to the next family) with how clearly the level follows (the share of criteria the
text supports, the margin of the chosen level over the next best, and whether the diploma asked
agrees). A role above or below a family shows little of its matrix by nature: there the family's
words count, and signals that agree on the position stand in for the level's margin. A refusal
rests on the absence of evidence, which says less than evidence does, so it is never "hoog".

The weights were chosen so that, on the project's own labelled case sets
(tests/engine/cases/), a higher confidence bin is never less often right than a lower one;
`manage.py evaluate` prints that reliability table.
"""

from collections.abc import Sequence

from grading.engine.fit import DOMAIN_SETTLED, WORK_COUNTED, FamilyFit
from grading.engine.levels import LevelDecision
from grading.engine.result import Position

FULL_EVIDENCE = 0.5  # the text's likeness to its family at which the family is certain
FAMILY_MARGIN = 1.5  # how much the lead over the next family adds (from a half)
OUTSIDE_WORDS = 0.8  # for a role outside the range, the share of the family's word fit that counts
LEVEL_BASE = 0.3  # what a sure family is worth with no level evidence at all
COVERAGE = 0.6  # weight of the share of criteria the text supports
LEVEL_MARGIN = 0.5  # weight of the chosen level's lead over the next best
FULL_LEVEL_MARGIN = 0.5
EDUCATION = 0.15  # the diploma asked agrees with the level (or with the position outside it)
OUTSIDE_LEVEL = 0.6  # signals that agree on a position outside the range
# Without any supported criterion the page may say no more than "laag" (below 0.4); with under
# a quarter of the criteria no more than "redelijk".
NO_SUPPORT_CEILING = 0.35
THIN_SUPPORT_CEILING = 0.55
NO_MATCH_CEILING = 0.75
NO_MATCH_WORDS = 0.3  # a refusal is less sure as far as the best family's words fit beyond this


# A named family is a firm indication from this confidence on; below it the result is shown as
# uncertain (`manage.py evaluate` prints, per threshold, how many results are firm and how many of
# those are right).
FIRM_CONFIDENCE = 0.6
# Firm asks two things of the evidence, whatever the weights above make of it. The family: the
# text names its domain beyond doubt (three domain hits, or two when it calls the role by one of
# the family's function names or by no other occupation's name) and shows its work
# (FamilyFit.shows_work); a role that shares a family's words and tasks
# without naming its domain may be another field's role, so it stays uncertain. The level: inside
# the range, two criteria support it, or one does with this lead over the next level; vacancy
# texts often speak to one criterion only, and one that places the level clearly is real evidence.
# Where the grading system fixes a diploma per grade (the Belgian levels), the diploma asked places
# the level by definition, and a text that names the domain beyond doubt with it shows the work of
# a matrix that describes competences rather than tasks (_by_domain_and_diploma); with two pieces
# of the family's work and three criteria placing that same level, the diploma and the matrix
# name the family without its domain words (_by_work_and_diploma).
# A criterion supports the level when it places the role at most AGREEING levels from it: one at
# schaal 5 does not support schaal 7. A level that rests on one supporting criterion while another
# places the role further under it rests on split evidence (_one_against_one).
UNNAMED_CEILING = 0.55
# A text that states a grade of the family's own system other than the one its work points to:
# the writer and the evidence disagree, and the adviser decides which holds (matching.py).
STATED_OTHERWISE_CEILING = 0.55
FIRM_LEVEL_LEAD = 0.2
AGREEING = 1
# A higher level holds the work of the one below it ("Idem +"), so criteria that place a role
# lower never contradict a higher level; criteria that place it higher than the chosen level do:
# the role does work the chosen level does not describe. From two such criteria the evidence is
# split and the adviser decides between the levels.
SPLIT_UPWARD = 2
SPLIT_CEILING = 0.55
# For the same reason a level above the chosen one that scores almost as well (within this share of
# the support of the criteria that tell levels apart) leaves the choice open: the text shows the
# lower level's work, which the higher one holds too, and nearly as much of what the higher level
# adds.
CLOSE_ABOVE_LEAD = 0.15
# A text that calls the role by one of the family's own function names ("ambtelijk secretaris"),
# or by no name that another occupation goes by ("Trainer en coach"), names the family with two
# domain hits.
FUNCTION_AND_DOMAIN = 2.0
# A level placed by its system's diploma and by three criteria of the matrix itself names the family
# with two pieces of its work, without its domain words (_by_work_and_diploma).
PLACING_CRITERIA = 3
# Two families nearly tied, the one that follows explaining more of the text's words than the one
# its domain words chose: which family the role belongs to is itself open, whatever its level.
CONTESTED_MARGIN = 0.1
FIRM = "firm"
UNCERTAIN = "uncertain"


def certainty(confidence: float) -> str:
    return FIRM if confidence >= FIRM_CONFIDENCE else UNCERTAIN


def result_confidence(best: FamilyFit, fits: list[FamilyFit], decision: LevelDecision) -> float:
    runner_up = fits[1].score if len(fits) > 1 else 0.0
    outside = decision.position in (Position.ABOVE, Position.BELOW)
    basis = max(best.evidence, OUTSIDE_WORDS * best.score) if outside else best.evidence
    family = min(1.0, basis / FULL_EVIDENCE) * min(1.0, 0.5 + FAMILY_MARGIN * (best.score - runner_up))
    supported = sum(1 for c in decision.criteria if c.level_rank is not None)
    coverage = supported / max(len(decision.criteria), 1)
    margin = max(0.0, decision.share - decision.runner_up)
    level = COVERAGE * coverage + LEVEL_MARGIN * min(1.0, margin / FULL_LEVEL_MARGIN)
    if decision.education_fit == "match" or (outside and decision.education_fit in ("above", "below")):
        level += EDUCATION
    level = min(1.0, level)
    if outside:
        level = max(level, OUTSIDE_LEVEL)
    confidence = family * (LEVEL_BASE + (1 - LEVEL_BASE) * level)
    if supported == 0:
        confidence = min(confidence, NO_SUPPORT_CEILING)
    elif coverage < 0.25:
        confidence = min(confidence, THIN_SUPPORT_CEILING)
    if not _names_family(best, decision) or contested(best, fits):
        confidence = min(confidence, UNNAMED_CEILING)
    elif not outside and (_split_upward(decision) or _close_above(decision) or _one_against_one(decision)):
        confidence = min(confidence, SPLIT_CEILING)
    elif not outside and _level_placed(decision):
        confidence = max(confidence, FIRM_CONFIDENCE)
    return round(max(0.05, min(0.99, confidence)), 2)


def _names_family(best: FamilyFit, decision: LevelDecision) -> bool:
    named = best.domain_hits >= DOMAIN_SETTLED or (
        best.domain_hits >= FUNCTION_AND_DOMAIN and (best.names_function or not best.named_otherwise))
    return (named and (best.shows_work or _by_domain_and_diploma(best, decision))) or _by_work_and_diploma(best, decision)


def _by_work_and_diploma(best: FamilyFit, decision: LevelDecision) -> bool:
    """In a system that fixes a diploma per grade, a text that asks exactly one level's diploma,
    shows two pieces of the family's work and has PLACING_CRITERIA criteria place that same level
    names the family by its matrix, whatever words it uses for the field (a directieassistent
    whose matrix is competences, not a domain)."""
    placing = sum(1 for c in decision.criteria if c.level_rank == decision.rank)
    return decision.diploma_placed and best.work_shown >= WORK_COUNTED and placing >= PLACING_CRITERIA


def contested(best: FamilyFit, fits: Sequence[FamilyFit]) -> bool:
    """Another family scores within CONTESTED_MARGIN of the best and explains the text better."""
    return any(f is not best and f.score > best.score - CONTESTED_MARGIN and f.evidence > best.evidence for f in fits[:2])


def _by_domain_and_diploma(best: FamilyFit, decision: LevelDecision) -> bool:
    """A family whose grading system fixes a diploma per grade (the Belgian levels) describes
    competences rather than tasks: a text that names its domain beyond doubt and asks exactly one
    level's diploma shows its work in other words, at a level placed by definition."""
    return decision.diploma_placed and best.domain_hits >= DOMAIN_SETTLED


def _level_placed(decision: LevelDecision) -> bool:
    """The diploma asked is the level's by the system's definition, two criteria support the level
    (place it there or next to it), or one does with a clear lead over the next level and no
    criterion places the role far under it."""
    if decision.diploma_placed:
        return True
    supporting = _supporting(decision)
    lead = max(0.0, decision.share - decision.runner_up)
    return supporting >= 2 or (supporting == 1 and lead >= FIRM_LEVEL_LEAD and not _placed_far_under(decision))


def _supporting(decision: LevelDecision) -> int:
    return sum(1 for c in decision.criteria if c.level_rank is not None and abs(c.level_rank - decision.rank) <= AGREEING)


def _one_against_one(decision: LevelDecision) -> bool:
    """The level rests on one criterion while another places the role far under it: the evidence
    is split. A level its system's diploma places is excepted."""
    return not decision.diploma_placed and _supporting(decision) == 1 and _placed_far_under(decision)


def _placed_far_under(decision: LevelDecision) -> bool:
    """Some criterion places the role more than AGREEING levels under the chosen one."""
    return any(c.level_rank is not None and c.level_rank < decision.rank - AGREEING for c in decision.criteria)


def _split_upward(decision: LevelDecision) -> bool:
    above = sum(1 for c in decision.criteria if c.level_rank is not None and c.level_rank > decision.rank)
    return above >= SPLIT_UPWARD


def _close_above(decision: LevelDecision) -> bool:
    """A level above the chosen one scores within CLOSE_ABOVE_LEAD of it, counting only the evidence
    that tells levels apart."""
    scores = decision.telling if decision.telling is not None else decision.scores
    total = sum(scores.values())
    if not total:
        return False
    floor = scores[decision.rank] / total - CLOSE_ABOVE_LEAD
    return any(rank > decision.rank and score / total > floor for rank, score in scores.items())


UNNAMED_DOMAIN = "domain"
NO_WORK = "work"
LEVEL_UNCLEAR = "level"
LEVEL_SPLIT = "split"
LEVEL_CLOSE_ABOVE = "close"
FAMILY_CONTESTED = "family"


def uncertain_reasons(best: FamilyFit, decision: LevelDecision, fits: Sequence[FamilyFit] = ()) -> tuple[str, ...]:
    """What keeps an indication from being firm, by the rule above (for the explanation)."""
    reasons = []
    if not best.shows_work and not _by_domain_and_diploma(best, decision):
        reasons.append(NO_WORK)
    elif not _names_family(best, decision):
        reasons.append(UNNAMED_DOMAIN)
    if contested(best, fits):
        reasons.append(FAMILY_CONTESTED)
    if decision.position in (Position.ABOVE, Position.BELOW):
        return tuple(reasons)  # outside the range the level is the family's edge, not a choice
    if _split_upward(decision):
        reasons.append(LEVEL_SPLIT)
    elif _close_above(decision):
        reasons.append(LEVEL_CLOSE_ABOVE)
    elif not _level_placed(decision):
        reasons.append(LEVEL_UNCLEAR)
    return tuple(reasons)


def no_match_confidence(threshold: float, evidence: float, best_words: float) -> float:
    """How sure a refusal is: how far the text's likeness lies under the threshold, less as far as
    the best family's words (its domain) still fit."""
    confidence = 0.5 + (threshold - evidence) / threshold / 2 - max(0.0, best_words - NO_MATCH_WORDS)
    return round(max(0.05, min(NO_MATCH_CEILING, confidence)), 2)
