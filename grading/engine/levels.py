"""Which level a role supports, criterion by criterion, and where it lies against the family.

A criterion supports the highest level whose own distinguishing elements the text shows
("Idem +": a level is only distinguished by what it adds). The diploma asked and cues of
autonomy and complexity weigh in beside the matrix; the decision is the level with most support.
"""

from dataclasses import dataclass

from grading.engine import outside
from grading.engine.fit import ElementMatch
from grading.engine.index import FamilyIndex
from grading.engine.reading import Reading
from grading.engine.result import Position, Signal

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
    matches: tuple[ElementMatch, ...]  # every match of the criterion, counted or not
    answered: bool
    # Per level rank with any own match: (rank, own elements shown, own elements of the level).
    shown: tuple[tuple[int, int, int], ...] = ()
    # Matches that did not lift the criterion: (element index, why), the why in Dutch.
    uncounted: tuple[tuple[int, str], ...] = ()
    # The highest level the evidence fits as well as level_rank: the levels above that take the
    # criterion over unchanged ("Idem") add nothing the text could show.
    reach: int | None = None


@dataclass(frozen=True)
class LevelDecision:
    rank: int
    position: Position
    scores: dict[int, float]
    criteria: tuple[CriterionSupport, ...]
    education_fit: str  # "", "match", "above", "below"
    share: float  # the chosen level's share of all support, 0..1
    runner_up: float = 0.0  # the next best level's share of all support, 0..1
    range_signals: tuple[Signal, ...] = ()  # what shows the role lies above or below the family
    # The grading system fixes a diploma per grade (Belgian levels) and the diploma asked is the
    # chosen level's, no other's: the level is placed by definition.
    diploma_placed: bool = False
    # The scores without the criteria that fit several levels alike (CriterionSupport.reach): what
    # tells the chosen level from its neighbours.
    telling: dict[int, float] | None = None


def kernel(rank: float, target: float) -> float:
    return max(0.0, 1.0 - abs(rank - target) / 1.5)


def own_counts(family: FamilyIndex, track: str | None = None) -> dict[tuple[str, int], int]:
    """(criterion, level rank) -> how many own elements (for "Idem +": additions) the level has,
    within the role's track when the family has tracks."""
    cache = family.__dict__.setdefault("_own_counts", {})  # the elements never change: count once per track
    counts = cache.get(track)
    if counts is not None:
        return counts
    counts = cache[track] = {}
    for element in family.elements:
        if element.distinguishing and (track is None or element.track in ("", track)):
            key = (element.criterion, element.level_rank)
            counts[key] = counts.get(key, 0) + 1
    return counts


def criterion_support(family: FamilyIndex, matches: dict[int, ElementMatch], answers: dict,
                      track: str | None = None, assisted: frozenset[int] = frozenset()) -> list[CriterionSupport]:
    """Per criterion, the level its evidence places; `assisted`: the elements whose match the
    text only helps with (helped_with)."""
    counts = own_counts(family, track)
    by_criterion: dict[str, list[ElementMatch]] = {}
    for match in matches.values():
        by_criterion.setdefault(family.elements[match.element].criterion, []).append(match)
    supports = []
    for criterion in family.criteria:
        own = by_criterion.get(criterion.key, [])
        shown = _shown(family, own, counts, criterion.key)
        answer = answers.get(criterion.key)
        if answer is not None and 1 <= answer <= len(family.family.levels):
            supports.append(CriterionSupport(criterion.key, answer, 1.0, tuple(own), True, shown))
            continue
        own_per_level = {r: n for (c, r), n in counts.items() if c == criterion.key}
        rank, strength, uncounted = zwaartepunt(family, own, own_per_level, assisted)
        reach = _reach(family, own, own_per_level, rank) if rank is not None else None
        supports.append(CriterionSupport(criterion.key, rank, strength, tuple(own), False, shown, uncounted, reach))
    return supports


def _reach(family: FamilyIndex, matches: list[ElementMatch], own_per_level: dict[int, int], rank: int) -> int:
    """The highest level whose cell still holds every element the text shows at `rank` while
    adding none of its own: up to there the criterion cannot tell the levels apart."""
    elements = family.elements
    shown = [elements[m.element] for m in matches if elements[m.element].level_rank == rank]
    if not shown:
        return rank
    reach = rank
    top = min(element.top_rank for element in shown)
    while reach < top and not own_per_level.get(reach + 1):
        reach += 1
    return reach


def _shown(family: FamilyIndex, matches: list[ElementMatch], counts: dict, key: str) -> tuple[tuple[int, int, int], ...]:
    shown: dict[int, int] = {}
    for match in matches:
        element = family.elements[match.element]
        if element.distinguishing:
            shown[element.level_rank] = shown.get(element.level_rank, 0) + 1
    return tuple((rank, n, max(n, counts.get((key, rank), n))) for rank, n in sorted(shown.items()))


ENOUGH_OWN = 2  # own elements a level needs shown before it lifts a criterion (fewer if it has fewer)
STRONG = 0.6  # one element met this fully is no coincidence: it may lift a criterion alone
LONE_STRENGTH = 0.5  # a criterion resting on one element of a larger level is weak evidence
LONE = "telde niet mee: één los element van {level} ({shown} van {of} eigen elementen); het zwaartepunt van de tekst ligt lager"
HELPING = "telde niet mee: de tekst helpt bij dit werk; het is niet het eigen werk van de functie"
OUTWEIGHED = "telde niet mee: de tekst toont meer van wat {lower} vraagt dan wat {level} toevoegt"


def helped_with(family: FamilyIndex, reading: Reading, matches: dict[int, ElementMatch]) -> frozenset[int]:
    """The matched elements whose words the text names only where the role helps with a task
    ("helpt bij het klaarmaken van dossiers voor vernietiging"), unless the element itself helps."""
    found = set()
    for index, match in matches.items():
        sentence, element = reading.sentences[match.sentence], family.elements[index]
        if sentence.assisted and not element.assisting:
            shared = element.terms & sentence.terms
            if 2 * len(shared & sentence.assisted) > len(shared):
                found.add(index)
    return frozenset(found)


def zwaartepunt(family: FamilyIndex, matches: list[ElementMatch], own: dict[int, int],
                assisted: frozenset[int] = frozenset()) -> tuple[int | None, float, tuple[tuple[int, str], ...]]:
    """The level where the balance of a criterion's evidence lies, and the matches that did not
    lift it (with why).

    A level lifts a criterion when the text shows enough of its own elements (what it adds over
    the level below): two, or all of them when it has fewer; and when that support is not
    outweighed by words the level no longer holds ("eenvoudige vragen" where the level asks
    "complexe vragen"). A match with a lower element the higher level still shows ("Idem +", or
    a bullet repeated at the next scale) is its base and counts only lightly against it. A single
    element of a level above the rest of the evidence is incidental: it is shown, never counted.
    When one match is all there is, the criterion rests on it, weakly. A task the text only helps
    with (`assisted`) is shown, and lifts no criterion above the lowest level.
    """
    elements = family.elements
    by_rank: dict[int, list[ElementMatch]] = {}
    helping = []
    for match in matches:
        element = elements[match.element]
        if match.element in assisted and element.level_rank > 1:
            helping.append((match.element, HELPING))
        elif element.distinguishing:
            by_rank.setdefault(element.level_rank, []).append(match)
    if not by_rank:
        return None, 0.0, tuple(helping)
    ranks = sorted(by_rank, reverse=True)
    chosen, lone = None, False
    for rank in ranks:
        above = [m for r in ranks if r >= rank for m in by_rank[r]]
        support = sum(m.score for m in above)
        lower = [m for m in matches if elements[m.element].level_rank < rank]
        against = sum(m.score for m in lower if elements[m.element].top_rank < rank)
        base = sum(m.score for m in lower if elements[m.element].top_rank >= rank)
        enough = len(above) >= min(ENOUGH_OWN, own.get(rank, 1)) or max(m.score for m in above) >= STRONG
        if enough and support >= (support + against + BASE_WEIGHT * base) / 3:
            chosen = rank
            break
    if chosen is None:  # no level shows enough: the lowest with own evidence, weakly
        chosen, lone = ranks[-1], True
    strongest = max(m.score for m in by_rank[chosen])
    strength = min(1.0, strongest) * (LONE_STRENGTH if lone and own.get(chosen, 1) > 1 else 1.0)
    uncounted = []
    level_name = _level_label(family, chosen)
    for rank in ranks:
        if rank <= chosen:
            continue
        for match in by_rank[rank]:
            label = _level_label(family, rank)
            higher = [m for r in ranks if r >= rank for m in by_rank[r]]
            if len(higher) < min(ENOUGH_OWN, own.get(rank, 1)) and max(m.score for m in higher) < STRONG:
                note = LONE.format(level=label, shown=len(by_rank[rank]), of=max(own.get(rank, 1), len(by_rank[rank])))
            else:
                note = OUTWEIGHED.format(level=label, lower=level_name)
            uncounted.append((match.element, note))
    return chosen, strength, tuple(uncounted + helping)


def grade_label(code: str | None) -> str:
    """A grade code as people read it: "schaal-5" -> "schaal 5", "FG45" -> "FG 45", "C" -> "niveau C"."""
    if not code:
        return ""
    if code.startswith("schaal-"):
        return "schaal " + code.removeprefix("schaal-")
    if code[:2] == "FG" and code[2:].isdigit():
        return "FG " + code[2:]
    if len(code) <= 2 and code[0].isalpha():
        return "niveau " + code
    return code


def _level_label(family: FamilyIndex, rank: int) -> str:
    level = family.family.level(rank)
    return grade_label(level.grade) or level.name or f"niveau {rank}"


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


def decide(family: FamilyIndex, reading: Reading, matches: dict[int, ElementMatch], answers: dict,
           track: str | None = None) -> LevelDecision:
    levels = family.family.levels
    n = len(levels)
    supports = criterion_support(family, matches, answers, track, helped_with(family, reading, matches))
    scores = {level.rank: 0.0 for level in levels}
    telling = {rank: 0.0 for rank in scores}  # what the criteria that tell levels apart add
    evidence_weight = 0.0
    for support in supports:
        if support.level_rank is None:
            continue
        weight = ANSWER_WEIGHT if support.answered else 0.5 + support.strength
        evidence_weight += weight
        low, high = support.level_rank, support.reach or support.level_rank
        for rank in scores:
            added = weight * kernel(rank, min(max(rank, low), high))
            scores[rank] += added
            if high == low:
                telling[rank] += added
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
    highest = max((s.level_rank for s in supports if s.level_rank is not None), default=None)
    work, elements = family.work_criteria, family.elements
    shows_work = any(not m.one_word and (work is None or elements[i].criterion in work) for i, m in matches.items())
    position, range_signals = outside.judge(family, reading, best, education_verdict, excess, highest, shows_work)
    if position == Position.ABOVE:  # the family's nearest level to a role above it is its highest
        best = n
    elif position == Position.BELOW:
        best = 1
    total = sum(scores.values()) or 1.0
    runner_up = max((v for r, v in scores.items() if r != best), default=0.0)
    diploma_placed = (family.entry_requirements and position == Position.IN_RANGE
                      and [rank for rank, value in education.items() if value >= 1.0] == [best])
    return LevelDecision(best, position, scores, tuple(supports), education_verdict, scores[best] / total,
                         runner_up / total, range_signals, diploma_placed, telling)
