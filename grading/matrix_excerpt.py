"""The matrix rows a role was graded against, kept with the grading snapshot.

A bezwaar is judged on what was decided then, so the report prints the excerpt as it stood when
the engine ran, not today's catalogue. It is built from the engine's in-memory family data (no
query on the submit path) as plain JSON in the shape the report template reads.
"""

from grading import engine


def excerpt(*, family: engine.FamilyData | None, rank: int | None, grade_names: dict[str, str] | None = None) -> dict:
    """The indicative level and its neighbours, criteria as rows; {} without a family and level.

    `grade_names` maps grade codes to the names people read ("schaal-6" -> "schaal 6")."""
    grade_names = grade_names or {}
    if family is None or not rank:
        return {}
    levels = [level for level in family.levels if abs(level.rank - rank) <= 1]
    if not levels:
        return {}
    return {
        "family": {"name": family.name, "slug": family.slug},
        "indicative_rank": rank,
        "levels": [
            {"rank": level.rank, "name": level.name, "grade": {"code": level.grade, "name": grade_names.get(level.grade, level.grade)} if level.grade else None}
            for level in levels
        ],
        "criteria": [
            {"criterion": {"name": criterion.name}, "cells": [_cell(level, criterion.key) for level in levels]}
            for criterion in family.criteria
        ],
    }


def _cell(level: engine.LevelData, criterion: str) -> dict:
    cell = next((cell for cell in level.cells if cell.criterion == criterion), None)
    if cell is None:
        return {"inherits": "", "elements": []}
    return {
        "inherits": cell.inherits,
        "elements": [
            {"text": e.text, "group": e.group, "added": e.added, "inherited": e.inherited} for e in cell.elements
        ],
    }
