"""/beheer/bezwaarroutes/ in headless Chromium: axe-clean as a list, as a form with errors and
after a term is set."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from grading.roles import FUNCTIONAL_ADMIN
from profiles.models import ObjectionStep
from tests.browser.test_submission_flow import assert_accessible, flow_browser, flow_page, log_in  # noqa: F401
from tests.factory import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_sets_the_term_of_the_geschillencommissie_rijk(flow_page):
    page = flow_page
    call_command("load_objection_routes", verbosity=0)
    make_user(role=FUNCTIONAL_ADMIN, username="fenna")
    log_in(page, "fenna")
    page.goto("/beheer/")
    page.get_by_role("link", name="Bezwaarroutes en termijnen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bezwaarroutes en termijnen")
    assert_accessible(page)

    page.get_by_role("link", name="Termijn instellen voor stap 1 van CAO Rijk – Geschillencommissie Rijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Termijn instellen: Geschillencommissie Rijk")
    assert_accessible(page)
    page.get_by_label("Lengte van de termijn").fill("0")
    page.get_by_role("button", name="Termijn opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("De termijn is minstens 1.")
    assert_accessible(page)

    page.get_by_label("Lengte van de termijn").fill("6")
    page.get_by_label("Eenheid").select_option(label="weken")
    page.get_by_label("Loopt vanaf").select_option(label="de ontvangst van het besluit")
    page.get_by_label("Motivering").fill("Art. 5 van het reglement van de Geschillencommissie Rijk.")
    page.get_by_role("button", name="Termijn opslaan").click()
    expect(page.locator(".messages")).to_contain_text("is opgeslagen")
    expect(page.locator("body")).to_contain_text("6 weken na de ontvangst van het besluit")
    assert ObjectionStep.objects.get(route__code="rijk-geschillencommissie", position=1).term_length == 6
    assert_accessible(page)
