"""Every change to family data moves the data version, in the same transaction as the change.

The admin, its inlines and bulk actions, the import and code in a shell all save or delete
through the ORM, so signals catch every path that sends them. Bulk writes that send no signal
(`QuerySet.update`, `bulk_create`, `bulk_update`) go through `profiles.models.CatalogueQuerySet`,
the manager of every model below, which bumps the version in the write's transaction; so does
its `delete()`.
"""

from django.db import connection
from django.db.models.signals import post_delete, post_save

from profiles import models

# Any fixed 64-bit number; it names the lock, so it must never change between releases.
CATALOGUE_LOCK_ID = 0x66_77_63_61_74  # "fwcat"

CATALOGUE_MODELS = (
    models.GradingSystem,
    models.Grade,
    models.JobFamily,
    models.FamilyFunction,
    models.ContextNote,
    models.Criterion,
    models.Level,
    models.Cell,
    models.Element,
    models.Section,
    models.SectionItem,
)


def _bump(sender, **kwargs) -> None:
    models.CatalogueVersion.bump()


def connect() -> None:
    for model in CATALOGUE_MODELS:
        post_save.connect(_bump, sender=model, dispatch_uid=f"catalogue-save-{model.__name__}")
        post_delete.connect(_bump, sender=model, dispatch_uid=f"catalogue-delete-{model.__name__}")


def lock_catalogue() -> None:
    """Make whole-catalogue writers (imports, publishing) take turns, until the transaction ends.

    PostgreSQL gets a transaction-level advisory lock: a row lock would not hold after a flush,
    when the version row is gone. SQLite transactions here start IMMEDIATE (see settings), which
    already takes the database's single write lock.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CATALOGUE_LOCK_ID])
