"""The functional administrator manages users and reads the security log; no superuser needed."""

import importlib

import pytest
from django.contrib.auth.models import Group

from grading.roles import ACCOUNT_ROLE_PERMISSIONS, FUNCTIONAL_ADMIN, HR_ADVISER, MANAGER

pytestmark = pytest.mark.django_db
migration = importlib.import_module("accounts.migrations.0002_functional_administrator")


def test_the_migration_gives_the_functional_administrator_the_accounts_pages():
    codenames = set(Group.objects.get(name=FUNCTIONAL_ADMIN).permissions.values_list("codename", flat=True))
    assert {"manage_users", "view_securityevent"} <= codenames
    for other in (MANAGER, HR_ADVISER):
        assert not Group.objects.get(name=other).permissions.filter(content_type__app_label="accounts").exists()


def test_the_frozen_migration_list_matches_the_roles_module():
    assert sorted(migration.PERMISSIONS) == sorted(ACCOUNT_ROLE_PERMISSIONS[FUNCTIONAL_ADMIN])


def test_a_functional_administrator_without_staff_or_superuser_reaches_the_pages(admin_client, administrator):
    assert not administrator.is_staff and not administrator.is_superuser
    assert admin_client.get("/beheer/gebruikers/").status_code == 200
    assert admin_client.get("/beheer/beveiligingslog/").status_code == 200
    assert "Gebruikers en rollen" in admin_client.get("/beheer/").content.decode()
