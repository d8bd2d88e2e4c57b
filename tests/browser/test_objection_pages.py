"""Registering an objection and recording its steps in headless Chromium: axe-clean forms, with
errors and after each step, and the inbox's Bezwaren tab. The pages have no scripts."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from grading.models import Submission
from grading.objection_models import Objection
from tests.browser.test_submission_flow import assert_accessible, flow_browser, flow_page, log_in  # noqa: F401
from tests.factory import make_adviser, make_manager, make_submission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_adviser_registers_an_objection_and_records_its_first_step(flow_page):
    page = flow_page
    call_command("load_objection_routes", verbosity=0)
    manager = make_manager(username="lotte", first_name="Lotte", last_name="de Vries")
    adviser = make_adviser(username="hamid", first_name="Hamid", last_name="Bakker")
    submission = make_submission(author=manager, status=Submission.Status.SETTLED, by=adviser)
    log_in(page, "hamid")
    page.goto(f"/aanvragen/{submission.pk}/")
    page.get_by_role("link", name="Bezwaar registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bezwaar registreren")
    assert_accessible(page)

    page.get_by_role("button", name="Bezwaar registreren").click()
    expect(page.get_by_role("alert")).to_contain_text("Het bezwaar is niet geregistreerd")
    assert_accessible(page)

    page.get_by_label("Bezwaarroute").select_option(label="FWG – cao GGZ (IBC en LBC FWG) (cao GGZ)")
    page.get_by_label("Functiehouder die bezwaar maakt").fill("Joris Jansen")
    page.get_by_label("Bezwaar ontvangen op").fill(submission.settled_at.date().isoformat())
    page.get_by_label("Gronden van het bezwaar").fill("Mijn taken zijn zwaarder dan FG 45.")
    page.get_by_role("button", name="Bezwaar registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bezwaar van Joris Jansen")
    expect(page.locator(".messages")).to_contain_text("Het bezwaar is geregistreerd")
    assert_accessible(page)

    page.get_by_label("Uitkomst", exact=True).select_option(label="doorgezet naar de volgende stap")
    page.get_by_label("Datum van de uitkomst").fill(submission.settled_at.date().isoformat())
    page.get_by_role("button", name="Stap vastleggen").click()
    expect(page.locator(".messages")).to_contain_text("De stap is vastgelegd")
    expect(page.get_by_role("heading", level=2, name="Stap 2 vastleggen: Advies van de Interne Bezwaren Commissie (IBC)")).to_be_visible()
    assert Objection.objects.get().records.get(step__position=1).outcome == "forwarded"
    assert_accessible(page)

    page.goto("/aanvragen/")
    page.get_by_role("link", name="Bezwaren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bezwaren")
    expect(page.get_by_role("table")).to_contain_text("Joris Jansen")
    assert_accessible(page)


def test_an_adviser_chooses_the_holder_and_the_request_page_links_their_objection(flow_page):
    from django.utils import timezone

    from grading.services import holders, submissions

    page = flow_page
    call_command("load_objection_routes", verbosity=0)
    manager = make_manager(username="lotte", first_name="Lotte", last_name="de Vries")
    adviser = make_adviser(username="hamid", first_name="Hamid", last_name="Bakker")
    submission = make_submission(author=manager, status=Submission.Status.IN_REVIEW, by=adviser)
    holders.submission_holders_set(submission=submission, by=adviser, holders=[("Jan de Vries", "")])
    submission.refresh_from_db()
    family = submission.effective_family()
    grade = family.levels.exclude(grade=None).order_by("rank").first().grade
    submissions.submission_settle(submission=submission, by=adviser, family=family, grade=grade, motivation="Past.")
    [jan] = submission.holders.all()
    today = timezone.localdate()
    holders.holder_letter_dates_set(holder=jan, by=adviser, sent_on=today, received_on=today)

    log_in(page, "hamid")
    page.goto(f"/aanvragen/{submission.pk}/bezwaar/")
    page.get_by_label("Bezwaarroute").select_option(label="FWG – cao GGZ (IBC en LBC FWG) (cao GGZ)")
    page.get_by_label("Functiehouder die bezwaar maakt").select_option(index=1)
    page.get_by_label("Bezwaar ontvangen op").fill(today.isoformat())
    page.get_by_label("Gronden van het bezwaar").fill("Mijn taken zijn zwaarder.")
    assert_accessible(page)
    page.get_by_role("button", name="Bezwaar registreren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bezwaar van Jan de Vries")
    assert Objection.objects.get().holder == jan

    page.goto(f"/aanvragen/{submission.pk}/")
    page.get_by_role("link", name="Bezwaar open van Jan de Vries").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bezwaar van Jan de Vries")
    page.go_back()
    assert_accessible(page)
