"""A password-reset mail goes at most PASSWORD_RESET_MAILS_PER_HOUR times an hour to one address
and to one account; the page answers the same either way."""

import datetime

import pytest
from django.core import mail
from django.db import models
from django.test import Client
from django.utils import timezone

from accounts.models import SecurityEvent
from accounts.password_reset import ACCOUNT_LIMIT, ADDRESS_LIMIT, SENT, UNKNOWN
from tests.factory import make_user

pytestmark = pytest.mark.django_db
URL = "/accounts/wachtwoord-vergeten/"


def ask(email: str):
    return Client(REMOTE_ADDR="198.51.100.4").post(URL, {"email": email}, follow=True)


def test_thirty_requests_send_three_mails_and_the_same_answer(manager, settings):
    settings.PASSWORD_RESET_MAILS_PER_HOUR = 3
    answers = {ask("lotte@voorbeeld.nl").content for _ in range(30)}
    assert len(answers) == 1 and "Kijk in uw e-mail" in answers.pop().decode()
    assert len(mail.outbox) == 3
    details = list(SecurityEvent.objects.filter(kind="password_reset").values_list("detail", flat=True))
    assert details.count(SENT) == 3 and details.count(ADDRESS_LIMIT) == 27


def test_the_address_is_counted_whatever_its_case(manager, settings):
    settings.PASSWORD_RESET_MAILS_PER_HOUR = 2
    for email in ("lotte@voorbeeld.nl", "LOTTE@voorbeeld.nl", " Lotte@Voorbeeld.NL "):
        ask(email)
    assert len(mail.outbox) == 2


def test_an_account_is_counted_over_its_addresses(settings):
    """Two accounts share an address; each gets its own share, and a second address of the same
    person (an old one in the log) counts for the account."""
    settings.PASSWORD_RESET_MAILS_PER_HOUR = 1
    person = make_user(username="sam", email="sam@voorbeeld.nl")
    SecurityEvent.objects.create(kind="password_reset", subject=person, email="oud@voorbeeld.nl", detail=SENT)
    ask("sam@voorbeeld.nl")
    assert mail.outbox == []
    assert SecurityEvent.objects.filter(detail=ACCOUNT_LIMIT, subject=person).exists()


def test_the_count_starts_again_after_an_hour(manager, settings):
    settings.PASSWORD_RESET_MAILS_PER_HOUR = 1
    ask("lotte@voorbeeld.nl")
    models.QuerySet.update(SecurityEvent.objects.all(), created_at=timezone.now() - datetime.timedelta(minutes=61))
    ask("lotte@voorbeeld.nl")
    assert len(mail.outbox) == 2


def test_an_unknown_address_is_logged_but_gets_no_mail_and_the_same_answer(client):
    assert "Kijk in uw e-mail" in ask("niemand@voorbeeld.nl").content.decode()
    assert mail.outbox == []
    event = SecurityEvent.objects.get(kind="password_reset")
    assert (event.email, event.detail, event.ip_address) == ("niemand@voorbeeld.nl", UNKNOWN, "198.51.100.4")
