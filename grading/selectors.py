"""Reads for grading: the families as engine dataclasses, and the engine index per data version."""

import threading
from dataclasses import dataclass

from django.core.cache import cache

from grading import engine
from profiles.models import Grade, GradingSystem, JobFamily, Level
from profiles.organisation import organisation_current
from profiles.selectors import catalogue_cache_key, catalogue_key, family_full_queryset, level_matrix

CATALOGUE_CACHE_SECONDS = 24 * 60 * 60  # the key holds the data version, so this only frees memory


def _level_data(family: JobFamily, row: dict, sections: list) -> engine.LevelData:
    level = row["level"]
    level_sections = [s for s in sections if s.level_id == level.id]
    requirement_lines = [level.requirements] if level.requirements else []
    for section in level_sections:
        requirement_lines += [f"{item.group}: {item.text}" if item.group else item.text for item in section.items.all()]
    cells = tuple(
        engine.CellData(
            criterion=cell["criterion"].key,
            inherits=cell["inherits"],
            elements=tuple(
                engine.ElementData(text=e["text"], group=e["group"], added=e["added"], inherited=e["inherited"])
                for e in cell["elements"]
            ),
        )
        for cell in row["cells"]
    )
    return engine.LevelData(
        id=level.id,
        rank=level.rank,
        name=level.name,
        grade=level.grade.code if level.grade_id else None,
        description=level.description,
        requirements="\n".join(requirement_lines),
        entry_requirement=level.grade.entry_requirement if level.grade_id else "",
        cells=cells,
    )


def family_engine_data() -> tuple[engine.FamilyData, ...]:
    """Every family as engine dataclasses (a fixed number of queries)."""
    all_systems = list(GradingSystem.objects.prefetch_related("grades").order_by("code"))
    system_grades = {system.code: tuple(g.code for g in system.grades.all()) for system in all_systems}
    systems = tuple(engine.SystemData.from_dict(s.code, s.name, s.settings) for s in all_systems)
    result = []
    for family in family_full_queryset().order_by("slug"):
        sections = list(family.sections.all())
        functions = list(family.functions.all())
        system_code = family.grading_system.code if family.grading_system_id else None
        result.append(
            engine.FamilyData(
                slug=family.slug,
                name=family.name,
                grading_system=system_code,
                system_grades=system_grades.get(system_code, ()),
                jurisdiction=family.jurisdiction,
                sector=family.sector,
                core=family.core,
                related_functions=tuple(f.name for f in functions if f.kind == "related"),
                reference_functions=tuple(f.name for f in functions if f.kind == "reference"),
                context_notes=tuple(note.text for note in family.context_notes.all()),
                sections=tuple(
                    engine.SectionData(
                        kind=s.kind,
                        title=s.title,
                        intro=s.intro,
                        items=tuple(item.text for item in s.items.all()),
                        level_rank=s.level.rank if s.level_id else None,
                    )
                    for s in sections
                ),
                criteria=tuple(engine.CriterionData(key=c.key, name=c.name) for c in family.criteria.all()),
                levels=tuple(_level_data(family, row, sections) for row in level_matrix(family)),
                recognition=engine.RecognitionData.from_dict(family.recognition),
                systems=systems,
            )
        )
    return tuple(result)


_cache_lock = threading.Lock()
_cache: dict[str, object] = {"version": None, "index": None}


def engine_index(*, key: tuple[int, str] | None = None, deadline: float | None = None) -> engine.CatalogueIndex:
    """The engine's index, built once per process and rebuilt when the catalogue version moves.

    The key (number and token) lives in the database, so every process behind a load balancer
    notices a change with one cheap query per request, also after a flush and a fresh import.
    A caller that already read the key passes it, so the request asks only once. Past `deadline`
    (time.monotonic()) the build stops with engine.IndexDeadlinePassed.
    """
    version = key or catalogue_key()
    with _cache_lock:
        if _cache["version"] != version or _cache["index"] is None:
            _cache["index"] = engine.build_index(family_engine_data(), deadline=deadline)
            _cache["version"] = version
        return _cache["index"]


@dataclass(frozen=True)
class CatalogueRefs:
    """What storing an engine verdict needs besides the index: row ids and the grades' names."""

    family_ids: dict[str, int]  # family slug -> id
    grade_ids: dict[tuple[str, int], int | None]  # (family slug, level rank) -> the level's grade id
    grade_names: dict[str, dict[str, str]]  # grading system code -> grade code -> name ("schaal 6")
    # The organisation's grading system (the engine's setting); changing the organisation moves
    # the data version, so it is read with the rest.
    organisation_system: str | None = None


def catalogue_refs(*, key: tuple[int, str] | None = None) -> CatalogueRefs:
    """Read once per data version, so a submit asks nothing of the catalogue tables."""
    cache_key = catalogue_cache_key("grading-refs", key=key)
    refs = cache.get(cache_key)
    if refs is None:
        grade_names: dict[str, dict[str, str]] = {}
        for system, code, name in Grade.objects.values_list("system__code", "code", "name"):
            grade_names.setdefault(system, {})[code] = name
        refs = CatalogueRefs(
            family_ids=dict(JobFamily.objects.values_list("slug", "id")),
            grade_ids={
                (slug, rank): grade_id
                for slug, rank, grade_id in Level.objects.values_list("family__slug", "rank", "grade_id")
            },
            grade_names=grade_names,
            organisation_system=organisation_current().system_code,
        )
        cache.set(cache_key, refs, CATALOGUE_CACHE_SECONDS)
    return refs
