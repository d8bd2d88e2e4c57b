"""Hostile role descriptions and catalogue files, built in memory: the inputs that once stalled a worker.

Shared by the tests (tests/grading/test_hostile_inputs.py) and `manage.py benchmark_uploads`, so
the files the benchmark measures are the files the tests refuse. Nothing here is stored or sent.
"""

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass

import yaml

DOCX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
).encode()
DOCX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="word/document.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
).encode()
DOCUMENT_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
).encode()
DOCUMENT_END = b"</w:body></w:document>"


@dataclass(frozen=True)
class HostileInput:
    """One hostile input: posted as the text field, or uploaded as a file.

    `target` is the path it is sent down: "submit" (the role description form of /indelen/, and
    the grading of a text it accepts), "search" (`text` as the query of /profielen/?zoek=),
    "catalogue" (`content` as a file uploaded on /beheer/importeren/, read and validated) or
    "engine" (`text` added to an element of a stored family: the engine's index is built and a
    role is graded). `expect_refusal` is False for an input that is fine to accept, as long as
    it is cheap.
    """

    name: str
    description: str
    text: str | None = None
    filename: str | None = None
    content: bytes | None = None
    target: str = "submit"
    expect_refusal: bool = True

    def size(self) -> int:
        return len(self.content) if self.content is not None else len(self.text.encode())


def docx_from_document_xml(document_xml: bytes) -> bytes:
    """A minimal but valid .docx around the given word/document.xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("_rels/.rels", DOCX_RELS)
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def paragraph_bomb_docx(*, paragraphs: int = 1_150_000, text: str = "a") -> bytes:
    """About 150 KB that unpacks to 39 MB (under the old 40 MB cap): a million tiny paragraphs."""
    paragraph = f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>".encode() if text else b"<w:p/>"
    return docx_from_document_xml(DOCUMENT_START + paragraph * paragraphs + DOCUMENT_END)


def element_bomb_docx(*, runs: int = 2_000_000) -> bytes:
    """One paragraph of two million empty runs: no text at all, only XML elements."""
    return docx_from_document_xml(DOCUMENT_START + b"<w:p>" + b"<w:r/>" * runs + b"</w:p>" + DOCUMENT_END)


def lying_header_docx(*, real_bytes: int = 1_900_000_000, declared_bytes: int = 1_000) -> bytes:
    """A .docx whose word/document.xml says it holds 1,000 bytes but inflates to 1.9 GB.

    Deflating the same megabyte after a full flush gives the same bytes each time, so the bomb is
    built by repetition in milliseconds instead of compressing 1.9 GB.
    """
    head = DOCUMENT_START + b"<w:p><w:r><w:t>"
    chunk = b"a" * (1 << 20)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    assert block == compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    compressed = first + block * max(1, (real_bytes - len(head)) // len(chunk)) + compressor.flush()
    declared = (head + chunk)[:declared_bytes]
    members = [
        _zip_member("[Content_Types].xml", DOCX_CONTENT_TYPES),
        _zip_member("_rels/.rels", DOCX_RELS),
        ("word/document.xml", compressed, zlib.crc32(declared), declared_bytes),
    ]
    return _zip(members)


def _zip_member(name: str, data: bytes) -> tuple[str, bytes, int, int]:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return name, compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data)


def _zip(members: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip archive written by hand, so a member can declare any size it likes."""
    body, directory = io.BytesIO(), io.BytesIO()
    for name, compressed, crc, size in members:
        encoded = name.encode()
        offset = body.tell()
        body.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 8, 0, 0, crc, len(compressed), size,
                               len(encoded), 0))
        body.write(encoded + compressed)
        directory.write(struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 8, 0, 0, crc, len(compressed),
                                    size, len(encoded), 0, 0, 0, 0, 0, offset))
        directory.write(encoded)
    start, length = body.tell(), directory.tell()
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, len(members), len(members), length, start, 0)
    return body.getvalue() + directory.getvalue() + end


def text_pdf(pages: list[bytes], *, shared: bool = False, forms: dict[str, bytes] | None = None,
             to_unicode: bytes | None = None, declared_pages: int | None = None,
             resources: dict | None = None, writer=None) -> bytes:
    """A PDF with Helvetica text: one content stream per page, or the first one for every page.

    `forms` become form XObjects that a page's content may draw with `/Name Do`; `to_unicode`
    becomes the font's ToUnicode map; `declared_pages` replaces the page count the page tree
    states; `resources` are added to the pages' resources (objects of `writer`). Pages share
    their resources, as in most real PDFs.
    """
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    def stream(data: bytes, **entries) -> object:
        obj = DecodedStreamObject()
        obj.set_data(data)
        obj = obj.flate_encode()
        obj.update({NameObject(key): value for key, value in entries.items()})
        return writer._add_object(obj)

    writer = writer or PdfWriter()
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    })
    if to_unicode is not None:
        font[NameObject("/ToUnicode")] = stream(to_unicode)
    fonts = DictionaryObject({NameObject("/F1"): writer._add_object(font)})
    extra = resources or {}
    resources = DictionaryObject({NameObject("/Font"): fonts})
    for key, value in extra.items():
        resources[NameObject(key)] = value
    if forms:
        form_resources = DictionaryObject({NameObject("/Font"): fonts})
        resources[NameObject("/XObject")] = DictionaryObject({
            NameObject(f"/{name}"): stream(data, **{"/Type": NameObject("/XObject"), "/Subtype": NameObject("/Form"),
                                                    "/Resources": form_resources})
            for name, data in forms.items()
        })
    resources = writer._add_object(resources)
    streams = {}
    for number, content in enumerate(pages):
        key = 0 if shared else number
        if key not in streams:
            streams[key] = stream(content)
        page = writer.add_blank_page(width=595, height=842)
        page[NameObject("/Contents")] = streams[key]
        page[NameObject("/Resources")] = resources
    if declared_pages is not None:
        from pypdf.generic import NumberObject

        writer.root_object["/Pages"].get_object()[NameObject("/Count")] = NumberObject(declared_pages)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def text_operators(text: str) -> bytes:
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return f"BT /F1 12 Tf 72 770 Td ({escaped}) Tj ET\n".encode("latin-1")


def shared_stream_pdf(*, pages: int = 300, stream_bytes: int = 2 * 1024 * 1024) -> bytes:
    """About 55 KB: 300 pages that all draw the same 2 MB content stream."""
    line = text_operators("Notuleert de vergaderingen van de raad.")
    return text_pdf([line * (stream_bytes // len(line))] * pages, shared=True)


def form_bomb_pdf(*, invocations: int = 5_000, form_bytes: int = 100_000) -> bytes:
    """One page that draws a 100 KB form XObject 5,000 times: pypdf parses the form each time."""
    line = text_operators("Beheert het archief.")
    return text_pdf([b"/X0 Do\n" * invocations], forms={"X0": line * (form_bytes // len(line))})


def cmap_bomb_pdf(*, pages: int = 300) -> bytes:
    """300 pages sharing one font whose ToUnicode map of 200 bytes expands to 100,000 entries."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Bom def\n"
        b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        b"2 beginbfrange\n<0000> <FFFF> <0000>\n<0000> <FFFF> <0001>\nendbfrange\nendcmap\n"
    )
    return text_pdf([text_operators("Pagina met een regel tekst.")] * pages, shared=True, to_unicode=cmap)


def stream_bombs_pdf(*, streams: int = 200, stream_bytes: int = 4 * 1024 * 1024) -> bytes:
    """One page whose content is 200 streams of 4 KB that each inflate to 4 MB of blanks."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, NameObject, StreamObject

    compressed = zlib.compress(b" " * stream_bytes, 9)
    writer = PdfWriter()
    page = writer.add_blank_page(width=595, height=842)
    contents = ArrayObject()
    for _ in range(streams):
        stream = StreamObject()
        stream._data = compressed
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        contents.append(writer._add_object(stream))
    page[NameObject("/Contents")] = contents
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def object_bomb_pdf(*, fonts: int = 10, widths: int = 99_000) -> bytes:
    """A page with ten fonts whose width arrays hold 99,000 numbers each: 2 MB of objects to parse."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    writer = PdfWriter()
    resources = DictionaryObject()
    for number in range(fonts):
        resources[NameObject(f"/F{number}")] = writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/TrueType"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/FirstChar"): NumberObject(0),
            NameObject("/Widths"): writer._add_object(ArrayObject([NumberObject(5)] * widths)),
        }))
    return text_pdf([text_operators("Beheert het archief.")], resources={"/Font": resources}, writer=writer)


def long_pdf(*, pages: int = 301, declared_pages: int | None = None) -> bytes:
    """One page more than the limit, each with one short line; the page tree may lie about the count."""
    return text_pdf([text_operators("Pagina met een regel tekst.")] * pages, shared=True, declared_pages=declared_pages)


def encrypted_pdf(*, algorithm: str = "AES-256", user_password: str = "geheim") -> bytes:
    """A text PDF that opens only with a password."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([text_operators("Beheert het archief.")]))))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm=algorithm)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def long_word(length: int) -> str:
    """One word without end: a run of vowels is the worst case for Snowball's Dutch stemmer."""
    return "zk" + "ae" * ((length - 2) // 2)


def long_word_inputs() -> list[HostileInput]:
    """A word of thousands of letters once cost work quadratic in its length, wherever it was read."""
    role = "Als secretaris notuleer je de vergaderingen en beheer je het archief. "
    return [
        HostileInput("long-word-search", "zoeken: 'bcd' en 4.055 keer 'a' (4 KB)", text="bcd" + "a" * 4_055,
                     target="search"),
        HostileInput("long-word-query", "zoeken: één woord van 200 letters (de grens)", text=long_word(200),
                     target="search", expect_refusal=False),
        HostileInput("long-word-text", "tekst: één woord van 16.000 letters, ingedeeld",
                     text=long_word(16_000), expect_refusal=False),
        HostileInput("long-word-txt", "txt: een functie met een woord van 10.000 letters, ingedeeld",
                     filename="functie.txt", content=(role + long_word(10_000) + ". " + role).encode(),
                     expect_refusal=False),
        HostileInput("long-word-family", "familie: een element dat eindigt op een woord van 25.000 letters, "
                     "geïndexeerd en gebruikt", text=long_word(25_000), target="engine", expect_refusal=False),
    ]


def _long_token_member(name: str, head: bytes, filler: int, tail: bytes) -> tuple[str, bytes, int, int]:
    """A zip member of `head`, `filler` bytes of "a" and `tail`, deflated in milliseconds.

    As in lying_header_docx, deflating the same megabyte after a full flush gives the same
    bytes each time; only the remainder and the ends are compressed on their own.
    """
    block = b"a" * (1 << 20)
    blocks, rest = divmod(filler, len(block))
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeated = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH) if blocks else b""
    compressed = first + repeated * blocks + compressor.compress(b"a" * rest + tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(blocks):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(b"a" * rest + tail, crc)
    return name, compressed, crc, len(head) + filler + len(tail)


LONG_TOKEN_BYTES = 38 * 1024 * 1024  # under the 40 MB either reader allows unpacked


def long_comment_docx(*, filler: int = LONG_TOKEN_BYTES) -> bytes:
    """About 40 KB: a one-paragraph .docx whose word/document.xml ends in one 38 MB comment."""
    head = DOCUMENT_START + b"<w:p><w:r><w:t>Beheert het archief.</w:t></w:r></w:p><!--"
    return _zip([
        _zip_member("[Content_Types].xml", DOCX_CONTENT_TYPES),
        _zip_member("_rels/.rels", DOCX_RELS),
        _long_token_member("word/document.xml", head, filler, b"-->" + DOCUMENT_END),
    ])


def long_attribute_docx(*, filler: int = LONG_TOKEN_BYTES) -> bytes:
    """About 40 KB: a .docx whose one paragraph has an attribute value of 38 MB."""
    head = DOCUMENT_START + b'<w:p w:rsidR="'
    tail = b'"><w:r><w:t>Beheert het archief.</w:t></w:r></w:p>' + DOCUMENT_END
    return _zip([
        _zip_member("[Content_Types].xml", DOCX_CONTENT_TYPES),
        _zip_member("_rels/.rels", DOCX_RELS),
        _long_token_member("word/document.xml", head, filler, tail),
    ])


XLSX_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XLSX_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
).encode()
XLSX_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="xl/workbook.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"/>'
    "</Relationships>"
).encode()
XLSX_WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="{XLSX_MAIN}" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Families" sheetId="1" r:id="rId1"/></sheets></workbook>'
).encode()
XLSX_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Target="worksheets/sheet1.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"/>'
    '<Relationship Id="rId2" Target="sharedStrings.xml" '
    'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
    "</Relationships>"
).encode()
FAMILY_COLUMNS = ("slug", "name", "grading_system", "jurisdiction", "sector", "source_file", "source_title",
                  "source_url", "source_date", "core")  # the first row of the template's sheet Families


def _xlsx_header_row() -> bytes:
    cells = "".join(f'<c r="{chr(65 + i)}1" t="inlineStr"><is><t>{column}</t></is></c>'
                    for i, column in enumerate(FAMILY_COLUMNS))
    return f'<row r="1">{cells}</row>'.encode()


def _xlsx(sheet: tuple[str, bytes, int, int], shared_strings: tuple[str, bytes, int, int]) -> bytes:
    """A workbook of one sheet, Families, and a shared strings part: only what openpyxl needs."""
    return _zip([
        _zip_member("[Content_Types].xml", XLSX_CONTENT_TYPES),
        _zip_member("_rels/.rels", XLSX_RELS),
        _zip_member("xl/workbook.xml", XLSX_WORKBOOK),
        _zip_member("xl/_rels/workbook.xml.rels", XLSX_WORKBOOK_RELS),
        sheet,
        shared_strings,
    ])


def _xlsx_sheet(dimension: str, rows: bytes) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{XLSX_MAIN}">'
        f'<dimension ref="{dimension}"/><sheetData>'
    ).encode() + _xlsx_header_row() + rows + b"</sheetData></worksheet>"


XLSX_SHARED_STRINGS = f'<sst xmlns="{XLSX_MAIN}" count="0" uniqueCount="0"></sst>'.encode()


def sheet_comment_xlsx(*, filler: int = LONG_TOKEN_BYTES - 1024 * 1024) -> bytes:
    """About 40 KB: the sheet Families holds one comment of 37 MB among its rows."""
    head, tail = _xlsx_sheet("A1:J1", b"<!--").split(b"<!--")
    return _xlsx(
        _long_token_member("xl/worksheets/sheet1.xml", head + b"<!--", filler, b"-->" + tail),
        _zip_member("xl/sharedStrings.xml", XLSX_SHARED_STRINGS),
    )


def shared_strings_comment_xlsx(*, filler: int = LONG_TOKEN_BYTES - 1024 * 1024) -> bytes:
    """About 40 KB: xl/sharedStrings.xml, which openpyxl reads whole on opening, holds a 37 MB comment."""
    head, tail = XLSX_SHARED_STRINGS.split(b"</sst>")
    return _xlsx(
        _zip_member("xl/worksheets/sheet1.xml", _xlsx_sheet("A1:J1", b"")),
        _long_token_member("xl/sharedStrings.xml", head + b"<!--", filler, b"-->" + b"</sst>"),
    )


def huge_dimension_xlsx() -> bytes:
    """About 2 KB: the sheet Families declares A1:XFD1048576 and has one cell in its last row.

    openpyxl trusts the declared width: every row up to the last becomes 16,384 empty values.
    """
    last = b'<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>x</t></is></c></row>'
    return _xlsx(
        _zip_member("xl/worksheets/sheet1.xml", _xlsx_sheet("A1:XFD1048576", last)),
        _zip_member("xl/sharedStrings.xml", XLSX_SHARED_STRINGS),
    )


def nested_yaml(*, depth: int = 50_000) -> bytes:
    """50,000 "[": PyYAML's composer recurses once per level and overflows Python's stack."""
    return b"[" * depth


def long_number_yaml(*, digits: int = 5_000) -> bytes:
    """A family whose slug is a number of 5,000 digits: more than int() reads (4,300)."""
    return b"slug: " + b"9" * digits + b"\n"


def flow_sequence_yaml(*, items: int = 1_300_000) -> bytes:
    """2.6 MB, just under the upload cap: one flow sequence of 1.3 million one-letter scalars."""
    return b"[" + b"a," * (items - 1) + b"a]"


def family_file(*, name: str = "Vergiftigde familie", element: str = "Beheert het archief.") -> bytes:
    """A small, otherwise valid family file (no grading system) with the given name and element."""
    family = {
        "slug": "vergiftigde-familie", "name": name, "grading_system": None, "jurisdiction": "Nederland",
        "sector": "Gemeente", "source_file": "hostile.txt",
        "criteria": [{"key": "kerntaken", "name": "Kerntaken"}],
        "levels": [{"rank": 1, "name": "Medewerker", "grade": None,
                    "cells": [{"criterion": "kerntaken", "elements": [{"text": element}]}]}],
    }
    return yaml.safe_dump(family, allow_unicode=True, sort_keys=False, width=1 << 30).encode()


def hostile_inputs() -> list[HostileInput]:
    """Every hostile input, built fresh. Takes about a second, mostly deflating the bombs."""
    long_word = "a" * 400
    return long_word_inputs() + [
        HostileInput("paragraph-bomb", "docx: 1,15 mln alinea's van één letter (39 MB uitgepakt)",
                     filename="functie.docx", content=paragraph_bomb_docx()),
        HostileInput("empty-paragraph-bomb", "docx: 6 mln lege alinea's",
                     filename="functie.docx", content=paragraph_bomb_docx(paragraphs=6_000_000, text="")),
        HostileInput("element-bomb", "docx: één alinea met 2 mln lege runs",
                     filename="functie.docx", content=element_bomb_docx()),
        HostileInput("lying-zip-header", "docx: zegt 1.000 bytes, pakt uit tot 1,9 GB",
                     filename="functie.docx", content=lying_header_docx()),
        HostileInput("shared-stream-pdf", "pdf: 300 pagina's delen één inhoud van 2 MB",
                     filename="functie.pdf", content=shared_stream_pdf()),
        HostileInput("form-bomb-pdf", "pdf: één formulier van 100 KB, 5.000 keer getekend",
                     filename="functie.pdf", content=form_bomb_pdf()),
        HostileInput("cmap-bomb-pdf", "pdf: 300 pagina's met een lettertype van 100.000 tekens",
                     filename="functie.pdf", content=cmap_bomb_pdf()),
        HostileInput("object-bomb-pdf", "pdf: tien lettertypen met elk 99.000 breedtes",
                     filename="functie.pdf", content=object_bomb_pdf()),
        HostileInput("stream-bombs-pdf", "pdf: 200 inhoudsstromen van 4 KB die elk uitpakken tot 4 MB",
                     filename="functie.pdf", content=stream_bombs_pdf()),
        HostileInput("too-many-pages-pdf", "pdf: 301 pagina's",
                     filename="functie.pdf", content=long_pdf()),
        HostileInput("page-flood-pdf", "pdf: 14.000 pagina's in 1,9 MB, volgens de paginaboom 1",
                     filename="functie.pdf", content=long_pdf(pages=14_000, declared_pages=1)),
        HostileInput("aes-pdf", "pdf: met AES-256 en een wachtwoord beveiligd",
                     filename="functie.pdf", content=encrypted_pdf()),
        HostileInput("angle-brackets", "tekst: 60.000 keer '<'", text="<" * 60_000),
        HostileInput("long-words", "tekst: 19.999 woorden van 400 tekens (8 MB)",
                     text=" ".join([long_word] * 19_999)),
        HostileInput("zero-width", "tekst: alleen tekens zonder breedte",
                     text="\u200b\u200c\u200d\u2060\ufeff" * 2_000),
        HostileInput("long-comment-docx", "docx: één opmerking van 38 MB in 40 KB",
                     filename="functie.docx", content=long_comment_docx()),
        HostileInput("long-attribute-docx", "docx: één attribuutwaarde van 38 MB in 40 KB",
                     filename="functie.docx", content=long_attribute_docx()),
        HostileInput("sheet-comment-xlsx", "xlsx: één opmerking van 37 MB in blad Families",
                     filename="functiehuis.xlsx", content=sheet_comment_xlsx(), target="catalogue"),
        HostileInput("shared-strings-comment-xlsx", "xlsx: één opmerking van 37 MB in xl/sharedStrings.xml",
                     filename="functiehuis.xlsx", content=shared_strings_comment_xlsx(), target="catalogue"),
        HostileInput("huge-dimension-xlsx", "xlsx: 2 KB dat A1:XFD1048576 opgeeft, met één cel in de laatste rij",
                     filename="functiehuis.xlsx", content=huge_dimension_xlsx(), target="catalogue"),
        HostileInput("yaml-nesting", "yaml: 50.000 keer '[' (te diep genest)",
                     filename="familie.yaml", content=nested_yaml(), target="catalogue"),
        HostileInput("yaml-long-number", "yaml: een getal van 5.000 cijfers",
                     filename="familie.yaml", content=long_number_yaml(), target="catalogue"),
        HostileInput("yaml-flow-sequence", "yaml: één lijst van 1,3 mln waarden (2,6 MB)",
                     filename="familie.yaml", content=flow_sequence_yaml(), target="catalogue"),
        HostileInput("family-long-word", "familie: een element dat eindigt op een woord van 25.000 letters",
                     filename="familie.yaml", target="catalogue",
                     content=family_file(element="Beheert het archief van " + "a" * 25_000)),
        HostileInput("family-long-name", "familie: een naam van 274 tekens (de kolom heeft er 200)",
                     filename="familie.yaml", target="catalogue", content=family_file(name=" ".join(["Medewerker"] * 25))),
    ]
