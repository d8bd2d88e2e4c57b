"""Pay transparency pages in real headless Chromium, each checked by axe-core: the neutrality
section of a result, the family's summary, the overview and the printable criteria page."""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Permission
from playwright.sync_api import expect

from tests.factory import PASSWORD, make_manager, make_result, make_snapshot, make_submission, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TEXT = (
    "De secretaresse van de ondernemingsraad bereidt de vergaderingen voor en notuleert. "
    "Zij beheert het archief en de vertrouwelijke stukken van de raad. "
    "Zij heeft een hbo-opleiding en kennis van de WOR."
)


def assert_accessible(page) -> None:
    for details in page.locator("details").all():  # check the collapsed text too
        details.evaluate("el => el.open = true")
    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def screenshot(page, name: str) -> None:
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name=re.compile("Uitloggen"))).to_be_visible()


@pytest.fixture
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_the_result_page_asks_questions_and_flags_gendered_forms(browser_page, fast_hashing):
    page = browser_page
    manager = make_manager(username="lotte")
    submission = make_submission(author=manager, text=TEXT)
    make_snapshot(submission=submission, result=make_result(level_rank=1, grade="FG45", text=TEXT))
    log_in(page, "lotte")
    page.goto(f"/aanvragen/{submission.pk}/")
    section = page.locator("section.neutrality")
    expect(section.get_by_role("heading", level=2)).to_have_text("Sekseneutraliteit van de beschrijving")
    expect(section.locator(".neutrality-questions li").first).to_contain_text("De beschrijving zegt niets over")
    row = section.locator("tr", has=page.locator("th", has_text="Verantwoordelijkheid"))
    expect(row.locator("td").first).to_contain_text("Zij beheert het archief en de vertrouwelijke stukken van de raad.")
    expect(section.locator(".gendered li").first).to_contain_text("secretaris / medewerker secretariaat")
    expect(section.locator("details.neutrality-about")).to_contain_text("Wat deze check wel en niet vaststelt")
    screenshot(page, "neutrality-result")
    assert_accessible(page)


def test_the_family_page_has_its_summary_and_links_to_the_criteria(browser_page):
    page = browser_page
    page.goto("/profielen/administratief-ondersteuner/")
    section = page.locator("section.neutrality")
    expect(section.get_by_role("heading", level=2)).to_have_text("Sekseneutraliteit")
    expect(section.locator(".gendered li")).to_contain_text("Omwille van de leesbaarheid wordt de mannelijke vorm gebruikt")
    expect(section).to_contain_text("Geen criterium waardeert: werkomstandigheden")
    screenshot(page, "neutrality-family")
    assert_accessible(page)
    section.get_by_role("link", name="Criteria voor beloning en ontwikkeling").click()
    expect(page).to_have_url(re.compile(r"/profielen/administratief-ondersteuner/criteria/$"))


def test_the_criteria_page_prints_without_the_menu(browser_page):
    page = browser_page
    page.goto("/profielen/administratief-ondersteuner/criteria/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Criteria voor beloning en ontwikkeling: Administratief ondersteuner")
    expect(page.locator("section.criteria-level")).to_have_count(3)
    expect(page.locator("#niveau-1 + .grade-line")).to_contain_text("niveau D")
    expect(page.locator("section.criteria-level").first).to_contain_text("Wat het volgende niveau toevoegt (Administratief ondersteuner niveau C, niveau C)")
    screenshot(page, "neutrality-criteria")
    assert_accessible(page)
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".breadcrumb")).to_be_hidden()
    expect(page.locator("section.criteria-level").first).to_be_visible()
    pdf = page.pdf(format="A4")  # Chromium's own print: the page fits on paper
    assert pdf.startswith(b"%PDF")


def test_the_overview_shows_every_family_to_an_administrator(browser_page, fast_hashing):
    page = browser_page
    administrator = make_user(username="beheerder")
    administrator.user_permissions.add(Permission.objects.get(codename="view_jobfamily"))
    log_in(page, "beheerder")
    page.goto("/profielen/sekseneutraliteit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sekseneutraliteit van alle families")
    expect(page.locator("table.neutrality-overview tbody tr")).to_have_count(4)
    screenshot(page, "neutrality-overview")
    assert_accessible(page)
