"""Single sign-on end to end: the browser (Django's test client) goes to /oidc/authenticate/, the
provider the tests start on loopback (tests/accounts/oidc_provider.py, authlib) signs the person
in and sends the browser back to /oidc/callback/, where the application asks the provider for the
tokens, its keys and the user info over real HTTP."""

import pytest
import requests
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core.cache import cache
from django.test import Client

from accounts import oidc_accounts, oidc_sign_in, services, two_factor
from accounts.models import AccountChange, OidcIdentity, SecurityEvent
from accounts.security_log import OIDC
from grading.roles import FUNCTIONAL_ADMIN, HR_ADVISER, MANAGER
from tests.accounts.conftest import logged_in
from tests.accounts.oidc_provider import CLIENT_ID, CLIENT_SECRET, running_provider
from tests.factory import make_user

pytestmark = pytest.mark.django_db

CALLBACK = "http://testserver/oidc/callback/"
ROLE_MAP = {MANAGER: ("fw-managers",), HR_ADVISER: ("fw-hr",), FUNCTIONAL_ADMIN: ("fw-admins",)}
NOOR = {
    "sub": "0f3c-noor", "preferred_username": "noor", "email": "noor@voorbeeld.nl", "email_verified": True,
    "given_name": "Noor", "family_name": "Jansen", "groups": ["fw-managers", "iedereen"],
}


@pytest.fixture
def provider(settings, roles):
    with running_provider(redirect_uri=CALLBACK) as provider:
        settings.OIDC_ENABLED = True
        settings.OIDC_DISCOVERY_URL = provider.issuer + "/.well-known/openid-configuration"
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_RP_SIGN_ALGO = "RS256"
        settings.OIDC_PROVIDER_NAME = "Testorganisatie"
        settings.OIDC_ROLE_MAP = ROLE_MAP
        settings.OIDC_MFA_ACR_VALUES = ["urn:testorganisatie:loa:hoog"]
        provider.person = dict(NOOR)
        cache.clear()
        yield provider
        cache.clear()


def sign_in(client: Client, provider, *, next_url: str = ""):
    """The whole round: start here, sign in at the provider, come back. The callback's response."""
    start = client.get("/oidc/authenticate/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302 and start["Location"].startswith(provider.issuer + "/authorize?")
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert answer.status_code == 302, answer.text
    assert answer.headers["Location"].startswith(CALLBACK)
    return client.get(answer.headers["Location"])


def signed_in_user(client: Client):
    user_id = client.session.get(SESSION_KEY)
    return get_user_model().objects.get(pk=user_id) if user_id else None


def test_a_first_sign_in_makes_the_account_with_the_mapped_roles(provider):
    client = Client()
    response = sign_in(client, provider)
    assert response.status_code == 302 and response["Location"] == "/"
    user = signed_in_user(client)
    assert (user.username, user.email, user.get_full_name()) == ("noor", "noor@voorbeeld.nl", "Noor Jansen")
    assert not user.has_usable_password()
    assert OidcIdentity.objects.get(user=user).subject == "0f3c-noor"
    assert OidcIdentity.objects.get(user=user).issuer == provider.issuer
    assert services.roles_of(user) == [MANAGER]
    changes = {(change.kind, change.role, change.by.username) for change in AccountChange.objects.filter(user=user)}
    assert changes == {
        (AccountChange.Kind.OIDC_LINKED, "", services.PROVIDER_USERNAME),
        (AccountChange.Kind.ROLE_GRANTED, MANAGER, services.PROVIDER_USERNAME),
    }
    login = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN)
    assert (login.actor, login.method) == (user, OIDC)
    # The provider was asked for everything the code flow needs, over HTTP.
    assert {"/.well-known/openid-configuration", "/authorize", "/token", "/jwks", "/userinfo"} <= set(provider.requests)


def test_the_sign_in_goes_on_to_the_page_asked_for(provider):
    response = sign_in(Client(), provider, next_url="/aanvragen/")
    assert response["Location"] == "/aanvragen/"


def test_a_later_sign_in_with_other_groups_changes_the_roles(provider):
    sign_in(Client(), provider)
    provider.person.update(groups=["fw-hr", "fw-admins"], given_name="Noor", family_name="de Vries")
    client = Client()
    sign_in(client, provider)
    user = signed_in_user(client)
    assert services.roles_of(user) == [HR_ADVISER, FUNCTIONAL_ADMIN]
    assert user.last_name == "de Vries"
    assert OidcIdentity.objects.count() == 1 and get_user_model().objects.filter(username__startswith="noor").count() == 1
    history = [(change.kind, change.role) for change in AccountChange.objects.filter(user=user).order_by("id")]
    assert history[-3:] == [
        (AccountChange.Kind.ROLE_GRANTED, HR_ADVISER),
        (AccountChange.Kind.ROLE_GRANTED, FUNCTIONAL_ADMIN),
        (AccountChange.Kind.ROLE_TAKEN, MANAGER),
    ]
    logged = SecurityEvent.objects.filter(kind=SecurityEvent.Kind.ROLE_CHANGE, subject=user)
    assert {event.actor.username for event in logged} == {services.PROVIDER_USERNAME}
    assert "rol afgenomen: Leidinggevende" in {event.detail for event in logged}


def test_without_a_role_map_the_roles_stay_as_the_application_has_them(provider, settings):
    settings.OIDC_ROLE_MAP = {}
    noor = make_user(role=HR_ADVISER, username="noor-lokaal", email="noor@voorbeeld.nl")
    OidcIdentity.objects.create(user=noor, issuer=provider.issuer, subject=NOOR["sub"])
    client = Client()
    sign_in(client, provider)
    assert signed_in_user(client) == noor
    assert services.roles_of(noor) == [HR_ADVISER]
    assert not AccountChange.objects.filter(user=noor).exists()


def test_a_provider_with_mfa_in_amr_is_trusted_for_the_second_factor(provider):
    provider.amr = ["pwd", "mfa"]
    client = Client()
    sign_in(client, provider)
    assert client.session[oidc_sign_in.MFA_SESSION_KEY] is True


def test_an_acr_named_in_the_settings_counts_as_a_second_factor(provider):
    provider.acr = "urn:testorganisatie:loa:hoog"
    client = Client()
    sign_in(client, provider)
    assert client.session[oidc_sign_in.MFA_SESSION_KEY] is True


def test_without_mfa_the_session_key_is_not_set_and_a_new_sign_in_drops_it(provider):
    provider.amr = ["pwd", "otp"]
    client = Client()
    sign_in(client, provider)
    assert client.session[oidc_sign_in.MFA_SESSION_KEY] is True
    provider.amr = ["pwd"]
    sign_in(client, provider)
    assert signed_in_user(client).username == "noor"
    assert oidc_sign_in.MFA_SESSION_KEY not in client.session


def test_a_sign_in_with_no_second_step_due_is_remembered_for_the_session(provider, settings):
    settings.TWO_FACTOR_REQUIRED = True
    client = Client()
    sign_in(client, provider)  # a manager: no second factor due
    assert client.session[two_factor.NO_STEP_SESSION_KEY] == signed_in_user(client).pk


def test_a_sign_in_with_a_second_step_due_remembers_nothing(provider, settings):
    settings.TWO_FACTOR_REQUIRED = True
    provider.person.update(groups=["fw-hr"])  # an HR adviser, and no mfa in amr
    client = Client()
    sign_in(client, provider)
    assert two_factor.NO_STEP_SESSION_KEY not in client.session
    assert client.get("/aanvragen/")["Location"].startswith("/accounts/tweestapsverificatie/")


def test_an_answer_with_an_unknown_state_is_refused_in_dutch(provider):
    client = Client()
    start = client.get("/oidc/authenticate/")
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    forged = answer.headers["Location"].replace("state=", "state=vervalst")
    response = client.get(forged)
    assert response.status_code == 400
    assert oidc_sign_in.UNKNOWN_STATE in response.content.decode()
    assert SESSION_KEY not in client.session
    failed = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN_FAILED)
    assert failed.method == OIDC and failed.detail == "onbekende state"


def test_an_answer_from_another_browser_is_refused(provider):
    start = Client().get("/oidc/authenticate/")
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    other = Client()
    response = other.get(answer.headers["Location"])
    assert response.status_code == 400 and SESSION_KEY not in other.session


def test_a_state_works_once(provider):
    client = Client()
    start = client.get("/oidc/authenticate/")
    answer = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert client.get(answer.headers["Location"]).status_code == 302
    client.logout()
    response = client.get(answer.headers["Location"])
    assert response.status_code == 400 and SESSION_KEY not in client.session


def test_an_id_token_with_another_nonce_is_refused(provider):
    provider.nonce_override = "een-andere-nonce"
    client = Client()
    response = sign_in(client, provider)
    assert response.status_code == 403
    assert oidc_sign_in.UNVERIFIED in response.content.decode()
    assert SESSION_KEY not in client.session
    assert not get_user_model().objects.filter(username="noor").exists()


def test_an_id_token_signed_with_another_key_is_refused(provider):
    provider.sign_with_other_key = True
    client = Client()
    response = sign_in(client, provider)
    assert response.status_code == 403
    assert "kon niet worden gecontroleerd" in response.content.decode()
    assert SESSION_KEY not in client.session
    assert SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN_FAILED).method == OIDC


def test_an_id_token_for_another_client_is_refused(provider):
    provider.audience = "een-andere-client"
    client = Client()
    response = sign_in(client, provider)
    assert response.status_code == 403 and SESSION_KEY not in client.session


def test_the_provider_refusing_gives_a_dutch_403(provider):
    client = Client()
    client.get("/oidc/authenticate/")
    response = client.get("/oidc/callback/?error=access_denied&state=iets")
    assert response.status_code == 403
    assert oidc_sign_in.PROVIDER_REFUSED in response.content.decode()


def test_a_callback_without_code_gives_a_dutch_400(provider):
    response = Client().get("/oidc/callback/")
    assert response.status_code == 400 and oidc_sign_in.INCOMPLETE in response.content.decode()


def test_a_deactivated_account_cannot_sign_in_by_the_provider(provider, administrator):
    sign_in(Client(), provider)
    noor = get_user_model().objects.get(username="noor")
    services.user_deactivate(user=noor, by=administrator, ip=None)
    client = Client()
    response = sign_in(client, provider)
    assert response.status_code == 403
    assert oidc_accounts.INACTIVE in response.content.decode()
    assert SESSION_KEY not in client.session
    failed = SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOGIN_FAILED)
    assert (failed.method, failed.username, failed.detail) == (OIDC, NOOR["sub"], "account gedeactiveerd")


def test_a_session_of_a_deactivated_account_loads_no_user(provider):
    client = Client()
    sign_in(client, provider)
    get_user_model().objects.filter(username="noor").update(is_active=False)
    assert client.get("/aanvragen/").status_code == 302  # to the login page


def test_an_existing_account_is_found_by_e_mail_only_when_configured(provider, settings):
    lotte = make_user(role=MANAGER, username="lotte", email="noor@voorbeeld.nl")
    client = Client()
    sign_in(client, provider)
    assert signed_in_user(client) != lotte  # a new account: e-mail is not trusted by default
    assert signed_in_user(client).username == "noor"

    settings.OIDC_MATCH_EMAIL = True
    provider.person.update(sub="ander-sub", email="lotte@voorbeeld.nl")
    lotte.email = "lotte@voorbeeld.nl"
    lotte.save()
    client = Client()
    sign_in(client, provider)
    assert signed_in_user(client) == lotte
    assert OidcIdentity.objects.get(user=lotte).subject == "ander-sub"


def test_a_user_name_in_use_gets_a_number(provider):
    make_user(username="noor", email="andere-noor@voorbeeld.nl")
    client = Client()
    sign_in(client, provider)
    assert signed_in_user(client).username == "noor-2"


def test_logging_out_ends_the_local_session(provider):
    client = Client()
    sign_in(client, provider)
    assert client.post("/accounts/logout/").status_code == 200  # on to the provider's logout: test_oidc_logout.py
    assert SESSION_KEY not in client.session
    assert client.get("/aanvragen/").status_code == 302


def test_an_unreachable_provider_gives_a_dutch_page_not_a_500(provider, settings):
    settings.OIDC_DISCOVERY_URL = provider.issuer + "/bestaat-niet"
    response = Client().get("/oidc/authenticate/")
    assert response.status_code == 503
    assert oidc_sign_in.UNREACHABLE in response.content.decode()


def test_the_discovery_document_is_read_once_and_cached(provider):
    sign_in(Client(), provider)
    sign_in(Client(), provider)
    assert provider.requests.count("/.well-known/openid-configuration") == 1


def test_without_single_sign_on_the_oidc_addresses_do_not_exist(settings):
    settings.OIDC_ENABLED = False
    assert Client().get("/oidc/authenticate/").status_code == 404
    assert Client().get("/oidc/callback/?code=x&state=y").status_code == 404


def test_the_account_page_shows_roles_from_the_provider_and_refuses_a_change(provider, admin_client):
    sign_in(Client(), provider)
    noor = get_user_model().objects.get(username="noor")
    page = admin_client.get(f"/beheer/gebruikers/{noor.pk}/").content.decode()
    assert "komen van de identiteitsprovider (Testorganisatie)" in page
    assert "Rollen opslaan" not in page
    assert "Uitnodiging opnieuw sturen" not in page  # the account is active, without a password
    response = admin_client.post(f"/beheer/gebruikers/{noor.pk}/rollen/", {"roles": [HR_ADVISER]})
    assert response.status_code == 400
    assert services.ROLES_FROM_PROVIDER in response.content.decode()
    assert services.roles_of(noor) == [MANAGER]


def test_without_a_map_the_account_page_lets_the_administrator_change_roles(provider, settings, administrator):
    settings.OIDC_ROLE_MAP = {}
    sign_in(Client(), provider)
    noor = get_user_model().objects.get(username="noor")
    client = logged_in(administrator)
    assert "Rollen opslaan" in client.get(f"/beheer/gebruikers/{noor.pk}/").content.decode()
    client.post(f"/beheer/gebruikers/{noor.pk}/rollen/", {"roles": [HR_ADVISER]})
    assert services.roles_of(noor) == [HR_ADVISER]


def test_the_provider_account_is_not_listed_among_the_users(provider, admin_client):
    sign_in(Client(), provider)
    page = admin_client.get("/beheer/gebruikers/").content.decode()
    assert "noor" in page and services.PROVIDER_USERNAME not in page


@pytest.mark.parametrize(("claims", "trusted"), [
    ({"amr": ["pwd", "mfa"]}, True),
    ({"amr": "hwk"}, True),
    ({"amr": ["http://schemas.microsoft.com/claims/multipleauthn"]}, True),
    ({"amr": ["pwd"]}, False),
    ({"amr": "pwd mfa"}, False),  # one string is one method
    ({"acr": "urn:testorganisatie:loa:hoog"}, True),
    ({"acr": "urn:testorganisatie:loa:laag"}, False),
    ({}, False),
])
def test_which_id_tokens_say_a_second_factor_was_used(settings, claims, trusted):
    settings.OIDC_MFA_ACR_VALUES = ["urn:testorganisatie:loa:hoog"]
    assert oidc_accounts.mfa_by_provider(claims) is trusted


@pytest.mark.parametrize(("groups", "roles"), [
    (["fw-hr", "fw-managers"], [MANAGER, HR_ADVISER]),
    ("fw-admins", [FUNCTIONAL_ADMIN]),
    (None, []),
    ({"fw-hr": True}, []),
])
def test_the_groups_claim_gives_the_mapped_roles(settings, groups, roles):
    settings.OIDC_ROLE_MAP = ROLE_MAP
    assert oidc_accounts.roles_from_groups(groups) == roles


def test_a_callback_by_head_is_not_allowed(provider):
    assert Client().head("/oidc/callback/?code=x&state=y").status_code == 405
