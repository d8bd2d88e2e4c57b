"""Reads of the family catalogue: one place where the prefetching lives, so pages stay N+1 free."""

import threading

from django.core.cache import cache
from django.db.models import Prefetch, QuerySet

from profiles import search
from profiles.models import CatalogueVersion, Cell, JobFamily, Level, Section


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


def catalogue_key() -> tuple[int, str]:
    """Identifies the catalogue's state; caches of catalogue data are keyed on it.

    The number can repeat after a flush and a fresh import; the token set on every change cannot.
    """
    return CatalogueVersion.key()


def catalogue_cache_key(name: str, *parts, key: tuple[int, str] | None = None) -> str:
    """A cache key that moves with the catalogue; pass `key` when the caller already read it."""
    number, token = key or catalogue_key()
    return ":".join(["catalogue", str(number), token, name, *map(str, parts)])


def search_documents() -> list[search.Document]:
    """Every text of every family and level, labelled in Dutch with where it sits."""
    documents = []
    for family in family_full_queryset().order_by("name"):

        def add(label: str, text: str, level_id: int | None = None, *, keywords: bool = False) -> None:
            if text.strip():
                documents.append(
                    search.make_document(
                        family_id=family.id, level_id=level_id, label=label, text=text, keywords=keywords
                    )
                )

        add("Naam", family.name)
        add("Kern van de functie", family.core)
        for function in family.functions.all():
            add(function.get_kind_display().capitalize(), function.name)
        for note in family.context_notes.all():
            for line in note.text.splitlines():
                add(note.title, line.removeprefix("- "))
        sections = list(family.sections.all())
        for section in [s for s in sections if s.level_id is None]:
            _add_section(add, section)
        for criterion in family.criteria.all():
            add("Criterium", criterion.name)
        add(KEYWORDS_LABEL, ", ".join(recognition_terms(family.recognition)), keywords=True)
        for row in level_matrix(family):
            level = row["level"]
            add("Niveau", level.name, level.id)
            add("Omschrijving", level.description, level.id)
            add("Eisen", level.requirements, level.id)
            for cell in row["cells"]:
                for element in cell["elements"]:
                    add(cell["criterion"].name, element["text"], level.id)
            for section in [s for s in sections if s.level_id == level.id]:
                _add_section(add, section, level.id)
    return documents


KEYWORDS_LABEL = "Trefwoorden"


def recognition_terms(recognition: dict | None) -> list[str]:
    """What the family's `recognition:` block names as its work (domain terms, function names,
    the terms of its tracks), so a search for "scannen" finds the family whose work it is even
    where the source's own texts say "gedigitaliseerd". Its setting words (gemeente, school) are
    where the work happens, not what it is, and are left out."""
    if not recognition:
        return []
    terms = [*(recognition.get("domain") or []), *(recognition.get("functions") or [])]
    for track in recognition.get("tracks") or []:
        terms.extend(track.get("terms") or [])
    return list(dict.fromkeys(terms))


def _add_section(add, section: Section, level_id: int | None = None) -> None:
    add(section.get_kind_display(), section.title, level_id)
    add(section.title, section.intro, level_id)
    for item in section.items.all():
        add(section.title, item.text, level_id)


_search_lock = threading.Lock()
_search_cache: dict[str, object] = {"key": None, "index": None}


def search_index() -> search.SearchIndex:
    """The stem index, built once per process and rebuilt when the catalogue changes.

    Only the catalogue key is asked of the database per call, so every process behind a load
    balancer sees a change on its next request.
    """
    key = catalogue_key()
    with _search_lock:
        if _search_cache["key"] != key or _search_cache["index"] is None:
            _search_cache["index"] = search.SearchIndex(search_documents())
            _search_cache["key"] = key
        return _search_cache["index"]


def clear_catalogue_caches() -> None:
    """Forget what was built from the catalogue (tests change data without a new version)."""
    with _search_lock:
        _search_cache.update(key=None, index=None)
    cache.clear()


def levels_for_comparison(*, level_ids: list[int]) -> list[tuple[JobFamily, list[Level]]] | None:
    """The families of the chosen levels (whole) with the chosen levels in rank order.

    None when an id is unknown. Families keep the order of their first level in `level_ids`.
    """
    family_of = dict(Level.objects.filter(id__in=level_ids).values_list("id", "family_id"))
    if len(family_of) != len(set(level_ids)):
        return None
    families = family_full_queryset().in_bulk(set(family_of.values()))
    order = list(dict.fromkeys(family_of[level_id] for level_id in level_ids))
    chosen = set(level_ids)
    return [
        (families[family_id], [lvl for lvl in families[family_id].levels.all() if lvl.id in chosen])
        for family_id in order
    ]
