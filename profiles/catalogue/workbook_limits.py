"""A spreadsheet's XML, checked within bounds before openpyxl reads any of it.

openpyxl parses with expat 2.5, which parses a token spanning many of its 16 KB reads again from
the token's start for every read: one 37 MB comment costs minutes. And it trusts a sheet's
declared size: a sheet that declares A1:XFD1048576 gets every row padded to 16,384 columns.

So every member of the archive is first streamed through `bounded_xml.BoundedParser`, which
refuses a token or text node past its limits while reading, and the sheets' sizes are checked:
the declared `<dimension ref>`, every row number and cell column, and the real cells and
elements. A member that is not XML, or is broken, is left to openpyxl: its expat stops at the
same place ours did, having read no more than we allowed. A DTD is refused: defusedxml would read
past one.
"""

import io
import posixpath
import re
import zipfile
from pathlib import Path

from openpyxl.utils import column_index_from_string, get_column_letter, range_boundaries

from functiewaardering import bounded_xml
from profiles.catalogue.files import FamilyFileError

# Rows per sheet, the header row included: 50,000 lines of the Cellen sheet are some 200 families
# of 250 elements; the four real families take 228.
MAX_ROWS = 50_000
# Columns per sheet. The widest sheet of the template has 10 and columns besides them are
# ignored; 256 (up to column IV, Excel 97's width) leaves room for notes beside the data, while a
# row of 256 values costs little to pad.
MAX_COLUMNS = 256
# Cells in the whole workbook: every template sheet full to MAX_ROWS in its ten columns is
# 500,000; the four real families with the systems are 3,000. openpyxl reads some 100,000 a second.
MAX_CELLS = 500_000
# XML elements in all the parts together: a cell is one to four (c, v, is, t), a row one more.
MAX_ELEMENTS = 2_500_000
STEP = 64 * 1024
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
COORDINATE = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d+)$")  # as openpyxl reads a cell's r

TOKEN_TOO_LARGE = (
    f"één XML-onderdeel (een tag, opmerking of instructie) is groter dan {bounded_xml.MAX_TOKEN_BYTES // 1024} KB; "
    "zo maakt Excel of LibreOffice het nooit. Het bestand is niet gelezen."
)
TEXT_TOO_LARGE = (
    f"één tekst is langer dan {bounded_xml.MAX_TEXT_CHARACTERS:,} tekens (Excel staat 32.767 tekens per cel toe). "
    "Het bestand is niet gelezen."
).replace(",", ".")
DIMENSION_TOO_LARGE = (
    "het blad zegt het bereik {ref} te beslaan: meer dan " + f"{MAX_ROWS} rijen of {MAX_COLUMNS} kolommen "
    f"(tot kolom {get_column_letter(MAX_COLUMNS)}). Verwijder de lege rijen en kolommen onder en naast de gegevens "
    "en sla het bestand opnieuw op."
)
BROKEN = "de spreadsheet kan niet worden gelezen ({what})"  # as spreadsheet.workbook_read says it
TOO_MANY_ROWS = f"meer dan {MAX_ROWS} rijen"
COLUMN_TOO_FAR = (
    "een cel in kolom {column}, voorbij kolom " + f"{get_column_letter(MAX_COLUMNS)} (de {MAX_COLUMNS}e). "
    "Verwijder wat naast de gegevens staat en sla het bestand opnieuw op."
)
TOO_MANY_CELLS = f"meer dan {MAX_CELLS:,} cellen in de hele spreadsheet; het bestand is niet gelezen.".replace(",", ".")
TOO_MANY_ELEMENTS = (
    f"de spreadsheet bestaat uit meer dan {MAX_ELEMENTS:,} XML-onderdelen en is te zwaar om te lezen."
).replace(",", ".")


class _Scan:
    """What the scan of the workbook learned so far: counts, and the names of its sheets."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cells = self.elements = 0
        self.relationships: dict[str, dict[str, str]] = {}  # a .rels member: Id -> Target
        self.sheets: dict[str, list[tuple[str, str]]] = {}  # a workbook part: (sheet name, r:id)

    def place(self, member: str, row: int | None = None) -> str:
        """'blad Cellen' when the workbook names the member, else the member's path."""
        for part, sheets in self.sheets.items():
            folder, base = posixpath.split(part)
            targets = self.relationships.get(posixpath.join(folder, "_rels", base + ".rels"), {})
            for title, rid in sheets:
                target = targets.get(rid, "")
                path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
                if path == member:
                    return f"blad {title}" + (f", rij {row}" if row else "")
        return f"deel {member}" + (f", rij {row}" if row else "")

    def fail(self, member: str, message: str, row: int | None = None) -> FamilyFileError:
        return FamilyFileError(Path(self.name), self.place(member, row), message)


class _Member:
    """The handlers for one member: counts what openpyxl would build, and checks sheet sizes."""

    def __init__(self, scan: _Scan, member: str) -> None:
        self.scan, self.member = scan, member
        self.root: str | None = None
        self.row = self.column = 0  # as openpyxl counts them

    def start(self, name: str, attributes: dict) -> None:
        scan = self.scan
        scan.elements += 1
        if scan.elements > MAX_ELEMENTS:
            raise scan.fail(self.member, TOO_MANY_ELEMENTS)
        if self.root is None:
            self.root = name
        if name == f"{MAIN}}}row":
            self._row(attributes.get("r"))
        elif name == f"{MAIN}}}c":
            scan.cells += 1
            if scan.cells > MAX_CELLS:
                raise scan.fail(self.member, TOO_MANY_CELLS)
            self._cell(attributes.get("r"))
        elif name == f"{MAIN}}}dimension":
            self._dimension(attributes.get("ref"))
        elif name == f"{MAIN}}}sheet" and self.root == f"{MAIN}}}workbook":
            scan.sheets.setdefault(self.member, []).append((attributes.get("name", ""), attributes.get(f"{OFFICE_RELATIONSHIPS}}}id", "")))
        elif name == f"{RELATIONSHIPS}}}Relationship":
            scan.relationships.setdefault(self.member, {})[attributes.get("Id", "")] = attributes.get("Target", "")

    def _row(self, number: str | None) -> None:
        if number is None:
            self.row += 1
        else:
            try:
                value = float(number)
            except ValueError:
                return  # openpyxl refuses it
            if not value.is_integer():
                return
            self.row = int(value)
        self.column = 0
        if self.row > MAX_ROWS:
            raise self.scan.fail(self.member, TOO_MANY_ROWS, self.row)

    def _cell(self, coordinate: str | None) -> None:
        match = COORDINATE.match(coordinate or "")
        if coordinate is None:
            self.column += 1
        elif match is None:
            return  # openpyxl refuses it
        else:
            self.column = column_index_from_string(match.group(1))
            if int(match.group(2)) > MAX_ROWS:
                raise self.scan.fail(self.member, TOO_MANY_ROWS, int(match.group(2)))
        if self.column > MAX_COLUMNS:
            raise self.scan.fail(self.member, COLUMN_TOO_FAR.format(column=get_column_letter(min(self.column, 18_278))), self.row or None)

    def _dimension(self, ref: str | None) -> None:
        try:
            _, _, max_column, max_row = range_boundaries(ref or "")
        except (ValueError, TypeError):
            return  # openpyxl refuses it
        if (max_column or 0) > MAX_COLUMNS or (max_row or 0) > MAX_ROWS:
            raise self.scan.fail(self.member, DIMENSION_TOO_LARGE.format(ref=ref[:40]))


def _order(info: zipfile.ZipInfo) -> int:
    """Relationships and the workbook first, so that a sheet's errors can give its name."""
    return 0 if info.filename.endswith(".rels") else 1 if info.filename.endswith("workbook.xml") else 2


def workbook_check(content: bytes, name: str) -> None:
    """Raise FamilyFileError (naming the sheet where it can) if the workbook passes a limit.

    The archive itself (its size unpacked, its member count) is checked before, by
    `uploads.unpack_zip`; a broken archive is left to openpyxl to refuse.
    """
    scan = _Scan(name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        infos = sorted((info for info in archive.infolist() if not info.is_dir()), key=_order)
        for info in infos:
            member = _Member(scan, info.filename)
            parser = bounded_xml.BoundedParser(start=member.start, namespace_separator="}")
            try:
                with archive.open(info) as stream:
                    parser.parse(stream.read)
            except bounded_xml.TokenTooLarge:
                raise scan.fail(info.filename, TOKEN_TOO_LARGE) from None
            except bounded_xml.TextTooLarge:
                raise scan.fail(info.filename, TEXT_TOO_LARGE) from None
            except bounded_xml.DtdForbidden:  # defusedxml allows a DTD without entities: we do not
                raise scan.fail(info.filename, BROKEN.format(what="DTD")) from None
            except (bounded_xml.ExpatError, ValueError):  # ValueError: an encoding expat cannot read
                continue  # not XML (an image), or broken: openpyxl's expat stops where ours did
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, ValueError, OSError,
            RuntimeError) as error:  # RuntimeError: an encrypted member
        raise FamilyFileError(Path(name), "", BROKEN.format(what=type(error).__name__)) from None
