"""Create the groups Leidinggevende and HR-adviseur with their permissions.

The permission lists are frozen here on purpose (a migration must not follow later code); the
test `test_roles.py` checks they match `grading.roles.ROLE_PERMISSIONS`.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLES = {
    "Leidinggevende": ["add_submission", "change_submission", "view_submission"],
    "HR-adviseur": [
        "view_submission",
        "view_all_submissions",
        "review_submission",
        "settle_submission",
        "view_gradingsnapshot",
        "view_submissionevent",
    ],
}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations ran; make grading's now.
    grading = apps.get_app_config("grading")
    grading.models_module = True
    create_permissions(grading, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    grading.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name=name)
        permissions = Permission.objects.using(schema_editor.connection.alias).filter(
            content_type__app_label="grading", codename__in=codenames
        )
        group.permissions.add(*permissions)


def remove_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("grading", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
