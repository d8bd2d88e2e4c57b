"""grade(): a role description in, the best family, level and evidence out."""

from collections.abc import Mapping, Sequence

from grading.engine.data import FamilyData
from grading.engine.fit import FamilyFit, family_fit, shortlist
from grading.engine.index import CatalogueIndex, FamilyIndex, build_index
from grading.engine.levels import LevelDecision, decide
from grading.engine.reading import Reading, read
from grading.engine.result import CriterionResult, Evidence, FamilyScore, GradingResult, Position

ENGINE_VERSION = "1.0"
# Calibrated on tests/engine/cases/calibration_cases.jsonl: the best-family scores of the 13 roles
# that belong to no family (policy adviser, developer, nurse, caretaker, HR adviser, planner …)
# ran up to 0.31 (one HR adviser who works with the works council: 0.375), those of the 39 that
# belong to a family started at 0.36. The threshold sits in that gap.
NO_MATCH_BELOW = 0.34
MAX_EVIDENCE = 3

__all__ = ["ENGINE_VERSION", "CatalogueIndex", "build_index", "grade"]


def grade(
    text: str,
    families: CatalogueIndex | Sequence[FamilyData],
    *,
    family: str | None = None,
    answers: Mapping[str, int] | None = None,
) -> GradingResult:
    catalogue = families if isinstance(families, CatalogueIndex) else build_index(families)
    text = text if isinstance(text, str) else ""
    reading = read(text, catalogue)
    if family is not None and family not in catalogue.families:
        raise KeyError(f"unknown family: {family}")
    candidates = [family] if family else shortlist(reading, catalogue)
    fits = sorted(
        (family_fit(catalogue.families[slug], reading, catalogue) for slug in candidates),
        key=lambda fit: (-fit.score, fit.slug),
    )
    scores = tuple(FamilyScore(f.slug, catalogue.families[f.slug].family.name, f.score) for f in fits)
    if not fits or (family is None and fits[0].score < NO_MATCH_BELOW):
        return _no_match(reading, scores)
    best = fits[0]
    family_index = catalogue.families[best.slug]
    decision = decide(family_index, reading, best.matches, dict(answers or {}))
    return _result(family_index, reading, best, fits, scores, decision)


def _no_match(reading: Reading, scores: tuple[FamilyScore, ...]) -> GradingResult:
    explanation = (
        "Geen functiefamilie past: de beschrijving gaat over ander werk dan de families beschrijven."
        if reading.sentences
        else "Er is geen functiebeschrijving om in te delen."
    )
    return GradingResult(
        engine_version=ENGINE_VERSION, position=Position.NO_MATCH, family=None, family_name=None,
        level_rank=None, level_name=None, grade=None, confidence=_no_match_confidence(scores),
        family_scores=scores, criteria=(), signals=_signals(reading), next_level_rank=None,
        next_grade=None, missing_for_next=(), explanation=explanation,
    )


def _no_match_confidence(scores: tuple[FamilyScore, ...]) -> float:
    best = scores[0].score if scores else 0.0
    return round(min(1.0, 0.5 + (NO_MATCH_BELOW - best) / NO_MATCH_BELOW / 2), 2)


def _signals(reading: Reading) -> tuple:
    education = (reading.education_signal,) if reading.education_signal else ()
    return education + reading.cue_signals + reading.above_signals


def _result(family_index: FamilyIndex, reading: Reading, best: FamilyFit, fits: list[FamilyFit],
            scores: tuple[FamilyScore, ...], decision: LevelDecision) -> GradingResult:
    family = family_index.family
    level = family.level(decision.rank)
    next_rank = decision.rank + 1 if decision.rank < len(family.levels) else None
    criteria = tuple(_criterion_result(family_index, reading, support, next_rank) for support in decision.criteria)
    missing = tuple(text for c in criteria for text in c.missing_for_next)
    return GradingResult(
        engine_version=ENGINE_VERSION,
        position=decision.position,
        family=family.slug,
        family_name=family.name,
        level_rank=level.rank,
        level_name=level.name,
        grade=level.grade,
        confidence=_confidence(best, fits, decision),
        family_scores=scores,
        criteria=criteria,
        signals=_signals(reading),
        next_level_rank=next_rank,
        next_grade=family.level(next_rank).grade if next_rank else None,
        missing_for_next=missing,
        explanation=_explanation(family, level, decision, criteria),
    )


def _criterion_result(family_index: FamilyIndex, reading: Reading, support, next_rank: int | None) -> CriterionResult:
    family = family_index.family
    name = next(c.name for c in family_index.criteria if c.key == support.key)
    elements = family_index.elements
    ranked = sorted(support.matches, key=lambda m: (-elements[m.element].level_rank, -m.score))
    evidence, used = [], set()
    for match in ranked:
        if match.sentence in used:
            continue
        used.add(match.sentence)
        sentence = reading.sentences[match.sentence].sentence
        element = elements[match.element]
        evidence.append(Evidence(sentence.text, sentence.start, sentence.end, element.text, element.level_rank, round(match.score, 3)))
        if len(evidence) == MAX_EVIDENCE:
            break
    matched = {m.element for m in support.matches}
    missing = ()
    if next_rank is not None:
        missing = tuple(
            e.text for e in elements
            if e.criterion == support.key and e.level_rank == next_rank and e.distinguishing and e.index not in matched
        )
    level_rank = support.level_rank
    return CriterionResult(
        key=support.key,
        name=name,
        level_rank=level_rank,
        grade=family.level(level_rank).grade if level_rank else None,
        evidence=tuple(evidence),
        missing_for_next=missing,
        answered=support.answered,
    )


def _confidence(best: FamilyFit, fits: list[FamilyFit], decision: LevelDecision) -> float:
    runner_up = fits[1].score if len(fits) > 1 else 0.0
    family_certainty = min(1.0, best.score / 0.6) * min(1.0, 0.5 + (best.score - runner_up))
    supported = sum(1 for c in decision.criteria if c.level_rank is not None)
    coverage = supported / max(len(decision.criteria), 1)
    level_certainty = 0.5 * decision.share * len(decision.scores) / max(len(decision.scores), 1) + 0.5 * coverage
    if decision.education_fit == "match":
        level_certainty = min(1.0, level_certainty + 0.15)
    return round(max(0.05, min(0.99, family_certainty * (0.4 + 0.6 * level_certainty))), 2)


def _explanation(family: FamilyData, level, decision: LevelDecision, criteria: tuple[CriterionResult, ...]) -> str:
    supported = [c for c in criteria if c.level_rank is not None]
    label = level.grade or f"niveau {level.rank}"
    parts = [f"De beschrijving past het best bij {family.name}, {level.name} ({label})."]
    if supported:
        parts.append(f"{len(supported)} van de {len(criteria)} criteria geven houvast in de tekst.")
    else:
        parts.append("Geen criterium geeft duidelijk houvast; het niveau steunt op opleiding en andere signalen.")
    if decision.education_fit == "match":
        parts.append("De gevraagde opleiding past bij dit niveau.")
    if decision.position == Position.ABOVE:
        parts.append("De functie lijkt boven het hoogste niveau van deze familie te liggen.")
    elif decision.position == Position.BELOW:
        parts.append("De functie lijkt onder het laagste niveau van deze familie te liggen.")
    return " ".join(parts)
