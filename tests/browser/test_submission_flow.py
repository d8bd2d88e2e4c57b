"""The whole road in real headless Chromium: a manager uploads a .docx and reads the evidence,
an HR adviser takes the request and settles it. axe-core checks every page on the way.

Fixtures live in this file (not in conftest.py) so they do not clash with the profile tests.
"""

import os
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from grading.models import Submission
from tests.factory import PASSWORD, ROLE_TEXT, make_adviser, make_docx, make_manager

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def flow_browser():
    # Playwright's sync API runs an event loop in this thread; let Django's ORM run beside it
    # for as long as the browser lives, and no longer (subprocess tests must not inherit it).
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"), args=ARGS
            )
            yield browser
            browser.close()


@pytest.fixture
def flow_page(flow_browser, live_server, catalogue, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = flow_browser.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def assert_accessible(page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def screenshot(page, name: str, selector: str = "") -> None:
    """With SCREENSHOTS=dir set, keep a picture of the page (or one part) to look at by eye."""
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        target = page.locator(selector) if selector else page
        target.screenshot(path=str(Path(folder) / f"{name}.png"), **({} if selector else {"full_page": True}))


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("main").get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("button", name=re.compile("Uitloggen"))).to_be_visible()


def test_a_manager_uploads_a_docx_and_an_adviser_settles_it(flow_page, tmp_path):
    page = flow_page
    make_manager(username="lotte")
    make_adviser(username="hamid")
    docx = tmp_path / "ambtelijk-secretaris.docx"
    docx.write_bytes(make_docx([sentence + "." for sentence in ROLE_TEXT.rstrip(".").split(". ")]))

    # The manager describes the role with a Word file, within a chosen family.
    log_in(page, "lotte")
    page.goto("/indelen/")
    assert_accessible(page)
    page.get_by_label("Titel van de functie").fill("Ambtelijk secretaris van de OR")
    page.locator('input[type="file"][name="file"]').set_input_files(str(docx))
    page.get_by_label("Functiefamilie (optioneel)").select_option("ambtelijk-secretaris")
    page.get_by_role("button", name="Indelen").click()

    expect(page).to_have_url(re.compile(r"/aanvragen/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ambtelijk secretaris van de OR")
    expect(page.locator(".verdict")).to_be_visible()
    expect(page.get_by_text("Dit is een indicatie, geen besluit.")).to_be_visible()
    expect(page.locator(".role-text mark").first).to_be_visible()  # the manager's own sentences
    expect(page.locator("svg[role=img]")).to_be_visible()
    assert_accessible(page)
    result_url = page.url
    page.get_by_role("button", name="Indienen bij HR").click()
    expect(page.locator(".meta .status")).to_have_text("Ingediend")
    page.get_by_role("button", name=re.compile("Uitloggen")).click()

    # The HR adviser finds it in the inbox, takes it in review and settles it.
    log_in(page, "hamid")
    page.goto("/aanvragen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Te behandelen")
    expect(page.locator(".tabs [aria-current=page]")).to_contain_text("Te behandelen (1)")
    assert_accessible(page)
    screenshot(page, "inbox")
    page.get_by_role("link", name="Ambtelijk secretaris van de OR").click()
    expect(page).to_have_url(result_url)
    page.get_by_role("button", name="In behandeling nemen").click()
    expect(page.locator(".messages")).to_contain_text("U hebt de aanvraag in behandeling genomen.")
    expect(page.locator(".meta .status")).to_have_text("In behandeling")
    assert_accessible(page)

    # Nothing is chosen for the adviser; another family brings its own grades, without JavaScript.
    grade = page.get_by_label("Vastgestelde schaal")
    expect(grade).to_have_value("")
    page.get_by_label("Functiefamilie", exact=True).select_option("div-ict")
    page.get_by_role("button", name="Schalen van deze familie tonen").click()
    expect(page).to_have_url(result_url + "#vaststellen")
    expect(grade).to_contain_text("schaal 5")
    assert "FG 50" not in grade.inner_text()
    page.get_by_label("Functiefamilie", exact=True).select_option("ambtelijk-secretaris")
    page.get_by_role("button", name="Schalen van deze familie tonen").click()
    expect(grade).to_contain_text("FG 50")
    page.get_by_label("Motivering").fill("Adviseert de voorzitter zelfstandig: past bij FG 50.")
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.locator("#id_grade_error")).to_contain_text("Kies de vastgestelde schaal.")  # beside the field
    expect(page.locator("#id_effective_date_error")).to_contain_text("Geef de ingangsdatum van de indeling.")
    expect(page).to_have_url(result_url + "#vaststellen")
    assert_accessible(page)
    screenshot(page, "settle-form", selector="#vaststellen")
    page.get_by_label("Vastgestelde schaal").select_option(label="FG 50")
    page.get_by_label("Ingangsdatum").fill("2027-01-01")
    page.get_by_role("button", name="Vaststellen").click()

    expect(page.locator(".messages")).to_contain_text("De indeling is vastgesteld")
    expect(page.locator(".meta .status")).to_have_text("Vastgesteld")
    expect(page.locator(".decision")).to_contain_text("FG 50")
    expect(page.locator(".decision")).to_contain_text("ingangsdatum 1 januari 2027")
    expect(page.locator(".decision")).to_contain_text("Adviseert de voorzitter zelfstandig")
    expect(page.locator("table.history tbody tr")).to_have_count(4)
    assert_accessible(page)
    report = page.request.get(result_url + "rapport.pdf")
    assert report.ok and report.body().startswith(b"%PDF")
    if os.environ.get("SCREENSHOTS"):
        (Path(os.environ["SCREENSHOTS"]) / "report.pdf").write_bytes(report.body())

    submission = Submission.objects.get()
    assert submission.status == Submission.Status.SETTLED and submission.final_grade.code == "FG50"
    assert submission.effective_date.isoformat() == "2027-01-01"


def test_an_adviser_settles_outside_the_functiehuis(flow_page):
    """The site has no scripts: the choices come from a form post (axe needs JavaScript itself)."""
    from tests.factory import make_submission

    page = flow_page
    manager = make_manager(username="lotte", first_name="Lotte", last_name="de Vries")
    adviser = make_adviser(username="hamid", first_name="Hamid", last_name="Bakker")
    submission = make_submission(author=manager, status=Submission.Status.IN_REVIEW, by=adviser)
    log_in(page, "hamid")
    page.goto(f"/aanvragen/{submission.pk}/")
    family = page.get_by_label("Functiefamilie", exact=True)
    expect(family).to_have_value("")  # nothing chosen for the adviser, not even the engine's family
    family.select_option(label="Buiten het functiehuis")
    page.get_by_role("button", name="Schalen van deze familie tonen").click()
    grade = page.get_by_label("Vastgestelde schaal of niveau")
    # The choices arrive with the next page: wait for them, not for a URL that need not change.
    expect(grade).to_contain_text("schaal 13")
    assert grade.locator("optgroup").count() >= 2
    assert_accessible(page)
    grade.select_option(label="schaal 13")
    page.get_by_label("Ingangsdatum").fill("2027-01-01")
    page.get_by_label("Motivering").fill("Past in geen familie; zwaarte als schaal 13.")
    page.get_by_role("button", name="Vaststellen").click()
    expect(page.locator(".decision")).to_contain_text("schaal 13")
    expect(page.locator(".decision")).to_contain_text("buiten het functiehuis")
    assert_accessible(page)
