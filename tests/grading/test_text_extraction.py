import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from grading.services.text_extraction import (
    FILE_BROKEN,
    FILE_CONTENT_MISMATCH,
    FILE_EMPTY,
    FILE_ENCRYPTED,
    FILE_NO_TEXT,
    FILE_TOO_LARGE,
    FILE_TYPE_NOT_ALLOWED,
    OLE_MAGIC,
    ExtractionError,
    extract_text,
)
from tests.factory import make_blank_pdf, make_docx, make_encrypted_pdf, make_pdf


def extract(name: str, content: bytes) -> str:
    return extract_text(upload=SimpleUploadedFile(name, content))


def refused(name: str, content: bytes) -> list[str]:
    with pytest.raises(ExtractionError) as error:
        extract(name, content)
    return error.value.messages


def test_it_reads_paragraphs_and_table_cells_of_a_docx():
    content = make_docx(["Notuleert de vergaderingen.", "Beheert het archief."], table=[["Taak", "Plannen"]])
    assert extract("functie.DOCX", content).split("\n") == ["Notuleert de vergaderingen.", "Beheert het archief.", "Taak", "Plannen"]


def test_it_reads_a_pdf():
    assert "Notuleert de vergaderingen." in extract("functie.pdf", make_pdf("Notuleert de vergaderingen."))


def test_it_reads_a_pdf_that_opens_without_a_password():
    content = make_encrypted_pdf("Beheert het archief.", user_password="")
    assert "Beheert het archief." in extract("functie.pdf", content)


@pytest.mark.parametrize(
    "content, text",
    [
        ("Coördineert de planning.".encode("utf-8"), "Coördineert de planning."),
        ("\ufeffCoördineert.".encode("utf-8"), "Coördineert."),
        ("Coördineert – planning.".encode("cp1252"), "Coördineert – planning."),
        ("Coördineert.".encode("utf-16"), "Coördineert."),
    ],
)
def test_it_reads_text_files_in_the_usual_encodings(content, text):
    assert extract("functie.txt", content) == text


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("functie.doc", b"\xd0\xcf\x11\xe0 oud Word", FILE_TYPE_NOT_ALLOWED),
        ("functie.exe", b"MZ\x90\x00", FILE_TYPE_NOT_ALLOWED),
        ("functie", b"tekst", FILE_TYPE_NOT_ALLOWED),
        ("functie.txt", b"", FILE_EMPTY),
        ("functie.docx", b"   \n", FILE_EMPTY),
        ("functie.txt", b"x" * (2 * 1024 * 1024 + 1), FILE_TOO_LARGE),
        ("functie.docx", b"PK\x03\x04 dit is geen zip", FILE_BROKEN),
        ("functie.docx", b"gewone tekst met een docx-naam", FILE_CONTENT_MISMATCH),
        ("functie.pdf", b"gewone tekst met een pdf-naam", FILE_CONTENT_MISMATCH),
        ("functie.pdf", b"%PDF-1.7\n kapot", FILE_BROKEN),
        ("functie.txt", b"%PDF-1.7\n", FILE_CONTENT_MISMATCH),
        ("functie.txt", b"bin\x00air", FILE_CONTENT_MISMATCH),
        ("functie.docx", OLE_MAGIC + b"\x00" * 100, FILE_ENCRYPTED),
    ],
)
def test_a_bad_file_gets_its_own_dutch_message(name, content, message):
    assert refused(name, content) == [message]


def test_a_password_protected_pdf_is_refused():
    assert refused("functie.pdf", make_encrypted_pdf("Geheim.")) == [FILE_ENCRYPTED]


def test_a_pdf_without_text_is_refused():
    assert refused("scan.pdf", make_blank_pdf()) == [FILE_NO_TEXT]


def test_a_zip_without_a_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("iets.txt", "geen document")
    assert refused("functie.docx", buffer.getvalue()) == [FILE_CONTENT_MISMATCH]


def test_a_zip_bomb_is_refused_before_unpacking():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"0" * (41 * 1024 * 1024))
    assert len(buffer.getvalue()) < 2 * 1024 * 1024
    assert refused("functie.docx", buffer.getvalue()) == [FILE_BROKEN]


def test_a_truncated_docx_is_refused():
    content = make_docx(["Notuleert."])
    assert refused("functie.docx", content[: len(content) // 2]) == [FILE_BROKEN]
