"""What the matrix, the family-wide sections and the comparison show, so templates stay simple.

Everything here works on families from `family_full_queryset()` and asks no further queries.
"""

import re

from profiles.additions import normalise
from profiles.models import JobFamily, Level, Section
from profiles.selectors import level_matrix

INHERIT_LABELS = {"idem": "Idem", "idem+": "Idem +"}
SECTION_BLOCK_TITLES = {
    Section.Kind.RESULTS: "Resultaten",
    Section.Kind.BEHAVIOUR: "Gedragsindicatoren",
    Section.Kind.COMPETENCES: "Competenties",
    Section.Kind.QUALITY_PROFILE: "Kwaliteitenprofielen",
    Section.Kind.RESULT_AREA: "Resultaatgebieden",
    Section.Kind.FOOTNOTE: "Voetnoot",
}
SENTENCE_END = re.compile(r"(?<=[.;])\s+")


def grade_label(level: Level) -> str:
    return level.grade.name if level.grade_id else "geen schaal"


def grouped(items: list[dict]) -> list[dict]:
    """Consecutive items with the same `group` under one heading; a group named after the item
    just before it ("Collectievorming en -beheer mediatheek:") becomes that item's sub-list."""
    groups: list[dict] = []
    for item in items:
        entry = dict(item, children=[])
        last = groups[-1]["items"][-1] if groups else None
        group = item.get("group") or ""
        if last and group and (last["text"].rstrip(": ") == group or last.get("parent_of") == group):
            last["children"].append(entry)
            last["parent_of"] = group
        elif groups and groups[-1]["name"] == group:
            groups[-1]["items"].append(entry)
        else:
            groups.append({"name": group, "items": [entry]})
    return groups


def _columns(levels: list[Level]) -> list[dict]:
    return [
        {
            "level": level,
            "grade": grade_label(level),
            "below": levels[i - 1] if i else None,
            "above": levels[i + 1] if i + 1 < len(levels) else None,
        }
        for i, level in enumerate(levels)
    ]


def matrix_table(family: JobFamily) -> dict:
    """Criteria as rows, levels as columns; each cell split into inherited and own elements."""
    rows = level_matrix(family)
    levels = [row["level"] for row in rows]
    criteria_rows = []
    for index, criterion in enumerate(family.criteria.all()):
        cells = [
            _matrix_cell(row["cells"][index], below=levels[i - 1] if i else None)
            for i, row in enumerate(rows)
        ]
        criteria_rows.append({"criterion": criterion, "cells": cells})
    return {
        "columns": _columns(levels),
        "rows": criteria_rows,
        "has_typing": any(level.typing_code for level in levels),
        "has_requirements": any(level.requirements for level in levels),
        "has_entry_requirement": any(level.grade_id and level.grade.entry_requirement for level in levels),
    }


def _matrix_cell(cell: dict, *, below: Level | None) -> dict:
    inherited = [e for e in cell["elements"] if e["inherited"]]
    own = [dict(e, added=e["added"] and below is not None) for e in cell["elements"] if not e["inherited"]]
    return {
        "inherits": cell["inherits"],
        "label": INHERIT_LABELS.get(cell["inherits"], ""),
        "below": below,
        "inherited": grouped(inherited),
        "inherited_count": len(inherited),
        "own": grouped(own),
        "is_empty": not cell["elements"],
    }


def family_sections(family: JobFamily) -> list[dict]:
    """The family-wide sections in source order, runs of one kind as one block.

    Quality profiles, one per level, become one table: their groups as rows, levels as columns.
    """
    blocks: list[dict] = []
    levels = list(family.levels.all())
    for section in family.sections.all():
        if not blocks or blocks[-1]["kind"] != section.kind:
            blocks.append({"kind": section.kind, "title": SECTION_BLOCK_TITLES[section.kind], "sections": []})
        blocks[-1]["sections"].append(
            {
                "section": section,
                "title": section.title,
                "intro": section.intro,
                "groups": grouped([{"text": i.text, "group": i.group} for i in section.items.all()]),
            }
        )
    for block in blocks:
        if block["kind"] == Section.Kind.QUALITY_PROFILE:
            block["table"] = quality_profile_table([s["section"] for s in block["sections"]], levels)
    return blocks


def quality_profile_table(sections: list[Section], levels: list[Level]) -> dict:
    names: list[str] = []
    for section in sections:
        for item in section.items.all():
            if item.group not in names:
                names.append(item.group)
    rows = [
        {
            "name": name or "Overig",
            "cells": _compared(
                [[{"text": i.text, "group": ""} for i in s.items.all() if i.group == name] for s in sections]
            ),
        }
        for name in names
    ]
    level_names = {level.id: level for level in levels}
    return {
        "columns": [{"title": s.title, "level": level_names.get(s.level_id)} for s in sections],
        "rows": rows,
    }


def note_blocks(text: str) -> list[dict]:
    """A context note's paragraphs and "- " bullet lists, for a template to render."""
    blocks = []
    for paragraph in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        if lines and all(line.startswith("- ") for line in lines):
            blocks.append({"bullets": [line[2:] for line in lines]})
        elif lines:
            blocks.append({"text": " ".join(lines)})
    return blocks


def family_notes(family: JobFamily) -> list[dict]:
    return [
        {"note": note, "blocks": note_blocks(note.text)} for note in family.context_notes.all()
    ]


def family_page_context(family: JobFamily) -> dict:
    """All a family page or its PDF shows."""
    return {
        "family": family,
        "functions": list(family.functions.all()),
        "has_grades": any(level.grade_id for level in family.levels.all()),
        "table": matrix_table(family),
        "blocks": family_sections(family),
        "notes": family_notes(family),
    }


def comparison_tables(groups: list[tuple[JobFamily, list[Level]]]) -> list[dict]:
    """Per family, its chosen levels side by side per criterion.

    Each column after the first marks what is not in the column before it: what the higher level
    adds. Levels of different families are never compared with each other.
    """
    tables = []
    for family, chosen in groups:
        by_id = {row["level"].id: row for row in level_matrix(family)}
        sections = [s for s in family.sections.all() if s.level_id]
        rows = []
        if any(level.description for level in chosen):
            descriptions = _compared([_sentences(level.description) for level in chosen])
            rows.append({"title": "Omschrijving", "cells": descriptions})
        for index, criterion in enumerate(family.criteria.all()):
            cells = [by_id[level.id]["cells"][index] for level in chosen]
            compared = _compared([[{"text": e["text"], "group": e["group"]} for e in c["elements"]] for c in cells])
            for cell, shown in zip(cells, compared):
                shown["label"] = INHERIT_LABELS.get(cell["inherits"], "")
            rows.append({"title": criterion.name, "cells": compared})
        for kind in dict.fromkeys(s.kind for s in sections):
            per_level = [
                [
                    {"text": item.text, "group": item.group}
                    for s in sections
                    if s.kind == kind and s.level_id == level.id
                    for item in s.items.all()
                ]
                for level in chosen
            ]
            rows.append({"title": Section.Kind(kind).label, "cells": _compared(per_level)})
        tables.append(
            {
                "family": family,
                "columns": _columns(chosen),
                "rows": rows,
                "has_typing": any(level.typing_code for level in chosen),
            }
        )
    return tables


def _sentences(text: str) -> list[dict]:
    return [{"text": s, "group": ""} for s in SENTENCE_END.split(text.strip()) if s]


def _compared(columns: list[list[dict]]) -> list[dict]:
    """Mark in every column the items whose text the column before it does not hold."""
    result = []
    previous: set[str] | None = None
    for items in columns:
        marked = [dict(item, added=previous is not None and normalise(item["text"]) not in previous) for item in items]
        result.append({"items": grouped(marked), "is_empty": not items, "label": ""})
        previous = {normalise(item["text"]) for item in items}
    return result
