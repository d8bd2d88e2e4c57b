"""The three roles as Django groups, with the permissions each needs.

Data migrations create them (0002 the two grading roles, 0005 the functional administrator); `ensure_roles()` puts them back where they went missing (a demo
database, a test that flushed the tables).
"""

from django.contrib.auth.models import Group, Permission

MANAGER = "Leidinggevende"
HR_ADVISER = "HR-adviseur"
FUNCTIONAL_ADMIN = "Functioneel beheerder"

# (app_label, codename) per group. Keep in step with migrations/0002_roles.py.
ROLE_PERMISSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    MANAGER: (
        ("grading", "add_submission"),
        ("grading", "change_submission"),
        ("grading", "view_submission"),
    ),
    HR_ADVISER: (
        ("grading", "view_submission"),
        ("grading", "view_all_submissions"),
        ("grading", "review_submission"),
        ("grading", "settle_submission"),
        ("grading", "view_gradingsnapshot"),
        ("grading", "view_submissionevent"),
    ),
}


# Kept apart from ROLE_PERMISSIONS because migrations/0005_functional_administrator.py, not 0002,
# creates it; keep in step with that migration.
CATALOGUE_ROLE_PERMISSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    FUNCTIONAL_ADMIN: (
        ("profiles", "manage_catalogue"),
        ("profiles", "view_cataloguerelease"),
        ("profiles", "view_familyrevision"),
    ),
}


# The functional administrator's accounts pages (/beheer/gebruikers/, /beheer/beveiligingslog/);
# accounts/migrations/0002_functional_administrator.py gives them; keep in step with it.
ACCOUNT_ROLE_PERMISSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    FUNCTIONAL_ADMIN: (
        ("accounts", "manage_users"),
        ("accounts", "view_securityevent"),
    ),
}


def ensure_roles() -> dict[str, Group]:
    groups = {}
    for name, permissions in [
        *ROLE_PERMISSIONS.items(), *CATALOGUE_ROLE_PERMISSIONS.items(), *ACCOUNT_ROLE_PERMISSIONS.items()
    ]:
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in permissions
        ]
        group.permissions.add(*wanted)
        groups[name] = group
    return groups
