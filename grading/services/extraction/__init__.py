"""Text out of an uploaded role description: .docx (`docx`), .pdf (`pdf`) or .txt (`txt`), within
the limits of `limits`.

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

from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile

from grading.services.extraction.docx import docx_text
from grading.services.extraction.limits import (
    ALLOWED_EXTENSIONS,
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
    MAX_FILE_BYTES,
    PDF_TOO_COMPLEX,
    PDF_TOO_MANY_PAGES,
    ExtractionError,
)
from grading.services.extraction.pdf import pdf_text
from grading.services.extraction.txt import txt_text

__all__ = [
    "DOCX_TOKEN_TOO_LARGE", "DOCX_TOO_COMPLEX", "DOCX_TOO_LARGE_UNPACKED", "DOCX_TOO_MANY_PARAGRAPHS", "FILE_BROKEN",
    "FILE_CONTENT_MISMATCH", "FILE_EMPTY", "FILE_ENCRYPTED", "FILE_NO_TEXT", "FILE_TOO_LARGE", "FILE_TYPE_NOT_ALLOWED",
    "MAX_DOCX_ELEMENTS", "MAX_DOCX_PARAGRAPHS", "MAX_FILE_BYTES", "PDF_TOO_COMPLEX", "PDF_TOO_MANY_PAGES",
    "ExtractionError", "extract_text",
]


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
    reader = {".docx": docx_text, ".pdf": pdf_text, ".txt": txt_text}[extension]
    text = reader(data)
    if not text.strip():
        raise ExtractionError(FILE_NO_TEXT, code="no_text")
    return text
