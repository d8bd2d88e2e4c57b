import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_login_page_is_dutch(client):
    response = client.get("/accounts/login/")
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="nl"' in html and html.count("<h1") == 1
    assert "Inloggen" in html and "Gebruikersnaam" in html and "Wachtwoord" in html


def test_a_manager_logs_in_and_lands_where_they_were_going(manager, password):
    response = Client().post("/accounts/login/", {"username": "leidinggevende", "password": password, "next": "/indelen/"})
    assert response.status_code == 302 and response["Location"] == "/indelen/"


def test_a_wrong_password_gets_a_dutch_message(manager):
    response = Client().post("/accounts/login/", {"username": "leidinggevende", "password": "fout"})
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in." in response.content.decode()


def test_logout_is_post_only_with_csrf(manager_client, manager):
    assert manager_client.get("/accounts/logout/").status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(manager)
    assert strict.post("/accounts/logout/").status_code == 403
    response = manager_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in manager_client.session
