import pytest
from django.core.exceptions import PermissionDenied
from django.template import loader
from django.test import Client, RequestFactory
from django.views import defaults

pytestmark = pytest.mark.django_db


def test_the_home_page_links_to_the_main_tasks(client):
    html = client.get("/").content.decode()
    for link in ("/profielen/", "/vergelijk/", "/accounts/login/", "/profielen/div-ict/"):
        assert f'href="{link}"' in html
    assert 'href="/indelen/"' not in html and 'href="/aanvragen/"' not in html  # after logging in
    assert html.count("<h1") == 1 and 'for="home-zoek"' in html


def test_the_500_page_renders_without_a_request_context():
    html = loader.get_template("500.html").render()
    assert "<h1>Er ging iets mis</h1>" in html and '<html lang="nl">' in html


def test_the_500_view_uses_the_dutch_page():
    response = defaults.server_error(RequestFactory().get("/"))
    assert response.status_code == 500 and "Er ging iets mis" in response.content.decode()


def test_the_403_page_is_dutch():
    response = defaults.permission_denied(RequestFactory().get("/"), PermissionDenied())
    assert response.status_code == 403 and "<h1>Geen toegang</h1>" in response.content.decode()


def test_a_failed_csrf_check_gets_the_dutch_page():
    response = Client(enforce_csrf_checks=True).post("/accounts/logout/")
    assert response.status_code == 403 and "<h1>Formulier verlopen</h1>" in response.content.decode()


def test_a_bad_request_gets_the_dutch_400_page():
    response = Client(HTTP_HOST="niet-toegestaan.example").get("/profielen/")
    assert response.status_code == 400 and "<h1>Ongeldig verzoek</h1>" in response.content.decode()


def test_an_unknown_page_gets_the_dutch_404_page(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404 and "<h1>Pagina niet gevonden</h1>" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/profielen/", "/vergelijk/", "/profielen/?systeem=fwg&land=Nederland"])
def test_the_other_pages_use_a_bounded_number_of_queries(client, django_assert_max_num_queries, url):
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
