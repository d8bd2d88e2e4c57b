"""What every request meets before a view: limits, refusals in Dutch, headers, HEAD."""

import pytest
from django.test import Client, RequestFactory
from django.utils.html import escape

from functiewaardering.middleware import (
    NUL_BYTE,
    PERMISSIONS_POLICY,
    TOO_LARGE,
    WRONG_CHARSET,
    RequestLimitsMiddleware,
)
from grading.models import Submission
from grading.services.extraction import FILE_TOO_LARGE
from tests.factory import ROLE_TEXT, make_submission

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = ["/healthz", "/", "/profielen/", "/profielen/div-ict/", "/profielen/div-ict/matrix.pdf",
                "/vergelijk/", "/api/families/", "/api/families/div-ict/", "/accounts/login/"]


def html_of(response) -> str:
    return response.content.decode()


@pytest.mark.parametrize("url", ["/api/families/%00/", "/profielen/div-ict%00/", "/indelen/?familie=%00",
                                 "/profielen/?zoek=a%00b", "/aanvragen/?status=%00"])
def test_a_nul_byte_in_the_address_gets_a_dutch_400(manager_client, url):
    response = manager_client.get(url)
    assert response.status_code == 400 and escape(NUL_BYTE) in html_of(response)


def test_a_nul_byte_in_a_posted_family_gets_a_dutch_400_and_stores_nothing(manager_client, catalogue):
    response = manager_client.post("/indelen/", {"title": "Secretaris", "text": ROLE_TEXT, "family": "div-ict\x00"})
    assert response.status_code == 400 and escape(NUL_BYTE) in html_of(response)
    assert not Submission.objects.exists()


def test_a_nul_byte_in_the_edit_form_leaves_the_stored_request_alone(manager_client, manager, catalogue):
    draft = make_submission(author=manager)
    data = {"title": "Anders", "text": ROLE_TEXT, "family": "div-ict\x00", "version": draft.version}
    response = manager_client.post(f"/aanvragen/{draft.pk}/wijzigen/", data)
    assert response.status_code == 400
    draft.refresh_from_db()
    assert draft.title == "Ambtelijk secretaris OR"


@pytest.mark.parametrize("url", ["/accounts/login/", "/indelen/", "/admin/login/"])
def test_a_form_in_another_charset_gets_a_dutch_400(manager_client, url):
    body = "username=b%E9atrice&password=x"
    response = manager_client.post(url, body, content_type="application/x-www-form-urlencoded; charset=latin-1")
    assert response.status_code == 400
    assert escape(WRONG_CHARSET.format(charset="latin-1")) in html_of(response)


def test_a_body_over_the_limit_is_refused_before_it_is_read(settings):
    request = RequestFactory().post("/indelen/", {"title": "x"})
    request.META["CONTENT_LENGTH"] = str(settings.MAX_REQUEST_BYTES + 1)
    response = RequestLimitsMiddleware(lambda r: pytest.fail("the view was reached"))(request)
    assert response.status_code == 413 and escape(TOO_LARGE.format(limit=12)) in html_of(response)


def test_a_file_over_the_limit_keeps_the_input_and_is_never_kept_whole(manager_client, catalogue):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("functie.txt", b"notuleert " * 400_000, content_type="text/plain")
    response = manager_client.post("/indelen/", {"title": "Mijn functie", "text": "", "file": upload})
    assert response.status_code == 400
    assert escape(FILE_TOO_LARGE) in html_of(response) and 'value="Mijn functie"' in html_of(response)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_head_answers_like_get_without_a_body(client, url):
    response = client.head(url)
    assert response.status_code == 200 and response.content == b""


def test_head_works_behind_the_login_too(manager_client):
    assert manager_client.head("/aanvragen/").status_code == 200
    assert manager_client.head("/indelen/").status_code == 200


def test_every_page_has_a_strict_content_security_policy_and_a_permissions_policy(client):
    response = client.get("/profielen/div-ict/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "'unsafe-inline'" not in policy and "frame-ancestors 'none'" in policy
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


def test_pages_behind_the_login_are_never_stored(manager_client, manager, catalogue):
    submission = make_submission(author=manager)
    for url in ["/aanvragen/", f"/aanvragen/{submission.pk}/", f"/aanvragen/{submission.pk}/rapport.pdf", "/indelen/"]:
        cache_control = manager_client.get(url)["Cache-Control"]
        assert "private" in cache_control and "no-store" in cache_control, url


def test_public_pages_for_anonymous_visitors_may_be_cached(client):
    assert "no-store" not in client.get("/profielen/div-ict/").get("Cache-Control", "")


def test_a_broken_multipart_body_gets_a_dutch_400(manager_client):
    response = manager_client.generic(
        "POST", "/indelen/", b"--x\r\nContent-Disposition: form-data\r\n\r\nzonder einde",
        content_type="multipart/form-data; boundary=x",
    )
    assert 400 <= response.status_code < 500


def test_a_client_with_a_csrf_token_in_latin1_is_not_a_500():
    response = Client(raise_request_exception=False).post(
        "/accounts/login/", "username=%E9", content_type="application/x-www-form-urlencoded; charset=iso-8859-1"
    )
    assert response.status_code == 400
