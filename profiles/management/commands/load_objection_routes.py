from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from profiles import objection_routes
from profiles.catalogue.files import FamilyFileError


class Command(BaseCommand):
    help = (
        "Valideer fixtures/objection_routes.yaml en voeg de bezwaarroutes toe die er nog niet zijn; "
        "een bestaande route (en een termijn die de organisatie instelde) blijft zoals hij is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file", default=None,
            help="Het bestand met routes (standaard: fixtures/objection_routes.yaml).",
        )
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Alleen laden als er nog geen enkele bezwaarroute is (zo gebruikt bin/run het).",
        )

    def handle(self, *args, file, if_empty, **options):
        path = Path(file) if file else objection_routes.seed_path()
        try:
            result = objection_routes.routes_load(path=path, if_empty=if_empty)
        except FamilyFileError as error:
            raise CommandError(f"{error}. Er is niets geladen.") from None
        if result.skipped_not_empty:
            self.stdout.write("Er zijn al bezwaarroutes; niets geladen (--if-empty).")
            return
        self.stdout.write(
            f"{result.created} bezwaarroute(s) toegevoegd, {result.kept} bestaande ongewijzigd gelaten."
        )
