"""The privacy page: public, linked from every page's footer, and it states the periods the
application is actually set to."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_privacy_page_is_public_and_in_every_footer(client):
    response = client.get("/privacy/")
    html = response.content.decode()
    assert response.status_code == 200 and html.count("<h1") == 1
    for page in ("/", "/profielen/", "/accounts/login/", "/privacy/"):
        footer = client.get(page).content.decode().split('class="site-footer"')[1]
        assert 'href="/privacy/"' in footer, page


def test_it_states_the_configured_periods(client, settings):
    settings.RETENTION_DAYS = 412
    settings.SESSION_COOKIE_AGE = 3 * 24 * 60 * 60
    settings.SECURITY_LOG_DAYS = 97
    html = client.get("/privacy/").content.decode()
    assert "412 dagen na de vaststelling" in html and "Hoogstens 3 dagen" in html
    assert "24 uur" in html and "15 minuten" in html
    assert "97 dagen; <code>manage.py prune_security_log</code>" in html


def test_it_names_the_holders_objections_and_the_security_log(client):
    html = " ".join(client.get("/privacy/").content.decode().split())
    assert "Functiehouders van een aanvraag" in html and "Bezwaren: naam van de functiehouder" in html
    assert "axes_reset_logs" not in html  # sign-ins are kept in the security log, with its own period


def test_it_says_a_person_decides_and_what_a_dpia_needs(client):
    html = client.get("/privacy/").content.decode()
    assert "AVG artikel 22" in html and "AVG artikel 35" in html
    assert "Alleen een HR-adviseur stelt de indeling vast" in html
    for role in ("Leidinggevende", "HR-adviseur", "Functioneel beheerder"):
        assert f"<strong>{role}</strong>" in html
    for subject in ("Account", "Functiebeschrijving", "Mislukte inlogpogingen", "Beveiligingslog", "Sessie", "Besluit en geschiedenis", "Functiehouders", "Bezwaren"):
        assert f'<th scope="row">{subject}' in html
