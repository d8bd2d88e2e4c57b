"""Several servers on one database: a shared cache that may fail, connections that survive a
database restart. Run against real Redis and PostgreSQL servers on loopback."""


import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.test import override_settings

from benchmarks.pages import fetch, free_port, gunicorn
from functiewaardering.settings import cache_settings
from tests.redis_server import throwaway_redis

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def redis_url():
    with throwaway_redis() as (url, _):
        yield url


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("", "django.core.cache.backends.locmem.LocMemCache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
        ("redis://cache.internal:6379/1", "functiewaardering.cache.SkippingRedisCache"),
        ("rediss://cache.internal:6380/0", "functiewaardering.cache.SkippingRedisCache"),
    ],
)
def test_cache_url_selects_the_backend(url, backend):
    assert cache_settings(url)["default"]["BACKEND"] == backend


def test_an_unknown_cache_url_is_refused():
    with pytest.raises(ImproperlyConfigured):
        cache_settings("memcached://127.0.0.1:11211")


def test_pages_are_shared_through_redis(client, redis_url):
    import redis

    with override_settings(CACHES=cache_settings(redis_url)):
        cache.clear()
        assert client.get("/profielen/div-ict/").status_code == 200
        keys = [key.decode() for key in redis.Redis.from_url(redis_url).keys("fw:*")]
        assert any("family-page:div-ict" in key for key in keys)
        # A second server reads what the first one built.
        html = client.get("/profielen/div-ict/").content.decode()
        assert "Medewerker informatiebeheer" in html


def test_a_cache_outage_renders_without_the_cache(client):
    nobody_listens = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(CACHES=cache_settings(nobody_listens)):
        response = client.get("/profielen/ambtelijk-secretaris/")
        assert response.status_code == 200
        assert "Ambtelijk secretaris" in response.content.decode()
        assert cache.get("anything") is None


@pytest.mark.django_db(transaction=True)
def test_a_database_restart_costs_no_request(catalogue):
    """Every server connection is killed, as a PostgreSQL restart does; no request may fail."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server to restart")
    name = connection.settings_dict["NAME"]
    url = f"postgres://{connection.settings_dict['USER']}@{connection.settings_dict['HOST']}:{connection.settings_dict['PORT']}/{name}"
    with gunicorn(database_url=url, workers=2) as port:
        assert [fetch(port, "/healthz")[0] for _ in range(6)] == [200] * 6
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchone()[0] >= 1
        assert [fetch(port, "/healthz")[0] for _ in range(10)] == [200] * 10
