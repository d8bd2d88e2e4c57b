"""Text out of an uploaded role description: .docx (python-docx), .pdf (pypdf) or .txt.

Files are read in memory and never stored. Every way a file can be wrong ends in an
`ExtractionError` with one Dutch message, never in an unexpected exception: the form shows it.
"""

import io
import logging
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_UNPACKED_BYTES = 40 * 1024 * 1024  # a .docx is a zip: refuse zip bombs before unpacking
MAX_PDF_PAGES = 300
ALLOWED_EXTENSIONS = (".docx", ".pdf", ".txt")

FILE_TOO_LARGE = "Het bestand is groter dan 2 MB. Kies een kleiner bestand of plak de tekst."
FILE_TYPE_NOT_ALLOWED = "Alleen .docx-, .pdf- en .txt-bestanden kunnen worden gelezen."
FILE_EMPTY = "Het bestand is leeg."
FILE_BROKEN = "Het bestand kan niet worden gelezen; het lijkt beschadigd. Plak de tekst in het tekstveld."
FILE_CONTENT_MISMATCH = "De inhoud van het bestand past niet bij de extensie. Kies een echt .docx-, .pdf- of .txt-bestand."
FILE_ENCRYPTED = "Het bestand is met een wachtwoord beveiligd. Sla het op zonder wachtwoord en probeer het opnieuw."
FILE_NO_TEXT = "In het bestand staat geen tekst die we kunnen lezen (is het een scan?). Plak de tekst in het tekstveld."

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # also how Office stores a password-protected .docx
PDF_MAGIC = b"%PDF-"


class ExtractionError(ValidationError):
    pass


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


def _docx_text(data: bytes) -> str:
    if data.startswith(OLE_MAGIC):
        raise ExtractionError(FILE_ENCRYPTED, code="encrypted")
    if not data.startswith(ZIP_MAGIC):
        raise ExtractionError(FILE_CONTENT_MISMATCH, code="mismatch")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if sum(member.file_size for member in members) > MAX_UNPACKED_BYTES:
                raise ExtractionError(FILE_BROKEN, code="broken")
            if "word/document.xml" not in {member.filename for member in members}:
                raise ExtractionError(FILE_CONTENT_MISMATCH, code="mismatch")
    except zipfile.BadZipFile:
        raise ExtractionError(FILE_BROKEN, code="broken") from None
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        return "\n".join(_docx_blocks(document))
    except ExtractionError:
        raise
    except Exception:  # python-docx raises many kinds on a damaged file
        logger.info("Unreadable .docx upload", exc_info=True)
        raise ExtractionError(FILE_BROKEN, code="broken") from None


def _docx_blocks(document) -> list[str]:
    """Paragraphs and table cells in document order; a cell spanning columns counted once."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    blocks = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            blocks.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                seen = []
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.append(cell._tc)
                        blocks.append(cell.text)
    return blocks


def _pdf_text(data: bytes) -> str:
    if PDF_MAGIC not in data[:1024]:
        raise ExtractionError(FILE_CONTENT_MISMATCH, code="mismatch")
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError, FileNotDecryptedError

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                # Many "protected" PDFs only restrict printing and open without a password.
                if not reader.decrypt(""):
                    raise ExtractionError(FILE_ENCRYPTED, code="encrypted")
            except (DependencyError, NotImplementedError, FileNotDecryptedError):
                raise ExtractionError(FILE_ENCRYPTED, code="encrypted") from None
        pages = reader.pages
        if len(pages) > MAX_PDF_PAGES:
            raise ExtractionError(FILE_TOO_LARGE, code="size")
        return "\n".join(page.extract_text() or "" for page in pages)
    except ExtractionError:
        raise
    except Exception:  # pypdf raises many kinds on a damaged file
        logger.info("Unreadable .pdf upload", exc_info=True)
        raise ExtractionError(FILE_BROKEN, code="broken") from None


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
