"""Whether what the export writes would load back: the importer's own reader run on the exporter's
data. The admin runs it after every change, inside the change's transaction, and refuses a change
that fails it (profiles/admin.py), so whatever the admin lets through, the export still loads.
"""

from collections.abc import Iterable
from pathlib import Path

from profiles.catalogue.exporting import family_data, system_data
from profiles.catalogue.files import FamilyFileError, family_from_data, systems_from_data
from profiles.models import JobFamily
from profiles.selectors import family_full_queryset

EXPORT_WOULD_NOT_LOAD = (
    "De wijziging is niet opgeslagen: de export van {what} zou daarna niet meer te importeren zijn "
    "({place}: {message})."
)


def export_problem(*, families: Iterable[JobFamily]) -> str | None:
    """The Dutch reason the grading systems or one of `families` would not load back, or None."""
    try:
        systems = {s["code"]: s for s in systems_from_data(system_data(), Path("grading_systems.yaml"))}
    except FamilyFileError as error:
        return EXPORT_WOULD_NOT_LOAD.format(what="de waarderingssystemen", place=error.place, message=error.message)
    for family in family_full_queryset().filter(pk__in=[f.pk for f in families if f.pk]):
        try:
            family_from_data(family_data(family), Path(f"{family.slug}.yaml"), systems)
        except FamilyFileError as error:
            return EXPORT_WOULD_NOT_LOAD.format(what=f"familie '{family.name}'", place=error.place, message=error.message)
    return None
