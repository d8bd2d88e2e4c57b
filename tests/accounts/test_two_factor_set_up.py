"""/accounts/tweestapsverificatie/instellen/: setting up an authenticator app (secret as text and
QR code, confirmed with a first code), ten recovery codes shown once, and new ones."""

import re
from base64 import b32decode
from urllib.parse import unquote

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import SecurityEvent
from accounts.views_two_factor import CODES_RENEWED, NOT_VERIFIED, THROTTLED, WRONG_CODE
from tests.accounts.conftest import logged_in
from tests.otp import SET_UP_URL, VERIFY_URL, code_for, verified_client

pytestmark = pytest.mark.django_db

CODES_URL = "/accounts/tweestapsverificatie/herstelcodes/"
RENEW_URL = "/accounts/tweestapsverificatie/herstelcodes/vernieuwen/"


@pytest.fixture
def two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


def shown_secret(html: str) -> bytes:
    secret = re.search(r'<code class="secret" id="sleutel">([A-Z2-7 ]+)</code>', html).group(1)
    return b32decode(secret.replace(" ", ""))


def shown_codes(html: str) -> list[str]:
    return re.findall(r"<li><code>([a-z2-7]{8})</code></li>", html)


def test_the_page_shows_the_secret_as_text_and_as_a_qr_code(adviser):
    html = logged_in(adviser).get(SET_UP_URL).content.decode()
    device = TOTPDevice.objects.get(user=adviser)
    assert not device.confirmed
    assert shown_secret(html) == device.bin_key
    qr = re.search(r'<img src="(data:image/svg\+xml[^"]+)"', html).group(1)
    assert "<svg" in unquote(qr) and "<script" not in unquote(qr)
    assert 'alt="QR-code' in html


def test_opening_the_page_again_keeps_the_secret(adviser):
    client = logged_in(adviser)
    first = shown_secret(client.get(SET_UP_URL).content.decode())
    assert shown_secret(client.get(SET_UP_URL).content.decode()) == first
    assert TOTPDevice.objects.filter(user=adviser).count() == 1


def test_a_wrong_first_code_confirms_nothing(adviser):
    client = logged_in(adviser)
    client.get(SET_UP_URL)
    response = client.post(SET_UP_URL, {"code": "000000" if code_now(adviser) != "000000" else "111111"})
    assert response.status_code == 400
    assert WRONG_CODE in response.content.decode()
    assert not TOTPDevice.objects.get(user=adviser).confirmed
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.MFA_FAILED, actor=adviser).count() == 1


def test_an_empty_or_overlong_code_gets_a_dutch_message(adviser):
    client = logged_in(adviser)
    client.get(SET_UP_URL)
    assert "Vul de code in." in client.post(SET_UP_URL, {"code": ""}).content.decode()
    response = client.post(SET_UP_URL, {"code": "1" * 500})
    assert response.status_code == 400 and "Deze code is te lang." in response.content.decode()


def code_now(user) -> str:
    device = TOTPDevice.objects.get(user=user)
    return f"{totp(device.bin_key):06d}"


def test_the_first_code_confirms_the_app_and_shows_ten_recovery_codes_once(two_factor_on, adviser):
    client = logged_in(adviser)
    secret = shown_secret(client.get(f"{SET_UP_URL}?next=/aanvragen/").content.decode())
    response = client.post(SET_UP_URL, {"code": f"{totp(secret):06d}", "next": "/aanvragen/"})
    assert response.status_code == 302 and response["Location"] == f"{CODES_URL}?next=%2Faanvragen%2F"
    assert TOTPDevice.objects.get(user=adviser).confirmed
    page = client.get(response["Location"]).content.decode()
    codes = shown_codes(page)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert sorted(StaticToken.objects.filter(device__user=adviser).values_list("token", flat=True)) == sorted(codes)
    assert 'href="/aanvragen/"' in page
    assert shown_codes(client.get(CODES_URL).content.decode()) == []  # once
    assert client.get("/aanvragen/").status_code == 200  # this session passed the second step
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.MFA_ENROLLED, actor=adviser).count() == 1


def test_the_codes_page_is_not_cached(two_factor_on, adviser):
    response = verified_client(adviser).get(CODES_URL)
    assert "no-store" in response["Cache-Control"]


def test_with_an_app_the_page_offers_new_recovery_codes(adviser):
    client = verified_client(adviser)
    html = client.get(SET_UP_URL).content.decode()
    assert "Uw authenticator-app is ingesteld" in html and 'id="sleutel"' not in html
    old = set(StaticToken.objects.filter(device__user=adviser).values_list("token", flat=True))
    response = client.post(RENEW_URL, follow=True)
    codes = shown_codes(response.content.decode())
    assert len(codes) == 10 and not old & set(codes)
    assert CODES_RENEWED in response.content.decode()
    assert set(StaticToken.objects.filter(device__user=adviser).values_list("token", flat=True)) == set(codes)
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.MFA_CODES_RENEWED, actor=adviser).count() == 1
    assert client.get(SET_UP_URL).status_code == 200  # still verified: the recovery device stayed


def test_new_codes_need_the_second_step_first(manager):
    from tests.otp import make_authenticator

    make_authenticator(manager)
    client = logged_in(manager)
    assert client.post(RENEW_URL)["Location"].startswith(VERIFY_URL)
    assert client.get(SET_UP_URL)["Location"].startswith(VERIFY_URL)  # no second app past the first
    assert not StaticToken.objects.exists()


def test_new_codes_without_an_app_are_refused(manager):
    response = logged_in(manager).post(RENEW_URL, follow=True)
    assert NOT_VERIFIED in response.content.decode()
    assert not StaticToken.objects.exists()


def test_renewing_codes_refuses_get_and_a_missing_csrf_token(adviser):
    assert verified_client(adviser).get(RENEW_URL).status_code == 405
    client = Client(enforce_csrf_checks=True)
    client.force_login(adviser)
    assert client.post(RENEW_URL).status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in():
    for url in (SET_UP_URL, VERIFY_URL, CODES_URL):
        assert Client().get(url)["Location"].startswith("/accounts/login/")


def test_the_setup_is_throttled_too(adviser):
    client = logged_in(adviser)
    client.get(SET_UP_URL)
    wrong = "000000" if code_now(adviser) != "000000" else "111111"
    for _ in range(5):
        client.post(SET_UP_URL, {"code": wrong})
    device = TOTPDevice.objects.get(user=adviser)
    response = client.post(SET_UP_URL, {"code": code_for(device)})
    assert response.status_code == 400
    assert THROTTLED.split("{")[0] in response.content.decode()
    assert not TOTPDevice.objects.get(user=adviser).confirmed


def test_the_privacy_page_names_the_stored_secrets(client, settings):
    settings.TWO_FACTOR_REQUIRED = True
    html = client.get("/privacy/").content.decode()
    assert "geheime sleutel van de authenticator-app (TOTP)" in html and "herstelcodes" in html
    assert "verplicht voor HR-adviseur" in html


def test_erasing_a_person_removes_the_app_and_the_recovery_codes(adviser):
    from grading.services.privacy import person_erase

    from accounts.two_factor_devices import recovery_codes_renew
    from tests.otp import make_authenticator

    make_authenticator(adviser)
    recovery_codes_renew(user=adviser, ip=None)
    assert StaticToken.objects.filter(device__user=adviser).count() == 10
    person_erase(username=adviser.username)
    assert not TOTPDevice.objects.filter(user=adviser).exists()
    assert not StaticToken.objects.filter(device__user=adviser).exists()
