"""Inviting someone: an account without a password and a mailed link that sets one, once, for
INVITATION_HOURS."""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from accounts.models import AccountChange
from accounts.services import EMAIL_TAKEN
from accounts.tokens import InvitationTokenGenerator
from grading.roles import HR_ADVISER

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "een-Eigen-wachtwoord-77"


def _hours(n: int) -> datetime.timedelta:
    return datetime.timedelta(hours=n)


def invite(client, **fields):
    data = {"email": "noor@voorbeeld.nl", "first_name": "Noor", "last_name": "Jansen", "roles": [HR_ADVISER], **fields}
    return client.post("/beheer/gebruikers/uitnodigen/", data)


def link_in(message) -> str:
    return re.search(r"http://[^/\s]+(/accounts/uitnodiging/\S+)", message.body).group(1)


def choose_password(client, link):
    form = client.get(link, follow=True)
    return client.post(form.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})


def test_an_invitation_makes_an_account_without_password_with_its_roles_and_mails_a_link(admin_client, administrator):
    response = invite(admin_client)
    noor = get_user_model().objects.get(email="noor@voorbeeld.nl")
    assert response.status_code == 302 and response["Location"] == f"/beheer/gebruikers/{noor.pk}/"
    assert noor.username == "noor@voorbeeld.nl" and not noor.has_usable_password()
    assert list(noor.groups.values_list("name", flat=True)) == [HR_ADVISER]
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["noor@voorbeeld.nl"]
    kinds = list(AccountChange.objects.filter(user=noor).order_by("id").values_list("kind", "role", "by__username"))
    assert kinds == [("invited", "", "fenna"), ("role_granted", HR_ADVISER, "fenna")]


def test_the_link_sets_the_password_once(admin_client):
    invite(admin_client)
    link = link_in(mail.outbox[0])
    anonymous = Client()
    done = choose_password(anonymous, link)
    assert done.status_code == 302 and done["Location"] == "/accounts/login/"
    noor = get_user_model().objects.get(email="noor@voorbeeld.nl")
    assert noor.check_password(NEW_PASSWORD)
    assert AccountChange.objects.filter(user=noor, kind="password_set", by=noor).exists()
    again = Client().get(link, follow=True)
    assert again.status_code == 400 and "werkt niet meer" in again.content.decode()
    assert anonymous.post("/accounts/login/", {"username": "noor@voorbeeld.nl", "password": NEW_PASSWORD}).status_code == 302


def test_the_link_expires_after_the_invitation_hours(admin_client, settings):
    settings.INVITATION_HOURS = 72
    invite(admin_client)
    link = link_in(mail.outbox[0])
    issued = InvitationTokenGenerator()._now()  # the tokens' own clock, naive local time
    with mock.patch.object(InvitationTokenGenerator, "_now", return_value=issued + _hours(71)):
        assert Client().get(link, follow=True).status_code == 200
    with mock.patch.object(InvitationTokenGenerator, "_now", return_value=issued + _hours(73)):
        page = Client().get(link, follow=True)
    assert page.status_code == 400 and "verlopen" in page.content.decode()


def test_a_renewed_invitation_kills_the_earlier_link(admin_client):
    invite(admin_client)
    first = link_in(mail.outbox[0])
    noor = get_user_model().objects.get(email="noor@voorbeeld.nl")
    assert admin_client.post(f"/beheer/gebruikers/{noor.pk}/uitnodiging/").status_code == 302
    assert Client().get(first, follow=True).status_code == 400
    assert choose_password(Client(), link_in(mail.outbox[1])).status_code == 302


def test_a_deactivated_account_cannot_use_its_invitation(admin_client):
    invite(admin_client)
    noor = get_user_model().objects.get(email="noor@voorbeeld.nl")
    admin_client.post(f"/beheer/gebruikers/{noor.pk}/deactiveren/")
    assert Client().get(link_in(mail.outbox[0]), follow=True).status_code == 400


def test_an_address_already_in_use_gets_a_dutch_message(admin_client, manager):
    response = invite(admin_client, email="LOTTE@voorbeeld.nl")
    assert response.status_code == 400 and EMAIL_TAKEN in response.content.decode()
    assert len(mail.outbox) == 0


def test_a_garbage_link_is_a_400(client):
    assert client.get("/accounts/uitnodiging/xyz/abc-def/").status_code == 400


def test_only_the_functional_administrator_invites(manager):
    client = Client()
    client.force_login(manager)
    assert invite(client).status_code == 403
    assert Client().get("/beheer/gebruikers/uitnodigen/").status_code == 302  # to the login page
