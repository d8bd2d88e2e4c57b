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


# Aspects that levels of different families can be set side by side on, each with the words a
# criterion's name must hold to count for it. Only the name decides, so no text is moved to a
# row its source did not put it in; a criterion that names none stays with its own family.
ASPECTS = (
    ("Kennis, opleiding en ervaring", ("kennis", "opleiding", "ervaring", "diploma", "denkniveau")),
    ("Zelfstandigheid", ("zelfstandig", "autonom", "speelruimte", "handelingsvrijheid", "beslissingsruimte")),
    ("Contacten", ("contact", "communicatie")),
)
KNOWLEDGE = ASPECTS[0][0]
NO_DESCRIPTION = "Geen omschrijving in de bron"
NO_CRITERION = "Geen criterium hiervoor in de bron"


def criterion_aspect(name: str) -> str | None:
    """The aspect a criterion is aligned on across families, by its name; None when none fits."""
    folded = normalise(name)
    for title, words in ASPECTS:
        if any(word in folded for word in words):
            return title
    return None


def comparison_tables(groups: list[tuple[JobFamily, list[Level]]]) -> list[dict]:
    """The tables of a comparison, in page order.

    Levels of one family: one table, criteria as rows, what each level adds to the column before
    it marked. Levels of several families: first one table of them all side by side on what can be
    aligned honestly (`aligned_table`), then per family its own other criteria. Grades of
    different families are never equated, and what a level "adds" is only marked within a family.
    """
    if len(groups) == 1:
        family, chosen = groups[0]
        return [_family_table(family, chosen, skip_aligned=False)]
    return [aligned_table(groups)] + [_family_table(f, chosen, skip_aligned=True) for f, chosen in groups]


def _family_table(family: JobFamily, chosen: list[Level], *, skip_aligned: bool) -> dict:
    by_id = {row["level"].id: row for row in level_matrix(family)}
    sections = [s for s in family.sections.all() if s.level_id]
    rows = []
    if not skip_aligned and any(level.description for level in chosen):
        rows.append({"title": "Omschrijving", "cells": _compared([_sentences(level.description) for level in chosen])})
    for index, criterion in enumerate(family.criteria.all()):
        if skip_aligned and criterion_aspect(criterion.name):
            continue
        cells = [by_id[level.id]["cells"][index] for level in chosen]
        rows.append({"title": criterion.name, "cells": _criterion_cells(cells)})
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
    return {
        "kind": "family",
        "family": family,
        "columns": _columns(chosen),
        "rows": rows,
        "has_typing": any(level.typing_code for level in chosen),
        "aligned_elsewhere": skip_aligned,
    }


def _criterion_cells(cells: list[dict]) -> list[dict]:
    compared = _compared([[{"text": e["text"], "group": e["group"]} for e in c["elements"]] for c in cells])
    for cell, shown in zip(cells, compared):
        shown["label"] = INHERIT_LABELS.get(cell["inherits"], "")
    return compared


def aligned_table(groups: list[tuple[JobFamily, list[Level]]]) -> dict:
    """Levels of several families side by side: their description, then per aspect the criteria
    whose names say they describe it, each under its own name. A family without such a criterion
    says so instead of borrowing one."""
    families, columns = [], []
    for number, (family, chosen) in enumerate(groups):
        families.append({"family": family, "span": len(chosen)})
        for position, column in enumerate(_columns(chosen)):
            columns.append(dict(column, family=family, family_start=number > 0 and position == 0))
    rows = [{"title": "Omschrijving", "cells": [], "missing": NO_DESCRIPTION}]
    rows += [{"title": title, "cells": [], "missing": NO_CRITERION} for title, _ in ASPECTS]
    for family, chosen in groups:
        by_id = {row["level"].id: row for row in level_matrix(family)}
        descriptions = _compared([_sentences(level.description) for level in chosen])
        rows[0]["cells"].extend({"parts": [dict(d, name="")] if not d["is_empty"] else []} for d in descriptions)
        for row in rows[1:]:
            per_level = [[] for _ in chosen]
            if row["title"] == KNOWLEDGE:
                _add_parts(per_level, "Eisen", _compared([_sentences(level.requirements) for level in chosen]))
                entry = [
                    [{"text": level.grade.entry_requirement, "group": ""}]
                    if level.grade_id and level.grade.entry_requirement else []
                    for level in chosen
                ]
                _add_parts(per_level, "Toelatingseis van de schaal", _compared(entry))
            for index, criterion in enumerate(family.criteria.all()):
                if criterion_aspect(criterion.name) == row["title"]:
                    cells = [by_id[level.id]["cells"][index] for level in chosen]
                    _add_parts(per_level, criterion.name, _criterion_cells(cells))
            row["cells"].extend({"parts": parts} for parts in per_level)
    for row in rows:
        for cell, column in zip(row["cells"], columns):
            cell["family_start"] = column["family_start"]
    return {
        "kind": "aligned",
        "families": families,
        "columns": columns,
        "rows": [row for row in rows if any(cell["parts"] for cell in row["cells"])],
    }


def _add_parts(per_level: list[list[dict]], name: str, compared: list[dict]) -> None:
    """Add one source part (a criterion, the requirements) to each level's cell, if it holds text."""
    if all(cell["is_empty"] for cell in compared):
        return
    for parts, cell in zip(per_level, compared):
        parts.append(dict(cell, name=name))


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
