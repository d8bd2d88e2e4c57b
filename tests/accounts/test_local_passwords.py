"""/accounts/login/ with single sign-on: the button "Inloggen met <naam>", and LOCAL_PASSWORDS=False,
which hides the password form and refuses a password, also on /admin/login/, and leaves nobody a
way to set one: no password in the invitation, no password reset. An account linked to the
identity provider gets no invitation in either mode."""

import re

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode

from accounts import services
from accounts.models import AccountChange, OidcIdentity, SecurityEvent
from accounts.views_invitation import NO_PASSWORD_HERE
from accounts.views_login import PASSWORDS_OFF
from accounts.views_password_reset import RESET_OFF
from grading.roles import MANAGER
from tests.factory import PASSWORD, make_user

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


def invited(admin_client):
    data = {"email": "noor@voorbeeld.nl", "first_name": "Noor", "last_name": "Jansen", "roles": [MANAGER]}
    assert admin_client.post("/beheer/gebruikers/uitnodigen/", data).status_code == 302
    return get_user_model().objects.get(email="noor@voorbeeld.nl")


def test_with_local_passwords_off_the_invitation_mail_sends_to_the_provider(single_sign_on, settings, admin_client):
    settings.LOCAL_PASSWORDS = False
    settings.SITE_URL = "https://fw.voorbeeld.nl"
    invited(admin_client)
    body = mail.outbox[0].body
    assert "https://fw.voorbeeld.nl/accounts/login/" in body and "Inloggen met Gemeente Voorbeeld" in body
    assert "/accounts/uitnodiging/" not in body and "Kies uw wachtwoord" not in body


def test_with_local_passwords_off_the_invitation_page_has_no_password_form(single_sign_on, settings, administrator):
    noor = make_user(username="noor", email="noor@voorbeeld.nl")
    noor.set_unusable_password()
    noor.save()
    link = services.invitation_link(noor).removeprefix(settings.SITE_URL)
    settings.LOCAL_PASSWORDS = False
    client = Client()
    page = client.get(link, follow=True)
    html = page.content.decode()
    assert page.status_code == 200
    assert escape(NO_PASSWORD_HERE.format(name="Gemeente Voorbeeld")) in html
    assert 'type="password"' not in html and 'href="/oidc/authenticate/"' in html
    data = {"new_password1": "een-Eigen-wachtwoord-77", "new_password2": "een-Eigen-wachtwoord-77"}
    assert client.post(link, data).status_code == 403
    assert client.post(re.sub(r"/[^/]+/$", "/wachtwoord-kiezen/", link), data).status_code == 403
    noor.refresh_from_db()
    assert not noor.has_usable_password()
    assert not AccountChange.objects.filter(user=noor, kind=AccountChange.Kind.PASSWORD_SET).exists()


def test_with_local_passwords_off_the_password_reset_is_refused_in_dutch(single_sign_on, settings, manager):
    settings.LOCAL_PASSWORDS = False
    client = Client()
    page = client.get("/accounts/wachtwoord-vergeten/")
    assert page.status_code == 403
    assert escape(RESET_OFF.format(name="Gemeente Voorbeeld")) in page.content.decode()
    assert 'type="email"' not in page.content.decode()
    assert client.post("/accounts/wachtwoord-vergeten/", {"email": manager.email}).status_code == 403
    assert mail.outbox == []
    uid = urlsafe_base64_encode(force_bytes(manager.pk))
    link = f"/accounts/wachtwoord-herstellen/{uid}/{default_token_generator.make_token(manager)}/"
    assert client.get(link, follow=True).status_code == 403  # a link mailed before passwords were turned off


def test_with_local_passwords_on_the_password_reset_still_mails(single_sign_on, manager):
    response = Client().post("/accounts/wachtwoord-vergeten/", {"email": manager.email})
    assert response.status_code == 302 and len(mail.outbox) == 1


@pytest.mark.parametrize("local_passwords", [True, False])
def test_an_account_linked_to_the_provider_gets_no_new_invitation(single_sign_on, settings, admin_client, local_passwords):
    settings.LOCAL_PASSWORDS = local_passwords
    noor = make_user(username="noor", email="noor@voorbeeld.nl")
    noor.set_unusable_password()
    noor.save()
    OidcIdentity.objects.create(user=noor, issuer="https://login.voorbeeld.nl", subject="0f3c-noor")
    response = admin_client.post(f"/beheer/gebruikers/{noor.pk}/uitnodiging/")
    assert response.status_code == 400
    assert escape(services.SIGNS_IN_BY_PROVIDER) in response.content.decode()
    assert mail.outbox == []
    assert not AccountChange.objects.filter(user=noor, kind=AccountChange.Kind.INVITATION_SENT).exists()
