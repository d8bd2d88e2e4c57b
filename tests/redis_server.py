"""A throw-away Redis on a free loopback port, without persistence, for the cache tests."""

import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from benchmarks.pages import free_port

START_SECONDS = 10


@contextmanager
def throwaway_redis() -> Iterator[tuple[str, subprocess.Popen]]:
    """Yields the server's URL and process; skips the test when redis-server is not installed."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (bin/test installs it)")
    import redis

    port = free_port()
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0", process
    finally:
        os.kill(process.pid, signal.SIGCONT)  # a test may have stopped it
        process.terminate()
        process.wait(timeout=10)
