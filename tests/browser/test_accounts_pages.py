"""/beheer/gebruikers/ and /beheer/beveiligingslog/ in headless Chromium: axe-clean as a list, as
an invitation form with errors, as an account page with its history, and as the log; the invited
person chooses a password on an axe-clean page."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from grading.roles import FUNCTIONAL_ADMIN, HR_ADVISER
from tests.browser.test_submission_flow import assert_accessible, flow_browser, flow_page, log_in  # noqa: F401
from tests.factory import make_manager, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_administrator_invites_someone_and_changes_roles(flow_page):
    page = flow_page
    make_user(role=FUNCTIONAL_ADMIN, username="fenna")
    make_manager(username="lotte", email="lotte@voorbeeld.nl")
    log_in(page, "fenna")
    page.goto("/beheer/")
    page.get_by_role("link", name="Gebruikers en rollen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruikers en rollen")
    assert_accessible(page)

    page.get_by_role("link", name="Iemand uitnodigen").click()
    page.get_by_label("E-mailadres").fill("geen adres")
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("alert")).to_contain_text("De uitnodiging is niet verstuurd")
    assert_accessible(page)

    page.get_by_label("E-mailadres").fill("noor@voorbeeld.nl")
    page.get_by_label("Voornaam").fill("Noor")
    page.get_by_label(HR_ADVISER).check()
    page.get_by_role("button", name="Uitnodiging versturen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gebruiker noor@voorbeeld.nl")
    expect(page.locator(".messages")).to_contain_text("is uitgenodigd")
    expect(page.locator("table")).to_contain_text("rol gegeven: HR-adviseur")
    assert_accessible(page)

    page.goto("/beheer/gebruikers/")
    page.get_by_role("link", name="lotte").click()
    page.get_by_label("Leidinggevende").uncheck()
    page.get_by_label(HR_ADVISER).check()
    page.get_by_role("button", name="Rollen opslaan").click()
    expect(page.locator(".messages")).to_contain_text("zijn opgeslagen")
    assert_accessible(page)

    page.goto("/beheer/beveiligingslog/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Beveiligingslog")
    expect(page.locator("table")).to_contain_text("rol afgenomen: Leidinggevende")
    assert_accessible(page)

    link = re.search(r"http://[^/\s]+(/accounts/uitnodiging/\S+)", mail.outbox[0].body).group(1)
    page.get_by_role("button", name=re.compile("Uitloggen")).click()
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Wachtwoord kiezen")
    assert_accessible(page)
