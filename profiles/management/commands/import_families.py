from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import ProtectedError

from profiles.family_files import FamilyFileError, read_catalogue
from profiles.family_import import import_catalogue
from profiles.models import JobFamily


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

    def handle(self, *args, dir, if_empty, **options):
        if if_empty and JobFamily.objects.exists():
            self.stdout.write("Er zijn al families; niets geladen (--if-empty).")
            return
        try:
            catalogue = read_catalogue(Path(dir))
        except FamilyFileError as error:
            raise CommandError(f"{error}. Er is niets geladen.") from None
        try:
            report = import_catalogue(catalogue)
        except ProtectedError as error:
            names = ", ".join(sorted({str(obj) for obj in error.protected_objects})[:5])
            raise CommandError(
                f"De bestanden halen iets weg waar nog naar verwezen wordt ({names}). "
                "Er is niets geladen."
            ) from None
        summary = ", ".join(report.families)
        if report.changed:
            self.stdout.write(
                f"{len(report.families)} families geladen ({summary}): "
                f"{report.created} nieuw, {report.updated} gewijzigd, {report.deleted} verwijderd."
            )
        else:
            self.stdout.write(f"{len(report.families)} families ({summary}) waren al actueel; niets gewijzigd.")
