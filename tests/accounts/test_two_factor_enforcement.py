"""TWO_FACTOR_REQUIRED: who is sent to the second step, which pages stay open, and the identity
provider's second factor (the session key single sign-on sets)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.contrib.sessions.backends.db import SessionStore

from accounts import two_factor
from grading.models import Submission
from accounts.two_factor import PROVIDER_SESSION_KEY, mark_verified_by_provider
from grading.roles import FUNCTIONAL_ADMIN, HR_ADVISER
from tests.accounts.conftest import logged_in
from tests.factory import PASSWORD, make_submission, make_user
from tests.otp import SET_UP_URL, VERIFY_URL, make_authenticator, verified_client

pytestmark = pytest.mark.django_db

BEHIND_LOGIN = {"adviser": "/aanvragen/", "administrator": "/beheer/gebruikers/", "staff": "/admin/"}
OPEN_PAGES = ["/", "/profielen/", "/vergelijk/", "/privacy/", "/help/bestandsformaat/", "/healthz", "/api/families/",
              SET_UP_URL]


@pytest.fixture
def two_factor_on(settings):
    settings.TWO_FACTOR_REQUIRED = True


@pytest.fixture
def people(roles):
    return {
        "adviser": make_user(role=HR_ADVISER, username="hamid"),
        "administrator": make_user(role=FUNCTIONAL_ADMIN, username="fenna"),
        "staff": make_user(username="staf", is_staff=True),
    }


@pytest.mark.parametrize("role", sorted(BEHIND_LOGIN))
def test_a_forced_role_without_an_app_is_sent_to_set_one_up(two_factor_on, people, role):
    url = BEHIND_LOGIN[role]
    response = logged_in(people[role]).get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{SET_UP_URL}?next={url.replace('/', '%2F')}"


@pytest.mark.parametrize("role", sorted(BEHIND_LOGIN))
def test_a_forced_role_with_an_app_is_sent_to_the_code(two_factor_on, people, role):
    make_authenticator(people[role])
    response = logged_in(people[role]).get(BEHIND_LOGIN[role])
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY_URL + "?next=")


@pytest.mark.parametrize("role", sorted(BEHIND_LOGIN))
def test_after_the_code_a_forced_role_reaches_its_pages(two_factor_on, people, role):
    response = verified_client(people[role]).get(BEHIND_LOGIN[role])
    assert response.status_code == 200


def test_a_post_behind_login_is_refused_too(two_factor_on, people, manager):
    submission = make_submission(author=manager, status=Submission.Status.SUBMITTED)
    response = logged_in(people["adviser"]).post(f"/aanvragen/{submission.pk}/in-behandeling/")
    assert response.status_code == 302 and response["Location"] == SET_UP_URL
    submission.refresh_from_db()
    assert submission.status == Submission.Status.SUBMITTED


@pytest.mark.parametrize("url", OPEN_PAGES)
def test_public_pages_and_the_set_up_stay_open_before_the_second_step(two_factor_on, people, catalogue, url):
    assert logged_in(people["adviser"]).get(url).status_code == 200


def test_signing_out_stays_possible_before_the_second_step(two_factor_on, people):
    client = logged_in(people["adviser"])
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_with_the_setting_off_no_one_is_asked(people):
    for role, url in BEHIND_LOGIN.items():
        assert logged_in(people[role]).get(url).status_code == 200, role


def test_whoever_set_up_an_app_is_asked_for_it_also_with_the_setting_off(people):
    make_authenticator(people["adviser"])
    assert logged_in(people["adviser"]).get("/aanvragen/").status_code == 302


def test_a_manager_is_not_forced(two_factor_on, manager):
    assert logged_in(manager).get("/indelen/").status_code == 200
    assert logged_in(manager).get("/aanvragen/").status_code == 200


def test_a_manager_who_set_up_an_app_is_asked_for_it(two_factor_on, manager):
    make_authenticator(manager)
    assert logged_in(manager).get("/indelen/")["Location"].startswith(VERIFY_URL)
    assert verified_client(manager).get("/indelen/").status_code == 200


def test_a_password_sign_in_goes_straight_to_the_second_step(two_factor_on, people):
    make_authenticator(people["adviser"])
    response = Client().post("/accounts/login/", {"username": "hamid", "password": PASSWORD, "next": "/aanvragen/"})
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY_URL}?next=%2Faanvragen%2F"


def test_a_password_sign_in_without_an_app_goes_to_setting_one_up(two_factor_on, people):
    response = Client().post("/accounts/login/", {"username": "fenna", "password": PASSWORD})
    assert response["Location"] == f"{SET_UP_URL}?next=%2F"


def test_the_identity_providers_second_factor_counts(two_factor_on, people):
    make_authenticator(people["adviser"])
    client = logged_in(people["adviser"])
    session = client.session
    session[PROVIDER_SESSION_KEY] = True
    session.save()
    assert client.get("/aanvragen/").status_code == 200


def test_only_a_true_provider_flag_counts(two_factor_on, people):
    client = logged_in(people["administrator"])
    session = client.session
    session[PROVIDER_SESSION_KEY] = "yes"
    session.save()
    assert client.get("/beheer/gebruikers/").status_code == 302


def test_mark_verified_by_provider_sets_the_session_key(people):
    request = RequestFactory().get("/")
    request.session = SessionStore()
    request.user = people["adviser"]
    assert not two_factor.is_verified(request)
    mark_verified_by_provider(request)
    assert request.session[PROVIDER_SESSION_KEY] is True
    assert two_factor.is_verified(request)


def test_signing_out_ends_the_providers_second_factor(two_factor_on, people):
    client = logged_in(people["adviser"])
    session = client.session
    session[PROVIDER_SESSION_KEY] = True
    session.save()
    client.post("/accounts/logout/")
    client.force_login(people["adviser"])
    assert client.get("/aanvragen/").status_code == 302


def test_production_requires_the_second_factor_by_default():
    env = {key: value for key, value in os.environ.items() if key != "TWO_FACTOR_REQUIRED"}
    env["DJANGO_SETTINGS_MODULE"] = "functiewaardering.settings"
    code = "from django.conf import settings; assert settings.TWO_FACTOR_REQUIRED is True"
    subprocess.run([sys.executable, "-c", code], check=True, env=env, cwd=Path(__file__).parents[2])


def test_bin_run_turns_it_off():
    script = (Path(__file__).parents[2] / "bin" / "run").read_text()
    assert 'export TWO_FACTOR_REQUIRED="${TWO_FACTOR_REQUIRED:-False}"' in script


def test_a_sign_in_with_no_step_to_take_spares_its_pages_the_device_check(two_factor_on, manager):
    client = Client()
    response = client.post("/accounts/login/", {"username": manager.username, "password": PASSWORD})
    assert response.status_code == 302 and client.session[two_factor.NO_STEP_SESSION_KEY] == manager.pk
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/aanvragen/").status_code == 200
    assert not any("otp_totp" in query["sql"] for query in queries.captured_queries)


def test_a_manager_who_sets_up_an_app_later_is_asked_for_it_at_the_next_sign_in(two_factor_on, manager):
    client = Client()
    client.post("/accounts/login/", {"username": manager.username, "password": PASSWORD})
    make_authenticator(manager)
    assert Client().post("/accounts/login/", {"username": manager.username, "password": PASSWORD})["Location"].startswith(VERIFY_URL)
