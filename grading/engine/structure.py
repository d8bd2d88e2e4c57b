"""A document's structure as people write it: titles and headings, lists, wrapped paragraphs.

Text reaches the engine pasted (one paragraph a line, "- " bullets), from a .docx (one paragraph,
list item or table cell a line, list markers often lost) or from a PDF (paragraphs broken at the
page width, headings broken at a larger font, list markers moved or lost). The reader turns all
three into the same units:

- lines are joined into one unit when the break is a wrap: the line ends on a comma, a hyphen or
  a word that cannot end a sentence, or it was full (the next line's first word would not have
  fitted on it) and the next line starts in lower case;
- a bullet or number starts a new unit; so does every line that was not wrapped;
- a unit that does not end like a sentence and is a title (the first line, or a line after one or
  two heading lines that are no lead-in: "Vacature", the employer's name), a lead-in ("Taken:",
  "Wat ga je doen?"), one or two words, or a name in capitals ("Ministerie van Infrastructuur en
  Waterstaat") is a heading: context, never part of a sentence, never evidence; a unit of several
  sentences is a paragraph however it ends ("… Herken je jezelf hierin?");
- every other unit is split into sentences; a list item is a sentence of its own;
- what follows a heading about the offer or how to apply ("Wat bieden wij?", "Solliciteren"), up
  to the next heading, is an aside: it says nothing of the role's work. What a text says about
  its employer stays: it often describes the team and setting the role works in.
"""

import re
from dataclasses import dataclass

from grading.engine.text import Sentence

BULLET = re.compile(r"^\s*(?:[-–•*·▪◦‣●■□➢✓>]|o(?=\s)|\(?\d{1,2}[.)]|\(?[a-z][)])\s+")
TERMINAL = ".!;"
LEAD_IN = ":?"
SENTENCE_END = ".!?"
MIN_WIDTH = 40  # shorter texts are not wrapped at a page width
TITLE_WORDS = 12
# A title may follow a line or two that head the document ("Vacature", the employer's name).
TITLE_LINES = 2
HEADING_WORDS = 2
CAPITALS = 0.6
# Words after which a sentence cannot end: a line that ends on one continues on the next line.
CONTINUES = frozenset(
    """
    de het een en of van in op te ten ter voor met aan die dat door bij naar om tot als je jij u
    uw zijn haar hun onze ons wordt worden is zal kan moet mag wil over onder tussen zoals zowel
    waarbij waarin waarop waarmee welke wie wat dan dus maar noch hetzij alsook inclusief
    """.split()
)
# Words a sentence or list item does not begin with: a line that starts with one continues.
STARTS_NOTHING = frozenset(
    """
    van en of voor met aan naar door bij te tot om over als die dat waarbij waarin waarop zoals
    dan maar noch alsook inclusief zodat zodra wanneer terwijl omdat doordat
    """.split()
)
SHORT_LINE = 0.6  # a line shorter than this share of the width ends where its writer ended it
CONNECTORS = frozenset("van voor en de het der den te ter ten op in &".split())
ASIDE_HEADING = re.compile(
    r"\b(?:wat (?:wij|we) (?:je |u )?bieden|wat bieden (?:wij|we)|(?:wij|we) bieden|aanbod|wat krijg je"
    r"|arbeidsvoorwaarden|salaris|solliciteren|sollicitatie|procedure|interesse|contact|meer (?:weten|informatie)"
    r"|reageren)\b",
    re.IGNORECASE,
)
ASIDE_HEADING_WORDS = 6  # a question the text asks about the work ("… wanneer moet de raad reageren?") heads nothing
SPLIT = re.compile(r"(?<=[.!?;:])\s+")
ABBREVIATION = re.compile(r"(?:\b[a-zA-Z]\.){2,}$|\b(?:bijv|bv|nl|enz|etc|ca|evt|incl|excl|max|min|resp|o\.a|i\.v\.m|m\.b\.t|t\.b\.v)\.$", re.IGNORECASE)


@dataclass(frozen=True)
class Unit:
    kind: str  # "heading" | "item" | "paragraph"
    start: int
    end: int
    text: str  # whitespace normalised


@dataclass(frozen=True)
class Structure:
    units: tuple[Unit, ...]
    sentences: tuple[Sentence, ...]  # what can be evidence: list items and sentences of paragraphs
    headings: tuple[Sentence, ...]  # titles and headings: context only
    asides: tuple[Sentence, ...] = ()  # the offer, how to apply: neither evidence nor context


def normal(text: str) -> str:
    return " ".join(text.split())


def _lines(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, bulleted) of every non-blank line, stripped, bullet markers left out; a
    blank line is (-1, -1, False)."""
    lines, position = [], 0
    for raw in text.splitlines(keepends=True):
        start, end = position, position + len(raw.rstrip("\r\n"))
        position += len(raw)
        segment = text[start:end]
        if not segment.strip():
            lines.append((-1, -1, False))
            continue
        marker = BULLET.match(segment)
        bulleted = bool(marker) and len(segment[marker.end():].strip()) > 0
        offset = marker.end() if bulleted else len(segment) - len(segment.lstrip())
        inner = segment[offset:].rstrip()
        if not inner or not any(c.isalnum() for c in inner):
            lines.append((-1, -1, False))  # a lone bullet or rule: no text
            continue
        lines.append((start + offset, start + offset + len(inner), bulleted))
    return lines


def _width(lines) -> int:
    lengths = [end - start for start, end, _ in lines if start >= 0]
    return max(lengths, default=0)


def _wrapped(previous: str, following: str, width: int, unit_start: str) -> bool:
    """Whether the break between two lines is a wrap inside one sentence or item.

    `previous` is the last line of the unit so far, `unit_start` the unit's first line. A line
    that ends on a comma or a word that cannot end a sentence, or a next line that starts with
    one that cannot begin one ("van documenten"), is a wrap. So is a line too full for the next
    word. Otherwise a lower-case line continues a unit that began in capitals (a sentence broken
    at the page width) when that line was not short; a unit that began in lower case is a list
    item, and the next lower-case line is the next item.
    """
    last = previous.rstrip()
    if not last or last[-1] in TERMINAL + LEAD_IN:
        return False
    if last[-1] in ",(/" or (last[-1] == "-" and len(last) > 1 and last[-2].isalpha()):
        return True
    first = following.split(maxsplit=1)[0] if following.split() else ""
    if not first or not first[0].islower():
        return False
    if last.split()[-1].lower().strip("\"'„”“") in CONTINUES or first.strip("\"'„”“,") in STARTS_NOTHING:
        return True
    if width < MIN_WIDTH:
        return False
    if len(last) + 1 + len(first) > width:
        return True
    return unit_start[:1].isupper() and len(last) >= SHORT_LINE * width


def _units(text: str) -> list[tuple[int, int, bool]]:
    lines = _lines(text)
    width = _width(lines)
    units: list[list] = []  # [start, end, bulleted]
    open_unit, last_line = False, (0, 0)
    for start, end, bulleted in lines:
        if start < 0:
            open_unit = False
            continue
        unit_start = text[units[-1][0]:units[-1][1]] if units else ""
        if open_unit and not bulleted and _wrapped(text[last_line[0]:last_line[1]], text[start:end], width, unit_start):
            units[-1][1] = end
            last_line = (start, end)
            continue
        units.append([start, end, bulleted])
        last_line = (start, end)
        open_unit = True
    return [tuple(u) for u in units]


def _capitalised(words: list[str]) -> bool:
    """A name in capitals: most words after the first (connectors aside) begin with a capital."""
    rest = [w for w in words[1:] if w.lower() not in CONNECTORS and any(c.isalpha() for c in w)]
    if len(rest) < 2:
        return False
    capitals = sum(1 for w in rest if w.lstrip("(\"'„")[:1].isupper())
    return capitals / len(rest) >= CAPITALS


def _is_heading(unit_text: str, first: bool, alone: bool, bulleted: bool) -> bool:
    stripped = unit_text.rstrip()
    if stripped[-1] in TERMINAL:
        return False
    if stripped[-1] in LEAD_IN:
        return True
    words = stripped.split()
    if len(words) <= HEADING_WORDS:
        return True
    if first and not alone and not bulleted and len(words) <= TITLE_WORDS:
        return True
    return not bulleted and _capitalised(words)


def read_structure(text: str) -> Structure:
    units_raw = _units(text)
    units, sentences, headings, asides = [], [], [], []
    aside = False
    for number, (start, end, bulleted) in enumerate(units_raw):
        piece = normal(text[start:end])
        pieces = _split(text, start, end)
        in_title_place = number <= TITLE_LINES and all(u.kind == "heading" and u.text[-1] not in LEAD_IN for u in units)
        if _is_heading(piece, in_title_place, len(units_raw) == 1, bulleted) and not _holds_sentences(pieces):
            units.append(Unit("heading", start, end, piece))
            headings.append(Sentence(piece, start, end))
            aside = len(piece.split()) <= ASIDE_HEADING_WORDS and bool(ASIDE_HEADING.search(piece))
            continue
        units.append(Unit("item" if bulleted else "paragraph", start, end, piece))
        (asides if aside else sentences).extend(pieces)
    return Structure(tuple(units), tuple(sentences), tuple(headings), tuple(asides))


def _holds_sentences(pieces: list[Sentence]) -> bool:
    """Whether a unit's pieces hold a sentence end inside it ("…post. Herken je …?"); a colon
    inside a title ("Vacature: secretaris") is no sentence end."""
    return any(s.text[-1] in SENTENCE_END for s in pieces[:-1])


def _split(text: str, start: int, end: int) -> list[Sentence]:
    """The sentences of one unit; a full stop after an abbreviation ("o.a. de post") does not
    end one."""
    segment = text[start:end]
    result, position = [], 0
    for match in SPLIT.finditer(segment):
        before = segment[position:match.start()]
        after = segment[match.end():match.end() + 1]
        if before.endswith(".") and after.islower() and ABBREVIATION.search(before):
            continue
        _add(result, text, start + position, start + match.start())
        position = match.end()
    _add(result, text, start + position, end)
    return result


def _add(result: list[Sentence], text: str, start: int, end: int) -> None:
    piece = text[start:end]
    stripped = piece.strip(" \t\r\n")
    if len(stripped) < 3 or not any(c.isalpha() for c in stripped):
        return
    offset = start + piece.index(stripped)
    result.append(Sentence(normal(stripped), offset, offset + len(stripped)))
