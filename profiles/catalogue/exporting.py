"""Write the catalogue back to the YAML files that import_families reads.

What a functional administrator corrected in the admin can so go back into fixtures/ (or to
another installation): export, then import there, and nothing changes.
"""

from pathlib import Path

import yaml

from profiles.models import GradingSystem, JobFamily
from profiles.selectors import family_full_queryset


class _Dumper(yaml.SafeDumper):
    """Block style, long texts folded at a readable width, keys in the documented order."""


def _str(dumper: yaml.SafeDumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def _dump(data, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(text, encoding="utf-8")


def system_data() -> list[dict]:
    return [
        {
            "code": system.code,
            "name": system.name,
            "description": system.description,
            **({"legal_basis": system.legal_basis} if system.legal_basis else {}),
            "grades": [
                {"code": g.code, "name": g.name, **({"entry_requirement": g.entry_requirement} if g.entry_requirement else {})}
                for g in sorted(system.grades.all(), key=lambda g: g.rank)
                if not g.set_by_organisation  # the organisation's own (/beheer/organisatie/), not the catalogue's
            ],
            **({"settings": system.settings} if system.settings else {}),
        }
        for system in GradingSystem.objects.prefetch_related("grades").order_by("code")
    ]


def family_data(family: JobFamily) -> dict:
    functions = list(family.functions.all())
    levels = list(family.levels.all())
    return {
        "slug": family.slug,
        "name": family.name,
        "grading_system": family.grading_system.code if family.grading_system_id else None,
        "jurisdiction": family.jurisdiction,
        "sector": family.sector,
        "source_file": family.source_file,
        "source_title": family.source_title,
        **({"source_url": family.source_url} if family.source_url else {}),
        **({"source_date": family.source_date} if family.source_date else {}),
        "core": family.core,
        "related_functions": [f.name for f in functions if f.kind == "related"],
        "reference_functions": [f.name for f in functions if f.kind == "reference"],
        "context_notes": [
            {"title": n.title, "text": n.text, **({"source_file": n.source_file} if n.source_file else {})}
            for n in family.context_notes.all()
        ],
        "sections": [
            {
                "kind": s.kind,
                "title": s.title,
                **({"level": s.level.rank} if s.level_id else {}),
                **({"intro": s.intro} if s.intro else {}),
                "items": [{**({"group": i.group} if i.group else {}), "text": i.text} for i in s.items.all()],
            }
            for s in family.sections.all()
        ],
        "criteria": [
            {"key": c.key, "name": c.name, **({"factors": list(c.factors)} if c.factors else {})}
            for c in family.criteria.all()
        ],
        "levels": [
            {
                "rank": level.rank,
                "name": level.name,
                "grade": level.grade.code if level.grade_id else None,
                "description": level.description,
                "requirements": level.requirements,
                "typing_code": level.typing_code,
                "typing_total": level.typing_total,
                "cells": [
                    {
                        "criterion": cell.criterion.key,
                        "inherits": cell.inherits or None,
                        "elements": [{"text": e.text, **({"group": e.group} if e.group else {})} for e in cell.elements.all()],
                    }
                    for cell in sorted(level.cells.all(), key=lambda c: c.criterion.order)
                ],
            }
            for level in levels
        ],
        **({"recognition": recognition_data(family.recognition)} if family.recognition else {}),
    }


def recognition_data(recognition: dict) -> dict:
    """The stored block in the documented order, without keys that hold nothing."""
    result = {}
    for key in ("domain", "domain_required", "functions", "counterparts", "other_functions", "setting", "setting_required",
                "tracks", "additions", "work"):
        value = recognition.get(key)
        if key in ("setting_required", "domain_required"):
            if value:
                result[key] = True
        elif key == "tracks":
            if value is not None:
                result[key] = [
                    {"name": t["name"], "groups": list(t.get("groups") or []), **({"terms": list(t["terms"])} if t.get("terms") else {})}
                    for t in value
                ]
        elif value:
            result[key] = list(value)
    return result


def export_catalogue(target: Path) -> list[str]:
    """Write grading_systems.yaml and families/<slug>.yaml below `target`; returns the slugs."""
    _dump(system_data(), target / "grading_systems.yaml")
    slugs = []
    for family in family_full_queryset().order_by("slug"):
        _dump(family_data(family), target / "families" / f"{family.slug}.yaml")
        slugs.append(family.slug)
    return slugs
