"""The privacy page, the file format page and the import's list of errors, axe-clean in Chromium."""

import re

import pytest
import yaml
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from playwright.sync_api import expect

from grading.roles import FUNCTIONAL_ADMIN
from profiles.catalogue.files import load_yaml
from tests.factory import PASSWORD, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def test_the_privacy_and_file_format_pages_are_reached_from_the_home_page(browser_page):
    page = browser_page
    page.goto("/")
    assert_accessible(page)
    page.locator("footer").get_by_role("link", name="Privacy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy")
    assert_accessible(page)
    page.goto("/")
    page.get_by_role("link", name="het bestandsformaat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestandsformaat van het functiehuis")
    assert_accessible(page)


def test_the_import_lists_every_error_accessibly(browser_page, tmp_path):
    page = browser_page
    make_user(role=FUNCTIONAL_ADMIN, username="beheerder")
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")
    expect(page.get_by_role("button", name=re.compile("Uitloggen"))).to_be_visible()
    data = load_yaml(settings.FIXTURES_DIR / "families" / "div-ict.yaml")
    data["levels"][1]["cells"][0]["elements"][0]["text"] = ""
    data["levels"][2]["cells"][0]["elements"][0]["text"] = ""
    broken = tmp_path / "div-ict.yaml"
    broken.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page.goto("/beheer/importeren/")
    page.locator('input[type="file"]').set_input_files(str(broken))
    page.get_by_role("button", name="Controleren en voorvertoning tonen").click()
    expect(page.locator("#fouten li")).to_have_count(2)
    expect(page.locator("#fouten")).to_contain_text("2 fouten")
    assert_accessible(page)
