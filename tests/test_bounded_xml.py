"""functiewaardering.bounded_xml: a token or text node past its limit is refused while it comes in.

The cost asserted is the work expat is given: the bytes it parses again because a token was
unfinished, counted by a parser that adds up `held()` before every Parse() call. No timings.
"""

import io
import subprocess
import sys
from pathlib import Path

import pytest

from functiewaardering import bounded_xml
from functiewaardering.bounded_xml import FEED_BYTES, MAX_TEXT_CHARACTERS, MAX_TOKEN_BYTES, BoundedParser

HUGE = 8 * 1024 * 1024


class CountingParser(BoundedParser):
    """Counts the bytes expat parses: each call re-reads what it held, then the new slice."""

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.parsed = 0

    def _parse(self, piece: bytes) -> None:
        self.parsed += max(self.held(), 0) + len(piece)
        super()._parse(piece)


def parse(document: bytes, *, piece: int = 1000, **kwargs) -> CountingParser:
    """Fed in small pieces, as an inflater may give them: the parser slices them up itself."""
    parser = CountingParser(**kwargs)
    for start in range(0, len(document), piece):
        parser.feed(document[start:start + piece])
    parser.close()
    return parser


LONG_TOKENS = {
    "comment": b"<r><!--" + b"a" * HUGE + b"--></r>",
    "attribute value": b'<r a="' + b"a" * HUGE + b'"/>',
    "many attributes": b"<r " + b" ".join(b'a%d="1"' % i for i in range(HUGE // 10)) + b"/>",
    "element name": b"<r><" + b"a" * HUGE + b"/></r>",
    "processing instruction": b"<r><?pi " + b"a" * HUGE + b"?></r>",
    "comment before the root": b"<!--" + b"a" * HUGE + b"--><r/>",
    "comment after the root": b"<r/><!--" + b"a" * HUGE + b"-->",
}


@pytest.mark.parametrize("kind", LONG_TOKENS)
def test_a_token_past_the_limit_is_refused_while_it_comes_in(kind):
    document = LONG_TOKENS[kind]
    parser = CountingParser()
    with pytest.raises(bounded_xml.TokenTooLarge):
        for start in range(0, len(document), 1000):
            parser.feed(document[start:start + 1000])
    assert parser.fed <= MAX_TOKEN_BYTES + 2 * FEED_BYTES  # of 8 MB
    slices = MAX_TOKEN_BYTES // FEED_BYTES + 2
    assert parser.parsed <= slices * (slices + 1) // 2 * FEED_BYTES  # about 1.3 MB, not 8 MB squared


@pytest.mark.parametrize("text", [b"a" * HUGE, b"<![CDATA[" + b"a" * HUGE + b"]]>", b"&amp;" * (HUGE // 5)])
def test_a_text_node_past_the_limit_is_refused(text):
    with pytest.raises(bounded_xml.TextTooLarge):
        parse(b"<r>" + text + b"</r>")


def test_text_is_counted_per_node_and_passed_on_whole():
    pieces = []
    text = "b" * (MAX_TEXT_CHARACTERS // 2)
    parse(f"<r><a>{text}</a><a>{text}</a><a>{text}</a></r>".encode(), characters=pieces.append)
    assert "".join(pieces) == text * 3


def test_tokens_just_under_the_limit_are_read_with_linear_work():
    token = b"<r><!--" + b"a" * (MAX_TOKEN_BYTES - 2 * FEED_BYTES) + b"-->"
    document = b"<root>" + b"</r>".join([token] * 20) + b"</r></root>"
    started = []
    parser = parse(document, start=lambda name, attributes: started.append(name))
    assert len(started) == 21
    assert parser.parse_calls <= len(document) // FEED_BYTES + 1
    assert parser.parsed <= len(document) * (MAX_TOKEN_BYTES // FEED_BYTES + 1)


def test_it_passes_names_with_their_namespace_and_attributes():
    events = []
    parse(
        b'<w:p xmlns:w="urn:w" w:x="1"><w:t>Hallo</w:t></w:p>',
        start=lambda name, attributes: events.append(("start", name, attributes)),
        end=lambda name: events.append(("end", name)),
        characters=lambda text: events.append(("text", text)),
        namespace_separator="}",
    )
    assert events == [
        ("start", "urn:w}p", {"urn:w}x": "1"}), ("start", "urn:w}t", {}), ("text", "Hallo"),
        ("end", "urn:w}t"), ("end", "urn:w}p"),
    ]


@pytest.mark.parametrize("document", [
    b'<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>',
    b"<!DOCTYPE r><r/>",
    b'<!DOCTYPE r SYSTEM "http://example.org/r.dtd"><r/>',
])
def test_a_dtd_is_refused(document):
    with pytest.raises(bounded_xml.DtdForbidden):
        parse(document)


def test_parse_reads_a_stream_to_its_end_and_refuses_broken_xml():
    BoundedParser().parse(io.BytesIO(b"<r>" + b"<a/>" * 100_000 + b"</r>").read)
    with pytest.raises(bounded_xml.ExpatError):
        BoundedParser().parse(io.BytesIO(b"<r><a></r>").read)


def test_it_imports_no_django():
    code = "import sys, functiewaardering.bounded_xml; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])
