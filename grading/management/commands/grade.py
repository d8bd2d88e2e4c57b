from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from grading.services.batch import BatchError, grade_jsonl_file


class Command(BaseCommand):
    help = "Grade role descriptions from a JSON Lines file, one result line per input line."

    def add_arguments(self, parser):
        parser.add_argument(
            "--jsonl", nargs=2, metavar=("IN", "OUT"), required=True,
            help="IN holds one object with id and text (optionally family and setting, a grading system code) per line; OUT receives the results.",
        )

    def handle(self, *args, jsonl, **options):
        source, target = map(Path, jsonl)
        if not source.is_file():
            raise CommandError(f"Invoerbestand niet gevonden: {source}")
        try:
            count = grade_jsonl_file(source=source, target=target)
        except BatchError as error:
            raise CommandError(f"{source}: {error}") from None
        except UnicodeDecodeError:
            raise CommandError(f"{source}: het bestand is geen UTF-8-tekst.") from None
        self.stdout.write(f"Graded {count} descriptions into {target}.")
