"""Create the group Functioneel beheerder, which manages the organisation's own functiehuis.

The permission list is frozen here on purpose (a migration must not follow later code); the
test `test_roles.py` checks it matches `grading.roles.ROLE_PERMISSIONS`.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NAME = "Functioneel beheerder"
PERMISSIONS = [
    ("profiles", "manage_catalogue"),
    ("profiles", "view_cataloguerelease"),
    ("profiles", "view_familyrevision"),
]


def create_role(apps, schema_editor):
    alias = schema_editor.connection.alias
    profiles = apps.get_app_config("profiles")
    profiles.models_module = True
    create_permissions(profiles, apps=apps, verbosity=0, using=alias)
    profiles.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(alias).get_or_create(name=NAME)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.using(alias).get(content_type__app_label=app_label, codename=codename)
        )


def remove_role(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("grading", "0004_workflow_cases"),
        ("profiles", "0006_catalogue_releases"),
    ]

    operations = [migrations.RunPython(create_role, remove_role)]
