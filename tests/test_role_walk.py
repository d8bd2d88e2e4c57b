"""Every role sees its own tasks and only working links.

As each role, a walk from the home page follows every same-origin link a page shows (the menu
included) to a bounded depth, with the test client. No link may answer 403 or 404, end at the
login page for someone who is not meant to log in again, or fail; and each role reaches the pages
of its own tasks. Logging out is a form (POST), so the walk never signs itself out; the pages
of Django's admin are opened where a page links to them, not walked. On every page reached, a
form's default button (the first submit button, which Enter presses) is its main action.
"""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import Resolver404, resolve

from accounts.two_factor import must_use_two_factor
from grading.models import Submission
from grading.roles import FUNCTIONAL_ADMIN, ensure_roles
from tests.factory import make_adviser, make_manager, make_submission, make_user
from tests.otp import verified_client

pytestmark = pytest.mark.django_db

DEPTH = 3
MAX_PAGES = 400  # per role: every page kind is reached well within this
SKIPPED = ("/accounts/logout/", "/admin/logout/")
NOT_FOLLOWED = "/admin/"  # Django's own admin: its index must open, its own links are Django's


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


class SubmitButtons(HTMLParser):
    """Per form, the classes of its submit buttons in DOM order."""

    def __init__(self):
        super().__init__()
        self.forms: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append([])
        elif self.forms and (
            (tag == "button" and attributes.get("type", "submit") == "submit")
            or (tag == "input" and attributes.get("type") == "submit")
        ):
            self.forms[-1].append(attributes.get("class") or "")


def forms_led_by_a_secondary_button(html: str) -> int:
    """Forms whose default button (the first submit button, which Enter presses) is a secondary
    action while the form has another."""
    parser = SubmitButtons()
    parser.feed(html)
    return sum(1 for buttons in parser.forms if len(buttons) > 1 and "secondary" in buttons[0].split())


def links_of(html: str, page: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    found = []
    for href in parser.hrefs:
        url = urldefrag(urljoin("http://testserver" + page, href)).url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc == "testserver":
            found.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return found


def walk(client: Client) -> tuple[dict[str, str], list[str]]:
    """The pages reached (url: html) and every broken link as 'page -> link: why'."""
    pages: dict[str, str] = {}
    broken: list[str] = []
    seen = {"/"}
    frontier = [("/", "(start)")]
    for depth in range(DEPTH + 1):
        following = []
        for url, shown_on in frontier:
            if len(pages) >= MAX_PAGES:
                break
            response = client.get(url, follow=True)
            landed = response.redirect_chain[-1][0] if response.redirect_chain else url
            if response.status_code != 200:
                broken.append(f"{shown_on} -> {url}: {response.status_code}")
                continue
            if urlsplit(landed).path == "/accounts/login/" and url != "/accounts/login/":
                broken.append(f"{shown_on} -> {url}: sends to the login page")
                continue
            if not response["Content-Type"].startswith("text/html"):
                continue
            html = response.content.decode()
            pages[url] = html
            if depth == DEPTH or url.startswith(NOT_FOLLOWED):
                continue
            for link in links_of(html, url):
                if link not in seen and not link.startswith(SKIPPED):
                    seen.add(link)
                    following.append((link, url))
        frontier = following
    return pages, broken


@pytest.fixture
def people(catalogue):
    """One user per role, with requests in every state a role works on."""
    ensure_roles()
    manager = make_manager(username="lotte", email="lotte@example.org")
    adviser = make_adviser(username="hamid", email="hamid@example.org")
    administrator = make_user(role=FUNCTIONAL_ADMIN, username="beheerder")
    staff = make_user(username="staf", is_staff=True)
    staff.user_permissions.add(*Permission.objects.filter(codename__startswith="view_"))
    for status in (Submission.Status.DRAFT, Submission.Status.SUBMITTED, Submission.Status.IN_REVIEW,
                   Submission.Status.SETTLED):
        make_submission(author=manager, status=status, by=adviser)
    return {"anonymous": None, "manager": manager, "adviser": adviser, "administrator": administrator,
            "staff": staff}


def client_for(user) -> Client:
    """Signed in as production has it (TWO_FACTOR_REQUIRED): a role that must pass the second
    factor has passed it with a code from its app; a manager signs in by password alone."""
    if user is not None and must_use_two_factor(user):
        return verified_client(user)
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def exists(url: str) -> bool:
    try:
        resolve(url)
    except Resolver404:
        return False
    return True


# Pages each role must reach from the home page (with what one of them shows), and links it must
# not be shown. /beheer/gebruikers/ counts once the accounts pages exist.
TWO_FACTOR = "/accounts/tweestapsverificatie/instellen/"  # every signed-in role reaches its second factor
TASKS = {
    "anonymous": {"/profielen/": "", "/vergelijk/": "", "/accounts/login/": ""},
    "manager": {"/indelen/": 'name="title"', "/aanvragen/": "Mijn aanvragen", TWO_FACTOR: "instellen"},
    "adviser": {"/aanvragen/": "Te behandelen", TWO_FACTOR: "is ingesteld"},
    "administrator": {"/beheer/": "", "/beheer/importeren/": "", "/profielen/sekseneutraliteit/": "",
                      "/beheer/gebruikers/": "", TWO_FACTOR: "is ingesteld"},
    "staff": {"/admin/": "", TWO_FACTOR: "is ingesteld"},
}
SETTLE_FORM = '#vaststellen" novalidate>'  # the settle form posts to the request's own page


ROLES = ["anonymous", "manager", "adviser", "administrator", "staff"]


@pytest.mark.parametrize("role", ROLES)
def test_a_role_is_shown_only_working_links_and_reaches_its_tasks(people, role, settings):
    settings.TWO_FACTOR_REQUIRED = True
    pages, broken = walk(client_for(people[role]))
    assert broken == []
    assert [url for url, html in pages.items() if forms_led_by_a_secondary_button(html)] == []
    for url, shows in TASKS[role].items():
        if exists(url):  # /beheer/gebruikers/ once the accounts pages are there
            assert url in pages, f"{role} does not reach {url}"
            assert shows in pages[url]
    requests = [html for url, html in pages.items() if url.startswith("/aanvragen/")]
    if role == "adviser":  # the inbox leads to a request in review with its settle form
        assert any(SETTLE_FORM in html for html in requests)
    if role == "manager":  # the list leads to a draft that can be submitted
        assert any("/indienen/" in html for html in requests)
