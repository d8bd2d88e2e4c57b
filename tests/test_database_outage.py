"""A database outage answers 503 with Retry-After and a Dutch page, never a 500."""

import http.client
import time
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection, connections
from django.test import Client

from benchmarks.pages import fetch, gunicorn
from functiewaardering.outage import RETRY_AFTER_SECONDS
from grading.roles import ensure_roles
from tests.factory import make_manager

pytestmark = pytest.mark.django_db
PUBLIC = ["/profielen/", "/profielen/div-ict/", "/api/families/", "/vergelijk/?niveau=1"]
PAGES = [*PUBLIC, "/aanvragen/", "/indelen/"]


def assert_outage_page(status: int, headers, html: str) -> None:
    assert status == 503
    assert headers["Retry-After"] == str(RETRY_AFTER_SECONDS)
    assert "Even niet beschikbaar" in html and "Foutcode 503" in html and '<html lang="nl"' in html


def broken_database(error: Exception):
    """Every query fails as with a connection that broke: the connection's cursor cannot be made."""
    return mock.patch.object(connections["default"], "ensure_connection", side_effect=error)


@pytest.mark.parametrize("error", [OperationalError("server closed the connection unexpectedly"),
                                   InterfaceError("connection already closed")])
@pytest.mark.parametrize("url", PUBLIC)
def test_a_broken_connection_answers_503_for_a_visitor(url, error):
    client = Client(raise_request_exception=False)
    with broken_database(error):
        response = client.get(url)
    assert_outage_page(response.status_code, response, response.content.decode())


@pytest.mark.parametrize("url", PAGES)
def test_a_broken_connection_answers_503_for_a_signed_in_user_also_in_the_middleware(url):
    ensure_roles()
    client = Client(raise_request_exception=False)
    client.force_login(make_manager())
    with broken_database(OperationalError("the database system is shutting down")):
        response = client.get(url)  # the session and the user are read in the middleware
    assert_outage_page(response.status_code, response, response.content.decode())


def test_other_errors_stay_500(monkeypatch):
    from profiles import views

    monkeypatch.setattr(views, "family_filterset", mock.Mock(side_effect=RuntimeError("kapot")))
    response = Client(raise_request_exception=False).get("/profielen/")
    assert response.status_code == 500 and "Retry-After" not in response


def get(port: int, path: str):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("GET", path, headers={"Host": "127.0.0.1"})
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


@pytest.mark.django_db(transaction=True)
def test_while_postgresql_refuses_connections_pages_answer_503_and_then_recover(catalogue):
    """As during a restart: every server connection is gone and no new one is let in for a while."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no server to restart")
    name = connection.settings_dict["NAME"]
    url = f"postgres://{connection.settings_dict['USER']}@{connection.settings_dict['HOST']}:{connection.settings_dict['PORT']}/{name}"
    with gunicorn(database_url=url, workers=2) as port:
        assert fetch(port, "/profielen/div-ict/")[0] == 200
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            own = cursor.fetchone()[0]  # this test's connection stays, to clean up afterwards
        with connection._nodb_cursor() as cursor:  # from the maintenance database: not the one refused
            cursor.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            try:
                cursor.execute(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> %s", [name, own]
                )
                answers = [get(port, path) for path in ["/healthz", *PUBLIC * 3]]
            finally:
                cursor.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        assert answers[0][0] == 503  # the health check says so itself
        for status, headers, html in answers[1:]:
            assert_outage_page(status, headers, html)
        statuses = []
        for _ in range(100):  # the first request after the database is back may still meet the old state
            statuses.append(fetch(port, "/profielen/div-ict/")[0])
            if statuses[-1] == 200:
                break
            time.sleep(0.1)
        assert statuses[-1] == 200 and set(statuses) <= {200, 503}
