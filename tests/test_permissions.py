import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission

from functiewaardering.permissions import OneQueryPermissionBackend
from grading.roles import ensure_roles
from tests.factory import make_adviser, make_manager, make_user

pytestmark = pytest.mark.django_db


def fresh(user):
    """The user as a new request loads it: no permission cached yet."""
    return get_user_model().objects.get(pk=user.pk)


def model_backend_permissions(user) -> set[str]:
    return ModelBackend().get_all_permissions(fresh(user))


@pytest.fixture
def users(db):
    ensure_roles()
    direct = make_user(username="met-eigen-recht")
    direct.user_permissions.add(Permission.objects.get(codename="view_submission"))
    both = make_adviser(username="adviseur-met-eigen-recht")
    both.user_permissions.add(Permission.objects.get(codename="delete_jobfamily"))
    extra = Group.objects.create(name="Extra groep")
    extra.permissions.add(Permission.objects.get(codename="view_submission"))  # also in a role: counted once
    both.groups.add(extra)
    return [make_manager(username="leidinggevende"), make_adviser(username="adviseur"), direct, both,
            make_user(username="zonder-rechten"), make_user(username="beheerder", is_superuser=True)]


def test_it_gives_every_user_the_permissions_model_backend_gives(users):
    for user in users:
        assert OneQueryPermissionBackend().get_all_permissions(fresh(user)) == model_backend_permissions(user), user


def test_an_inactive_user_has_no_permission(users):
    manager = users[0]
    manager.is_active = False
    manager.save()
    assert OneQueryPermissionBackend().get_all_permissions(fresh(manager)) == set()
    assert not fresh(manager).has_perm("grading.add_submission")


def test_a_request_reads_the_permissions_once(users, django_assert_num_queries):
    adviser = fresh(users[1])
    with django_assert_num_queries(1):
        assert adviser.has_perm("grading.settle_submission")
        assert not adviser.has_perm("profiles.manage_catalogue")  # ModelBackend answers from the same set
        assert adviser.has_perms(["grading.view_submission", "grading.view_all_submissions"])


def test_a_revoked_permission_counts_on_the_next_request(users):
    manager = users[0]
    assert fresh(manager).has_perm("grading.add_submission")
    manager.groups.clear()
    assert not fresh(manager).has_perm("grading.add_submission")
