import importlib

import pytest
from django.contrib.auth.models import Group

from grading.roles import HR_ADVISER, MANAGER, ROLE_PERMISSIONS

pytestmark = pytest.mark.django_db
roles_migration = importlib.import_module("grading.migrations.0002_roles")


def permissions_of(name):
    return sorted(p.codename for p in Group.objects.get(name=name).permissions.all())


def test_the_migration_creates_both_groups_with_their_permissions():
    assert permissions_of(MANAGER) == ["add_submission", "change_submission", "view_submission"]
    assert "settle_submission" in permissions_of(HR_ADVISER) and "view_all_submissions" in permissions_of(HR_ADVISER)
    assert "settle_submission" not in permissions_of(MANAGER)


def test_the_frozen_migration_lists_match_the_roles_module():
    for name, permissions in ROLE_PERMISSIONS.items():
        assert sorted(roles_migration.ROLES[name]) == sorted(codename for _, codename in permissions)


def test_a_manager_has_no_review_rights_and_an_adviser_cannot_submit(manager, adviser):
    assert manager.has_perm("grading.add_submission") and not manager.has_perm("grading.settle_submission")
    assert adviser.has_perm("grading.settle_submission") and not adviser.has_perm("grading.add_submission")
