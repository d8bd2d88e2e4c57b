"""/accounts/login/ with single sign-on: the button "Inloggen met <naam>", and LOCAL_PASSWORDS=False,
which hides the password form and refuses a password, also on /admin/login/."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.test import Client

from accounts.models import SecurityEvent
from accounts.views_login import PASSWORDS_OFF
from tests.factory import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def single_sign_on(settings):
    settings.OIDC_ENABLED = True
    settings.OIDC_DISCOVERY_URL = "http://127.0.0.1:9/.well-known/openid-configuration"
    settings.OIDC_RP_CLIENT_ID = "functiewaardering"
    settings.OIDC_PROVIDER_NAME = "Gemeente Voorbeeld"


def test_without_single_sign_on_the_login_page_is_as_before(settings):
    settings.OIDC_ENABLED = False
    html = Client().get("/accounts/login/").content.decode()
    assert "Inloggen met" not in html and 'type="password"' in html


def test_the_login_page_offers_the_provider_beside_the_password(single_sign_on):
    html = Client().get("/accounts/login/?next=/aanvragen/").content.decode()
    assert 'href="/oidc/authenticate/?next=/aanvragen/"' in html
    assert "Inloggen met Gemeente Voorbeeld" in html
    assert 'type="password"' in html


def test_with_local_passwords_off_the_form_is_gone(single_sign_on, settings):
    settings.LOCAL_PASSWORDS = False
    html = Client().get("/accounts/login/").content.decode()
    assert "Inloggen met Gemeente Voorbeeld" in html
    assert 'type="password"' not in html and "Wachtwoord vergeten" not in html


def test_with_local_passwords_off_a_password_is_refused_in_dutch(single_sign_on, settings, manager):
    settings.LOCAL_PASSWORDS = False
    client = Client()
    response = client.post("/accounts/login/", {"username": manager.username, "password": PASSWORD})
    assert response.status_code == 403
    assert PASSWORDS_OFF.format(name="Gemeente Voorbeeld") in response.content.decode()
    assert SESSION_KEY not in client.session


def test_with_local_passwords_off_the_admin_login_refuses_a_password_too(single_sign_on, settings, roles):
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_superuser("beheer", "beheer@voorbeeld.nl", PASSWORD)
    settings.LOCAL_PASSWORDS = False
    client = Client()
    client.post("/admin/login/?next=/admin/", {"username": "beheer", "password": PASSWORD})
    assert SESSION_KEY not in client.session
    failed = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN_FAILED)
    assert failed.username == "beheer"


def test_with_local_passwords_on_a_password_still_signs_in(single_sign_on, manager):
    client = Client()
    response = client.post("/accounts/login/", {"username": manager.username, "password": PASSWORD})
    assert response.status_code == 302 and SESSION_KEY in client.session
    assert SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN).method == "wachtwoord"
