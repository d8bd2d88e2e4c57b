"""The shared Redis cache, skipped for a few seconds once it fails, so a hung Redis costs a request
one short time-out at most, not one per cache call.

A page reads and writes the cache ten times or more (data version, page parts, indexes, session
throttling). With Redis hung (stopped, not gone: connects succeed, answers never come) every call
waits its full socket time-out, and a request added them up to seconds. After a connection error
or time-out this backend answers every call of the process as a miss for SKIP_SECONDS (writes are
dropped), then tries Redis again. Nothing depends on the cache being there: it only saves work.
"""

import threading
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

SKIP_SECONDS = 5.0


class _Breaker:
    """Per process: when Redis last failed. Shared by every thread's cache object."""

    def __init__(self):
        self.lock = threading.Lock()
        self.skip_until = 0.0

    def open(self) -> bool:
        return time.monotonic() < self.skip_until

    def trip(self) -> None:
        with self.lock:
            self.skip_until = time.monotonic() + SKIP_SECONDS


_breaker = _Breaker()


class _Skipped:
    """Stands in for the client while Redis is skipped: every call fails at once, as a lost
    connection would, and django-redis (IGNORE_EXCEPTIONS) answers it as a miss."""

    def __getattr__(self, name):
        def refuse(*args, **kwargs):
            raise ConnectionInterrupted(connection=None) from ConnectionError("Redis skipped after a failure")

        return refuse


class _Guarded:
    """The real client; a connection error or time-out trips the breaker."""

    def __init__(self, client):
        self._client = client

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                _breaker.trip()
                raise

        return call


class SkippingRedisCache(RedisCache):
    _skipping = False  # per cache object, and Django makes one per thread

    @property
    def client(self):
        self._skipping = _breaker.open()
        if self._skipping:
            return _Skipped()
        return _Guarded(super().client)

    # The failure that trips the breaker is logged (DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS); the
    # calls skipped after it are not, or a hung Redis would log a traceback per cache call.
    @property
    def _log_ignored_exceptions(self) -> bool:
        return self._log_failures and not self._skipping

    @_log_ignored_exceptions.setter
    def _log_ignored_exceptions(self, value: bool) -> None:
        self._log_failures = value
