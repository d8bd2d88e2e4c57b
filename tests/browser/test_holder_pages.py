"""Function holders and the decision in the organisation's own system, in headless Chromium
without JavaScript of ours: the manager names the holders on /indelen/, the adviser settles a
gemeente's role in a healthcare family (its level and the gemeente's own schaal), and records
when the decision letter was sent. axe-core checks each page."""

import re

import pytest
from playwright.sync_api import expect

from grading.models import Submission
from profiles.models import GradingSystem
from profiles.organisation import organisation_update
from tests.browser.test_submission_flow import assert_accessible, flow_browser, flow_page, log_in  # noqa: F401
from tests.factory import ROLE_TEXT, make_adviser, make_manager, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_holders_a_foreign_family_decision_and_the_letter_dates(flow_page):
    page = flow_page
    make_manager(username="lotte")
    make_adviser(username="hamid")
    organisation_update(name="Gemeente Zuidwaard", system=GradingSystem.objects.get(code="cao-gemeenten"),
                        grades="schaal-8; schaal 8\nschaal-9; schaal 9", motivation="Inrichting.",
                        by=make_user(username="beheerder"))

    log_in(page, "lotte")
    page.goto("/indelen/")
    page.get_by_label("Titel van de functie").fill("Ambtelijk secretaris van de OR")
    page.get_by_label("Functiebeschrijving").fill(ROLE_TEXT)
    page.get_by_label("Functiehouders (optioneel)").fill("Jan de Vries; jan@example.org\nAn Peeters")
    assert_accessible(page)
    page.get_by_role("button", name="Indelen").click()
    expect(page).to_have_url(re.compile(r"/aanvragen/\d+/$"))
    expect(page.locator("table.holders tbody tr")).to_have_count(2)
    url = page.url
    page.get_by_role("button", name="Indienen bij HR").click()
    page.get_by_role("button", name=re.compile("Uitloggen")).click()

    log_in(page, "hamid")
    page.goto(url)
    page.get_by_role("button", name="In behandeling nemen").click()
    page.get_by_label("Functiefamilie", exact=True).select_option("ambtelijk-secretaris")
    page.get_by_role("button", name="Schalen van deze familie tonen").click()
    grade = page.get_by_label("Vastgestelde schaal of niveau")
    expect(grade).to_contain_text("schaal 9")
    assert "FG 50" not in grade.inner_text()
    assert_accessible(page)
    grade.select_option(label="schaal 9")
    page.get_by_label("Niveau in de functiefamilie").select_option(index=2)
    page.get_by_label("Ingangsdatum").fill("2027-01-01")
    page.get_by_label("Motivering").fill("Secretaris van de raad; in onze schaal 9.")
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.locator(".decision")).to_contain_text("schaal 9")
    expect(page.locator(".decision")).to_contain_text("niveau 2 van 2")
    expect(page.get_by_role("link", name="Besluitbrief (PDF) voor Jan de Vries")).to_be_visible()
    assert_accessible(page)

    form = page.locator("form.letter-dates").first
    form.get_by_label("Verzonden op").fill("2000-01-01")  # before the decision: refused at the field
    form.get_by_role("button", name="Data opslaan").click()
    expect(page.locator(".error-summary")).to_contain_text("vóór het besluit")
    assert_accessible(page)

    submission = Submission.objects.get()
    letter = page.request.get(f"/aanvragen/{submission.pk}/besluit/{submission.holders.first().pk}.pdf")
    assert letter.ok and letter.body().startswith(b"%PDF")
