"""Enter in a field does what the form is for: it grades on /indelen/ and settles in the settle
form, instead of the secondary button that comes first on screen ("Vragenlijst tonen", "Schalen
van deze familie tonen")."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from grading.models import Submission
from grading.services.submissions import FAMILY_REQUIRED
from tests.factory import PASSWORD, ROLE_TEXT, make_adviser, make_manager, make_submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.get_by_label("Wachtwoord").press("Enter")
    expect(page.get_by_role("button", name=re.compile("Uitloggen"))).to_be_visible()


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def test_enter_in_the_title_field_grades(browser_page):
    page = browser_page
    make_manager(username="lotte")
    log_in(page, "lotte")
    page.goto("/indelen/")
    assert_accessible(page)
    page.get_by_label("Functiebeschrijving").fill(ROLE_TEXT)
    page.get_by_label("Functiefamilie (optioneel)").select_option("ambtelijk-secretaris")
    page.get_by_label("Titel van de functie").fill("Ambtelijk secretaris van de OR")
    page.get_by_label("Titel van de functie").press("Enter")
    expect(page).to_have_url(re.compile(r"/aanvragen/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ambtelijk secretaris van de OR")
    expect(page.locator(".verdict")).to_be_visible()
    assert Submission.objects.filter(title="Ambtelijk secretaris van de OR").count() == 1


def test_enter_in_the_settle_form_settles(browser_page):
    page = browser_page
    manager, adviser = make_manager(username="lotte"), make_adviser(username="hamid")
    submission = make_submission(author=manager, status=Submission.Status.IN_REVIEW, by=adviser)
    log_in(page, "hamid")
    page.goto(f"/aanvragen/{submission.pk}/")
    assert_accessible(page)
    page.get_by_label("Motivering").fill("Past bij de matrix.")
    page.get_by_label("Ingangsdatum").press("Enter")
    # The settle action ran and names what is missing; "Schalen tonen" would show no error.
    expect(page).to_have_url(re.compile(r"#vaststellen$"))
    expect(page.locator("#vaststellen")).to_contain_text(FAMILY_REQUIRED)
