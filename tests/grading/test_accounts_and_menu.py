"""The menu shows only what a user may do; a forgotten password is reset by e-mail."""

import re

import pytest
from django.core import mail
from django.test import Client

pytestmark = pytest.mark.django_db


def menu(client) -> str:
    html = client.get("/profielen/").content.decode()
    return html[html.index('aria-label="Hoofdmenu"'):html.index("</nav>")]


def test_an_adviser_sees_the_inbox_and_not_the_submit_page(adviser_client):
    items = menu(adviser_client)
    assert "Te behandelen" in items and "Functie laten indelen" not in items


def test_a_manager_sees_the_submit_page_and_their_requests(manager_client):
    items = menu(manager_client)
    assert "Functie laten indelen" in items and "Mijn aanvragen" in items and "Te behandelen" not in items


def test_a_visitor_sees_only_the_public_pages_and_the_login(client):
    items = menu(client)
    assert "Functieprofielen" in items and "Inloggen" in items
    assert "/indelen/" not in items and "/aanvragen/" not in items


def test_a_forgotten_password_is_reset_by_email(manager, password):
    manager.email = "lotte@example.org"
    manager.save()
    client = Client()
    assert "Wachtwoord vergeten?" in client.get("/accounts/login/").content.decode()
    response = client.post("/accounts/wachtwoord-vergeten/", {"email": "lotte@example.org"}, follow=True)
    assert "Kijk in uw e-mail" in response.content.decode()
    assert len(mail.outbox) == 1 and "nieuw wachtwoord" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/accounts/wachtwoord-herstellen/\S+)", mail.outbox[0].body).group(1)
    page = client.get(link, follow=True)
    assert "Nieuw wachtwoord kiezen" in page.content.decode()
    new = "een-Nieuw-wachtwoord-42"
    done = client.post(page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}, follow=True)
    assert "Wachtwoord opgeslagen" in done.content.decode()
    manager.refresh_from_db()
    assert manager.check_password(new)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(client):
    response = client.post("/accounts/wachtwoord-vergeten/", {"email": "onbekend@example.org"}, follow=True)
    assert "Kijk in uw e-mail" in response.content.decode() and mail.outbox == []
