import re

import pytest
from django.contrib.auth import authenticate
from django.test import RequestFactory
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_it_creates_a_manager_and_an_adviser_and_prints_their_passwords(capsys):
    call_command("create_demo_users")
    out = capsys.readouterr().out
    passwords = dict(re.findall(r"gebruikersnaam (\S+), wachtwoord (\S+)", out))
    assert set(passwords) == {"leidinggevende", "hr-adviseur"}
    request = RequestFactory().post("/accounts/login/")
    manager = authenticate(request, username="leidinggevende", password=passwords["leidinggevende"])
    adviser = authenticate(request, username="hr-adviseur", password=passwords["hr-adviseur"])
    assert manager.has_perm("grading.add_submission") and adviser.has_perm("grading.settle_submission")


def test_running_it_again_resets_the_passwords(capsys):
    call_command("create_demo_users")
    first = capsys.readouterr().out
    call_command("create_demo_users")
    second = capsys.readouterr().out
    assert "nieuw wachtwoord" in second and first != second


def test_the_demo_users_get_an_email_address_so_notifications_reach_them(capsys):
    from django.contrib.auth import get_user_model

    call_command("create_demo_users", beheerder="beheerder")
    emails = dict(get_user_model().objects.values_list("username", "email"))
    assert emails["leidinggevende"] == "leidinggevende@voorbeeld.nl"
    assert emails["hr-adviseur"] == "hr-adviseur@voorbeeld.nl" and emails["beheerder"] == "beheerder@voorbeeld.nl"
    assert "e-mail leidinggevende@voorbeeld.nl" in capsys.readouterr().out
