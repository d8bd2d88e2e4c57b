"""What the /beheer/ pages read: families with their published version and last change."""

from dataclasses import dataclass
from pathlib import Path

from profiles.catalogue.diff import FamilyDiff, family_diff
from profiles.catalogue.files import (
    FamilyFileError,
    family_from_data,
    systems_from_data,
)
from profiles.catalogue.uploads import current_families
from profiles.catalogue.versions import family_revision
from profiles.models import CatalogueRelease, FamilyRevision, JobFamily


@dataclass
class FamilyRow:
    family: JobFamily
    revision: FamilyRevision | None  # the latest published revision


def family_rows() -> list[FamilyRow]:
    latest: dict[str, FamilyRevision] = {}
    for revision in FamilyRevision.objects.select_related("release", "release__published_by").order_by("slug", "-release__number"):
        latest.setdefault(revision.slug, revision)
    return [FamilyRow(family, latest.get(family.slug)) for family in JobFamily.objects.select_related("grading_system").order_by("name")]


def release_list(limit: int = 50) -> list[CatalogueRelease]:
    return list(CatalogueRelease.objects.select_related("published_by").prefetch_related("revisions").order_by("-number")[:limit])


def family_version_compare(*, slug: str, number: int) -> tuple[FamilyRevision, FamilyDiff | str] | None:
    """The family as published in version `number`, and what changed from it to the current one;
    instead of the change, why they cannot be compared (data stored before today's limits)."""
    revision = family_revision(slug=slug, number=number)
    if revision is None or revision.data is None:
        return None
    try:
        systems = {s["code"]: s for s in systems_from_data(revision.release.systems, Path("versie"))}
        old = family_from_data(revision.data, Path(f"{slug} (versie {revision.release.number})"), systems)
        return revision, family_diff(old, current_families([slug]).get(slug))
    except FamilyFileError as error:
        return revision, str(error)


def revision_levels(data: dict) -> list[dict]:
    """A published family's levels with each cell's criterion name, for the read-only page."""
    names = {c["key"]: c["name"] for c in data.get("criteria", [])}
    return [
        {**level, "cells": [{**cell, "criterion_name": names.get(cell["criterion"], cell["criterion"])} for cell in level.get("cells", [])]}
        for level in data.get("levels", [])
    ]
