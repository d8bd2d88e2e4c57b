"""The single sign-on variables are read strictly: a typo fails at start-up, not at a sign-in."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts.services import ROLES
from functiewaardering import oidc_settings

ENDPOINTS = dict.fromkeys(oidc_settings.ENDPOINT_NAMES, "")


def test_the_role_names_are_the_applications_roles():
    assert oidc_settings.ROLE_NAMES == ROLES


def test_a_role_map_reads_each_role_and_its_groups():
    value = "Leidinggevende=fw-managers; HR-adviseur=CN=fw-hr,OU=Groepen;Leidinggevende=teamleiders;"
    assert oidc_settings.role_map(value) == {
        "Leidinggevende": ("fw-managers", "teamleiders"), "HR-adviseur": ("CN=fw-hr,OU=Groepen",),
    }
    assert oidc_settings.role_map("") == {}


@pytest.mark.parametrize("value", ["Leidinggevend=fw-managers", "Leidinggevende", "HR-adviseur="])
def test_a_role_map_with_a_typo_is_refused(value):
    with pytest.raises(ImproperlyConfigured):
        oidc_settings.role_map(value)


def test_single_sign_on_is_off_without_a_client_id():
    assert oidc_settings.provider_check(client_id="", discovery_url="", endpoints=ENDPOINTS, sign_algo="RS256") is False


def test_a_discovery_address_or_all_endpoints_turn_it_on():
    on = oidc_settings.provider_check(
        client_id="fw", discovery_url="https://login.voorbeeld.nl/.well-known/openid-configuration",
        endpoints=ENDPOINTS, sign_algo="RS256",
    )
    endpoints = dict.fromkeys(oidc_settings.ENDPOINT_NAMES, "https://login.voorbeeld.nl/x")
    assert on and oidc_settings.provider_check(client_id="fw", discovery_url="", endpoints=endpoints, sign_algo="RS256")


def test_half_an_endpoint_list_is_refused():
    endpoints = {**ENDPOINTS, "OIDC_OP_TOKEN_ENDPOINT": "https://login.voorbeeld.nl/token"}
    with pytest.raises(ImproperlyConfigured, match="OIDC_OP_AUTHORIZATION_ENDPOINT"):
        oidc_settings.provider_check(client_id="fw", discovery_url="", endpoints=endpoints, sign_algo="RS256")


def test_passwords_off_without_single_sign_on_stops_the_start():
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'functiewaardering.settings'; django.setup()"
    env = {"PATH": "/usr/bin:/bin", "LOCAL_PASSWORDS": "False"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            cwd=Path(__file__).parents[2])
    assert result.returncode != 0 and "LOCAL_PASSWORDS=False needs single sign-on" in result.stderr


def test_an_unreachable_discovery_address_does_not_stop_the_start():
    code = "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'functiewaardering.settings'; django.setup()"
    env = {"PATH": "/usr/bin:/bin", "OIDC_RP_CLIENT_ID": "fw", "OIDC_DISCOVERY_URL": "http://127.0.0.1:9/x"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                            cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr
