"""/accounts/tweestapsverificatie/: the second step after a password sign-in, with a code from the
app or a recovery code (once), throttled by django-otp, every try in the security log; and the
functional administrator who wipes someone's second factor."""

import pytest
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccountChange, SecurityEvent
from accounts.services import NO_TWO_FACTOR
from accounts.two_factor_devices import AUTHENTICATOR, LOCKED, RECOVERY_CODE
from accounts.views import TWO_FACTOR_RESET
from accounts.views_two_factor import THROTTLED, WRONG_CODE
from tests.accounts.conftest import logged_in
from tests.factory import PASSWORD
from tests.otp import VERIFY_URL, code_for, make_authenticator, verified_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def app(adviser):
    device = make_authenticator(adviser)
    static = StaticDevice.objects.create(user=adviser, name="Herstelcodes", confirmed=True)
    for token in ("abcd2345", "efgh6723"):
        static.token_set.create(token=token)
    return device


def signed_in_by_password(username: str) -> Client:
    client = Client()
    response = client.post("/accounts/login/", {"username": username, "password": PASSWORD, "next": "/aanvragen/"})
    assert response["Location"] == f"{VERIFY_URL}?next=%2Faanvragen%2F"
    return client


def wrong_code(device) -> str:
    return "000000" if code_for(device) != "000000" else "111111"


def failures(user) -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(kind=SecurityEvent.Kind.MFA_FAILED, actor=user).order_by("id"))


def test_a_code_from_the_app_completes_the_sign_in(adviser, app):
    client = signed_in_by_password("hr-adviseur")
    assert client.get("/aanvragen/").status_code == 302
    page = client.get(f"{VERIFY_URL}?next=%2Faanvragen%2F")
    assert page.status_code == 200 and 'name="next" value="/aanvragen/"' in page.content.decode()
    response = client.post(VERIFY_URL, {"code": code_for(app), "next": "/aanvragen/"})
    assert response.status_code == 302 and response["Location"] == "/aanvragen/"
    assert client.get("/aanvragen/").status_code == 200
    line = SecurityEvent.objects.get(kind=SecurityEvent.Kind.MFA_VERIFIED, actor=adviser)
    assert line.method == AUTHENTICATOR and line.ip_address == "127.0.0.1"


def test_a_code_typed_with_a_space_counts(adviser, app):
    client = signed_in_by_password("hr-adviseur")
    code = code_for(app)
    assert client.post(VERIFY_URL, {"code": f"{code[:3]} {code[3:]}"}).status_code == 302


def test_a_code_works_once(adviser, app):
    code = code_for(app)
    assert signed_in_by_password("hr-adviseur").post(VERIFY_URL, {"code": code}).status_code == 302
    response = signed_in_by_password("hr-adviseur").post(VERIFY_URL, {"code": code})
    assert response.status_code == 400


def test_a_recovery_code_works_once(adviser, app):
    client = signed_in_by_password("hr-adviseur")
    assert client.post(VERIFY_URL, {"code": "ABCD-2345", "next": "/aanvragen/"})["Location"] == "/aanvragen/"
    assert client.get("/aanvragen/").status_code == 200
    assert list(StaticToken.objects.values_list("token", flat=True)) == ["efgh6723"]
    assert SecurityEvent.objects.get(kind=SecurityEvent.Kind.MFA_VERIFIED).method == RECOVERY_CODE
    again = signed_in_by_password("hr-adviseur").post(VERIFY_URL, {"code": "abcd2345"})
    assert again.status_code == 400 and WRONG_CODE in again.content.decode()


def test_a_wrong_code_is_refused_and_logged(adviser, app):
    client = signed_in_by_password("hr-adviseur")
    response = client.post(VERIFY_URL, {"code": wrong_code(app)})
    assert response.status_code == 400
    assert WRONG_CODE in response.content.decode()
    assert client.get("/aanvragen/").status_code == 302
    [line] = failures(adviser)
    assert line.method == AUTHENTICATOR and line.ip_address == "127.0.0.1"


def test_after_several_wrong_codes_even_the_right_one_is_refused(adviser, app):
    client = signed_in_by_password("hr-adviseur")
    for _ in range(5):
        assert client.post(VERIFY_URL, {"code": wrong_code(app)}).status_code == 400
    response = client.post(VERIFY_URL, {"code": code_for(app)})
    assert response.status_code == 400
    assert THROTTLED.split("{")[0] in response.content.decode()
    assert client.get("/aanvragen/").status_code == 302
    lines = failures(adviser)
    assert len(lines) == 6 and lines[-1].detail == LOCKED
    assert TOTPDevice.objects.get(user=adviser).throttling_failure_count >= 5


def test_wrong_recovery_codes_are_throttled_too(adviser, app):
    client = signed_in_by_password("hr-adviseur")
    for _ in range(4):
        client.post(VERIFY_URL, {"code": "zzzzzzzz"})
    response = client.post(VERIFY_URL, {"code": "abcd2345"})
    assert response.status_code == 400
    assert StaticToken.objects.filter(token="abcd2345").exists()
    assert [line.method for line in failures(adviser)] == [RECOVERY_CODE] * 5


def test_the_next_address_must_be_on_this_site(adviser, app):
    client = signed_in_by_password("hr-adviseur")
    response = client.post(VERIFY_URL, {"code": code_for(app), "next": "https://elders.example/"})
    assert response["Location"] == "/"


def test_a_verified_session_skips_the_page(adviser, app):
    client = verified_client(adviser, app)
    assert client.get(f"{VERIFY_URL}?next=/aanvragen/")["Location"] == "/aanvragen/"


def test_the_page_refuses_a_missing_csrf_token(adviser, app):
    client = Client(enforce_csrf_checks=True)
    client.force_login(adviser)
    assert client.post(VERIFY_URL, {"code": code_for(app)}).status_code == 403


def reset_url(user) -> str:
    return f"/beheer/gebruikers/{user.pk}/tweestapsverificatie/wissen/"


def test_the_account_page_shows_the_second_factor(administrator, adviser, app):
    html = verified_client(administrator).get(f"/beheer/gebruikers/{adviser.pk}/").content.decode()
    assert "ingesteld op" in html and "nog 2 herstelcodes" in html
    assert f'action="{reset_url(adviser)}"' in html


def test_a_functional_administrator_wipes_someones_second_factor(administrator, adviser, app):
    victim = verified_client(adviser, app)
    response = verified_client(administrator).post(reset_url(adviser), follow=True)
    assert response.status_code == 200
    assert TWO_FACTOR_RESET.format(name="hr-adviseur").split(";")[0] in response.content.decode()
    assert not TOTPDevice.objects.filter(user=adviser).exists()
    assert not StaticDevice.objects.filter(user=adviser).exists()
    change = AccountChange.objects.get(user=adviser, kind=AccountChange.Kind.TWO_FACTOR_RESET)
    assert change.by == administrator
    line = SecurityEvent.objects.get(kind=SecurityEvent.Kind.MFA_RESET)
    assert (line.actor, line.subject) == (administrator, adviser)
    assert victim.get("/aanvragen/")["Location"].startswith("/accounts/login/")  # signed out everywhere
    assert Client().post("/accounts/login/", {"username": "hr-adviseur", "password": PASSWORD})[
        "Location"].startswith("/accounts/tweestapsverificatie/instellen/")


def test_wiping_nothing_is_refused(administrator, adviser):
    response = verified_client(administrator).post(reset_url(adviser))
    assert response.status_code == 400 and NO_TWO_FACTOR in response.content.decode()


def test_nobody_wipes_his_own_second_factor(administrator):
    client = verified_client(administrator)
    assert client.post(reset_url(administrator)).status_code == 400
    assert TOTPDevice.objects.filter(user=administrator, confirmed=True).exists()


def test_only_a_functional_administrator_wipes(adviser, app, manager):
    assert logged_in(manager).post(reset_url(adviser)).status_code == 403
    assert TOTPDevice.objects.filter(user=adviser).exists()


def test_wiping_refuses_get_and_a_missing_csrf_token(administrator, adviser, app):
    assert verified_client(administrator).get(reset_url(adviser)).status_code == 405
    client = Client(enforce_csrf_checks=True)
    client.force_login(administrator)
    assert client.post(reset_url(adviser)).status_code == 403
    assert TOTPDevice.objects.filter(user=adviser).exists()
