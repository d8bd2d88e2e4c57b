import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils.html import escape

from functiewaardering.middleware import TOO_LARGE
from grading.forms import TEXT_AND_FILE, UNKNOWN_FAMILY
from grading.models import Submission
from grading.services.extraction import (
    FILE_BROKEN,
    FILE_CONTENT_MISMATCH,
    FILE_EMPTY,
    FILE_ENCRYPTED,
    FILE_NO_TEXT,
    FILE_TOO_LARGE,
    FILE_TYPE_NOT_ALLOWED,
)
from grading.services.submissions import (
    TEXT_REQUIRED,
    TEXT_TOO_LONG,
    TEXT_WITHOUT_WORDS,
    TITLE_REQUIRED,
)
from grading.views import FILE_TEXT_KEPT
from tests.factory import (
    ROLE_TEXT,
    make_blank_pdf,
    make_docx,
    make_encrypted_pdf,
    make_pdf,
)

pytestmark = pytest.mark.django_db
URL = "/indelen/"


@pytest.fixture(autouse=True)
def families(catalogue):
    return catalogue


def html_of(response) -> str:
    return response.content.decode()


def test_the_form_has_the_contract_fields_and_states_its_limits(manager_client):
    response = manager_client.get(URL)
    html = html_of(response)
    assert response.status_code == 200 and html.count("<h1") == 1 and '<html lang="nl"' in html
    for name in ("title", "text", "file", "family"):
        assert f'name="{name}"' in html
    assert 'enctype="multipart/form-data"' in html
    assert "2 MB" in html and "20.000 woorden" in html and "200.000 tekens" in html


def test_a_submit_stores_grades_and_redirects_with_303_to_the_result(manager_client, manager):
    response = manager_client.post(URL, {"title": "Ambtelijk secretaris", "text": ROLE_TEXT})
    submission = Submission.objects.get()
    assert response.status_code == 303 and response["Location"] == f"/aanvragen/{submission.pk}/"
    assert submission.author == manager and submission.status == Submission.Status.DRAFT
    assert submission.snapshots.count() == 1 and submission.events.count() == 1


def test_a_docx_upload_is_read_and_graded(manager_client):
    upload = SimpleUploadedFile("functie.docx", make_docx(ROLE_TEXT.split(". ")))
    response = manager_client.post(URL, {"title": "Secretaris", "text": "", "file": upload})
    assert response.status_code == 303
    assert "notuleert" in Submission.objects.get().text


def test_a_pdf_upload_is_read(manager_client):
    upload = SimpleUploadedFile("functie.pdf", make_pdf(ROLE_TEXT))
    assert manager_client.post(URL, {"title": "Secretaris", "file": upload}).status_code == 303
    assert "ondernemingsraad" in Submission.objects.get().text


def test_a_chosen_family_and_answers_reach_the_engine(manager_client):
    data = {"title": "Secretaris", "text": ROLE_TEXT, "family": "div-ict", "answer_contacten": "2"}
    assert manager_client.post(URL, data).status_code == 303
    submission = Submission.objects.get()
    result = submission.latest_snapshot().result
    assert submission.family.slug == "div-ict" and result["family"] == "div-ict"
    assert submission.answers == {"contacten": 2}
    assert next(c for c in result["criteria"] if c["key"] == "contacten")["answered"] is True


def test_the_questionnaire_step_works_without_javascript_and_keeps_the_input(manager_client):
    response = manager_client.post(URL, {"title": "Secretaris", "text": ROLE_TEXT, "family": "ambtelijk-secretaris", "action": "vragen"})
    html = html_of(response)
    assert response.status_code == 200 and not Submission.objects.exists()
    assert 'value="Secretaris"' in html and "notuleert en bewaakt" in html
    assert html.count('type="radio" name="answer_') == 7 * 3  # 7 criteria, "weet ik niet" and 2 levels
    assert "Ambtelijk secretaris FG 50 (FG 50)" in html


def test_the_questionnaire_can_be_opened_by_link(manager_client):
    html = html_of(manager_client.get(URL + "?familie=div-ict"))
    assert 'name="answer_contacten"' in html


def test_the_questionnaire_step_puts_an_uploaded_files_text_in_the_text_field(manager_client):
    upload = SimpleUploadedFile("functie.docx", make_docx(["Beheert het archief van de raad."]))
    response = manager_client.post(URL, {"title": "S", "file": upload, "family": "div-ict", "action": "vragen"})
    assert response.status_code == 200 and FILE_TEXT_KEPT in html_of(response)
    assert re.search(r"<textarea[^>]*>Beheert het archief van de raad.</textarea>", html_of(response))


def field_errors(response, message: str) -> bool:
    return message in html_of(response)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"title": "Secretaris", "text": ""}, TEXT_REQUIRED),
        ({"title": "Secretaris", "text": " \n\t "}, TEXT_REQUIRED),
        ({"title": "", "text": ROLE_TEXT}, TITLE_REQUIRED),
        ({"title": "Secretaris", "text": "\u200b\u200d\ufeff \u2060"}, TEXT_REQUIRED),
        ({"title": "\u200b", "text": ROLE_TEXT}, TITLE_REQUIRED),
        ({"title": "Secretaris", "text": "woord " * 20_001}, TEXT_TOO_LONG),
        ({"title": "Secretaris", "text": "Notuleert" * 25_000}, TEXT_TOO_LONG),
        ({"title": "Secretaris", "text": "<<< >>> ... !!!"}, TEXT_WITHOUT_WORDS),
        ({"title": "Secretaris", "text": ROLE_TEXT, "family": "bestaat-niet"}, UNKNOWN_FAMILY),
    ],
)
def test_bad_text_input_gets_a_dutch_message_a_400_and_keeps_the_input(manager_client, data, message):
    response = manager_client.post(URL, data)
    assert response.status_code == 400 and not Submission.objects.exists()
    assert escape(message) in html_of(response)
    if data["title"]:
        assert f'value="{escape(data["title"])}"' in html_of(response)


@pytest.mark.parametrize("text", ["Kennis van JavaScript en HTML.", "Budget < 5.000 euro per jaar.", "Volgt de <style guide> van de gemeente."])
def test_ordinary_text_with_angle_brackets_or_code_words_is_accepted(manager_client, text):
    response = manager_client.post(URL, {"title": "Secretaris", "text": f"{ROLE_TEXT} {text}"})
    assert response.status_code == 303 and Submission.objects.get().text.endswith(text)


def test_hostile_markup_is_stored_as_typed_and_shown_escaped(manager_client):
    title, markup = "<svg onload=alert(1)>", '<script>alert("x")</script> <img src=x onerror=alert(1)>'
    response = manager_client.post(URL, {"title": title, "text": f"{ROLE_TEXT} {markup}"})
    submission = Submission.objects.get()
    assert response.status_code == 303 and submission.title == title and submission.text.endswith(markup)
    html = html_of(manager_client.get(response["Location"]))
    assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html
    assert escape(title) in html and "&lt;script&gt;alert(" in html


def test_hostile_markup_stays_inert_on_a_reshown_form(manager_client):
    html = html_of(manager_client.post(URL, {"title": "", "text": "<script>alert(1)</script>"}))
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_file_with_markup_is_read_as_text(manager_client):
    upload = SimpleUploadedFile("functie.txt", f"{ROLE_TEXT} <iframe src='https://example.org'></iframe>".encode())
    response = manager_client.post(URL, {"title": "Mijn functie", "file": upload})
    assert response.status_code == 303 and "<iframe src=" in Submission.objects.get().text


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("functie.docx", make_docx(["Notuleert."])[:300], FILE_BROKEN),
        ("functie.txt", b"", FILE_EMPTY),
        ("functie.pdf", make_encrypted_pdf("Geheim."), FILE_ENCRYPTED),
        ("scan.pdf", make_blank_pdf(), FILE_NO_TEXT),
        ("functie.odt", b"PK\x03\x04", FILE_TYPE_NOT_ALLOWED),
        ("functie.pdf", b"<html>geen pdf</html>", FILE_CONTENT_MISMATCH),
        ("functie.txt", b"a " * (1024 * 1024 + 1), FILE_TOO_LARGE),
        ("functie.txt", ("woord " * 20_001).encode(), TEXT_TOO_LONG),
        ("functie.txt", "\u200b".encode() * 100, TEXT_REQUIRED),
    ],
)
def test_a_bad_file_gets_a_dutch_message_and_a_400_and_the_title_is_kept(manager_client, name, content, message):
    response = manager_client.post(URL, {"title": "Mijn functie", "text": "", "file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400 and not Submission.objects.exists()
    assert escape(message) in html_of(response) and 'value="Mijn functie"' in html_of(response)


def test_text_and_a_file_together_are_refused_and_the_text_is_kept(manager_client):
    upload = SimpleUploadedFile("functie.txt", b"Andere tekst.")
    response = manager_client.post(URL, {"title": "S", "text": "Mijn eigen tekst.", "file": upload})
    assert response.status_code == 400 and field_errors(response, TEXT_AND_FILE)
    assert "Mijn eigen tekst." in html_of(response)


def test_the_text_of_a_good_file_is_kept_when_another_field_is_wrong(manager_client):
    upload = SimpleUploadedFile("functie.docx", make_docx(["Beheert het archief."]))
    response = manager_client.post(URL, {"title": "", "file": upload})
    assert response.status_code == 400
    assert re.search(r"<textarea[^>]*>Beheert het archief.</textarea>", html_of(response))


def test_a_text_of_megabytes_gets_the_forms_own_message(manager_client):
    response = manager_client.post(URL, {"title": "S", "text": "woord " * 500_000})
    assert response.status_code == 400 and escape(TEXT_TOO_LONG) in html_of(response)
    assert not Submission.objects.exists()


def test_a_request_over_the_upload_limit_gets_a_dutch_413(manager_client):
    response = manager_client.post(URL, {"title": "S", "text": "woord " * 2_000_000})
    assert response.status_code == 413 and escape(TOO_LARGE.format(limit=10)) in html_of(response)


def test_an_invalid_answer_is_refused(manager_client):
    data = {"title": "S", "text": ROLE_TEXT, "family": "div-ict", "answer_contacten": "9"}
    response = manager_client.post(URL, data)
    assert response.status_code == 400 and not Submission.objects.exists()


def test_anonymous_users_go_to_the_login_page(client):
    for response in (client.get(URL), client.post(URL, {"title": "S", "text": ROLE_TEXT})):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/indelen/")
    assert not Submission.objects.exists()


@pytest.mark.parametrize("who", ["outsider_client", "adviser_client"])
def test_users_without_the_manager_role_are_refused(request, who):
    client = request.getfixturevalue(who)
    assert client.get(URL).status_code == 403
    assert client.post(URL, {"title": "S", "text": ROLE_TEXT}).status_code == 403
    assert not Submission.objects.exists()


def test_csrf_is_enforced(manager):
    client = Client(enforce_csrf_checks=True)
    client.force_login(manager)
    assert client.post(URL, {"title": "S", "text": ROLE_TEXT}).status_code == 403
    assert not Submission.objects.exists()
