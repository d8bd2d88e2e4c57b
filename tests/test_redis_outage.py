"""A hung Redis (stopped, not gone) costs a request at most one short time-out: the client time-outs
are short and, after one failure, the process skips Redis for a while."""

import os
import shutil
import signal
import subprocess
import time

import pytest
from django.test import override_settings

from benchmarks.pages import free_port
from functiewaardering import cache as cache_module
from functiewaardering.settings import cache_settings

pytestmark = pytest.mark.django_db
URL = "/profielen/ambtelijk-secretaris/"


def test_the_redis_time_outs_are_a_few_hundred_milliseconds_at_most():
    options = cache_settings("redis://cache.internal:6379/0")["default"]["OPTIONS"]
    assert 0 < options["SOCKET_CONNECT_TIMEOUT"] <= 0.3
    assert 0 < options["SOCKET_TIMEOUT"] <= 0.3
    assert options["IGNORE_EXCEPTIONS"] is True


@pytest.fixture
def redis_server():
    """A throw-away Redis on a free loopback port; yields its URL and process."""
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
    for _ in range(200):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    try:
        yield f"redis://127.0.0.1:{port}/0", process
    finally:
        os.kill(process.pid, signal.SIGCONT)
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def time_outs(monkeypatch):
    """Every Redis read that ran into its time-out: the attempts a hung Redis made a request wait."""
    import redis
    from redis.connection import AbstractConnection

    counted = []
    read = AbstractConnection.read_response

    def counting(self, *args, **kwargs):
        try:
            return read(self, *args, **kwargs)
        except redis.TimeoutError:
            counted.append(1)
            raise

    monkeypatch.setattr(AbstractConnection, "read_response", counting)
    monkeypatch.setattr(cache_module._breaker, "skip_until", 0.0)
    return counted


def test_a_hung_redis_costs_a_request_at_most_one_time_out(client, redis_server, time_outs, monkeypatch):
    url, process = redis_server
    with override_settings(CACHES=cache_settings(url)):
        assert client.get(URL).status_code == 200  # Redis answers; the page is cached
        assert time_outs == []
        os.kill(process.pid, signal.SIGSTOP)
        try:
            first = client.get(URL)
            during_first = len(time_outs)
            second = client.get(URL)
        finally:
            os.kill(process.pid, signal.SIGCONT)
        assert first.status_code == second.status_code == 200
        assert "Ambtelijk secretaris" in second.content.decode()
        assert during_first == 1  # one time-out, then the rest of the request skipped Redis
        assert len(time_outs) == 1  # and the next request did not wait at all

        monkeypatch.setattr(cache_module._breaker, "skip_until", 0.0)  # the skip period has passed
        assert client.get(URL).status_code == 200
        assert len(time_outs) == 1  # Redis answers again and is used again
