"""Every level, described from its own source elements and requirements, grades to itself."""

import pytest

from grading import engine
from grading.engine.result import Position
from tests.engine.families import fixture_families, fixture_index

LEVELS = [(f.slug, level.rank) for f in fixture_families() for level in f.levels]


def level_description(family: engine.FamilyData, rank: int) -> list[str]:
    """What a manager would copy from the profile: the level's own elements and requirements."""
    level = family.level(rank)
    sentences = [f"Functie binnen de sector {family.sector.lower()}"]  # the context every description gives
    sentences += [level.description] if level.description else []
    sentences += [e.text for cell in level.cells for e in cell.elements if e.added and not e.inherited]
    formal = [line for line in level.requirements.splitlines() if "denkniveau" in line.lower()]
    sentences += formal + ([f"Vereiste opleiding: {level.entry_requirement}"] if level.entry_requirement else [])
    return [s.rstrip(".;: ") + "." for s in sentences if s.strip()]


def family_of(slug: str) -> engine.FamilyData:
    return next(f for f in fixture_families() if f.slug == slug)


@pytest.mark.parametrize("slug, rank", LEVELS)
def test_a_level_described_from_its_elements_grades_to_that_level(slug, rank):
    result = engine.grade(" ".join(level_description(family_of(slug), rank)), fixture_index())
    assert (result.family, result.level_rank, result.position) == (slug, rank, Position.IN_RANGE)


@pytest.mark.parametrize("slug, rank", [(s, r) for s, r in LEVELS if r < len(family_of(s).levels)])
def test_adding_the_next_levels_additions_grades_to_the_next_level(slug, rank):
    family = family_of(slug)
    level = family.level(rank + 1)
    additions = [level.description] if level.description else []
    additions += [e.text + "." for cell in level.cells for e in cell.elements if e.added and not e.inherited]
    base = [s for s in level_description(family, rank) if "denkniveau" not in s.lower() and "opleiding" not in s.lower()]
    result = engine.grade(" ".join(base + additions), fixture_index(), family=slug)
    assert result.level_rank == rank + 1
