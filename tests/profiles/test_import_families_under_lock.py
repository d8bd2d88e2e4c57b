"""`import_families` reads its guards (--if-empty, "changed in the application") inside the
transaction that holds the catalogue lock, so a publication that lands meanwhile is never
overwritten."""

import threading
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from profiles.catalogue.changes import lock_catalogue
from profiles.catalogue.files import read_catalogue
from profiles.catalogue.importing import import_catalogue
from profiles.catalogue.versions import release_publish
from profiles.management.commands import import_families
from profiles.models import CatalogueRelease, Element, JobFamily


@pytest.mark.django_db
def test_if_empty_checks_again_after_the_files_are_read(monkeypatch):
    """Another server seeds the empty catalogue (and someone edits it) while this one reads the files."""
    JobFamily.objects.all().delete()

    def read_while_another_server_seeds(path):
        catalogue = read_catalogue(path)
        import_catalogue(read_catalogue(path))
        JobFamily.objects.filter(slug="div-ict").update(name="Intussen gewijzigd")
        return catalogue

    monkeypatch.setattr(import_families, "read_catalogue", read_while_another_server_seeds)
    output = StringIO()
    call_command("import_families", "--if-empty", stdout=output)
    assert import_families.ALREADY_FILLED in output.getvalue()
    assert JobFamily.objects.get(slug="div-ict").name == "Intussen gewijzigd"


def _advisory_lock_waiters() -> int:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_publication_that_lands_while_the_import_waits_is_not_overwritten(catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite transactions start IMMEDIATE: the write lock is taken before any read")
    element = Element.objects.filter(cell__level__family__slug="div-ict").first()
    holding, done = threading.Event(), threading.Event()
    outcome = []

    def publish():
        try:
            with transaction.atomic():
                lock_catalogue()
                Element.objects.filter(pk=element.pk).update(text="In de beheeromgeving gewijzigd")
                release_publish(by=None, comment="admin", origin=CatalogueRelease.Origin.ADMIN)
                holding.set()
                done.wait(120)
        finally:
            connections.close_all()

    def run_import():
        try:
            call_command("import_families", stdout=StringIO())
            outcome.append("geladen")
        except CommandError as error:
            outcome.append(str(error))
        finally:
            connections.close_all()

    publisher = threading.Thread(target=publish)
    publisher.start()
    assert holding.wait(60)
    importer = threading.Thread(target=run_import)
    importer.start()
    for _ in range(600):  # until the import waits for the lock; no timing is asserted
        if _advisory_lock_waiters():
            break
        time.sleep(0.05)
    done.set()
    publisher.join(120)
    importer.join(120)

    assert len(outcome) == 1 and "in de applicatie gewijzigd" in outcome[0]
    assert Element.objects.get(pk=element.pk).text == "In de beheeromgeving gewijzigd"


@pytest.mark.django_db
def test_files_equal_to_the_catalogue_replace_nothing_whatever_the_order_of_the_systems():
    """A catalogue marked as changed in the application, whose data equals the files: the import
    would replace nothing, so it runs (the files list the systems in another order than the database)."""
    from profiles.catalogue.versions import catalogue_changed_in_app
    from profiles.models import CatalogueVersion

    CatalogueVersion.bump()  # a change no release records
    assert catalogue_changed_in_app()
    output = StringIO()
    call_command("import_families", stdout=output)
    assert "niets gewijzigd" in output.getvalue()
