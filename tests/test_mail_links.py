"""Every link in a mail points to the address the application answers on.

`bin/run PORT` is started for real, with mail written to files (EMAIL_URL=file:///…): a request
submitted over HTTP mails the HR adviser, a forgotten password mails its owner, and each link in
those mails opens on that port. The four notifications are checked the same way in-process.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ImproperlyConfigured

from benchmarks.pages import free_port
from functiewaardering.settings import email_settings
from grading import notifications
from grading.models import Submission
from grading.services import review
from tests.factory import PASSWORD, ROLE_TEXT, make_adviser, make_manager, make_submission

START_UP_LIMIT = 180  # seconds bin/run may take to migrate a fresh database and load the families
LINK = re.compile(r"https?://\S+")

MAKE_USERS = f"""
from django.contrib.auth import get_user_model
from grading.roles import HR_ADVISER, MANAGER, ensure_roles
roles = ensure_roles()
for name, role in (("lotte", MANAGER), ("hamid", HR_ADVISER)):
    user = get_user_model().objects.create_user(name, f"{{name}}@example.org", {PASSWORD!r})
    user.groups.add(roles[role])
"""


class Browser:
    """Cookies and the CSRF token, as a browser keeps them, against one server."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str) -> tuple[int, str, str]:
        return self._open(urllib.request.Request(urllib.parse.urljoin(self.base, url)))

    def post(self, url: str, data: dict) -> tuple[int, str, str]:
        """Posts as the form on the page fetched last would (that page set the CSRF cookie)."""
        token = next(cookie.value for cookie in self.cookies if cookie.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode()
        return self._open(urllib.request.Request(urllib.parse.urljoin(self.base, url), data=body))

    def _open(self, request) -> tuple[int, str, str]:
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), error.read().decode()


def _wait_for(port: int, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + START_UP_LIMIT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"bin/run stopped: {log.read_text()[-3000:]}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    pytest.fail(f"bin/run did not answer: {log.read_text()[-3000:]}")


def _mail_links(folder: Path) -> list[str]:
    return [link for file in sorted(folder.glob("*")) for link in LINK.findall(file.read_text())]


def test_bin_run_mails_links_to_its_own_port(tmp_path):
    port = free_port()
    mails, log = tmp_path / "mails", tmp_path / "server.log"
    env = {key: value for key, value in os.environ.items() if key not in ("SITE_URL", "PORT")}
    env.update(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", EMAIL_URL=f"file://{mails}", DEBUG="True")
    with log.open("w") as output:
        server = subprocess.Popen(
            ["bin/run", str(port), "--noreload"], cwd=settings.BASE_DIR, env=env,
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        _wait_for(port, server, log)
        subprocess.run([sys.executable, "manage.py", "shell", "-c", MAKE_USERS], cwd=settings.BASE_DIR,
                       env=env, check=True, capture_output=True, timeout=120)
        address = f"http://127.0.0.1:{port}/"
        manager, adviser = Browser(address), Browser(address)
        for browser, name in ((manager, "lotte"), (adviser, "hamid")):
            browser.get("/accounts/login/")
            assert browser.post("/accounts/login/", {"username": name, "password": PASSWORD})[0] == 200
        manager.get("/indelen/")
        status, page, _ = manager.post("/indelen/", {"title": "Ambtelijk secretaris", "text": ROLE_TEXT})
        assert status == 200 and re.search(r"/aanvragen/\d+/$", page)
        assert manager.post(page + "indienen/", {"comment": ""})[0] == 200

        links = _mail_links(mails)
        assert links == [page]  # the adviser's mail, to the request on this server
        assert all(adviser.get(link)[0] == 200 for link in links)

        visitor = Browser(address)
        visitor.get("/accounts/wachtwoord-vergeten/")
        assert visitor.post("/accounts/wachtwoord-vergeten/", {"email": "lotte@example.org"})[0] == 200
        reset = [link for link in _mail_links(mails) if "wachtwoord-herstellen" in link]
        assert len(reset) == 1 and reset[0].startswith(address)
        status, _, html = Browser(address).get(reset[0])
        assert status == 200 and "Nieuw wachtwoord kiezen" in html
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


@pytest.mark.django_db
def test_every_notification_links_to_the_site_address_and_opens_for_its_reader(
    settings, client, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "http://fw.example.org:18500"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    manager = make_manager(email="lotte@example.org")
    adviser, colleague = make_adviser(email="hamid@example.org"), make_adviser(email="ines@example.org")
    submission = make_submission(author=manager, status=Submission.Status.IN_REVIEW, by=adviser)
    review.submission_hand_over(submission=submission, by=adviser, to=colleague, comment="Vakantie.")
    readers = {"lotte@example.org": manager, "hamid@example.org": adviser, "ines@example.org": colleague}
    with django_capture_on_commit_callbacks(execute=True):
        for notify in (notifications.notify_submitted, notifications.notify_returned,
                       notifications.notify_settled, notifications.notify_handed_over):
            notify(submission)
    assert len({message.subject for message in mail.outbox}) == 4
    for message in mail.outbox:
        links = LINK.findall(message.body)
        assert links and all(link.startswith(settings.SITE_URL + "/") for link in links)
        client.force_login(readers[message.to[0]])
        for link in links:
            assert client.get(link.removeprefix(settings.SITE_URL)).status_code == 200


@pytest.mark.parametrize(
    ("url", "backend", "path"),
    [
        ("console:", "django.core.mail.backends.console.EmailBackend", None),
        ("smtp://user:secret@mail.example.org:587/?tls=True", "django.core.mail.backends.smtp.EmailBackend", None),
        ("submission://user:secret@mail.example.org", "django.core.mail.backends.smtp.EmailBackend", None),
        ("file:///var/mail/functiewaardering", "django.core.mail.backends.filebased.EmailBackend", "/var/mail/functiewaardering"),
        ("memory:", "django.core.mail.backends.locmem.EmailBackend", None),
        ("dummy:", "django.core.mail.backends.dummy.EmailBackend", None),
    ],
)
def test_email_url_takes_every_documented_scheme(url, backend, path):
    parsed = email_settings(url)
    assert parsed["EMAIL_BACKEND"] == backend and parsed["EMAIL_FILE_PATH"] == path


@pytest.mark.parametrize("url", ["gopher://mail.example.org", "sendgrid://key", "file://relative/folder", "file:"])
def test_an_unsupported_email_url_is_refused(url):
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        email_settings(url)


def test_the_application_does_not_start_with_an_unsupported_email_url():
    env = dict(os.environ, EMAIL_URL="exchange://mail.example.org")
    done = subprocess.run([sys.executable, "manage.py", "check"], cwd=settings.BASE_DIR, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "EMAIL_URL must start with one of smtp:" in done.stderr
