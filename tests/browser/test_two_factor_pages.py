"""Two-factor login in headless Chromium: an HR adviser signs in with a password, sets up an
authenticator app from the secret on an axe-clean page, sees his recovery codes once, and at the
next sign-in passes the axe-clean verification page with a code, and with a recovery code."""

import re
import time
from base64 import b32decode

import pytest
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.test_submission_flow import assert_accessible, flow_browser, flow_page, log_in  # noqa: F401
from tests.factory import make_adviser
from tests.otp import code_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def code(secret: str) -> str:
    return f"{hotp(b32decode(secret.replace(' ', '')), int(time.time() // 30)):06d}"


def sign_out(page) -> None:
    page.get_by_role("button", name=re.compile("Uitloggen")).click()


def test_an_adviser_sets_up_an_app_and_signs_in_with_it(flow_page, settings):
    settings.TWO_FACTOR_REQUIRED = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the wrong code below (throttling: tests/accounts)
    page = flow_page
    make_adviser(username="hamid")
    log_in(page, "hamid")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweestapsverificatie instellen")
    expect(page.get_by_role("img", name=re.compile("QR-code"))).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Code uit de app").fill("12345")
    page.get_by_role("button", name="App bevestigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Deze code klopt niet")
    assert_accessible(page)

    secret = page.locator("#sleutel").inner_text()
    page.get_by_label("Code uit de app").fill(code(secret))
    page.get_by_role("button", name="App bevestigen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    recovery = page.locator(".recovery-codes code").all_inner_texts()
    assert len(recovery) == 10
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("verder")).click()
    page.goto("/aanvragen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Te behandelen")

    sign_out(page)
    log_in(page, "hamid")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tweede stap: uw code")
    assert_accessible(page)
    # The app's next code as the server counts (its drift and the step the setup used): a code
    # computed from the clock alone fails when the setup crossed a 30-second step.
    page.get_by_label("Code").fill(code_for(TOTPDevice.objects.get(user__username="hamid", confirmed=True)))
    page.get_by_role("button", name="Doorgaan").click()
    page.goto("/aanvragen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Te behandelen")

    sign_out(page)
    log_in(page, "hamid")
    page.get_by_label("Code").fill(recovery[0])
    page.get_by_role("button", name="Doorgaan").click()
    page.goto("/aanvragen/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Te behandelen")
    page.goto("/accounts/tweestapsverificatie/instellen/")
    expect(page.locator("main")).to_contain_text("nog 9 ongebruikte herstelcodes")
    assert_accessible(page)
