"""The login page with single sign-on, in headless Chromium: axe-clean with the provider's button
beside the password form and without the form (LOCAL_PASSWORDS=False); the button signs a person
in at the provider the test starts on loopback and back, and logging out signs out there too; a
refused answer and the refused password reset get an axe-clean page."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from grading.roles import HR_ADVISER, MANAGER, ensure_roles
from tests.accounts.oidc_provider import CLIENT_ID, CLIENT_SECRET, running_provider
from tests.browser.test_submission_flow import assert_accessible, flow_browser, flow_page  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def provider(live_server, settings):
    ensure_roles()  # an earlier transactional test emptied the tables, the roles' groups included
    with running_provider(redirect_uri=live_server.url + "/oidc/callback/") as provider:
        settings.OIDC_ENABLED = True
        settings.OIDC_DISCOVERY_URL = provider.issuer + "/.well-known/openid-configuration"
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_PROVIDER_NAME = "Gemeente Voorbeeld"
        settings.OIDC_ROLE_MAP = {MANAGER: ("fw-managers",), HR_ADVISER: ("fw-hr",)}
        provider.person = {
            "sub": "7a1-lotte", "preferred_username": "lotte", "email": "lotte@voorbeeld.nl",
            "given_name": "Lotte", "family_name": "Bakker", "groups": ["fw-managers"],
        }
        cache.clear()
        yield provider
        cache.clear()


def test_the_button_signs_in_through_the_provider(flow_page, provider):
    page = flow_page
    page.goto("/accounts/login/?next=/indelen/")
    expect(page.get_by_role("heading", level=2)).to_have_text("Of met gebruikersnaam en wachtwoord")
    assert_accessible(page)
    page.get_by_role("link", name="Inloggen met Gemeente Voorbeeld").click()
    # Three round trips to the loopback provider: on a machine busy with the other suite they
    # may take longer than expect()'s default of five seconds.
    expect(page.get_by_role("button", name="Uitloggen (lotte)")).to_be_visible(timeout=30_000)
    assert page.url.endswith("/indelen/")
    assert_accessible(page)


def test_without_local_passwords_the_page_has_only_the_button(flow_page, provider, settings):
    settings.LOCAL_PASSWORDS = False
    page = flow_page
    page.goto("/accounts/login/")
    expect(page.get_by_role("link", name="Inloggen met Gemeente Voorbeeld")).to_be_visible()
    expect(page.get_by_label("Wachtwoord")).to_have_count(0)
    assert_accessible(page)


def test_a_refused_answer_gets_a_dutch_page(flow_page, provider):
    page = flow_page
    page.goto("/oidc/callback/?code=iets&state=onbekend")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggen niet gelukt")
    expect(page.get_by_role("alert")).to_contain_text("niet in deze browser begonnen")
    assert_accessible(page)


def test_logging_out_signs_out_at_the_provider_and_comes_back(flow_page, provider, live_server, settings):
    settings.SITE_URL = live_server.url
    provider.post_logout_redirect_uris = [live_server.url + "/"]
    page = flow_page
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Inloggen met Gemeente Voorbeeld").click()
    expect(page.get_by_role("button", name="Uitloggen (lotte)")).to_be_visible(timeout=30_000)
    page.get_by_role("button", name="Uitloggen (lotte)").click()  # a form: CSP's form-action is 'self'
    # The answer here is a page that refreshes to the provider and shows "Inloggen" already:
    # wait for the way back, not for the link.
    expect(page).to_have_url(live_server.url + "/", timeout=30_000)
    expect(page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Inloggen")).to_be_visible()
    assert provider.signed_out == ["7a1-lotte"]


def test_without_local_passwords_the_reset_page_refuses_in_dutch(flow_page, provider, settings):
    settings.LOCAL_PASSWORDS = False
    page = flow_page
    page.goto("/accounts/wachtwoord-vergeten/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen wachtwoord nodig")
    expect(page.get_by_role("alert")).to_contain_text("Log in met Gemeente Voorbeeld")
    expect(page.get_by_role("link", name="Inloggen met Gemeente Voorbeeld")).to_be_visible()
    assert_accessible(page)
