"""Read-only JSON of the catalogue, in the shape DESIGN.md fixes."""

from profiles.catalogue import versions
from profiles.models import JobFamily, Level
from profiles.selectors import level_matrix


def grade_code(level: Level) -> str | None:
    return level.grade.code if level.grade_id else None


def family_summary(family: JobFamily) -> dict:
    return {
        "slug": family.slug,
        "name": family.name,
        "grading_system": family.grading_system.name if family.grading_system_id else None,
        "grading_system_code": family.grading_system.code if family.grading_system_id else None,
        "jurisdiction": family.jurisdiction,
        "sector": family.sector,
        "levels": [
            {"rank": level.rank, "grade": grade_code(level), "name": level.name}
            for level in family.levels.all()
        ],
    }


def _section(section) -> dict:
    return {
        "kind": section.kind,
        "title": section.title,
        "intro": section.intro,
        "items": [{"group": item.group, "text": item.text} for item in section.items.all()],
    }


def _level(row: dict, sections: list) -> dict:
    level = row["level"]
    return {
        "id": level.id,
        "rank": level.rank,
        "grade": grade_code(level),
        "name": level.name,
        "description": level.description,
        "requirements": level.requirements,
        "entry_requirement": level.grade.entry_requirement if level.grade_id else "",
        "typing": {
            "code": level.typing_code,
            "total": level.typing_total,
            "digit_sum": level.typing_digit_sum,
            "digit_count": level.typing_digit_count,
            "consistent": level.typing_is_consistent,
        }
        if level.typing_code
        else None,
        "sections": [_section(s) for s in sections],
        "cells": [
            {
                "criterion": cell["criterion"].key,
                "criterion_name": cell["criterion"].name,
                "inherits": cell["inherits"] or None,
                "elements": [
                    {"text": e["text"], "group": e["group"] or None, "added": e["added"]}
                    for e in cell["elements"]
                ],
            }
            for cell in row["cells"]
        ],
    }


def family_detail(family: JobFamily) -> dict:
    sections = list(family.sections.all())
    functions = list(family.functions.all())
    data = family_summary(family)
    data.update(
        {
            "source_file": family.source_file,
            "source_title": family.source_title,
            "core": family.core,
            "related_functions": [f.name for f in functions if f.kind == "related"],
            "reference_functions": [f.name for f in functions if f.kind == "reference"],
            "context_notes": [
                {"title": n.title, "text": n.text, "source_file": n.source_file or None}
                for n in family.context_notes.all()
            ],
            "sections": [_section(s) for s in sections if s.level_id is None],
            "criteria": [{"key": c.key, "name": c.name} for c in family.criteria.all()],
            "levels": [
                _level(row, [s for s in sections if s.level_id == row["level"].id])
                for row in level_matrix(family)
            ],
        }
    )
    return data


def _published_summary(data: dict, systems: dict[str, dict], number: int) -> dict:
    system = systems.get(data.get("grading_system"))
    return {
        "slug": data["slug"],
        "name": data["name"],
        "grading_system": system["name"] if system else None,
        "grading_system_code": data.get("grading_system"),
        "jurisdiction": data["jurisdiction"],
        "sector": data["sector"],
        "version": number,
        "levels": [{"rank": lv["rank"], "grade": lv.get("grade"), "name": lv["name"]} for lv in data["levels"]],
    }


def catalogue_at(number: int) -> list[dict] | None:
    """The family list as published in version `number` (the open-data export of that version)."""
    found = versions.catalogue_at(number)
    if found is None:
        return None
    release, families = found
    systems = {s["code"]: s for s in release.systems}
    return [_published_summary(data, systems, number) for data in families]


def family_at(slug: str, number: int) -> dict | None:
    """One family as published in version `number`: its summary and its whole data in the
    documented YAML format (fixtures/README.md) under `data`."""
    if versions.catalogue_at(number) is None:
        return None
    revision = versions.family_revision(slug=slug, number=number)
    if revision is None or revision.data is None:
        return None
    systems = {s["code"]: s for s in versions.systems_at(number)}
    return {**_published_summary(revision.data, systems, number), "data": revision.data}
