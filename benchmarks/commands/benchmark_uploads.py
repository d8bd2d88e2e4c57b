from django.core.management.base import BaseCommand

from benchmarks.uploads import (
    CPU_TARGET_SECONDS,
    SEARCH_CPU_TARGET_SECONDS,
    benchmark_hostile_inputs,
)


def human_size(size: int | None) -> str:
    if size is None:
        return "-"
    return f"{size / 1024:.0f} KB" if size < 1024 * 1024 else f"{size / (1024 * 1024):.1f} MB"


class Command(BaseCommand):
    help = (
        "Send each hostile input (upload bombs, lying zip headers, endless texts and words, hostile catalogue "
        "files) down the path it attacks (the submit form and grading, the search, a catalogue upload, the "
        "engine's index) and print its outcome and the CPU time, wall time and peak memory it took. Stores nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("names", nargs="*", help="Only these inputs (default: all of them).")
        parser.add_argument("--no-memory", action="store_true",
                            help="Skip the second, traced run that measures peak memory.")

    def handle(self, *args, names, no_memory, **options):
        results = benchmark_hostile_inputs(memory=not no_memory, only=names)
        for result in results:
            outcome = f"refused ({result.code})" if result.refused else ("ACCEPTED" if result.expect_refusal else "accepted")
            self.stdout.write(
                f"{result.name:<20} {human_size(result.size):>7} posted  {outcome:<24} "
                f"cpu {result.cpu_seconds:6.3f} s  wall {result.wall_seconds:6.3f} s  "
                f"peak {human_size(result.peak_bytes):>8}  {'ok' if result.within_target() else 'OVER TARGET'}"
            )
            self.stdout.write(f"{'':<20} {result.description}")
            if result.message:
                self.stdout.write(f"{'':<20} “{result.message}”")
        within = sum(result.within_target() for result in results)
        self.stdout.write(
            f"{within} of {len(results)} within target: refused unless harmless, each within "
            f"{CPU_TARGET_SECONDS:.0f} s of CPU (a search within {SEARCH_CPU_TARGET_SECONDS} s)."
        )
