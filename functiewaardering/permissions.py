"""A user's permissions in one query per request, for Django's `ModelBackend` to answer from.

Every page behind a login checks a permission. `ModelBackend` reads a user's own permissions and
those of their groups in two ORM queries with joins, which cost about 2 ms per request to compose
and run; this reads the same set in one SQL statement. It fills the attribute `ModelBackend`
keeps that set in (`_perm_cache`, per user object, so per request), which is why it stands
before `ModelBackend` in `AUTHENTICATION_BACKENDS`: `ModelBackend` then finds the set there.
Passwords stay with `ModelBackend` (this backend authenticates no one, so a wrong password is
hashed once), and sessions made before it came keep working.
"""

from functools import cache

from asgiref.sync import sync_to_async
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router


@cache
def _permissions_sql() -> str:
    """The statement, with table and column names from the models (a custom user model too)."""
    user_permissions = get_user_model().user_permissions.through._meta
    user_groups = get_user_model().groups.through._meta
    group_permissions = Group.permissions.through._meta
    column = lambda meta, name: meta.get_field(name).column  # noqa: E731
    return (
        f"SELECT ct.app_label, p.codename FROM {Permission._meta.db_table} p "
        f"JOIN {ContentType._meta.db_table} ct ON ct.id = p.content_type_id "
        f"WHERE p.id IN ("
        f"SELECT {column(user_permissions, 'permission')} FROM {user_permissions.db_table} "
        f"WHERE {column(user_permissions, 'user')} = %s "
        f"UNION SELECT gp.{column(group_permissions, 'permission')} FROM {group_permissions.db_table} gp "
        f"JOIN {user_groups.db_table} ug ON ug.{column(user_groups, 'group')} = gp.{column(group_permissions, 'group')} "
        f"WHERE ug.{column(user_groups, 'user')} = %s)"
    )


def permissions_of(user) -> set[str]:
    """"app_label.codename" of every permission the user has directly or through a group."""
    with connections[router.db_for_read(Permission)].cursor() as cursor:
        cursor.execute(_permissions_sql(), [user.pk, user.pk])
        return {f"{app_label}.{codename}" for app_label, codename in cursor.fetchall()}


class OneQueryPermissionBackend(ModelBackend):
    """Answers permission checks as `ModelBackend` does and loads a session's user as it does
    (the test client's `force_login` picks this backend); never checks a password."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return None

    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None or user_obj.is_superuser:
            return super().get_all_permissions(user_obj, obj=obj)  # nothing, or (rare) every permission
        if not hasattr(user_obj, "_perm_cache"):
            user_obj._perm_cache = permissions_of(user_obj)
        return user_obj._perm_cache

    async def aget_all_permissions(self, user_obj, obj=None) -> set[str]:
        return await sync_to_async(self.get_all_permissions)(user_obj, obj)
