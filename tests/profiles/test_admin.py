import pytest
from django.contrib import admin
from django.urls import reverse

from profiles.models import CatalogueVersion, Cell, Element, JobFamily, Level

pytestmark = pytest.mark.django_db

PROFILE_MODELS = [model for model in admin.site._registry if model._meta.app_label == "profiles"]


@pytest.mark.parametrize("model", PROFILE_MODELS, ids=lambda m: m.__name__)
def test_every_profile_model_has_a_working_admin_list(admin_client, model):
    url = reverse(f"admin:profiles_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200


def test_a_family_reads_in_one_admin_page_with_its_inlines(admin_client):
    family = JobFamily.objects.get(slug="ambtelijk-secretaris")
    html = admin_client.get(reverse("admin:profiles_jobfamily_change", args=[family.pk])).content.decode()
    assert "Ambtelijk secretaris FG 50" in html and "Kwaliteit en innovatie" in html


def test_a_level_shows_its_cells_and_the_typing_check(admin_client):
    level = Level.objects.get(family__slug="div-ict", rank=2)
    html = admin_client.get(reverse("admin:profiles_level_change", args=[level.pk])).content.decode()
    assert "13 cijfers, som 30" in html
    assert "archiefbescheiden gecontroleerd op compleetheid en afdoening" in html


def test_editing_a_cell_in_the_admin_updates_elements_and_the_version(admin_client):
    level = Level.objects.get(family__slug="ambtelijk-secretaris", rank=2)
    version = CatalogueVersion.current()
    url = reverse("admin:profiles_level_change", args=[level.pk])
    page = admin_client.get(url)
    form = page.context["adminform"].form
    data = {name: form[name].value() or "" for name in form.fields}
    data["grade"] = level.grade_id
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        prefix = formset.formset.prefix
        for name in management.fields:
            data[f"{prefix}-{name}"] = management[name].value()
        for index, inline_form in enumerate(formset.formset.forms):
            for name in inline_form.fields:
                value = inline_form[name].value()
                data[f"{prefix}-{index}-{name}"] = "" if value is None else value
    cell = Cell.objects.get(level=level, criterion__key="kerntaken")
    index = next(i for i, f in enumerate(page.context["inline_admin_formsets"][0].formset.forms) if f.instance.pk == cell.pk)
    prefix = page.context["inline_admin_formsets"][0].formset.prefix
    data[f"{prefix}-{index}-elements_text"] = "Verricht adviserende werkzaamheden\nNieuw element uit de beheeromgeving"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert list(Element.objects.filter(cell=cell).values_list("text", flat=True)) == [
        "Verricht adviserende werkzaamheden", "Nieuw element uit de beheeromgeving",
    ]
    assert CatalogueVersion.current() > version
