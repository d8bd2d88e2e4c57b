"""Two first sign-ins of one person at the same moment (two tabs, a double click): both find no
account, and the one that inserts second must sign in to the account the first one made, not hit
the unique constraint with a 500.

Everywhere: the other sign-in's identity appears between this sign-in's lookup and its insert.
On PostgreSQL also for real: two threads, two connections, both past the lookup before either
inserts."""

import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, connections
from django.test import Client

from accounts import oidc_accounts, services
from accounts.models import AccountChange, OidcIdentity
from grading.roles import MANAGER, ensure_roles
from tests.accounts.test_oidc_sign_in import NOOR, provider, sign_in, signed_in_user  # noqa: F401 (fixture)
from tests.factory import make_user

ISSUER = "https://login.voorbeeld.nl"


@pytest.mark.django_db
def test_an_identity_made_between_lookup_and_insert_is_the_one_signed_in_to(provider, monkeypatch):  # noqa: F811
    original = oidc_accounts._matched_by_email
    winners = []

    def the_other_sign_in_commits_first(claims):
        if not winners:  # the other tab's sign-in made the account and linked it just now
            winner = make_user(username="noor", email="noor@voorbeeld.nl")
            OidcIdentity.objects.create(user=winner, issuer=provider.issuer, subject=NOOR["sub"])
            winners.append(winner)
        return original(claims)

    monkeypatch.setattr(oidc_accounts, "_matched_by_email", the_other_sign_in_commits_first)
    client = Client()
    response = sign_in(client, provider)
    assert response.status_code == 302 and response["Location"] == "/"
    assert signed_in_user(client) == winners[0]
    assert OidcIdentity.objects.count() == 1
    assert list(get_user_model().objects.filter(username__startswith="noor").values_list("username", flat=True)) == ["noor"]
    assert services.roles_of(winners[0]) == [MANAGER]  # the groups claim still applies


@pytest.mark.django_db
def test_losing_every_attempt_is_refused_in_dutch_not_a_500(provider, monkeypatch):  # noqa: F811
    def always_lose(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    monkeypatch.setattr(OidcIdentity.objects, "create", always_lose)
    client = Client()
    response = sign_in(client, provider)
    assert response.status_code == 403
    assert oidc_accounts.CONCURRENT in response.content.decode()
    assert signed_in_user(client) is None


@pytest.mark.django_db(transaction=True)
def test_two_first_sign_ins_at_once_end_in_one_account(settings, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time; the lookup-and-insert test covers this case there")
    ensure_roles()
    settings.OIDC_ROLE_MAP = {MANAGER: ("fw-managers",)}
    original = oidc_accounts._matched_by_email
    both_looked = threading.Barrier(2, timeout=10)

    def after_both_looked(claims):  # neither has inserted yet: both go on to make the account
        if threading.current_thread().name in ("eerste", "tweede") and not getattr(threading.current_thread(), "waited", False):
            threading.current_thread().waited = True
            both_looked.wait()
        return original(claims)

    monkeypatch.setattr(oidc_accounts, "_matched_by_email", after_both_looked)
    users, errors = {}, {}

    def first_sign_in(name):
        try:
            users[name] = oidc_accounts.oidc_user_sign_in(issuer=ISSUER, claims=dict(NOOR), ip="127.0.0.1")
        except Exception as error:  # noqa: BLE001 (the assertion below names it)
            errors[name] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=first_sign_in, args=(name,), name=name) for name in ("eerste", "tweede")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert errors == {}
    assert users["eerste"].pk == users["tweede"].pk
    assert OidcIdentity.objects.filter(issuer=ISSUER, subject=NOOR["sub"]).count() == 1
    noor = OidcIdentity.objects.get(issuer=ISSUER).user
    assert get_user_model().objects.filter(username__startswith="noor").count() == 1
    assert AccountChange.objects.filter(user=noor, kind=AccountChange.Kind.OIDC_LINKED).count() == 1
    assert services.roles_of(noor) == [MANAGER]

