from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from profiles.catalogue.exporting import export_catalogue


class Command(BaseCommand):
    help = "Schrijf alle families terug naar YAML in het formaat dat import_families leest."

    def add_arguments(self, parser):
        parser.add_argument("dir", help="Doelmap; krijgt grading_systems.yaml en families/<slug>.yaml.")

    def handle(self, *args, dir, **options):
        target = Path(dir)
        if target.exists() and not target.is_dir():
            raise CommandError(f"{target} is geen map.")
        slugs = export_catalogue(target)
        self.stdout.write(f"{len(slugs)} families geschreven naar {target} ({', '.join(slugs)}).")
