from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import ProtectedError

from profiles.catalogue.changes import lock_catalogue
from profiles.catalogue.diff import catalogue_diff
from profiles.catalogue.files import FamilyFileError, read_catalogue
from profiles.catalogue.importing import import_catalogue
from profiles.catalogue.uploads import current_families, current_systems
from profiles.catalogue.versions import catalogue_changed_in_app, release_publish
from profiles.models import CatalogueRelease, JobFamily

ALREADY_FILLED = "Er zijn al families; niets geladen (--if-empty)."
WOULD_REPLACE = (
    "De catalogus is in de applicatie gewijzigd (upload of beheeromgeving). Dit import zou vervangen:\n{changes}\n"
    "Er is niets geladen. Gebruik --force om de bestanden toch te laden."
)


class Command(BaseCommand):
    help = "Valideer de familiebestanden in fixtures/ en laad ze in één transactie (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=str(settings.FIXTURES_DIR),
            help="Map met grading_systems.yaml en families/*.yaml (standaard: fixtures/).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Alleen laden als er nog geen enkele familie is (zo overschrijft bin/run nooit "
            "wat in de applicatie is gewijzigd).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook laden als de catalogus in de applicatie is gewijzigd; zonder --force toont het "
            "commando dan wat het zou vervangen en laadt het niets.",
        )

    def handle(self, *args, dir, if_empty, force=False, **options):
        if if_empty and JobFamily.objects.exists():  # a quick answer; checked again under the lock
            self.stdout.write(ALREADY_FILLED)
            return
        try:
            catalogue = read_catalogue(Path(dir))
        except FamilyFileError as error:
            raise CommandError(f"{error}. Er is niets geladen.") from None
        try:
            with transaction.atomic():
                # The guards are read under the lock that publishing and uploads take, so a
                # publication that lands while this command waits is seen, never overwritten.
                lock_catalogue()
                if if_empty and JobFamily.objects.exists():
                    self.stdout.write(ALREADY_FILLED)
                    return
                if not force and JobFamily.objects.exists() and catalogue_changed_in_app():
                    changes = self.would_replace(catalogue)
                    if changes:
                        raise CommandError(WOULD_REPLACE.format(changes="\n".join(changes)))
                report = import_catalogue(catalogue)
                release = release_publish(by=None, comment=f"import_families uit {dir}", origin=CatalogueRelease.Origin.IMPORT)
        except ProtectedError as error:
            names = ", ".join(sorted({str(obj) for obj in error.protected_objects})[:5])
            raise CommandError(
                f"De bestanden halen iets weg waar nog naar verwezen wordt ({names}). "
                "Er is niets geladen."
            ) from None
        summary = ", ".join(report.families)
        if report.changed:
            published = f" Gepubliceerd als versie {release.number}." if release else ""
            self.stdout.write(
                f"{len(report.families)} families geladen ({summary}): "
                f"{report.created} nieuw, {report.updated} gewijzigd, {report.deleted} verwijderd.{published}"
            )
        else:
            self.stdout.write(f"{len(report.families)} families ({summary}) waren al actueel; niets gewijzigd.")

    def would_replace(self, catalogue) -> list[str]:
        """One line per family (and for the grading systems) whose data the files would replace;
        a family only the files hold replaces nothing."""
        lines = []
        if _by_code(catalogue.systems) != _by_code(current_systems()):
            lines.append("- waarderingssystemen: gewijzigd")
        current = current_families()
        for diff in catalogue_diff(current, {f["slug"]: f for f in catalogue.families}):
            if diff.status == "gewijzigd":
                counts = diff.counts()
                lines.append(
                    f"- {diff.slug}: {diff.status}; niveaus +{counts['levels_added']} ~{counts['levels_changed']} "
                    f"-{counts['levels_removed']}, criteria +{counts['criteria_added']} ~{counts['criteria_changed']} "
                    f"-{counts['criteria_removed']}, elementen +{counts['elements_added']} -{counts['elements_removed']}"
                    + (f"; velden: {', '.join(diff.fields)}" if diff.fields else "")
                )
        return lines


def _by_code(systems: list[dict]) -> dict[str, dict]:
    """Systems to compare: the files list them in their own order, the database by code."""
    return {system["code"]: system for system in systems}
