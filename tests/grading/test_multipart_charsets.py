"""A charset declared on one field of a multipart form is refused like a request-level one."""

import pytest
from django.utils.html import escape

from functiewaardering.middleware import WRONG_CHARSET
from grading.models import Submission
from tests.factory import ROLE_TEXT

pytestmark = pytest.mark.django_db
BOUNDARY = "----grens42"


def multipart(*parts: tuple[str, str, bytes]) -> bytes:
    """Parts as (Content-Disposition parameters, Content-Type or "", body)."""
    chunks = []
    for disposition, content_type, body in parts:
        head = f"--{BOUNDARY}\r\nContent-Disposition: form-data; {disposition}\r\n"
        if content_type:
            head += f"Content-Type: {content_type}\r\n"
        chunks.append(head.encode() + b"\r\n" + body + b"\r\n")
    return b"".join(chunks) + f"--{BOUNDARY}--\r\n".encode()


def post(client, body: bytes):
    return client.generic("POST", "/indelen/", body, content_type=f"multipart/form-data; boundary={BOUNDARY}")


@pytest.mark.parametrize("content_type, charset", [
    ("text/plain; charset=iso-8859-1", "iso-8859-1"),
    ('text/plain; charset="windows-1252"', "windows-1252"),
    ("text/plain;CHARSET=Latin1", "latin1"),
])
def test_a_field_part_in_another_charset_gets_the_dutch_400(manager_client, catalogue, content_type, charset):
    body = multipart(
        ('name="title"', content_type, "Beleidsmedewerker één".encode("latin-1")),
        ('name="text"', "", ROLE_TEXT.encode()),
    )
    response = post(manager_client, body)
    assert response.status_code == 400
    assert escape(WRONG_CHARSET.format(charset=charset)) in response.content.decode()
    assert not Submission.objects.exists()


def test_a_field_part_that_declares_utf8_is_accepted(manager_client, catalogue):
    body = multipart(
        ('name="title"', "text/plain; charset=UTF-8", "Beleidsmedewerker één".encode()),
        ('name="text"', "", ROLE_TEXT.encode()),
    )
    response = post(manager_client, body)
    assert response.status_code in (302, 303)
    assert Submission.objects.get().title == "Beleidsmedewerker één"


def test_a_file_part_may_declare_its_own_charset(manager_client, catalogue):
    body = multipart(
        ('name="title"', "", b"Beleidsmedewerker"),
        ('name="text"', "", b""),
        ('name="file"; filename="functie.txt"', "text/plain; charset=windows-1252", ROLE_TEXT.encode("cp1252")),
    )
    response = post(manager_client, body)
    assert response.status_code in (302, 303)
    assert Submission.objects.get().text.startswith("De ambtelijk secretaris")
