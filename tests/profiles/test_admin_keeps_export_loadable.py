"""Whatever the admin lets a user change, the export still loads back; what would break it is
refused with a Dutch message, by the family reader's own rule."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse

from profiles.catalogue.export_check import export_problem
from profiles.catalogue.exporting import export_catalogue
from profiles.models import CatalogueVersion, Cell, Element, JobFamily, Level

pytestmark = pytest.mark.django_db
NEEDS_AN_ELEMENT = "een cel zonder overerving heeft minstens één element nodig"


def change_data(page) -> dict:
    """The change form as the browser would post it, inlines included."""
    form = page.context["adminform"].form
    data = {name: "" if form[name].value() is None else form[name].value() for name in form.fields}
    for formset in page.context["inline_admin_formsets"]:
        management, prefix = formset.formset.management_form, formset.formset.prefix
        for name in management.fields:
            data[f"{prefix}-{name}"] = management[name].value()
        for index, inline_form in enumerate(formset.formset.forms):
            for name in inline_form.fields:
                value = inline_form[name].value()
                data[f"{prefix}-{index}-{name}"] = "" if value is None else value
    return data


def cell_field(page, cell: Cell, name: str) -> str:
    formset = page.context["inline_admin_formsets"][0].formset
    index = next(i for i, f in enumerate(formset.forms) if f.instance.pk == cell.pk)
    return f"{formset.prefix}-{index}-{name}"


def export_loads_back(tmp_path: Path) -> None:
    """Export the catalogue as files and import them again: it loads, and changes nothing."""
    export_catalogue(tmp_path)
    before = sorted(Element.objects.values_list("cell__level__family__slug", "text"))
    call_command("import_families", "--dir", str(tmp_path), "--force", verbosity=0)
    assert sorted(Element.objects.values_list("cell__level__family__slug", "text")) == before


def single_element_cell() -> Cell:
    return Cell.objects.filter(inherits="").annotate(n=Count("elements")).filter(n=1).order_by("pk").first()


def test_the_catalogue_as_loaded_passes_the_check():
    assert export_problem(families=JobFamily.objects.all()) is None


def test_emptying_a_cell_without_inheritance_in_the_level_form_is_a_field_error(admin_client, tmp_path):
    cell = Cell.objects.filter(inherits="", level__rank=2).order_by("pk").first()
    url = reverse("admin:profiles_level_change", args=[cell.level_id])
    page = admin_client.get(url)
    data = change_data(page)
    data[cell_field(page, cell, "elements_text")] = ""
    elements, version = list(cell.elements.values_list("text", flat=True)), CatalogueVersion.current()

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert NEEDS_AN_ELEMENT[0].upper() + NEEDS_AN_ELEMENT[1:] + "." in response.content.decode()
    assert list(cell.elements.values_list("text", flat=True)) == elements
    assert CatalogueVersion.current() == version
    export_loads_back(tmp_path)


def test_idem_on_the_lowest_level_is_a_field_error(admin_client):
    cell = Cell.objects.filter(level__rank=1, inherits="").order_by("pk").first()
    url = reverse("admin:profiles_level_change", args=[cell.level_id])
    page = admin_client.get(url)
    data = change_data(page)
    data[cell_field(page, cell, "inherits")] = "idem+"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Het laagste niveau kan niet erven van een niveau eronder." in response.content.decode()
    cell.refresh_from_db()
    assert cell.inherits == ""


def test_deleting_the_only_element_of_a_cell_is_refused_and_the_export_still_loads(admin_client, tmp_path):
    cell = single_element_cell()
    element = cell.elements.get()
    url = reverse("admin:profiles_element_delete", args=[element.pk])

    response = admin_client.post(url, {"post": "yes"}, follow=True)

    assert Element.objects.filter(pk=element.pk).exists()
    html = response.content.decode()
    assert "De wijziging is niet opgeslagen" in html and NEEDS_AN_ELEMENT in html
    export_loads_back(tmp_path)


def test_a_bulk_delete_that_empties_a_cell_is_refused(admin_client):
    cell = single_element_cell()
    element = cell.elements.get()
    other = Element.objects.exclude(cell=cell).order_by("pk").first()
    response = admin_client.post(
        reverse("admin:profiles_element_changelist"),
        {"action": "delete_selected", "_selected_action": [element.pk, other.pk], "post": "yes"},
        follow=True,
    )
    assert NEEDS_AN_ELEMENT in response.content.decode()
    assert Element.objects.filter(pk__in=[element.pk, other.pk]).count() == 2


def test_deleting_the_lowest_level_is_refused_as_the_ranks_no_longer_start_at_1(admin_client):
    lowest = Level.objects.filter(family__slug="div-ict", rank=1).get()
    response = admin_client.post(reverse("admin:profiles_level_delete", args=[lowest.pk]), {"post": "yes"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:profiles_level_change", args=[lowest.pk])
    html = response.content.decode()
    assert "De wijziging is niet opgeslagen" in html and "de rangen lopen op vanaf 1" in html
    assert Level.objects.filter(pk=lowest.pk).exists()


def test_an_allowed_change_is_stored_and_the_export_loads_back(admin_client, tmp_path):
    cell = single_element_cell()
    element = cell.elements.get()
    response = admin_client.post(reverse("admin:profiles_element_change", args=[element.pk]),
                                 {"cell": cell.pk, "text": "Gewijzigd in de beheeromgeving.", "group": "", "order": element.order})
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Element.objects.get(pk=element.pk).text == "Gewijzigd in de beheeromgeving."
    export_loads_back(tmp_path)

