import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from functiewaardering.pdf import render_pdf
from grading.management.commands.evaluate import DEFAULT_CASES
from grading.models import Submission
from benchmarks.submissions import BENCH_PREFIX, make_managers, remove_benchmark_data, role_texts, run_load
from grading.reports import report_context


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(*, workers: int, threads: int, timeout: float):
    """A gunicorn on a free loopback port, with this process's settings and DATABASE_URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "gunicorn", "-c", "functiewaardering/gunicorn.conf.py", "functiewaardering.wsgi", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--threads", str(threads), "--timeout", "60", "--log-level", "warning",
    ]
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=os.environ.copy(), start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise CommandError(f"gunicorn stopped at start (exit code {process.returncode})")
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise CommandError("gunicorn did not answer /healthz in time")
            time.sleep(0.2)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


class Command(BaseCommand):
    help = (
        "Measure submit→result (post /indelen/, follow the 303 to /aanvragen/<id>/) with concurrent "
        "managers under gunicorn, on the database of DATABASE_URL, and the grading report's render time."
    )

    def add_arguments(self, parser):
        parser.add_argument("--managers", type=int, default=8, help="Concurrent managers (default 8).")
        parser.add_argument("--rounds", type=int, default=10, help="Submissions per manager (default 10).")
        parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes per server (default 4).")
        parser.add_argument("--servers", type=int, default=1,
                            help="Application servers on the same database, managers spread over them (default 1).")
        parser.add_argument("--threads", type=int, default=1, help="Threads per gunicorn worker (default 1: sync workers).")
        parser.add_argument("--reports", type=int, default=5, help="Report PDFs to render for the timing (default 5).")
        parser.add_argument("--max-seconds", type=float, default=120.0,
                            help="Stop starting new submissions after this many seconds (default 120).")
        parser.add_argument("--url", default="",
                            help="Measure a server that already runs on this database instead of starting gunicorn.")
        parser.add_argument("--keep", action="store_true", help="Keep the benchmark managers and their submissions.")

    def handle(self, *args, managers, rounds, workers, servers, threads, reports, max_seconds, url, keep, **options):
        if managers < 1 or rounds < 0 or reports < 0:
            raise CommandError("--managers must be at least 1; --rounds and --reports at least 0.")
        self.stdout.write(f"database: {connection.vendor} ({connection.settings_dict['NAME']})")
        accounts = make_managers(managers)
        texts = role_texts(Path(DEFAULT_CASES))
        deadline = time.monotonic() + max_seconds
        try:
            if url:
                self.stdout.write(f"server: {url}")
                result = self._load(url.rstrip("/"), accounts, rounds, texts, deadline)
            else:
                self.stdout.write(f"servers: {servers} x gunicorn, {workers} workers x {threads} threads each")
                with ExitStack() as stack:
                    started = [stack.enter_context(gunicorn(workers=workers, threads=threads, timeout=60))
                               for _ in range(max(1, servers))]
                    result = self._load(started, accounts, rounds, texts, deadline)
            self.stdout.write(result.summary(managers))
            if reports:
                self.stdout.write(self._report_timing(reports))
        finally:
            if not keep:
                removed = remove_benchmark_data()
                self.stdout.write(f"removed the benchmark managers and their {removed} records")

    def _load(self, url, accounts, rounds, texts, deadline):
        return run_load(base_url=url, managers=accounts, rounds=rounds, texts=texts,
                                  deadline=deadline, secure=not settings.DEBUG)

    def _report_timing(self, count: int) -> str:
        submission = (
            Submission.objects.filter(author__username__startswith=BENCH_PREFIX)
            .exclude(indicative_family=None).select_related("author").first()
            or Submission.objects.filter(author__username__startswith=BENCH_PREFIX).first()
        )
        if submission is None:
            return "report: no submission to render"
        timings, size = [], 0
        for _ in range(count):
            started = time.perf_counter()
            pdf = render_pdf("grading/submission_report.html", report_context(submission))
            timings.append((time.perf_counter() - started) * 1000)
            size = len(pdf)
        return (
            f"report PDF ({size // 1024} kB): first {timings[0]:.0f} ms, mean {statistics.fmean(timings):.0f} ms, "
            f"max {max(timings):.0f} ms over {count} renders"
        )
