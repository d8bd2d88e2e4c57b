import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from benchmarks import hostile_files
from benchmarks.hostile_files import (
    DOCUMENT_END,
    DOCUMENT_START,
    docx_from_document_xml,
    text_operators,
    text_pdf,
)
from functiewaardering import bounded_xml
from grading.services.extraction import docx as docx_reader
from grading.services.extraction import extract_text
from grading.services.extraction.limits import (
    DOCX_TOKEN_TOO_LARGE,
    DOCX_TOO_COMPLEX,
    DOCX_TOO_LARGE_UNPACKED,
    DOCX_TOO_MANY_PARAGRAPHS,
    FILE_BROKEN,
    FILE_CONTENT_MISMATCH,
    FILE_EMPTY,
    FILE_ENCRYPTED,
    FILE_NO_TEXT,
    FILE_TOO_LARGE,
    FILE_TYPE_NOT_ALLOWED,
    MAX_DOCX_ELEMENTS,
    MAX_DOCX_PARAGRAPHS,
    MAX_PDF_PAGES,
    OLE_MAGIC,
    PDF_TOO_COMPLEX,
    PDF_TOO_MANY_PAGES,
    ExtractionError,
)
from grading.services.submissions import MAX_CHARACTERS, MAX_WORDS, TEXT_TOO_LONG
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
    assert refused("functie.docx", buffer.getvalue()) == [DOCX_TOO_LARGE_UNPACKED]


def test_a_truncated_docx_is_refused():
    content = make_docx(["Notuleert."])
    assert refused("functie.docx", content[: len(content) // 2]) == [FILE_BROKEN]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx_with_body(body: str) -> bytes:
    return docx_from_document_xml(DOCUMENT_START + body.encode() + DOCUMENT_END)


def test_a_docx_keeps_one_line_per_paragraph_in_document_order():
    content = make_docx(["Eerste alinea.", "", "Derde alinea."], table=[["Taak", "Plannen"], ["Rol", "Secretaris"]])
    assert extract("functie.docx", content).split("\n") == [
        "Eerste alinea.", "", "Derde alinea.", "Taak", "Plannen", "Rol", "Secretaris",
    ]


def test_a_merged_cell_is_read_once():
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "Over twee kolommen"
    table.cell(0, 2).merge(table.cell(1, 2)).text = "Over twee rijen"
    table.cell(1, 0).text, table.cell(1, 1).text = "Links", "Midden"
    buffer = io.BytesIO()
    document.save(buffer)
    assert extract("functie.docx", buffer.getvalue()).split("\n") == [
        "Over twee kolommen", "Over twee rijen", "Links", "Midden",
    ]


def test_tabs_and_line_breaks_are_kept_and_tab_stops_deleted_text_and_field_codes_are_not():
    body = (
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>Taak</w:t><w:tab/><w:t>uur</w:t><w:br/><w:t>Volgende regel</w:t></w:r>"
        "<w:del><w:r><w:delText>geschrapt</w:delText></w:r></w:del>"
        "<w:r><w:instrText>PAGE</w:instrText></w:r>"
        '<w:r><w:br w:type="page"/><w:t xml:space="preserve"> en meer</w:t></w:r></w:p>'
    )
    assert extract("functie.docx", docx_with_body(body)) == "Taak\tuur\nVolgende regel en meer"


def test_a_text_box_is_read_once_without_its_fallback_copy():
    body = (
        '<w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:r><w:t>Voor</w:t></w:r>'
        "<w:r><mc:AlternateContent><mc:Choice><w:txbxContent><w:p><w:r><w:t>In het kader</w:t></w:r></w:p>"
        "</w:txbxContent></mc:Choice><mc:Fallback><w:txbxContent><w:p><w:r><w:t>In het kader</w:t></w:r></w:p>"
        "</w:txbxContent></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t> na</w:t></w:r></w:p>"
    )
    assert extract("functie.docx", docx_with_body(body)).split("\n") == ["In het kader", "Voor na"]


def test_a_stored_docx_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", DOCUMENT_START + b"<w:p><w:r><w:t>Ongecomprimeerd.</w:t></w:r></w:p>" + DOCUMENT_END)
    assert extract("functie.docx", buffer.getvalue()) == "Ongecomprimeerd."


def test_a_docx_that_inflates_past_its_declared_size_is_refused():
    content = hostile_files.lying_header_docx(real_bytes=5 * 1024 * 1024, declared_bytes=1_000)
    assert refused("functie.docx", content) == [FILE_BROKEN]


def central_entry(content: bytes, name: bytes = b"word/document.xml") -> int:
    """Where the central directory describes the member: its sizes and CRC are the ones read."""
    entry = content.index(b"PK\x01\x02")
    while content[entry + 46:entry + 46 + len(name)] != name:
        entry = content.index(b"PK\x01\x02", entry + 4)
    return entry


@pytest.mark.parametrize("field, value", [(16, b"\xff\xff\xff\xff"), (24, (10**6).to_bytes(4, "little"))], ids=["crc", "size"])
def test_a_docx_whose_directory_does_not_match_the_member_is_refused(field, value):
    content = bytearray(make_docx(["Notuleert de vergaderingen."]))
    entry = central_entry(content)
    content[entry + field:entry + field + 4] = value
    assert refused("functie.docx", bytes(content)) == [FILE_BROKEN]


def test_a_docx_with_a_dtd_is_refused_before_any_entity_is_expanded():
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "hahahahaha">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        f"<w:document {W}><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>"
    )
    assert refused("functie.docx", docx_from_document_xml(laughs.encode())) == [FILE_BROKEN]


@pytest.mark.parametrize(
    "document_xml",
    [DOCUMENT_START + b"<w:p><w:r><w:t>Half", DOCUMENT_START + b"<w:p></w:r>" + DOCUMENT_END, b"\x00" * 100],
    ids=["cut-off", "mismatched-tags", "not-xml"],
)
def test_a_docx_with_broken_xml_is_refused(document_xml):
    assert refused("functie.docx", docx_from_document_xml(document_xml)) == [FILE_BROKEN]


def test_reading_a_docx_stops_past_the_word_limit():
    content = hostile_files.paragraph_bomb_docx(paragraphs=MAX_WORDS + 1, text="woord")
    assert refused("functie.docx", content) == [TEXT_TOO_LONG]


def test_reading_a_docx_stops_inside_a_paragraph_past_the_character_limit():
    body = "<w:p>" + "<w:r><w:t>aaaaaaaaaa</w:t></w:r>" * (MAX_CHARACTERS // 10 + 1) + "</w:p>"
    assert refused("functie.docx", docx_with_body(body)) == [TEXT_TOO_LONG]


def test_a_docx_of_the_most_paragraphs_is_read_and_one_more_is_refused():
    body = "<w:p><w:r><w:t>Tekst.</w:t></w:r></w:p>" + "<w:p/>" * (MAX_DOCX_PARAGRAPHS - 1)
    assert extract("functie.docx", docx_with_body(body)).startswith("Tekst.\n")
    assert refused("functie.docx", docx_with_body(body + "<w:p/>")) == [DOCX_TOO_MANY_PARAGRAPHS]


def test_a_docx_of_too_many_elements_is_refused():
    assert refused("functie.docx", hostile_files.element_bomb_docx(runs=MAX_DOCX_ELEMENTS)) == [DOCX_TOO_COMPLEX]


HUGE = 8 * 1024 * 1024
LONG_TOKEN_DOCUMENTS = {
    "comment": lambda: hostile_files.long_comment_docx(filler=HUGE),
    "attribute": lambda: hostile_files.long_attribute_docx(filler=HUGE),
    "instruction": lambda: docx_with_body("<w:p><?pi " + "a" * HUGE + "?></w:p>"),
    "tag": lambda: docx_with_body("<w:p><w:" + "a" * HUGE + "/></w:p>"),
    "text outside w:t": lambda: docx_with_body("<w:p><w:r><w:instrText>" + "a" * HUGE + "</w:instrText></w:r></w:p>"),
}


@pytest.mark.parametrize("kind", LONG_TOKEN_DOCUMENTS)
def test_a_docx_with_one_huge_token_is_refused_while_it_is_read(monkeypatch, kind):
    """expat 2.5 parses an unfinished token again for every chunk: 38 MB of one took 7 s."""
    inflated = []
    read = docx_reader._MemberStream.read

    def counted(self, size=-1):
        chunk = read(self, size)
        inflated.append(len(chunk))
        return chunk

    monkeypatch.setattr(docx_reader._MemberStream, "read", counted)
    assert refused("functie.docx", LONG_TOKEN_DOCUMENTS[kind]()) == [DOCX_TOKEN_TOO_LARGE]
    limit = bounded_xml.MAX_TEXT_CHARACTERS if kind.startswith("text") else bounded_xml.MAX_TOKEN_BYTES
    assert sum(inflated) <= limit + 2 * bounded_xml.FEED_BYTES  # of 8 MB


def test_a_docx_with_real_sized_tokens_reads_as_before():
    namespaces = " ".join(f'xmlns:n{i}="http://schemas.example.org/{i}"' for i in range(40))
    document_xml = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><?mso-application progid="Word.Document"?>'
        f"<w:document {W} {namespaces}><w:body><!-- opmerking -->"
        f'<w:p w:rsidR="{"0" * (bounded_xml.MAX_TOKEN_BYTES - 3 * bounded_xml.FEED_BYTES)}">'
        "<w:r><w:t>Notuleert de vergaderingen.</w:t></w:r></w:p>"
        f"<w:p><w:r><w:t>{'Beheert het archief. ' * 6_000}</w:t></w:r></w:p>"
        "</w:body></w:document>"
    ).encode()
    assert extract("functie.docx", docx_from_document_xml(document_xml)).split("\n") == [
        "Notuleert de vergaderingen.", "Beheert het archief. " * 6_000,
    ]


def test_a_pdf_of_the_most_pages_is_read_and_one_more_is_refused():
    line = text_operators("Pagina met een regel tekst.")
    assert extract("functie.pdf", text_pdf([line] * MAX_PDF_PAGES, shared=True)).count("Pagina met") == MAX_PDF_PAGES
    assert refused("functie.pdf", hostile_files.long_pdf(pages=MAX_PDF_PAGES + 1)) == [PDF_TOO_MANY_PAGES]


@pytest.mark.parametrize("declared", [1, MAX_PDF_PAGES])
def test_a_pdf_whose_page_tree_understates_its_pages_is_refused(declared):
    content = hostile_files.long_pdf(pages=3 * MAX_PDF_PAGES, declared_pages=declared)
    assert refused("functie.pdf", content) == [PDF_TOO_MANY_PAGES]


def test_an_aes_encrypted_pdf_is_called_protected_not_broken():
    assert refused("functie.pdf", hostile_files.encrypted_pdf(algorithm="AES-256")) == [FILE_ENCRYPTED]


def test_an_aes_encrypted_pdf_without_a_user_password_is_read():
    content = hostile_files.encrypted_pdf(algorithm="AES-256", user_password="")
    assert "Beheert het archief." in extract("functie.pdf", content)


def test_reading_a_pdf_stops_inside_a_page_past_the_character_limit():
    line = text_operators("a" * 1000)
    assert refused("functie.pdf", text_pdf([line * (MAX_CHARACTERS // 1000 + 1)])) == [TEXT_TOO_LONG]


def test_reading_a_pdf_stops_past_the_word_limit():
    line = text_operators("woord " * 100)
    pages = [line * 40] * (MAX_WORDS // 4000 + 1)
    assert refused("functie.pdf", text_pdf(pages)) == [TEXT_TOO_LONG]


@pytest.mark.parametrize(
    "content",
    [
        hostile_files.shared_stream_pdf(pages=3),
        hostile_files.form_bomb_pdf(invocations=50),
        hostile_files.cmap_bomb_pdf(pages=3),
    ],
    ids=["shared-stream", "form-xobject", "cmap-ranges"],
)
def test_a_pdf_that_costs_too_much_work_is_refused(content):
    assert refused("functie.pdf", content) == [PDF_TOO_COMPLEX]


def test_a_pdf_that_draws_a_form_is_read():
    content = text_pdf([b"/X0 Do\n" + text_operators("Op de pagina.")], forms={"X0": text_operators("In het formulier.")})
    text = extract("functie.pdf", content)
    assert "In het formulier." in text and "Op de pagina." in text
