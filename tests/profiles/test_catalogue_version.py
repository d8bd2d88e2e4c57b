"""Every way of changing family data moves the data version that keys the caches and the engine."""

import threading

import pytest
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.urls import reverse

from grading import selectors as grading_selectors
from profiles.models import CatalogueVersion, Cell, Element, JobFamily
from profiles.selectors import catalogue_key

pytestmark = pytest.mark.django_db


def test_a_change_made_in_a_shell_moves_the_key():
    before = catalogue_key()
    Element.objects.filter(cell__level__family__slug="div-ict").first().save()
    assert catalogue_key() != before


def test_a_change_that_is_rolled_back_leaves_the_key_alone():
    before = catalogue_key()
    with pytest.raises(RuntimeError), transaction.atomic():
        Element.objects.filter(cell__level__family__slug="div-ict").delete()
        raise RuntimeError("afgebroken")
    assert catalogue_key() == before


def test_every_bump_sets_a_new_token_and_time():
    CatalogueVersion.bump()
    first = CatalogueVersion.objects.get(pk=1)
    CatalogueVersion.bump()
    second = CatalogueVersion.objects.get(pk=1)
    assert second.number == first.number + 1
    assert second.token != first.token and len(second.token) == 32
    assert second.changed_at > first.changed_at


def test_the_admin_bulk_delete_moves_the_key_and_the_engine_forgets_the_element(admin_client):
    elements = Element.objects.filter(text__icontains="gereed gemaakt voor overdracht")
    family = elements.first().cell.level.family
    page_before = admin_client.get(f"/profielen/{family.slug}/").content.decode()
    index_before = grading_selectors.engine_index()
    key_before = catalogue_key()
    assert "gereed gemaakt voor overdracht" in page_before

    response = admin_client.post(
        reverse("admin:profiles_element_changelist"),
        {"action": "delete_selected", "_selected_action": [e.pk for e in elements], "post": "yes"},
    )

    assert response.status_code == 302
    assert not Element.objects.filter(text__icontains="gereed gemaakt voor overdracht").exists()
    assert catalogue_key() != key_before
    assert "gereed gemaakt voor overdracht" not in admin_client.get(f"/profielen/{family.slug}/").content.decode()
    index_after = grading_selectors.engine_index()
    assert index_after is not index_before
    texts = [
        element.text
        for level in index_after.families[family.slug].family.levels
        for cell in level.cells
        for element in cell.elements
    ]
    assert not any("gereed gemaakt voor overdracht" in text for text in texts)


def test_a_bulk_delete_recomputes_what_distinguishes_the_level_above(admin_client):
    family = JobFamily.objects.get(slug="div-ict")
    lower = Cell.objects.get(level__family=family, level__rank=1, criterion__key="resultaten")
    repeated = [e for e in lower.elements.all() if Element.objects.filter(
        cell__level__family=family, cell__level__rank=2, text=e.text, is_addition=False).exists()]
    assert repeated, "schaal 6 repeats bullets of schaal 5"
    admin_client.post(
        reverse("admin:profiles_element_changelist"),
        {"action": "delete_selected", "_selected_action": [repeated[0].pk], "post": "yes"},
    )
    above = Element.objects.get(cell__level__family=family, cell__level__rank=2, text=repeated[0].text)
    assert above.is_addition


def test_a_flush_and_reimport_never_repeats_the_key_even_with_the_same_number():
    index_before = grading_selectors.engine_index()
    key_before = catalogue_key()
    JobFamily.objects.all().delete()
    CatalogueVersion.objects.all().delete()
    call_command("import_families", verbosity=0)
    CatalogueVersion.objects.filter(pk=1).update(number=key_before[0])  # as a fresh count could
    assert catalogue_key()[0] == key_before[0]
    assert catalogue_key() != key_before
    assert grading_selectors.engine_index() is not index_before


@pytest.mark.django_db(transaction=True)
def test_two_imports_at_once_serialise_and_duplicate_nothing(catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite transactions start IMMEDIATE: one writer at a time by design")
    expected = Element.objects.count()
    JobFamily.objects.all().delete()
    start = threading.Barrier(2)
    errors = []

    def run_import():
        try:
            start.wait()
            call_command("import_families", verbosity=0)
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run_import) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert Element.objects.count() == expected
    assert JobFamily.objects.count() == 4
