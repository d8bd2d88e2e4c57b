"""The security log: sign-ins (also failed ones), sign-outs, account and role changes, exports and
erasures, each with who, when and from where; shown to the functional administrator, newest
first, and removed after SECURITY_LOG_DAYS."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.utils import timezone

from accounts.models import AppendOnlyError, SecurityEvent
from accounts.receivers import LOCKED_OUT
from grading.roles import HR_ADVISER
from tests.accounts.conftest import logged_in
from tests.factory import PASSWORD, make_user

pytestmark = pytest.mark.django_db
ADDRESS = "192.0.2.17"


def _age(event, *, days):
    """Backdate a line (the log refuses updates; a test may go round that)."""
    models.QuerySet.update(SecurityEvent.objects.filter(pk=event.pk), created_at=timezone.now() - datetime.timedelta(days=days))


def events(kind):
    return SecurityEvent.objects.filter(kind=kind).order_by("id")


def test_a_sign_in_is_logged_with_method_and_address(manager):
    client = Client(REMOTE_ADDR=ADDRESS)
    client.post("/accounts/login/", {"username": "leidinggevende", "password": PASSWORD})
    (event,) = events(SecurityEvent.Kind.LOGIN)
    assert (event.actor, event.method, event.ip_address) == (manager, "wachtwoord", ADDRESS)


def test_a_failed_sign_in_is_logged_with_the_name_typed(manager):
    Client(REMOTE_ADDR=ADDRESS).post("/accounts/login/", {"username": "leidinggevende", "password": "fout"})
    (event,) = events(SecurityEvent.Kind.LOGIN_FAILED)
    assert (event.actor, event.username, event.method, event.ip_address) == (None, "leidinggevende", "wachtwoord", ADDRESS)
    assert event.detail == ""


def test_a_sign_in_refused_by_the_lockout_says_so(manager, settings):
    client = Client(REMOTE_ADDR=ADDRESS)
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        client.post("/accounts/login/", {"username": "leidinggevende", "password": "fout"})
    assert events(SecurityEvent.Kind.LOGIN_FAILED).last().detail == LOCKED_OUT


def test_a_sign_out_is_logged(manager):
    client = Client(REMOTE_ADDR=ADDRESS)
    client.post("/accounts/login/", {"username": "leidinggevende", "password": PASSWORD})
    client.post("/accounts/logout/")
    (event,) = events(SecurityEvent.Kind.LOGOUT)
    assert (event.actor, event.ip_address) == (manager, ADDRESS)


def test_role_and_account_changes_are_logged_with_who_and_from_where(administrator, manager):
    client = logged_in(administrator, REMOTE_ADDR=ADDRESS)
    client.post(f"/beheer/gebruikers/{manager.pk}/rollen/", {"roles": ["Leidinggevende", HR_ADVISER]})
    client.post(f"/beheer/gebruikers/{manager.pk}/deactiveren/")
    role, account = events(SecurityEvent.Kind.ROLE_CHANGE).get(), events(SecurityEvent.Kind.ACCOUNT_CHANGE).get()
    assert (role.actor, role.subject, role.detail, role.ip_address) == (administrator, manager, "rol gegeven: HR-adviseur", ADDRESS)
    assert (account.actor, account.subject, account.detail) == (administrator, manager, "gedeactiveerd")


def test_the_decisions_csv_is_an_export_in_the_log(adviser):
    logged_in(adviser, REMOTE_ADDR=ADDRESS).get("/aanvragen/export.csv")
    (event,) = events(SecurityEvent.Kind.EXPORT)
    assert (event.actor, event.detail, event.ip_address) == (adviser, "indelingsbesluiten (CSV)", ADDRESS)


@pytest.mark.parametrize("query, what", [("", "catalogus (zip)"), ("?formaat=xlsx", "catalogus (xlsx)")])
def test_the_catalogue_export_is_an_export_in_the_log(catalogue, admin_client, administrator, query, what):
    assert admin_client.get("/beheer/export/" + query).status_code == 200
    (event,) = events(SecurityEvent.Kind.EXPORT)
    assert (event.actor, event.detail) == (administrator, what)


def test_an_unknown_export_format_is_no_export(admin_client):
    assert admin_client.get("/beheer/export/?formaat=pdf").status_code == 400
    assert not events(SecurityEvent.Kind.EXPORT).exists()


def test_an_erasure_is_logged_and_the_erased_name_leaves_the_log(manager):
    Client().post("/accounts/login/", {"username": "leidinggevende", "password": "fout"})
    call_command("erase_person", "leidinggevende", stdout=io.StringIO())
    (event,) = events(SecurityEvent.Kind.ERASURE)
    assert event.actor is None and event.subject == manager and "erase_person" in event.detail
    assert not SecurityEvent.objects.filter(username="leidinggevende").exists()


def test_the_log_page_shows_the_newest_first_in_pages(admin_client, settings):
    for number in range(55):
        SecurityEvent.objects.create(kind=SecurityEvent.Kind.LOGIN_FAILED, username=f"naam-{number:02}")
    first = admin_client.get("/beheer/beveiligingslog/").content.decode()
    assert "naam-54" in first and "naam-05" in first and "naam-04" not in first
    assert first.index("naam-54") < first.index("naam-53")
    second = admin_client.get("/beheer/beveiligingslog/?pagina=2").content.decode()
    assert "naam-04" in second and "naam-00" in second
    assert admin_client.get("/beheer/beveiligingslog/?pagina=abc").status_code == 200


def test_only_the_functional_administrator_reads_the_log(manager, adviser):
    for user in (manager, adviser):
        assert logged_in(user).get("/beheer/beveiligingslog/").status_code == 403


def test_lines_older_than_the_period_are_removed(settings, capsys):
    settings.SECURITY_LOG_DAYS = 30
    old = SecurityEvent.objects.create(kind=SecurityEvent.Kind.LOGIN_FAILED, username="oud")
    recent = SecurityEvent.objects.create(kind=SecurityEvent.Kind.LOGIN_FAILED, username="recent")
    _age(old, days=31)
    _age(recent, days=29)
    call_command("prune_security_log")
    assert list(SecurityEvent.objects.values_list("username", flat=True)) == ["recent"]
    assert "1 regels" in capsys.readouterr().out


def test_the_log_is_append_only(manager):
    event = SecurityEvent.objects.create(kind=SecurityEvent.Kind.LOGIN, actor=manager)
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        SecurityEvent.objects.filter(pk=event.pk).update(detail="x")


def test_a_user_deleted_in_the_admin_leaves_his_lines_without_the_link(roles):
    """The benchmark commands delete their temporary users after they signed in over HTTP."""
    user = make_user(username="tijdelijk")
    SecurityEvent.objects.create(kind=SecurityEvent.Kind.LOGIN, actor=user)
    user.delete()
    assert list(SecurityEvent.objects.values_list("kind", "actor")) == [("login", None)]
