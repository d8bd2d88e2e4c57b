"""A hung Redis (stopped, not gone) costs a request at most one short time-out: the client time-outs
are short and, after one failure, the process skips Redis for a while."""

import os
import signal

import pytest
from django.test import override_settings

from functiewaardering import cache as cache_module
from functiewaardering.settings import cache_settings
from tests.redis_server import throwaway_redis

pytestmark = pytest.mark.django_db
URL = "/profielen/ambtelijk-secretaris/"


def test_the_redis_time_outs_are_a_few_hundred_milliseconds_at_most():
    options = cache_settings("redis://cache.internal:6379/0")["default"]["OPTIONS"]
    assert 0 < options["SOCKET_CONNECT_TIMEOUT"] <= 0.3
    assert 0 < options["SOCKET_TIMEOUT"] <= 0.3
    assert options["IGNORE_EXCEPTIONS"] is True


@pytest.fixture
def redis_server():
    with throwaway_redis() as (url, process):
        yield url, process


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
