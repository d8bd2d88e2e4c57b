"""The limits every reader keeps, its Dutch messages, and the budget that counts text as it comes in."""

from django.core.exceptions import ValidationError

from functiewaardering import bounded_xml
from grading.services.submissions import MAX_CHARACTERS, MAX_WORDS, TEXT_TOO_LONG


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
