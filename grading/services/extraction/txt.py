"""A .txt: UTF-8 (with or without a byte order mark), UTF-16 with one, or Windows-1252."""

from grading.services.extraction.limits import (
    FILE_BROKEN, FILE_CONTENT_MISMATCH, OLE_MAGIC, PDF_MAGIC, ZIP_MAGIC, ExtractionError,
)


def txt_text(data: bytes) -> str:
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
