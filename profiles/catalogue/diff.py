"""What changes between two states of a family, per level and criterion, in plain data.

Both sides are families in their YAML form (`exporting.family_data` or a validated upload),
so a preview, a comparison with an older version and the history all use one comparison.
"""

from collections import Counter
from dataclasses import dataclass, field

FAMILY_FIELDS = {
    "name": "naam", "grading_system": "waarderingssysteem", "jurisdiction": "land", "sector": "sector",
    "source_file": "bronbestand", "source_title": "bron", "source_url": "adres van de bron",
    "source_date": "datum van de bron", "core": "kern van de functie",
    "related_functions": "gerelateerde functies", "reference_functions": "referentiefuncties",
    "context_notes": "contextnotities", "sections": "familiebrede onderdelen", "recognition": "herkenning",
}
LEVEL_FIELDS = {
    "name": "naam", "grade": "schaal", "description": "omschrijving", "requirements": "eisen",
    "typing_code": "functietypering", "typing_total": "totaal functietypering",
}


@dataclass
class CellDiff:
    criterion: str
    inherits: tuple[str | None, str | None] | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


@dataclass
class LevelDiff:
    rank: int
    name: str
    status: str  # "nieuw" | "gewijzigd" | "verwijderd"
    fields: list[str] = field(default_factory=list)
    cells: list[CellDiff] = field(default_factory=list)


@dataclass
class CriterionDiff:
    key: str
    name: str
    status: str
    fields: list[str] = field(default_factory=list)


@dataclass
class FamilyDiff:
    slug: str
    name: str
    status: str  # "nieuw" | "gewijzigd" | "verwijderd" | "ongewijzigd"
    fields: list[str] = field(default_factory=list)
    criteria: list[CriterionDiff] = field(default_factory=list)
    levels: list[LevelDiff] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.status != "ongewijzigd"

    def counts(self) -> dict[str, int]:
        cells = [cell for level in self.levels for cell in level.cells]
        return {
            "levels_added": sum(lv.status == "nieuw" for lv in self.levels),
            "levels_changed": sum(lv.status == "gewijzigd" for lv in self.levels),
            "levels_removed": sum(lv.status == "verwijderd" for lv in self.levels),
            "criteria_added": sum(c.status == "nieuw" for c in self.criteria),
            "criteria_changed": sum(c.status == "gewijzigd" for c in self.criteria),
            "criteria_removed": sum(c.status == "verwijderd" for c in self.criteria),
            "elements_added": sum(len(c.added) for c in cells),
            "elements_removed": sum(len(c.removed) for c in cells),
        }


def _element_texts(cell: dict | None) -> list[str]:
    if not cell:
        return []
    return [f"{e['group']}: {e['text']}" if e.get("group") else e["text"] for e in cell.get("elements", [])]


def _multiset_minus(a: list[str], b: list[str]) -> list[str]:
    left = Counter(b)
    result = []
    for text in a:
        if left[text]:
            left[text] -= 1
        else:
            result.append(text)
    return result


def _cells(old: dict | None, new: dict | None, criterion_names: dict[str, str]) -> list[CellDiff]:
    old_cells = {c["criterion"]: c for c in (old or {}).get("cells", [])}
    new_cells = {c["criterion"]: c for c in (new or {}).get("cells", [])}
    diffs = []
    for key in list(dict.fromkeys([*new_cells, *old_cells])):
        before, after = old_cells.get(key), new_cells.get(key)
        old_texts, new_texts = _element_texts(before), _element_texts(after)
        cell = CellDiff(
            criterion=criterion_names.get(key, key),
            added=_multiset_minus(new_texts, old_texts),
            removed=_multiset_minus(old_texts, new_texts),
        )
        inherits = ((before or {}).get("inherits"), (after or {}).get("inherits"))
        if inherits[0] != inherits[1]:
            cell.inherits = inherits
        if cell.added or cell.removed or cell.inherits or (old_texts != new_texts):
            diffs.append(cell)
    return diffs


def family_diff(old: dict | None, new: dict | None) -> FamilyDiff:
    """Compare two families (YAML form); `old` None means new, `new` None means removed."""
    base = new or old
    if old is None or new is None:
        status = "nieuw" if old is None else "verwijderd"
    else:
        status = "ongewijzigd" if old == new else "gewijzigd"
    diff = FamilyDiff(slug=base["slug"], name=base["name"], status=status)
    old, new = old or {}, new or {}
    if status == "ongewijzigd":
        return diff
    diff.fields = [label for key, label in FAMILY_FIELDS.items() if old and new and old.get(key) != new.get(key)]
    old_criteria = {c["key"]: c for c in old.get("criteria", [])}
    new_criteria = {c["key"]: c for c in new.get("criteria", [])}
    names = {key: c["name"] for key, c in {**old_criteria, **new_criteria}.items()}
    for key in list(dict.fromkeys([*new_criteria, *old_criteria])):
        before, after = old_criteria.get(key), new_criteria.get(key)
        if before is None or after is None:
            diff.criteria.append(CriterionDiff(key, names[key], "nieuw" if before is None else "verwijderd"))
        elif before != after:
            changed = [label for name, label in (("name", "naam"), ("factors", "factoren")) if before.get(name) != after.get(name)]
            diff.criteria.append(CriterionDiff(key, names[key], "gewijzigd", changed))
    if [k for k in old_criteria if k in new_criteria] != [k for k in new_criteria if k in old_criteria]:
        diff.fields.append("volgorde van de criteria")
    old_levels = {lv["rank"]: lv for lv in old.get("levels", [])}
    new_levels = {lv["rank"]: lv for lv in new.get("levels", [])}
    for rank in sorted({*old_levels, *new_levels}):
        before, after = old_levels.get(rank), new_levels.get(rank)
        level = LevelDiff(rank=rank, name=(after or before)["name"], status="gewijzigd")
        if before is None or after is None:
            level.status = "nieuw" if before is None else "verwijderd"
        else:
            level.fields = [label for key, label in LEVEL_FIELDS.items() if before.get(key) != after.get(key)]
        level.cells = _cells(before, after, names)
        if level.status != "gewijzigd" or level.fields or level.cells:
            diff.levels.append(level)
    return diff


def catalogue_diff(old: dict[str, dict], new: dict[str, dict]) -> list[FamilyDiff]:
    """Per family slug: the change from `old` to `new` (only families in `new` when partial)."""
    return [family_diff(old.get(slug), data) for slug, data in new.items()]
