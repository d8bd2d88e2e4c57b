"""Text out of an uploaded role description: .docx, .pdf or .txt.

Files are read in memory and never stored. Every way a file can be wrong ends in an
`ExtractionError` with one Dutch message, never in an unexpected exception: the form shows it.

Reading is bounded by the work it takes, not by what the file says about itself. A worker is
shared by threads, so a clock cannot stop a read; instead every reader counts what it does and
stops as soon as a count passes its limit:
- the text itself: past the form's limits (characters and words) reading stops at once;
- a .docx: word/document.xml is inflated by us, in small steps, counting the bytes that really
  come out (a zip header may lie about them), and parsed as a stream, counting paragraphs and
  XML elements; one XML token (a tag, comment or instruction) or text node past the limits of
  functiewaardering.bounded_xml is refused while it is still coming in, as expat 2.5 would
  parse it again from its start for every chunk;
- a .pdf: the pages, and for every page the content streams, forms and fonts pypdf will parse
  on it, weighed before pypdf starts. A stream shared by many pages is weighed once per page,
  because pypdf parses it once per page.
"""

import io
import logging
import re
import struct
import zipfile
import zlib
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from functiewaardering import bounded_xml
from grading.services.submissions import MAX_CHARACTERS, MAX_WORDS, TEXT_TOO_LONG

logger = logging.getLogger(__name__)


def _dutch_number(number: int) -> str:
    return f"{number:,}".replace(",", ".")


MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # word/document.xml as it really inflates, not as declared
MAX_DOCX_PARAGRAPHS = 50_000  # table cells hold paragraphs too
MAX_DOCX_ELEMENTS = 500_000  # 25 a word at the word limit: room for heavy formatting
MAX_PDF_PAGES = 300
# The work pypdf may do on one file, in units of at most about 14 µs of its time (see _PdfWork):
# about 1.4 s at worst. Plain text PDFs use 2 to 3 units a word, so all but the longest fit.
MAX_PDF_WORK = 100_000
MAX_PDF_STREAM_BYTES = 8 * 1024 * 1024  # one decoded stream; pypdf's own default is 75 MB
ALLOWED_EXTENSIONS = (".docx", ".pdf", ".txt")

FILE_TOO_LARGE = "Het bestand is groter dan 2 MB. Kies een kleiner bestand of plak de tekst."
FILE_TYPE_NOT_ALLOWED = "Alleen .docx-, .pdf- en .txt-bestanden kunnen worden gelezen."
FILE_EMPTY = "Het bestand is leeg."
FILE_BROKEN = "Het bestand kan niet worden gelezen; het lijkt beschadigd. Plak de tekst in het tekstveld."
FILE_CONTENT_MISMATCH = "De inhoud van het bestand past niet bij de extensie. Kies een echt .docx-, .pdf- of .txt-bestand."
FILE_ENCRYPTED = "Het bestand is met een wachtwoord beveiligd. Sla het op zonder wachtwoord en probeer het opnieuw."
FILE_NO_TEXT = "In het bestand staat geen tekst die we kunnen lezen (is het een scan?). Plak de tekst in het tekstveld."
DOCX_TOO_LARGE_UNPACKED = (
    f"Het Word-document is uitgepakt groter dan {MAX_UNPACKED_BYTES // (1024 * 1024)} MB. Zoveel past niet in "
    "een functiebeschrijving; plak de tekst in het tekstveld."
)
DOCX_TOO_MANY_PARAGRAPHS = (
    f"Het Word-document heeft meer dan {_dutch_number(MAX_DOCX_PARAGRAPHS)} alinea's (tabelcellen meegeteld). "
    "Zoveel past niet in een functiebeschrijving; plak de tekst in het tekstveld."
)
DOCX_TOO_COMPLEX = (
    f"Het Word-document bestaat uit meer dan {_dutch_number(MAX_DOCX_ELEMENTS)} opmaakonderdelen en is te zwaar "
    "om te lezen. Sla het op als .txt of plak de tekst in het tekstveld."
)
DOCX_TOKEN_TOO_LARGE = (
    f"Het Word-document bevat één onderdeel (een opmerking, opmaakcode of tekst) van meer dan "
    f"{bounded_xml.MAX_TOKEN_BYTES // 1024} KB en is te zwaar om te lezen. Sla het op als .txt of plak de tekst "
    "in het tekstveld."
)
PDF_TOO_MANY_PAGES = (
    f"De pdf heeft meer dan {MAX_PDF_PAGES} pagina's. Zoveel past niet in een functiebeschrijving; kies een "
    "kortere pdf of plak de tekst in het tekstveld."
)
PDF_TOO_COMPLEX = (
    "De pdf is zo zwaar opgebouwd dat het lezen ervan meer dan een paar seconden zou kosten. Sla het "
    "document op als .docx of .txt, of plak de tekst in het tekstveld."
)

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # also how Office stores a password-protected .docx
PDF_MAGIC = b"%PDF-"


class ExtractionError(ValidationError):
    pass


class TextBudget:
    """The form's limits, counted while text comes in, so reading stops as soon as they are passed."""

    def __init__(self) -> None:
        self.characters = 0
        self.words = 0

    def check_characters(self, count: int) -> None:
        """Refuse if `count` more characters would pass the limit."""
        if self.characters + count > MAX_CHARACTERS:
            raise ExtractionError(TEXT_TOO_LONG, code="too_long")

    def add_characters(self, count: int) -> None:
        self.check_characters(count)
        self.characters += count

    def add_words(self, text: str) -> None:
        self.words += len(text.split())
        if self.words > MAX_WORDS:
            raise ExtractionError(TEXT_TOO_LONG, code="too_long")


def extract_text(*, upload: UploadedFile) -> str:
    """The text of the file; raises ExtractionError with a Dutch message."""
    extension = PurePath(upload.name or "").suffix.lower()
    if extension not in ALLOWED_EXTENSIONS:
        raise ExtractionError(FILE_TYPE_NOT_ALLOWED, code="type")
    if upload.size is not None and upload.size > MAX_FILE_BYTES:
        raise ExtractionError(FILE_TOO_LARGE, code="size")
    upload.seek(0)
    data = upload.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise ExtractionError(FILE_TOO_LARGE, code="size")
    if not data.strip():
        raise ExtractionError(FILE_EMPTY, code="empty")
    reader = {".docx": _docx_text, ".pdf": _pdf_text, ".txt": _txt_text}[extension]
    text = reader(data)
    if not text.strip():
        raise ExtractionError(FILE_NO_TEXT, code="no_text")
    return text


# .docx ------------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # as expat names it
MC_FALLBACK = "http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Inside a run: what it shows besides w:t. w:delText (deleted) and w:instrText (field codes) are left out.
RUN_TEXT = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
LOCAL_FILE_HEADER = struct.Struct("<4s5H3L2H")
STORED, DEFLATED = 0, 8  # the compression methods of a .docx
INFLATE_STEP = 64 * 1024


def _docx_text(data: bytes) -> str:
    if data.startswith(OLE_MAGIC):
        raise ExtractionError(FILE_ENCRYPTED, code="encrypted")
    if not data.startswith(ZIP_MAGIC):
        raise ExtractionError(FILE_CONTENT_MISMATCH, code="mismatch")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:  # an honest bomb
                raise ExtractionError(DOCX_TOO_LARGE_UNPACKED, code="unpacked_size")
            document = next((m for m in members if m.filename == "word/document.xml"), None)
    except (zipfile.BadZipFile, ValueError, EOFError, OSError, struct.error):
        raise ExtractionError(FILE_BROKEN, code="broken") from None
    if document is None:
        raise ExtractionError(FILE_CONTENT_MISMATCH, code="mismatch")
    try:
        return "\n".join(_docx_lines(_MemberStream(data, document)))
    except ExtractionError:
        raise
    except Exception:  # a file shaped in a way no check foresaw: still a Dutch message, not a 500
        logger.info("Unreadable .docx upload", exc_info=True)
        raise ExtractionError(FILE_BROKEN, code="broken") from None


class _MemberStream:
    """One zip member, inflated on demand in small steps by a reader that trusts no header.

    Counts the bytes that really come out: more than the member declares, or more than
    MAX_UNPACKED_BYTES, stops the read at once. At the end the size and CRC must match.
    """

    def __init__(self, data: bytes, member) -> None:
        self.declared = member.file_size
        self.crc = member.CRC
        self.produced = 0
        self.running_crc = 0
        self.finished = False
        header_at = member.header_offset
        header = data[header_at:header_at + LOCAL_FILE_HEADER.size]
        if len(header) < LOCAL_FILE_HEADER.size:
            raise ExtractionError(FILE_BROKEN, code="broken")
        signature, _, flags, method, _, _, _, _, _, name_length, extra_length = LOCAL_FILE_HEADER.unpack(header)
        if signature != ZIP_MAGIC or flags & 0x1 or method not in (STORED, DEFLATED):  # 0x1: encrypted
            raise ExtractionError(FILE_BROKEN, code="broken")
        start = header_at + LOCAL_FILE_HEADER.size + name_length + extra_length
        self.pending = memoryview(data)[start:start + member.compress_size]
        self.inflater = zlib.decompressobj(-15) if method == DEFLATED else None

    def read(self, size: int = -1) -> bytes:
        if self.finished:
            return b""
        size = INFLATE_STEP if size is None or size < 0 else min(size, INFLATE_STEP)
        try:
            chunk = self._next(size)
        except zlib.error:
            raise ExtractionError(FILE_BROKEN, code="broken") from None
        self.produced += len(chunk)
        if self.produced > MAX_UNPACKED_BYTES:
            raise ExtractionError(DOCX_TOO_LARGE_UNPACKED, code="unpacked_size")
        if self.produced > self.declared:  # the header lies about the size
            raise ExtractionError(FILE_BROKEN, code="broken")
        self.running_crc = zlib.crc32(chunk, self.running_crc)
        if self.finished and (self.produced != self.declared or self.running_crc != self.crc):
            raise ExtractionError(FILE_BROKEN, code="broken")
        return chunk

    def _next(self, size: int) -> bytes:
        if self.inflater is None:  # stored
            chunk, self.pending = bytes(self.pending[:size]), self.pending[size:]
            self.finished = not self.pending
            return chunk
        while True:
            source = self.inflater.unconsumed_tail or bytes(self.pending[:INFLATE_STEP])
            if not self.inflater.unconsumed_tail:
                self.pending = self.pending[len(source):]
            chunk = self.inflater.decompress(source, size)
            if self.inflater.eof:
                self.finished = True
                return chunk
            if not self.pending and not self.inflater.unconsumed_tail:
                raise ExtractionError(FILE_BROKEN, code="broken")  # cut off before its end
            if chunk:
                return chunk


def _docx_lines(stream: _MemberStream) -> list[str]:
    """Paragraphs and table cells in document order, one paragraph a line."""
    reader = _DocxReader()
    parser = bounded_xml.BoundedParser(
        start=reader.start, end=reader.end, characters=reader.characters, namespace_separator="}"
    )
    try:
        parser.parse(stream.read)
    except (bounded_xml.TokenTooLarge, bounded_xml.TextTooLarge):
        raise ExtractionError(DOCX_TOKEN_TOO_LARGE, code="token") from None
    except (bounded_xml.DtdForbidden, bounded_xml.ExpatError):  # a .docx has no DTD and no entities
        raise ExtractionError(FILE_BROKEN, code="broken") from None
    return reader.lines


class _DocxReader:
    """Collects the lines of word/document.xml from the parser's events; raises at any limit.

    A cell spanning columns is one w:tc, so it is read once; a cell that continues a vertical
    merge holds nothing new and is left out. Paragraphs in text boxes count too; the
    compatibility fallback copy of a text box is skipped.
    """

    def __init__(self) -> None:
        self.budget = TextBudget()
        self.lines: list[str] = []
        self.paragraphs: list[list[str]] = []  # open paragraphs, innermost last: their text so far
        self.cells: list[dict] = []  # open table cells, innermost last
        self.elements = self.paragraph_count = 0
        self.runs = self.texts = self.skipping = 0  # how deep inside w:r, w:t and a skipped subtree

    def start(self, name: str, attributes: dict) -> None:
        self.elements += 1
        if self.elements > MAX_DOCX_ELEMENTS:
            raise ExtractionError(DOCX_TOO_COMPLEX, code="elements")
        if self.skipping or name == MC_FALLBACK:
            self.skipping += 1
        elif name == f"{W}p":
            self.paragraph_count += 1
            if self.paragraph_count > MAX_DOCX_PARAGRAPHS:
                raise ExtractionError(DOCX_TOO_MANY_PARAGRAPHS, code="paragraphs")
            self.paragraphs.append([])
        elif name == f"{W}r":
            self.runs += 1
        elif name == f"{W}t":
            self.texts += 1
        elif self.runs and name in RUN_TEXT:
            self._add(RUN_TEXT[name])
        elif self.runs and name == f"{W}br" and attributes.get(f"{W}type", "textWrapping") == "textWrapping":
            self._add("\n")
        elif name == f"{W}tc":
            self.cells.append({"lines": [], "continues": False})
        elif name == f"{W}vMerge" and self.cells:
            self.cells[-1]["continues"] = attributes.get(f"{W}val", "continue") == "continue"

    def end(self, name: str) -> None:
        if self.skipping:
            self.skipping -= 1
        elif name == f"{W}p" and self.paragraphs:
            line = "".join(self.paragraphs.pop())
            self.budget.add_characters(1)  # the line break after it
            self.budget.add_words(line)
            (self.cells[-1]["lines"] if self.cells else self.lines).append(line)
        elif name == f"{W}r":
            self.runs -= 1
        elif name == f"{W}t":
            self.texts -= 1
        elif name == f"{W}tc" and self.cells:
            cell = self.cells.pop()
            if not cell["continues"]:
                (self.cells[-1]["lines"] if self.cells else self.lines).extend(cell["lines"])

    def characters(self, text: str) -> None:
        if self.texts and not self.skipping:
            self._add(text)

    def _add(self, text: str) -> None:
        if self.paragraphs:
            self.budget.add_characters(len(text))
            self.paragraphs[-1].append(text)


# .pdf -------------------------------------------------------------------------------------------

# The weights below were measured with pypdf 7.1 on the shapes a content stream can take (text
# lines, kerned TJ arrays, one glyph per hex string, bare operators, numbers, names, long strings).
# Bytes at which pypdf's content parser starts a new object: whitespace and delimiters. Their count
# bounds the objects and operators it builds, each of which costs it up to about one unit.
TOKEN_STARTS = (b" ", b"\n", b"\r", b"\t", b"(", b"<", b">", b"[", b"/", b"{", b"%")
BYTES_PER_UNIT = 8  # long strings are read and decoded byte by byte
FONT_UNITS = 12  # reading one font for one page, before its maps and widths
FONT_DISCOUNT = 8  # a ToUnicode map and width arrays cost less per token than content
CMAP_ENTRIES_PER_UNIT = 2  # a bfrange line "<0000> <FFFF> <0020>" makes 65,536 map entries
FONT_FILE_DISCOUNT = 1024  # an embedded font file is only hashed, to find its cached map
CMAP_RANGE = re.compile(rb"<([0-9A-Fa-f]{1,8})>\s*<([0-9A-Fa-f]{1,8})>\s*<")
# Objects (dictionaries, arrays: a font's widths, say) are parsed once, from the file or from an
# object stream. From the file pypdf reads a token in one to four calls of about 2.5 µs each.
READS_PER_UNIT = 4
READ_BYTES_PER_UNIT = 64 * 1024  # a stream's data is read in one call, and only copied
OBJECT_STREAM_DISCOUNT = 2  # an object stream is charged whole when first used: most of it may be


class _PdfWork:
    """What pypdf's text extraction will cost, charged before pypdf spends it.

    A page's content streams and fonts are charged before pypdf reads the page, a form XObject
    when its `Do` operator is about to run it; a stream shared by many pages is charged on every
    page, as pypdf parses it again on every page. The visitors also count the characters pypdf
    produces, so a page of endless text stops halfway.
    """

    def __init__(self, budget: TextBudget) -> None:
        self.used = 0
        self.reads = 0
        self.text = budget
        self.page_characters = 0
        self.costs: dict = {}  # by stream object, as pypdf caches the decoded data too
        self.resources: list = []  # the resources of the page, then of every form being run
        self.refused: ExtractionError | None = None

    def charge(self, units: int) -> None:
        self.used += units
        if self.used > MAX_PDF_WORK:
            raise ExtractionError(PDF_TOO_COMPLEX, code="work")

    def charge_read(self, size: int) -> None:
        """pypdf read from the file: one call per token or so while it parses an object."""
        self.reads += 1 + size // (READ_BYTES_PER_UNIT // READS_PER_UNIT)
        if self.reads >= READS_PER_UNIT:
            units, self.reads = divmod(self.reads, READS_PER_UNIT)
            self.charge(units)

    def charge_object_stream(self, stream) -> None:
        if ("objects", id(stream)) not in self.costs:
            self.costs[("objects", id(stream))] = True
            self.charge(self.stream_cost(stream) // OBJECT_STREAM_DISCOUNT + 1)

    def stream_cost(self, value) -> int:
        from pypdf.generic import StreamObject

        stream = _resolved(value)
        if not isinstance(stream, StreamObject):
            return 0
        if id(stream) not in self.costs:
            data = stream.get_data()
            self.costs[id(stream)] = sum(data.count(start) for start in TOKEN_STARTS) + len(data) // BYTES_PER_UNIT
        return self.costs[id(stream)]

    def cmap_entries(self, value) -> int:
        """How many map entries the ranges of a ToUnicode map expand to (pypdf stops at 100,000)."""
        from pypdf.generic import StreamObject

        stream = _resolved(value)
        if not isinstance(stream, StreamObject):
            return 0
        key = ("cmap", id(stream))
        if key not in self.costs:
            ranges = CMAP_RANGE.finditer(stream.get_data())
            entries = sum(max(0, int(end, 16) - int(start, 16) + 1) for start, end in (m.groups() for m in ranges))
            self.costs[key] = min(entries, 100_000)
        return self.costs[key]

    def charge_page(self, page) -> None:
        contents = _resolved(page.get("/Contents"))
        for stream in contents if isinstance(contents, list) else [contents]:
            self.charge(self.stream_cost(stream) + 1)  # one by one: each may decode to megabytes
        resources = _dict(page.get("/Resources"))
        self.charge_fonts(resources)
        self.resources = [resources]
        self.page_characters = 0

    def charge_fonts(self, resources) -> None:
        """pypdf reads every font of the resources, again for every page and form that has them."""
        fonts = _dict(resources.get("/Font"))
        for name in list(fonts):
            font = _dict(fonts[name])
            units = FONT_UNITS + self.stream_cost(font.get("/ToUnicode")) // FONT_DISCOUNT
            units += self.cmap_entries(font.get("/ToUnicode")) // CMAP_ENTRIES_PER_UNIT
            arrays = [font.get("/Widths"), _dict(font.get("/Encoding")).get("/Differences")]
            arrays += [_dict(descendant).get("/W") for descendant in _array(font.get("/DescendantFonts"))]
            units += sum(len(_array(array)) for array in arrays) // FONT_DISCOUNT
            if "/ToUnicode" not in font:
                descriptor = _dict(font.get("/FontDescriptor"))
                for key in ("/FontFile", "/FontFile3"):
                    units += self.stream_cost(descriptor.get(key)) // FONT_FILE_DISCOUNT
            self.charge(units)

    # pypdf calls these three while it extracts. It swallows an exception raised inside a form,
    # so once refused, every later call raises again until the page's own loop is reached.
    def before(self, operator, operands, cm, tm) -> None:
        self._raise_if_refused()
        if operator != b"Do":
            return
        xobject = _dict(_dict(self.resources[-1].get("/XObject")).get(operands[0])) if operands else {}
        is_form = xobject.get("/Subtype") == "/Form"
        self.resources.append(_dict(xobject.get("/Resources")) if is_form else {})
        if is_form:
            self._guarded(lambda: self.charge(self.stream_cost(xobject) + 1))
            self._guarded(lambda: self.charge_fonts(self.resources[-1]))

    def after(self, operator, operands, cm, tm) -> None:
        if operator == b"Do" and len(self.resources) > 1:
            self.resources.pop()
        self._raise_if_refused()

    def text_shown(self, text, cm, tm, font, size) -> None:
        self._raise_if_refused()
        self.page_characters += len(text)
        self._guarded(lambda: self.text.check_characters(self.page_characters))

    def _guarded(self, action) -> None:
        try:
            action()
        except ExtractionError as error:
            self.refused = error
            raise

    def _raise_if_refused(self) -> None:
        if self.refused is not None:
            raise self.refused


class _MeteredFile(io.BytesIO):
    """The uploaded file as pypdf reads it, every read charged to the work."""

    def __init__(self, data: bytes, work: _PdfWork) -> None:
        super().__init__(data)
        self.work = work

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.work.charge_read(len(chunk))
        return chunk


def _metered_reader(data: bytes, work: _PdfWork):
    """A PdfReader whose parsing of objects, from the file or from object streams, is charged."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    class MeteredReader(PdfReader):
        def get_object(self, indirect_reference):
            number = indirect_reference if isinstance(indirect_reference, int) else indirect_reference.idnum
            in_stream = getattr(self, "xref_objStm", {}).get(number)
            if in_stream is not None and self.cache_get_indirect_object(0, number) is None:
                work.charge_object_stream(super().get_object(IndirectObject(in_stream[0], 0, self)))
            return super().get_object(indirect_reference)

    return MeteredReader(_MeteredFile(data, work))


def _resolved(value):
    """The object behind an indirect reference."""
    return value.get_object() if hasattr(value, "get_object") else value


def _dict(value) -> dict:
    value = _resolved(value)
    return value if isinstance(value, dict) else {}


def _array(value) -> list:
    value = _resolved(value)
    return value if isinstance(value, list) else []


def _pdf_text(data: bytes) -> str:
    if PDF_MAGIC not in data[:1024]:
        raise ExtractionError(FILE_CONTENT_MISMATCH, code="mismatch")
    from pypdf import apply_configuration
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    limits = {
        f"{kind}_maximum_output_length": MAX_PDF_STREAM_BYTES
        for kind in ("zlib", "lzw", "run_length", "jbig2", "brotli", "array_based_stream")
    }
    # Listing the pages reads every page object (about 0.1 ms each): stop the page tree early.
    limits["page_tree_maximum_entries"] = 2 * MAX_PDF_PAGES  # pages and the nodes above them
    try:
        with apply_configuration(**limits):
            work = _PdfWork(TextBudget())
            reader = _metered_reader(data, work)
            if reader.is_encrypted:
                # Many "protected" PDFs only restrict printing and open without a password.
                if not reader.decrypt(""):
                    raise ExtractionError(FILE_ENCRYPTED, code="encrypted")
            _check_page_count(reader)
            return _pdf_pages_text(reader, work)
    except ExtractionError:
        raise
    except (DependencyError, NotImplementedError, FileNotDecryptedError):
        raise ExtractionError(FILE_ENCRYPTED, code="encrypted") from None
    except (LimitReachedError, RecursionError):
        raise ExtractionError(PDF_TOO_COMPLEX, code="work") from None
    except Exception:  # pypdf raises many kinds on a damaged file
        logger.info("Unreadable .pdf upload", exc_info=True)
        raise ExtractionError(FILE_BROKEN, code="broken") from None


def _check_page_count(reader) -> None:
    """The count the page tree states first, as it costs nothing; then the pages it really lists."""
    from pypdf.errors import LimitReachedError

    declared = _dict(_dict(reader.trailer.get("/Root")).get("/Pages")).get("/Count")
    if isinstance(declared, int) and declared > MAX_PDF_PAGES:
        raise ExtractionError(PDF_TOO_MANY_PAGES, code="pages")
    try:
        pages = len(reader.pages)
    except LimitReachedError:  # more pages than the tree declared, or a tree built to be walked forever
        raise ExtractionError(PDF_TOO_MANY_PAGES, code="pages") from None
    if pages > MAX_PDF_PAGES:
        raise ExtractionError(PDF_TOO_MANY_PAGES, code="pages")


def _pdf_pages_text(reader, work: _PdfWork) -> str:
    budget = work.text
    texts = []
    for page in reader.pages:
        work.charge_page(page)
        text = page.extract_text(
            visitor_operand_before=work.before, visitor_operand_after=work.after, visitor_text=work.text_shown
        ) or ""
        work._raise_if_refused()  # refused inside the page's last form: pypdf swallowed it
        budget.add_characters(len(text) + 1)  # and the line break after it
        budget.add_words(text)
        texts.append(text)
    return "\n".join(texts)


# .txt -------------------------------------------------------------------------------------------

def _txt_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte order mark (Notepad)
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ExtractionError(FILE_BROKEN, code="broken") from None
    if data.startswith((ZIP_MAGIC, OLE_MAGIC, PDF_MAGIC)) or b"\x00" in data:
        raise ExtractionError(FILE_CONTENT_MISMATCH, code="mismatch")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ExtractionError(FILE_BROKEN, code="broken")
