"""`import_families --if-empty` seeds an empty catalogue and never touches one that exists."""

from io import StringIO

import pytest
from django.core.management import call_command

from profiles.models import Element, JobFamily

pytestmark = pytest.mark.django_db


def test_it_leaves_a_catalogue_changed_in_the_application_alone():
    element = Element.objects.filter(cell__level__family__slug="div-ict").first()
    element.text = "In de applicatie gewijzigd"
    element.save()
    output = StringIO()
    call_command("import_families", "--if-empty", stdout=output)
    element.refresh_from_db()
    assert element.text == "In de applicatie gewijzigd"
    assert "niets geladen" in output.getvalue()


def test_it_seeds_an_empty_catalogue():
    JobFamily.objects.all().delete()
    call_command("import_families", "--if-empty", verbosity=0)
    assert JobFamily.objects.count() == 4
