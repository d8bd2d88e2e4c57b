"""Write a validated catalogue into the database, idempotently and in one transaction.

Rows are matched on their natural keys (system code, grade code, family slug, level rank,
criterion key), so ids stay stable and a second run changes nothing. Lists without a natural key
(elements, section items, functions, notes) are replaced only when they differ.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from profiles.additions import recompute_additions
from profiles.catalogue.changes import lock_catalogue
from profiles.catalogue.files import Catalogue
from profiles.models import (
    CatalogueVersion,
    Cell,
    ContextNote,
    Criterion,
    Element,
    FamilyFunction,
    Grade,
    GradingSystem,
    JobFamily,
    Level,
    Section,
    SectionItem,
)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    families: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


def _upsert(report: ImportReport, model, lookup: dict, values: dict):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.created += 1
        return obj
    dirty = [name for name, value in values.items() if getattr(obj, name) != value]
    if dirty:
        for name in dirty:
            setattr(obj, name, values[name])
        obj.save(update_fields=dirty)
        report.updated += 1
    return obj


def _delete_stale(report: ImportReport, queryset) -> None:
    count = queryset.count()
    if count:
        queryset.delete()
        report.deleted += count


def _replace_list(report: ImportReport, queryset, wanted: list[tuple], fields: tuple[str, ...], make) -> bool:
    """Replace the rows of `queryset` by `wanted` (tuples of `fields`) unless they are equal."""
    current = [tuple(row) for row in queryset.values_list(*fields)]
    if current == wanted:
        return False
    _delete_stale(report, queryset)
    objects = [make(order, values) for order, values in enumerate(wanted)]
    type(objects[0]).objects.bulk_create(objects) if objects else None
    report.created += len(objects)
    return True


@transaction.atomic
def import_catalogue(catalogue: Catalogue) -> ImportReport:
    lock_catalogue()  # before any read: a second import then sees what the first one wrote
    report = ImportReport()
    grades = {}
    systems = {}
    stale_grades: list[int] = []
    for system_data in catalogue.systems:
        system = _upsert(
            report,
            GradingSystem,
            {"code": system_data["code"]},
            {"name": system_data["name"], "description": system_data["description"],
             "legal_basis": system_data.get("legal_basis", ""), "settings": system_data.get("settings", [])},
        )
        systems[system.code] = system
        stale_grades += _sync_grades(report, system, system_data["grades"], grades)
    for family_data in catalogue.families:
        _sync_family(report, family_data, systems, grades)
        report.families.append(family_data["slug"])
    # Removed grades go last: a level may have moved off them in the same import.
    _delete_stale(report, Grade.objects.filter(pk__in=stale_grades))
    if report.changed:
        CatalogueVersion.bump()
    return report


def _sync_grades(report: ImportReport, system: GradingSystem, grade_rows: list[dict], grades: dict) -> list[int]:
    """Upsert the system's grades; returns the ids of grades no longer listed (deleted later)."""
    codes = [g["code"] for g in grade_rows]
    # Park ranks out of the way first so a reordering never trips the unique (system, rank).
    # The organisation's own grades (set in /beheer/organisatie/) are not the catalogue's to remove.
    stale = list(system.grades.exclude(code__in=codes).exclude(set_by_organisation=True).values_list("pk", flat=True))
    Grade.objects.filter(pk__in=stale).update(rank=F("rank") + 20_000)
    offset = 10_000
    for grade_data in grade_rows:
        existing = system.grades.filter(code=grade_data["code"]).first()
        if existing and existing.rank != grade_data["rank"]:
            Grade.objects.filter(pk=existing.pk).update(rank=existing.rank + offset)
    for grade_data in grade_rows:
        grade = _upsert(
            report,
            Grade,
            {"system": system, "code": grade_data["code"]},
            {
                "name": grade_data["name"],
                "rank": grade_data["rank"],
                "entry_requirement": grade_data["entry_requirement"],
            },
        )
        grades[(system.code, grade.code)] = grade
    return stale


def _sync_family(report: ImportReport, data: dict, systems: dict, grades: dict) -> None:
    system = systems.get(data["grading_system"])
    family = _upsert(
        report,
        JobFamily,
        {"slug": data["slug"]},
        {
            "name": data["name"],
            "grading_system": system,
            "jurisdiction": data["jurisdiction"],
            "sector": data["sector"],
            "core": data["core"],
            "source_file": data["source_file"],
            "source_title": data["source_title"],
            "source_url": data.get("source_url", ""),
            "source_date": data.get("source_date", ""),
            "recognition": data.get("recognition"),
        },
    )
    functions = [("related", name) for name in data["related_functions"]]
    functions += [("reference", name) for name in data["reference_functions"]]
    _replace_list(
        report,
        family.functions.order_by("kind", "order"),
        sorted(functions, key=lambda pair: pair[0]),
        ("kind", "name"),
        lambda order, v: FamilyFunction(family=family, kind=v[0], name=v[1], order=order),
    )
    _replace_list(
        report,
        family.context_notes.order_by("order"),
        [(n["title"], n["text"], n["source_file"]) for n in data["context_notes"]],
        ("title", "text", "source_file"),
        lambda order, v: ContextNote(family=family, title=v[0], text=v[1], source_file=v[2], order=order),
    )
    criteria = _sync_criteria(report, family, data["criteria"])
    levels = _sync_levels(report, family, data, criteria, grades)
    _sync_sections(report, family, data["sections"], levels)
    if report.changed:
        recompute_additions(family)


def _sync_criteria(report: ImportReport, family: JobFamily, rows: list[dict]) -> dict:
    _delete_stale(report, family.criteria.exclude(key__in=[c["key"] for c in rows]))
    return {
        row["key"]: _upsert(report, Criterion, {"family": family, "key": row["key"]}, {"name": row["name"], "order": order, "factors": row.get("factors", [])})
        for order, row in enumerate(rows)
    }


def _sync_levels(report: ImportReport, family: JobFamily, data: dict, criteria: dict, grades: dict) -> dict:
    _delete_stale(report, family.levels.filter(rank__gt=len(data["levels"])))
    levels = {}
    for row in data["levels"]:
        grade = grades.get((data["grading_system"], row["grade"])) if row["grade"] else None
        level = _upsert(
            report,
            Level,
            {"family": family, "rank": row["rank"]},
            {
                "name": row["name"],
                "grade": grade,
                "description": row["description"],
                "requirements": row["requirements"],
                "typing_code": row["typing_code"],
                "typing_total": row["typing_total"],
            },
        )
        levels[level.rank] = level
        wanted = [c["criterion"] for c in row["cells"]]
        _delete_stale(report, level.cells.exclude(criterion__key__in=wanted))
        for cell_data in row["cells"]:
            cell = _upsert(
                report,
                Cell,
                {"level": level, "criterion": criteria[cell_data["criterion"]]},
                {"inherits": cell_data["inherits"]},
            )
            _replace_list(
                report,
                cell.elements.order_by("order"),
                [(e["text"], e["group"]) for e in cell_data["elements"]],
                ("text", "group"),
                lambda order, v, cell=cell: Element(cell=cell, text=v[0], group=v[1], order=order),
            )
    return levels


def _sync_sections(report: ImportReport, family: JobFamily, rows: list[dict], levels: dict) -> None:
    _delete_stale(report, family.sections.filter(order__gte=len(rows)))
    for order, row in enumerate(rows):
        section = _upsert(
            report,
            Section,
            {"family": family, "order": order},
            {
                "kind": row["kind"],
                "title": row["title"],
                "intro": row["intro"],
                "level": levels.get(row["level"]) if row["level"] else None,
            },
        )
        _replace_list(
            report,
            section.items.order_by("order"),
            [(item["group"], item["text"]) for item in row["items"]],
            ("group", "text"),
            lambda order, v, section=section: SectionItem(section=section, group=v[0], text=v[1], order=order),
        )
