"""Logging out after a sign-in through the identity provider: with an end_session_endpoint in the
provider's discovery document the browser goes on to it (id_token_hint, post_logout_redirect_uri
back to the site), and the loopback provider (tests/accounts/oidc_provider.py) checks both and
sends it back; without one, or after a password sign-in, only the session here ends. Without
discovery, OIDC_OP_END_SESSION_ENDPOINT names the end-session endpoint."""

import html
import re
from urllib.parse import urlsplit

import jwt
import pytest
import requests
from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.cache import SessionStore
from django.core.cache import cache
from django.test import Client

from accounts.models import SecurityEvent
from accounts.oidc_logout import ID_TOKEN_SESSION_KEY, provider_logout_url
from accounts.security_log import OIDC_BACKEND
from tests.accounts.oidc_provider import CLIENT_ID, split_query
from tests.accounts.test_oidc_sign_in import NOOR, provider, sign_in, signed_in_user  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "http://testserver"  # the provider has http://testserver/ registered


def onward(response) -> str:
    """The provider address the logout page goes on to: its refresh, the same as its link."""
    page = response.content.decode()
    refresh = html.unescape(re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)">', page).group(1))
    assert f'href="{html.escape(refresh)}"' in page.replace("&#x27;", "'")
    return refresh


def test_logging_out_sends_the_browser_to_the_providers_end_session_endpoint(provider):  # noqa: F811
    client = Client()
    sign_in(client, provider)
    id_token = client.session[ID_TOKEN_SESSION_KEY]
    response = client.post("/accounts/logout/")
    assert response.status_code == 200  # a page that goes on (CSP's form-action holds a redirect)
    location = onward(response)
    assert location.startswith(provider.issuer + "/logout?")
    query = split_query(location)
    assert query["id_token_hint"] == id_token
    assert jwt.decode(id_token, options={"verify_signature": False})["sub"] == NOOR["sub"]
    assert query["post_logout_redirect_uri"] == "http://testserver/" and query["client_id"] == CLIENT_ID
    assert SESSION_KEY not in client.session  # the session here has ended already
    assert client.get("/aanvragen/").status_code == 302
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOGOUT).count() == 1
    # The provider accepts the hint it signed, ends its session and sends the browser back here.
    back = requests.get(location, allow_redirects=False, timeout=10)
    assert back.status_code == 302 and back.headers["Location"] == "http://testserver/"
    assert provider.signed_out == [NOOR["sub"]]


def test_without_an_end_session_endpoint_only_the_session_here_ends(provider):  # noqa: F811
    provider.end_session = False
    client = Client()
    sign_in(client, provider)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert SESSION_KEY not in client.session
    assert "/logout" not in provider.requests


def test_after_a_password_sign_in_only_the_session_here_ends(provider, manager):  # noqa: F811
    client = Client()
    client.force_login(manager)
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/" and SESSION_KEY not in client.session


def test_a_password_sign_in_after_one_by_the_provider_does_not_go_to_the_provider(provider):  # noqa: F811
    client = Client()
    sign_in(client, provider)
    client.force_login(signed_in_user(client))  # the same person again, now by password
    response = client.post("/accounts/logout/")
    assert response["Location"] == "/"


def test_an_unreadable_provider_at_logout_still_ends_the_session_here(provider, settings):  # noqa: F811
    client = Client()
    sign_in(client, provider)
    cache.clear()
    settings.OIDC_DISCOVERY_URL = provider.issuer + "/bestaat-niet"
    response = client.post("/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == "/"
    assert SESSION_KEY not in client.session


def test_the_test_provider_refuses_a_hint_it_did_not_sign(provider):  # noqa: F811
    client = Client()
    sign_in(client, provider)
    location = onward(client.post("/accounts/logout/"))
    query = split_query(location)
    forged = location.replace(query["id_token_hint"][-10:], "x" * 10)
    assert requests.get(forged, allow_redirects=False, timeout=10).status_code == 400
    elsewhere = location.replace("testserver", "elders.example")
    assert requests.get(elsewhere, allow_redirects=False, timeout=10).status_code == 400
    assert provider.signed_out == []
    assert urlsplit(location).path == "/logout"


def test_with_hand_configured_endpoints_logging_out_goes_to_the_configured_end_session_endpoint(settings, rf):
    settings.OIDC_ENABLED = True
    settings.OIDC_DISCOVERY_URL = ""
    settings.OIDC_OP_END_SESSION_ENDPOINT = "https://login.voorbeeld.nl/uitloggen"
    request = rf.post("/accounts/logout/")
    request.session = SessionStore()
    request.session[ID_TOKEN_SESSION_KEY] = "een.id.token"
    request.session[BACKEND_SESSION_KEY] = OIDC_BACKEND
    location = provider_logout_url(request=request)
    assert location.startswith("https://login.voorbeeld.nl/uitloggen?")
    assert split_query(location)["id_token_hint"] == "een.id.token"
    settings.OIDC_OP_END_SESSION_ENDPOINT = ""
    assert provider_logout_url(request=request) == ""
