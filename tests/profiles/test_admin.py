import json

import pytest
from django.contrib import admin
from django.urls import reverse

from profiles.admin import RECOGNITION_INVALID
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


def _family_change_data(page) -> dict:
    """The family's change form as the browser would post it, inlines included."""
    form = page.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name == "recognition":
            value = field.prepare_value(value) if value is not None else ""
        data[name] = "" if value is None else value
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        prefix = formset.formset.prefix
        for name in management.fields:
            data[f"{prefix}-{name}"] = management[name].value()
        for index, inline_form in enumerate(formset.formset.forms):
            for name in inline_form.fields:
                value = inline_form[name].value()
                data[f"{prefix}-{index}-{name}"] = "" if value is None else value
    return data


def test_a_valid_recognition_edit_in_the_admin_is_stored(admin_client):
    family = JobFamily.objects.get(slug="div-ict")
    url = reverse("admin:profiles_jobfamily_change", args=[family.pk])
    recognition = dict(family.recognition)
    recognition["domain"] = [*recognition["domain"], "zaakgericht werken"]
    data = _family_change_data(admin_client.get(url))
    data["recognition"] = json.dumps(recognition)
    version = CatalogueVersion.current()
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    family.refresh_from_db()
    assert "zaakgericht werken" in family.recognition["domain"]
    assert family.recognition["tracks"] == recognition["tracks"]
    assert CatalogueVersion.current() > version


def test_a_bad_recognition_block_gives_the_dutch_error_and_stores_nothing(admin_client):
    family = JobFamily.objects.get(slug="div-ict")
    before = family.recognition
    url = reverse("admin:profiles_jobfamily_change", args=[family.pk])
    recognition = dict(before)
    recognition["tracks"] = [{"name": "Tuinonderhoud", "groups": ["Snoeiwerk"], "terms": ["hovenier"]}]
    data = _family_change_data(admin_client.get(url))
    data["recognition"] = json.dumps(recognition)
    version = CatalogueVersion.current()
    response = admin_client.post(url, data)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["recognition"]
    assert len(errors) == 1
    assert errors[0].startswith(RECOGNITION_INVALID.split("{place}")[0] + "recognition.tracks[0].groups: ")
    family.refresh_from_db()
    assert family.recognition == before
    assert CatalogueVersion.current() == version


def test_an_unknown_key_in_the_recognition_block_is_refused(admin_client):
    family = JobFamily.objects.get(slug="ambtelijk-secretaris")
    before = family.recognition
    url = reverse("admin:profiles_jobfamily_change", args=[family.pk])
    data = _family_change_data(admin_client.get(url))
    data["recognition"] = json.dumps({"domein": ["notuleren"]})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["recognition"][0].startswith(RECOGNITION_INVALID.split("{place}")[0])
    family.refresh_from_db()
    assert family.recognition == before
