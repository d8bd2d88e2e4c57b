"""A .docx: word/document.xml inflated by us in small steps, counting the bytes that really come
out, and parsed as a stream by a bounded expat parser, counting paragraphs and elements."""

import io
import logging
import struct
import zipfile
import zlib

from functiewaardering import bounded_xml
from grading.services.extraction.limits import (
    DOCX_TOKEN_TOO_LARGE, DOCX_TOO_COMPLEX, DOCX_TOO_LARGE_UNPACKED, DOCX_TOO_MANY_PARAGRAPHS, FILE_BROKEN,
    FILE_CONTENT_MISMATCH, FILE_ENCRYPTED, MAX_DOCX_ELEMENTS, MAX_DOCX_PARAGRAPHS, MAX_UNPACKED_BYTES, OLE_MAGIC,
    ZIP_MAGIC, ExtractionError, TextBudget,
)

logger = logging.getLogger(__name__)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main}"  # as expat names it
MC_FALLBACK = "http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Inside a run: what it shows besides w:t. w:delText (deleted) and w:instrText (field codes) are left out.
RUN_TEXT = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}cr": "\n", f"{W}noBreakHyphen": "-"}
LOCAL_FILE_HEADER = struct.Struct("<4s5H3L2H")
STORED, DEFLATED = 0, 8  # the compression methods of a .docx
INFLATE_STEP = 64 * 1024


def docx_text(data: bytes) -> str:
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
