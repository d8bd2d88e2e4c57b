"""django-axes: a user name tried from one address is locked after five wrong passwords."""

import pytest
from django.core.management import call_command
from django.test import Client

pytestmark = pytest.mark.django_db
LOCKED = "Inloggen tijdelijk geblokkeerd"


def attempt(password: str, *, username: str = "leidinggevende", address: str = "10.0.0.1", url: str = "/accounts/login/"):
    return Client(REMOTE_ADDR=address).post(url, {"username": username, "password": password})


def fail_five_times(**kwargs) -> None:
    for _ in range(5):
        assert attempt("fout", **kwargs).status_code in (200, 429)


def test_the_right_password_is_refused_after_five_wrong_ones(manager, password):
    fail_five_times()
    response = attempt(password)
    assert response.status_code == 429 and LOCKED in response.content.decode()
    assert '<html lang="nl"' in response.content.decode()


def test_the_same_name_from_another_address_still_logs_in(manager, password):
    fail_five_times()
    assert attempt(password, address="10.0.0.2").status_code == 302


def test_another_name_from_the_same_address_still_logs_in(manager, adviser, password):
    fail_five_times()
    assert attempt(password, username="hr-adviseur").status_code == 302


def test_four_wrong_passwords_do_not_lock(manager, password):
    for _ in range(4):
        attempt("fout")
    assert attempt(password).status_code == 302


def test_the_admin_login_is_throttled_too(manager, password):
    fail_five_times(url="/admin/login/")
    assert attempt(password, url="/admin/login/").status_code == 429


def test_a_reset_lifts_the_lock(manager, password):
    fail_five_times()
    call_command("axes_reset_username", "leidinggevende", verbosity=0)
    assert attempt(password).status_code == 302


def test_a_forwarded_address_is_ignored_without_a_configured_proxy(manager, password):
    for index in range(5):
        Client(REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=f"192.0.2.{index}").post(
            "/accounts/login/", {"username": "leidinggevende", "password": "fout"}
        )
    assert attempt(password).status_code == 429
