from django.core.management.base import BaseCommand

from benchmarks import catalogue_import


class Command(BaseCommand):
    help = (
        "Measure what importing one large made-up family costs (validate, preview, import, publish, "
        "spreadsheet) on the database of DATABASE_URL; everything is rolled back afterwards."
    )

    def add_arguments(self, parser):
        parser.add_argument("--levels", type=int, default=8, help="Number of levels (default 8).")
        parser.add_argument("--criteria", type=int, default=10, help="Number of criteria (default 10).")
        parser.add_argument("--per-cell", type=int, default=5, help="Elements per cell (default 5: 400 elements).")

    def handle(self, *args, levels, criteria, per_cell, **options):
        yaml_size, xlsx_size, timings = catalogue_import.run(levels=levels, criteria=criteria, per_cell=per_cell)
        elements = levels * criteria * per_cell
        self.stdout.write(f"Familie van {levels} niveaus x {criteria} criteria, {elements} elementen "
                          f"(YAML {yaml_size // 1024} KB, spreadsheet {xlsx_size // 1024} KB):")
        for timing in timings:
            self.stdout.write(f"  {timing.step:<45} {timing.seconds * 1000:8.0f} ms")
        self.stdout.write("Alles is teruggedraaid; de catalogus is ongewijzigd.")
