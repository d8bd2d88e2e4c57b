"""Measure the pages under gunicorn with concurrent clients, and time the matrix PDFs.

Used by `manage.py benchmark_pages`. Everything is bounded: a number of requests and a number of
seconds per URL, and a deadline for gunicorn to come up.
"""

import http.client
import math
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from functiewaardering.pdf import render_pdf
from profiles.tables import family_page_context

STARTUP_SECONDS = 30


@dataclass(frozen=True)
class LoadResult:
    path: str
    requests: int
    errors: int
    seconds: float
    p95_ms: float
    latencies: tuple[float, ...] = ()

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fresh_sqlite_url(directory: Path) -> str:
    """A throw-away SQLite database with the families loaded, made by this project's manage.py."""
    url = f"sqlite:///{directory / 'benchmark.sqlite3'}"
    env = dict(os.environ, DATABASE_URL=url)
    for command in (["migrate", "--no-input"], ["import_families"]):
        subprocess.run(
            [sys.executable, "manage.py", *command, "-v", "0"], cwd=settings.BASE_DIR, env=env, check=True,
            capture_output=True, timeout=120,
        )
    return url


def current_database_url() -> str:
    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{database['NAME']}"
    return os.environ["DATABASE_URL"]


@contextmanager
def gunicorn(*, database_url: str, workers: int) -> Iterator[int]:
    """A gunicorn serving this project on a free loopback port; yields the port."""
    port = free_port()
    env = dict(os.environ, DATABASE_URL=database_url)
    log = tempfile.TemporaryFile()  # a pipe nobody reads would block the workers once it is full
    process = subprocess.Popen(
        [
            sys.executable, "-m", "gunicorn", "-c", "functiewaardering/gunicorn.conf.py", "functiewaardering.wsgi", "--bind", f"127.0.0.1:{port}",
            "--workers", str(workers), "--log-level", "warning", "--timeout", "30",
        ],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL, stderr=log,
    )
    try:
        _wait_until_up(port, process, log)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_until_up(port: int, process: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"gunicorn stopped: {log.read().decode(errors='replace')[-2000:]}")
        try:
            status, _ = fetch(port, "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer on port {port} within {STARTUP_SECONDS} s")


def fetch(port: int, path: str) -> tuple[int, int]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Host": "127.0.0.1"})
        response = connection.getresponse()
        return response.status, len(response.read())
    finally:
        connection.close()


def compare_load(
    *, port: int, paths: list[str], clients: int, max_requests: int, max_seconds: float, rounds: int = 5
) -> list[LoadResult]:
    """Load each path in turn, `rounds` times, and add the rounds up per path.

    Alternating short rounds spreads any other load on the machine over every path alike, so
    their ratio is steadier than one long run per path would give.
    """
    for path in paths:
        for _ in range(clients):  # warm every worker's caches
            fetch(port, path)
    totals: dict[str, list[LoadResult]] = {path: [] for path in paths}
    for round_number in range(rounds):
        for path in paths:
            share = max_requests // rounds + (1 if round_number < max_requests % rounds else 0)
            totals[path].append(
                load(port=port, path=path, clients=clients, max_requests=share, max_seconds=max_seconds / rounds)
            )
    return [_combined(path, results) for path, results in totals.items()]


def _combined(path: str, results: list[LoadResult]) -> LoadResult:
    latencies = [latency for result in results for latency in result.latencies]
    return LoadResult(
        path=path,
        requests=sum(r.requests for r in results),
        errors=sum(r.errors for r in results),
        seconds=sum(r.seconds for r in results),
        p95_ms=p95(latencies) * 1000,
        latencies=tuple(latencies),
    )


def load(*, port: int, path: str, clients: int, max_requests: int, max_seconds: float) -> LoadResult:
    """`clients` threads ask `path` until `max_requests` are done or `max_seconds` have passed."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors = 0
    started = time.perf_counter()
    deadline = started + max_seconds

    started_requests = 0

    def client() -> None:
        nonlocal errors, started_requests
        while True:
            with lock:
                if started_requests >= max_requests or time.perf_counter() >= deadline:
                    return
                started_requests += 1
            begin = time.perf_counter()
            try:
                status, _ = fetch(port, path)
            except OSError:
                status = 0
            took = time.perf_counter() - begin
            with lock:
                if status == 200:
                    latencies.append(took)
                else:
                    errors += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    return LoadResult(
        path=path, requests=len(latencies), errors=errors, seconds=seconds, p95_ms=p95(latencies) * 1000,
        latencies=tuple(latencies),
    )


def p95(values: list[float]) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def pdf_render_seconds(family) -> float:
    started = time.perf_counter()
    render_pdf("pdf/family_matrix.html", family_page_context(family) | {"made_at": timezone.localtime()})
    return time.perf_counter() - started


@contextmanager
def database_for_gunicorn(*, fresh: bool) -> Iterator[str]:
    if not fresh:
        yield current_database_url()
        return
    with tempfile.TemporaryDirectory(prefix="fw-benchmark-") as directory:
        yield fresh_sqlite_url(Path(directory))
