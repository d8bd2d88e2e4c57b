"""Bulk writes on catalogue querysets move the data version, in the same transaction, as saves do."""

import pytest
from django.db import transaction

from profiles.catalogue.changes import CATALOGUE_MODELS
from profiles import models
from profiles.models import Element, Grade, JobFamily, Level
from profiles.selectors import catalogue_key

pytestmark = pytest.mark.django_db


def test_queryset_update_moves_the_key():
    before = catalogue_key()
    assert JobFamily.objects.filter(slug="div-ict").update(name="DIV en ICT") == 1
    assert catalogue_key() != before


def test_an_update_through_a_related_manager_moves_the_key():
    family = JobFamily.objects.get(slug="div-ict")
    before = catalogue_key()
    family.levels.filter(rank=1).update(description="Nieuw")
    assert catalogue_key() != before


def test_queryset_delete_moves_the_key():
    before = catalogue_key()
    Element.objects.filter(cell__level__family__slug="div-ict", cell__level__rank=1)[:1].get().delete()
    between = catalogue_key()
    assert between != before
    Element.objects.filter(text__icontains="gereed gemaakt voor overdracht").delete()
    assert catalogue_key() != between


def test_bulk_update_and_bulk_create_move_the_key():
    elements = list(Element.objects.filter(cell__level__family__slug="div-ict")[:2])
    for element in elements:
        element.text += " (bijgewerkt)"
    before = catalogue_key()
    Element.objects.bulk_update(elements, ["text"])
    between = catalogue_key()
    assert between != before
    cell = elements[0].cell
    Element.objects.bulk_create([Element(cell=cell, text="Een nieuw element.", order=99)])
    assert catalogue_key() != between


def test_a_write_that_touches_nothing_leaves_the_key_alone():
    before = catalogue_key()
    assert JobFamily.objects.filter(slug="bestaat-niet").update(name="x") == 0
    JobFamily.objects.filter(slug="bestaat-niet").delete()
    Element.objects.bulk_create([])
    assert catalogue_key() == before


def test_a_rolled_back_update_leaves_the_key_alone():
    before = catalogue_key()
    with pytest.raises(RuntimeError), transaction.atomic():
        Grade.objects.update(name="Weg")
        raise RuntimeError("afgebroken")
    assert catalogue_key() == before
    assert not Grade.objects.filter(name="Weg").exists()


def test_every_catalogue_model_uses_the_bumping_queryset():
    for model in CATALOGUE_MODELS:
        assert isinstance(model.objects.all(), models.CatalogueQuerySet), model.__name__
    assert Level.objects.for_family("div-ict").ordered().exists()
