"""A .pdf: the pages, and for every page the content streams, forms and fonts pypdf will parse on
it, weighed before pypdf starts (`_PdfWork`)."""

import io
import logging
import re

from grading.services.extraction.limits import (
    FILE_BROKEN, FILE_CONTENT_MISMATCH, FILE_ENCRYPTED, MAX_PDF_PAGES, MAX_PDF_STREAM_BYTES, MAX_PDF_WORK, PDF_MAGIC,
    PDF_TOO_COMPLEX, PDF_TOO_MANY_PAGES, ExtractionError, TextBudget,
)

logger = logging.getLogger(__name__)

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


def pdf_text(data: bytes) -> str:
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
