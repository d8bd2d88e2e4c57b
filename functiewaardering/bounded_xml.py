"""An expat parser whose work grows linearly with its input, for the .docx and .xlsx readers.

Why: expat before 2.6 (this Python links 2.5.0) parses a token that is still unfinished at the
end of the data fed so far again from its start on every later Parse() call. One token that spans
many chunks, such as a 38 MB comment, attribute value, tag or processing instruction, thus costs
work quadratic in its length: seconds of CPU for a 40 KB upload. Text and CDATA are not tokens
in this sense; expat reports them as they come and never reads them twice.

So `BoundedParser` feeds expat slices of FEED_BYTES and after every slice asks how many of the
bytes fed expat still holds unparsed: all bytes fed minus `CurrentByteIndex`, which after Parse()
returns points at the start of the unfinished token (-1 before the first event, which counts as
all of them). Past MAX_TOKEN_BYTES it refuses at once, so no token is parsed more than
MAX_TOKEN_BYTES / FEED_BYTES + 1 times, and a token no longer than the limit costs any later
expat parser (openpyxl's reads 16 KB at a time) a bounded multiple of its length too. It counts
the characters of every text node as well (the count starts again at each tag), so no reader is
handed one string of tens of megabytes.

The parser has the protections of defusedxml, set on the C parser itself: no DTD, no entity
declarations, no external references (defusedxml's own parser is pure Python and five times
slower). Pure Python, no Django: both apps import it.
"""

from collections.abc import Callable
from xml.parsers import expat

FEED_BYTES = 64 * 1024
# One tag with all its attributes, one comment or one processing instruction. The largest in real
# Office files are a document's root tag with its namespace declarations (a few KB) and the path
# of a drawn shape (tens of KB); Excel's parts hold nothing near this.
MAX_TOKEN_BYTES = 256 * 1024
# One text node. Excel holds at most 32,767 characters in a cell and a role description may have
# 200,000 in all, so this is only ever reached by a file built to be hostile.
MAX_TEXT_CHARACTERS = 1_000_000

ExpatError = expat.ExpatError


class XmlRefused(Exception):
    """The XML passed one of the limits above, or declares what a bounded parser may not read."""


class TokenTooLarge(XmlRefused):
    pass


class TextTooLarge(XmlRefused):
    pass


class DtdForbidden(XmlRefused):
    pass


class BoundedParser:
    """Expat with the handlers given, fed in slices and refusing a token past `max_token_bytes`.

    `start(name, attributes)`, `end(name)` and `characters(text)` are expat's handlers; text comes
    buffered, in pieces of at most FEED_BYTES. With a `namespace_separator`, names are
    "namespace<separator>local", as expat makes them. `fed` and `parse_calls` tell what was done.
    """

    def __init__(
        self,
        *,
        start: Callable[[str, dict], None] | None = None,
        end: Callable[[str], None] | None = None,
        characters: Callable[[str], None] | None = None,
        namespace_separator: str | None = None,
        max_token_bytes: int = MAX_TOKEN_BYTES,
        max_text_characters: int = MAX_TEXT_CHARACTERS,
    ) -> None:
        self.max_token_bytes = max_token_bytes
        self.max_text_characters = max_text_characters
        self.fed = self.parse_calls = self.text_characters = 0
        self._pending = bytearray()
        self._start, self._end, self._characters = start, end, characters
        parser = expat.ParserCreate(namespace_separator=namespace_separator)
        for handler in ("StartDoctypeDecl", "EntityDecl", "UnparsedEntityDecl", "ExternalEntityRef"):
            setattr(parser, f"{handler}Handler", _forbidden)
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.buffer_text = True
        parser.buffer_size = FEED_BYTES
        parser.StartElementHandler = self._on_start
        parser.EndElementHandler = self._on_end
        parser.CharacterDataHandler = self._on_characters
        self.parser = parser

    def feed(self, data: bytes) -> None:
        """Parse `data` in slices of FEED_BYTES; a shorter rest waits for more, so that every
        Parse() call brings at least FEED_BYTES new bytes and the re-reading stays bounded."""
        self._pending += data
        while len(self._pending) >= FEED_BYTES:
            piece = bytes(self._pending[:FEED_BYTES])
            del self._pending[:FEED_BYTES]
            self._parse(piece)

    def close(self) -> None:
        """Parse what is left; raises ExpatError if the document is not complete."""
        if self._pending:
            piece = bytes(self._pending)
            self._pending.clear()
            self._parse(piece)
        self.parser.Parse(b"", True)

    def parse(self, read: Callable[[int], bytes]) -> None:
        """The whole document from `read(size)`, which returns b"" at its end."""
        while chunk := read(FEED_BYTES):
            self.feed(chunk)
        self.close()

    def held(self) -> int:
        """How many bytes fed expat holds as an unfinished token."""
        return self.fed - self.parser.CurrentByteIndex

    def _parse(self, piece: bytes) -> None:
        self.parse_calls += 1
        self.parser.Parse(piece, False)
        self.fed += len(piece)
        if self.held() > self.max_token_bytes:
            raise TokenTooLarge(f"an XML token longer than {self.max_token_bytes} bytes")

    def _on_start(self, name: str, attributes: dict) -> None:
        self.text_characters = 0
        if self._start is not None:
            self._start(name, attributes)

    def _on_end(self, name: str) -> None:
        self.text_characters = 0
        if self._end is not None:
            self._end(name)

    def _on_characters(self, text: str) -> None:
        self.text_characters += len(text)
        if self.text_characters > self.max_text_characters:
            raise TextTooLarge(f"a text node longer than {self.max_text_characters} characters")
        if self._characters is not None:
            self._characters(text)


def _forbidden(*args) -> None:
    raise DtdForbidden("a DTD, an entity declaration or an external reference")
