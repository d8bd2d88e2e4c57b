"""Published versions of the catalogue (`CatalogueRelease`) and each family's history.

A release stores every family it changed in its YAML form (`FamilyRevision.data`), so a family
at version N is its latest revision up to N. The data version (`CatalogueVersion`) stays what it
was: a cache key that moves on every write; a release records the data version it produced.
"""

from django.db import transaction
from django.db.models import Max

from profiles.catalogue.changes import lock_catalogue
from profiles.catalogue.exporting import family_data, system_data
from profiles.models import CatalogueRelease, CatalogueVersion, FamilyRevision
from profiles.selectors import family_full_queryset


def release_latest() -> CatalogueRelease | None:
    return CatalogueRelease.objects.order_by("-number").first()


def _published_families(number: int | None = None) -> dict[str, FamilyRevision]:
    """The latest revision of every family up to release `number` (all when None)."""
    revisions = FamilyRevision.objects.select_related("release").order_by("slug", "-release__number")
    if number is not None:
        revisions = revisions.filter(release__number__lte=number)
    latest: dict[str, FamilyRevision] = {}
    for revision in revisions:
        latest.setdefault(revision.slug, revision)
    return latest


@transaction.atomic
def release_publish(*, by, comment: str, origin: str) -> CatalogueRelease | None:
    """Publish the catalogue as it now stands; None when nothing changed since the last release.

    Call inside the transaction that made the change, so the change and its release are kept or
    lost together.
    """
    lock_catalogue()
    current = {family.slug: family_data(family) for family in family_full_queryset().order_by("slug")}
    published = {slug: rev for slug, rev in _published_families().items()}
    systems = system_data()
    latest = release_latest()
    changed = [slug for slug, data in current.items() if slug not in published or published[slug].data != data]
    removed = [slug for slug, rev in published.items() if slug not in current and rev.data is not None]
    if latest is not None and not changed and not removed and latest.systems == systems:
        return None
    number = (CatalogueRelease.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    release = CatalogueRelease.objects.create(
        number=number, origin=origin, published_by=by, comment=comment.strip() or "(geen toelichting)",
        data_version=CatalogueVersion.current(), systems=systems,
    )
    FamilyRevision.objects.bulk_create(
        [
            FamilyRevision(
                release=release, slug=slug, name=current[slug]["name"], data=current[slug],
                summary="nieuw" if slug not in published or published[slug].data is None else "gewijzigd",
            )
            for slug in changed
        ]
        + [
            FamilyRevision(release=release, slug=slug, name=published[slug].name, data=None, summary="verwijderd")
            for slug in removed
        ]
    )
    return release


def catalogue_at(number: int) -> tuple[CatalogueRelease, list[dict]] | None:
    """The release `number` and the families (YAML form) as published in it; None if unknown."""
    release = CatalogueRelease.objects.filter(number=number).first()
    if release is None:
        return None
    families = [rev.data for rev in _published_families(number).values() if rev.data is not None]
    return release, sorted(families, key=lambda f: f["name"])


def systems_at(number: int) -> list[dict]:
    release = CatalogueRelease.objects.filter(number=number).first()
    return release.systems if release else []


def family_history(*, slug: str) -> list[FamilyRevision]:
    return list(
        FamilyRevision.objects.filter(slug=slug).select_related("release", "release__published_by").order_by("-release__number")
    )


def family_revision(*, slug: str, number: int) -> FamilyRevision | None:
    """The family as it was in release `number` (its latest revision up to it)."""
    return (
        FamilyRevision.objects.filter(slug=slug, release__number__lte=number)
        .select_related("release", "release__published_by")
        .order_by("-release__number")
        .first()
    )


def release_for_data_version(data_version: int | None) -> CatalogueRelease | None:
    """The published version a grading with this data version was made against."""
    if not data_version:
        return None
    return CatalogueRelease.objects.filter(data_version__lte=data_version).order_by("-number").first()


def catalogue_changed_in_app() -> bool:
    """Whether anyone changed the catalogue in the application (an upload or the admin), or it
    holds changes no release records: then seeding must not overwrite it silently."""
    latest = release_latest()
    if CatalogueRelease.objects.exclude(origin=CatalogueRelease.Origin.IMPORT).exists():
        return True
    return latest is not None and latest.data_version != CatalogueVersion.current()
