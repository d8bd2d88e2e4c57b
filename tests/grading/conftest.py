import pytest
from django.test import Client

from grading.roles import ensure_roles
from tests.factory import PASSWORD, make_adviser, make_manager, make_user


@pytest.fixture
def roles(db):
    return ensure_roles()


@pytest.fixture
def manager(roles):
    return make_manager(username="leidinggevende", first_name="Lotte", last_name="de Vries")


@pytest.fixture
def other_manager(roles):
    return make_manager(username="andere-leidinggevende")


@pytest.fixture
def adviser(roles):
    return make_adviser(username="hr-adviseur", first_name="Hamid", last_name="Bakker")


@pytest.fixture
def second_adviser(roles):
    return make_adviser(username="tweede-hr-adviseur")


@pytest.fixture
def outsider(roles):
    return make_user(username="buitenstaander")


def logged_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def manager_client(manager):
    return logged_in(manager)


@pytest.fixture
def other_manager_client(other_manager):
    return logged_in(other_manager)


@pytest.fixture
def adviser_client(adviser):
    return logged_in(adviser)


@pytest.fixture
def outsider_client(outsider):
    return logged_in(outsider)


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test users log in with a cheap hash; the real hasher costs ~0.3 s per user."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def strict_client(user) -> Client:
    """A client that, like a browser, must send the CSRF token."""
    return logged_in(user, enforce_csrf_checks=True)


def action_url(submission, action: str) -> str:
    return f"/aanvragen/{submission.pk}/{action}/"
