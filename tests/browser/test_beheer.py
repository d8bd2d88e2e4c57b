"""A functional administrator in real headless Chromium: upload → preview → publish, then the
history and an older version. axe-core checks every /beheer/ page on the way."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from grading.roles import FUNCTIONAL_ADMIN
from profiles.models import CatalogueRelease, JobFamily
from tests.browser.test_submission_flow import assert_accessible, flow_browser, flow_page, log_in, screenshot  # noqa: F401
from tests.factory import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
FIFTH = Path(settings.BASE_DIR) / "tests" / "engine" / "fifth_family" / "groenbeheer.yaml"


def test_an_administrator_uploads_previews_and_publishes_a_family(flow_page, tmp_path):
    page = flow_page
    make_user(role=FUNCTIONAL_ADMIN, username="fenna")
    log_in(page, "fenna")

    page.get_by_role("link", name="Beheer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Beheer van het functiehuis")
    assert_accessible(page)
    screenshot(page, "beheer-1-overzicht")

    # A broken file first: a Dutch error naming the file and the place; nothing stored.
    broken = tmp_path / "kapot.yaml"
    broken.write_text("slug: kapot\nname: [niet afgesloten\n", encoding="utf-8")
    page.get_by_role("link", name="Bestand laden").click()
    assert_accessible(page)
    page.get_by_label("Bestand").set_input_files(str(broken))
    page.get_by_role("button", name="Controleren en voorvertoning tonen").click()
    expect(page.get_by_role("alert")).to_contain_text("kapot.yaml, regel")
    assert_accessible(page)
    screenshot(page, "beheer-2-fout")

    page.get_by_label("Bestand").set_input_files(str(FIFTH))
    page.get_by_role("button", name="Controleren en voorvertoning tonen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voorvertoning: groenbeheer.yaml")
    expect(page.locator("main")).to_contain_text("Nieuwe familie: 3 niveaus")
    assert not JobFamily.objects.filter(slug="medewerker-groenbeheer").exists()
    assert_accessible(page)
    screenshot(page, "beheer-3-voorvertoning")

    page.get_by_label("Toelichting bij deze versie").fill("Groenbeheer van de gemeente toegevoegd")
    page.get_by_role("button", name="Publiceren").click()
    expect(page.locator(".messages")).to_contain_text("Gepubliceerd als versie 2")
    assert JobFamily.objects.filter(slug="medewerker-groenbeheer").exists()
    assert CatalogueRelease.objects.get(number=2).published_by.username == "fenna"
    assert_accessible(page)
    screenshot(page, "beheer-4-gepubliceerd")

    page.get_by_role("link", name="Medewerker groenbeheer").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Versies van Medewerker groenbeheer")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Versie 2 bekijken")).click()
    expect(page.locator("main")).to_contain_text("Alleen lezen")
    assert_accessible(page)
    screenshot(page, "beheer-5-versie")

    page.goto("/beheer/families/div-ict/versie/1/")
    expect(page.locator("main")).to_contain_text("Geen wijzigingen")
    assert_accessible(page)
