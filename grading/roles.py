"""The two roles as Django groups, with the permissions each needs.

A data migration creates them; `ensure_roles()` puts them back where they went missing (a demo
database, a test that flushed the tables).
"""

from django.contrib.auth.models import Group, Permission

MANAGER = "Leidinggevende"
HR_ADVISER = "HR-adviseur"

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


def ensure_roles() -> dict[str, Group]:
    groups = {}
    for name, permissions in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in permissions
        ]
        group.permissions.add(*wanted)
        groups[name] = group
    return groups
