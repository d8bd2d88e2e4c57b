import os

from django.core.management import call_command
from django.core.management.base import BaseCommand

from benchmarks import pages
from profiles.models import JobFamily
from profiles.selectors import family_full_queryset

RATIO_TARGET = 0.3
PDF_TARGET_SECONDS = 2.0


class Command(BaseCommand):
    help = (
        "Measure a family page against /healthz under gunicorn with concurrent clients, "
        "then time the matrix PDF of every family."
    )

    def add_arguments(self, parser):
        parser.add_argument("--family", default="div-ict", help="Slug of the family page to measure (default: the largest).")
        parser.add_argument("--clients", type=int, default=8, help="Concurrent client threads (default 8).")
        parser.add_argument("--requests", type=int, default=20000, help="At most this many requests per URL.")
        parser.add_argument("--seconds", type=float, default=10.0, help="At most this many seconds per URL.")
        parser.add_argument(
            "--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers (default 2 × CPUs + 1)."
        )
        parser.add_argument(
            "--fresh-sqlite", action="store_true",
            help="Serve a throw-away SQLite database with the families loaded instead of the current one.",
        )

    def handle(self, *args, family, clients, requests, seconds, workers, fresh_sqlite, **options):
        if not fresh_sqlite and not JobFamily.objects.exists():
            call_command("import_families", verbosity=0)
        with pages.database_for_gunicorn(fresh=fresh_sqlite) as database_url:
            with pages.gunicorn(database_url=database_url, workers=workers) as port:
                self.stdout.write(
                    f"gunicorn on 127.0.0.1:{port}, {workers} workers, {clients} clients, "
                    f"at most {requests} requests or {seconds:g} s per URL in 5 alternating rounds, "
                    f"DEBUG={os.getenv('DEBUG', 'True')}"
                )
                results = pages.compare_load(
                    port=port, paths=["/healthz", f"/profielen/{family}/"], clients=clients,
                    max_requests=requests, max_seconds=seconds,
                )
        for result in results:
            self.stdout.write(
                f"{result.path:<28} {result.per_second:8.1f} req/s   p95 {result.p95_ms:7.1f} ms   "
                f"{result.requests} ok, {result.errors} errors in {result.seconds:.1f} s"
            )
        health, page = results
        ratio = page.per_second / health.per_second if health.per_second else 0.0
        verdict = "ok" if ratio >= RATIO_TARGET else "BELOW TARGET"
        self.stdout.write(f"ratio family page / healthz: {ratio:.2f} (target >= {RATIO_TARGET}) {verdict}")
        families = list(family_full_queryset().order_by("slug"))
        if families:
            pages.pdf_render_seconds(families[0])  # warm up: fonts and templates load once per process
        timings = [(f.slug, pages.pdf_render_seconds(f)) for f in families]
        for slug, took in timings:
            self.stdout.write(f"matrix PDF {slug:<32} {took:6.2f} s")
        slowest = max((took for _, took in timings), default=0.0)
        verdict = "ok" if slowest <= PDF_TARGET_SECONDS else "BELOW TARGET"
        self.stdout.write(f"slowest matrix PDF: {slowest:.2f} s (target <= {PDF_TARGET_SECONDS:g} s) {verdict}")
