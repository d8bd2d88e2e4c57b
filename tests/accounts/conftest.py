import pytest
from django.test import Client

from grading.roles import FUNCTIONAL_ADMIN, ensure_roles
from tests.factory import make_adviser, make_manager, make_user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def roles(db):
    return ensure_roles()


@pytest.fixture
def administrator(roles):
    return make_user(role=FUNCTIONAL_ADMIN, username="fenna", email="fenna@voorbeeld.nl")


@pytest.fixture
def second_administrator(roles):
    return make_user(role=FUNCTIONAL_ADMIN, username="bram", email="bram@voorbeeld.nl")


@pytest.fixture
def manager(roles):
    return make_manager(username="leidinggevende", email="lotte@voorbeeld.nl")


@pytest.fixture
def adviser(roles):
    return make_adviser(username="hr-adviseur", email="hamid@voorbeeld.nl")


def logged_in(user, **kwargs) -> Client:
    client = Client(**kwargs)
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(administrator):
    return logged_in(administrator)
