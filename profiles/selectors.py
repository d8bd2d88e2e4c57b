"""Reads of the family catalogue: one place where the prefetching lives, so pages stay N+1 free."""

from django.db.models import Prefetch, QuerySet

from profiles.models import Cell, JobFamily, Level, Section


def family_queryset() -> QuerySet[JobFamily]:
    return JobFamily.objects.select_related("grading_system").prefetch_related(
        Prefetch("levels", queryset=Level.objects.select_related("grade").order_by("rank"))
    )


def family_full_queryset() -> QuerySet[JobFamily]:
    """A family with everything below it, in a fixed number of queries."""
    cells = Cell.objects.select_related("criterion").prefetch_related("elements")
    sections = Section.objects.select_related("level").prefetch_related("items")
    levels = (
        Level.objects.select_related("grade")
        .order_by("rank")
        .prefetch_related(Prefetch("cells", queryset=cells), "sections")
    )
    return JobFamily.objects.select_related("grading_system").prefetch_related(
        "functions",
        "context_notes",
        "criteria",
        Prefetch("levels", queryset=levels),
        Prefetch("sections", queryset=sections),
    )


def family_get(*, slug: str) -> JobFamily | None:
    return family_full_queryset().filter(slug=slug).first()


def level_matrix(family: JobFamily) -> list[dict]:
    """Per level, per criterion: the cell and the elements it shows (inherited first).

    Works on a family from `family_full_queryset()` without further queries.
    """
    levels = list(family.levels.all())
    criteria = list(family.criteria.all())
    by_rank = {level.rank: {cell.criterion_id: cell for cell in level.cells.all()} for level in levels}
    matrix = []
    for level in levels:
        cells = []
        for criterion in criteria:
            cell = by_rank[level.rank].get(criterion.id)
            cells.append(
                {
                    "criterion": criterion,
                    "cell": cell,
                    "inherits": cell.inherits if cell else "",
                    "elements": _shown_elements(by_rank, level.rank, criterion.id),
                }
            )
        matrix.append({"level": level, "cells": cells})
    return matrix


def _shown_elements(by_rank: dict, rank: int, criterion_id: int) -> list[dict]:
    cell = by_rank.get(rank, {}).get(criterion_id)
    if cell is None:
        return []
    below = _shown_elements(by_rank, rank - 1, criterion_id) if cell.inherits else []
    own = [
        {"element": e, "text": e.text, "group": e.group, "added": e.is_addition, "inherited": False}
        for e in cell.elements.all()
    ]
    return [dict(item, added=False, inherited=True) for item in below] + own
