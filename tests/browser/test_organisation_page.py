"""/beheer/organisatie/ in headless Chromium: axe-clean empty, with errors and with a history."""

import pytest
from playwright.sync_api import expect

from grading.roles import FUNCTIONAL_ADMIN
from profiles.models import Organisation
from tests.browser.test_submission_flow import assert_accessible, flow_browser, flow_page, log_in  # noqa: F401
from tests.factory import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_sets_the_gemeente_and_its_schalen(flow_page):
    page = flow_page
    make_user(role=FUNCTIONAL_ADMIN, username="fenna")
    log_in(page, "fenna")
    page.goto("/beheer/")
    page.get_by_role("link", name="Organisatie en waarderingssysteem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisatie en waarderingssysteem")
    assert_accessible(page)

    page.get_by_label("Naam van de organisatie").fill("Gemeente Zuidwaard")
    page.get_by_label("Waarderingssysteem", exact=True).select_option(label="Cao Gemeenten (HR21-functieschalen)")
    page.get_by_label("Schalen van de organisatie").fill("schaal-5; schaal 5\nschaal-6 schaal 6")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Motivering: Dit veld is verplicht.")
    assert_accessible(page)
    page.get_by_label("Motivering").fill("Wij vallen onder de cao Gemeenten.")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.get_by_role("alert")).to_contain_text("Regel 2 van de schalen")
    assert_accessible(page)

    page.get_by_label("Schalen van de organisatie").fill("schaal-5; schaal 5\nschaal-6; schaal 6")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator(".messages")).to_contain_text("De organisatie is opgeslagen")
    expect(page.locator("table")).to_contain_text("Wij vallen onder de cao Gemeenten.")
    assert Organisation.objects.get().grading_system.code == "cao-gemeenten"
    assert_accessible(page)
