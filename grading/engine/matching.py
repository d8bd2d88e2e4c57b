"""Placeholder while the engine is written: same signatures, answers no_match."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from grading.engine.data import FamilyData
from grading.engine.result import GradingResult, Position

ENGINE_VERSION = "0.0-dev"


@dataclass(frozen=True)
class CatalogueIndex:
    families: tuple[FamilyData, ...]


def build_index(families: Sequence[FamilyData]) -> CatalogueIndex:
    return CatalogueIndex(families=tuple(families))


def grade(
    text: str,
    families: CatalogueIndex | Sequence[FamilyData],
    *,
    family: str | None = None,
    answers: Mapping[str, int] | None = None,
) -> GradingResult:
    return GradingResult(
        engine_version=ENGINE_VERSION, position=Position.NO_MATCH, family=None, family_name=None,
        level_rank=None, level_name=None, grade=None, confidence=0.0, family_scores=(), criteria=(),
        signals=(), next_level_rank=None, next_grade=None, missing_for_next=(), explanation="",
    )
