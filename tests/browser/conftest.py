"""Real headless Chromium (Debian's package) driven by Playwright against pytest-django's live server.

Never `playwright install`: the browser is the system one, CHROMIUM_PATH or /usr/bin/chromium.
"""

import os

import pytest
from playwright.sync_api import expect

# expect() waits five seconds by default, actions as long as the page's default time-out. CI runs
# the SQLite and PostgreSQL suites side by side on two cores, where a page with a round trip to a
# loopback identity provider can take longer: give assertions the actions' margin.
expect.set_options(timeout=15_000)

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="module")
def chromium():
    """One browser per test module: Playwright allows one sync loop at a time in a thread, and
    other modules start their own."""
    from playwright.sync_api import sync_playwright

    path = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(path):
        pytest.fail(f"Chromium is missing at {path}: install Debian's chromium package (bin/test does).")
    # Playwright's sync API runs an event loop in this thread, where Django's ORM refuses to run
    # unless DJANGO_ALLOW_ASYNC_UNSAFE is set. Set it only while the browser lives: subprocesses
    # of other tests (manage.py check --deploy) must not inherit it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def browser_page(chromium, live_server, catalogue):
    """A fresh page on the live server, with the families loaded."""
    context = chromium.new_context(base_url=live_server.url, locale="nl-NL", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
