"""Give the group Functioneel beheerder the accounts pages: managing users and reading the
security log. Frozen here (a migration must not follow later code); `test_roles` in
tests/accounts checks it matches `grading.roles.ACCOUNT_ROLE_PERMISSIONS`."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

NAME = "Functioneel beheerder"
PERMISSIONS = [("accounts", "manage_users"), ("accounts", "view_securityevent")]


def grant(apps, schema_editor):
    alias = schema_editor.connection.alias
    accounts = apps.get_app_config("accounts")
    accounts.models_module = True
    create_permissions(accounts, apps=apps, verbosity=0, using=alias)
    accounts.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(alias).get_or_create(name=NAME)
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.using(alias).get(content_type__app_label=app_label, codename=codename)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    alias = schema_editor.connection.alias
    group = Group.objects.using(alias).filter(name=NAME).first()
    if group is not None:
        group.permissions.remove(*Permission.objects.using(alias).filter(content_type__app_label="accounts"))


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("grading", "0005_functional_administrator"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
