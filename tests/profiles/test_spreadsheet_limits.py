"""A spreadsheet upload is checked within bounds before openpyxl reads it; a real one reads as before.

Costs are asserted as work (bytes parsed, whether openpyxl was reached), never as time.
"""

import io
import zipfile

import openpyxl
import pytest
from django.conf import settings

from benchmarks import hostile_files
from benchmarks.hostile_files import (
    XLSX_SHARED_STRINGS,
    _xlsx,
    _xlsx_sheet,
    _zip_member,
)
from functiewaardering import bounded_xml
from profiles.catalogue import spreadsheet, workbook_limits
from profiles.catalogue.files import FamilyFileError, load_yaml
from profiles.catalogue.spreadsheet import workbook_read, workbook_write

HUGE = 8 * 1024 * 1024
FAMILY_ROW = (b'<row r="2"><c r="A2" t="inlineStr"><is><t>groen</t></is></c>'
              b'<c r="B2" t="inlineStr"><is><t>Groenbeheer</t></is></c></row>')
FAMILY = {"slug": "groen", "name": "Groenbeheer", "grading_system": None}  # as the reader gives it


def read(content: bytes):
    return workbook_read(content, "functiehuis.xlsx", deadline=lambda: None)


def refusal(content: bytes) -> str:
    with pytest.raises(FamilyFileError) as error:
        read(content)
    return str(error.value)


def book(rows: bytes = b"", *, dimension: str = "A1:J2", shared_strings: bytes = XLSX_SHARED_STRINGS,
         extra: list | None = None) -> bytes:
    sheet = _zip_member("xl/worksheets/sheet1.xml", _xlsx_sheet(dimension, rows))
    content = _xlsx(sheet, _zip_member("xl/sharedStrings.xml", shared_strings))
    if extra:
        buffer = io.BytesIO(content)
        with zipfile.ZipFile(buffer, "a") as archive:
            for name, data in extra:
                archive.writestr(name, data)
        content = buffer.getvalue()
    return content


@pytest.fixture
def counted(monkeypatch):
    """The bytes every bounded parser was fed, and whether openpyxl was asked to open the book."""
    fed, opened = [], []
    parse = bounded_xml.BoundedParser._parse

    def counting(self, piece):
        fed.append(len(piece))
        parse(self, piece)

    load = openpyxl.load_workbook
    monkeypatch.setattr(bounded_xml.BoundedParser, "_parse", counting)
    monkeypatch.setattr(spreadsheet.openpyxl, "load_workbook", lambda *a, **k: opened.append(True) or load(*a, **k))
    return fed, opened


def test_a_plain_book_reads_its_family():
    assert read(book(FAMILY_ROW)).families == [FAMILY]


@pytest.mark.parametrize("where", ["sheet", "shared strings"])
def test_a_huge_comment_is_refused_before_openpyxl_parses_it(counted, where):
    """In expat 2.5 a 37 MB comment cost openpyxl minutes; this one has 8 MB."""
    fed, opened = counted
    if where == "sheet":
        content = hostile_files.sheet_comment_xlsx(filler=HUGE)
        place = "functiehuis.xlsx, blad Families"
    else:
        content = hostile_files.shared_strings_comment_xlsx(filler=HUGE)
        place = "functiehuis.xlsx, deel xl/sharedStrings.xml"
    message = refusal(content)
    assert place in message and workbook_limits.TOKEN_TOO_LARGE in message
    assert not opened
    assert sum(fed) < 2 * 1024 * 1024  # every member up to the refusal, of 8 MB


def test_a_huge_text_is_refused(counted):
    fed, opened = counted
    strings = XLSX_SHARED_STRINGS.replace(b"</sst>", b"<si><t>" + b"a" * HUGE + b"</t></si></sst>")
    message = refusal(book(shared_strings=strings))
    assert "deel xl/sharedStrings.xml" in message and workbook_limits.TEXT_TOO_LARGE in message
    assert not opened and sum(fed) < 2 * 1024 * 1024


def test_a_sheet_that_claims_the_whole_grid_is_refused_before_openpyxl_opens_it(counted):
    """openpyxl padded every row to the 16,384 columns the sheet claimed: 13 s for 2 KB."""
    fed, opened = counted
    message = refusal(hostile_files.huge_dimension_xlsx())
    assert "functiehuis.xlsx, blad Families: " + workbook_limits.DIMENSION_TOO_LARGE.format(ref="A1:XFD1048576") in message
    assert not opened


@pytest.mark.parametrize("dimension", ["A1:IW2", "A1:J50001", "A1:J2000000"])
def test_a_declared_size_past_the_limits_is_refused(dimension):
    assert "blad Families: het blad zegt het bereik" in refusal(book(FAMILY_ROW, dimension=dimension))


def test_a_row_past_the_limit_is_refused_without_a_dimension():
    rows = FAMILY_ROW + b'<row r="50001"><c r="A50001" t="inlineStr"><is><t>x</t></is></c></row>'
    assert "blad Families, rij 50001: meer dan 50000 rijen" in refusal(book(rows, dimension="A1"))


def test_a_cell_past_the_last_column_is_refused():
    rows = FAMILY_ROW + b'<row r="3"><c r="XFD3" t="inlineStr"><is><t>x</t></is></c></row>'
    message = refusal(book(rows, dimension="A1"))
    assert "blad Families, rij 3: " + workbook_limits.COLUMN_TOO_FAR.format(column="XFD") in message


def test_cells_without_coordinates_are_counted_as_openpyxl_counts_them():
    rows = FAMILY_ROW + b"<row>" + b"<c/>" * (workbook_limits.MAX_COLUMNS + 1) + b"</row>"
    assert "blad Families, rij 3: een cel in kolom IW" in refusal(book(rows, dimension="A1"))


def test_too_many_cells_or_elements_are_refused(monkeypatch):
    monkeypatch.setattr(workbook_limits, "MAX_CELLS", 11)
    assert workbook_limits.TOO_MANY_CELLS in refusal(book(FAMILY_ROW))
    monkeypatch.setattr(workbook_limits, "MAX_CELLS", 1000)
    monkeypatch.setattr(workbook_limits, "MAX_ELEMENTS", 20)
    assert workbook_limits.TOO_MANY_ELEMENTS in refusal(book(FAMILY_ROW))


def test_a_dtd_is_refused_even_in_a_part_openpyxl_would_let_through():
    strings = b'<!DOCTYPE sst [<!ELEMENT sst ANY>]>' + XLSX_SHARED_STRINGS
    assert "deel xl/sharedStrings.xml: de spreadsheet kan niet worden gelezen (DTD)" in refusal(book(shared_strings=strings))


def test_parts_that_are_not_xml_or_in_an_older_encoding_are_left_alone():
    extra = [("xl/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40),
             ("customXml/item1.xml", '<?xml version="1.0" encoding="windows-1252"?><a>café</a>'.encode("cp1252"))]
    assert read(book(FAMILY_ROW, extra=extra)).families == [FAMILY]


def test_a_cell_openpyxl_cannot_read_gives_a_dutch_message_not_a_crash():
    rows = b'<row r="2"><c r="A2" t="s"><v>7</v></c></row>'  # no shared string 7
    assert "de spreadsheet kan niet worden gelezen (IndexError)" in refusal(book(rows))


def test_the_filled_template_reads_exactly_as_without_the_checks(monkeypatch):
    systems = load_yaml(settings.FIXTURES_DIR / "grading_systems.yaml")
    families = [load_yaml(path) for path in sorted((settings.FIXTURES_DIR / "families").glob("*.yaml"))]
    content = workbook_write(systems=systems, families=families)
    checked = read(content)
    monkeypatch.setattr(workbook_limits, "workbook_check", lambda content, name: None)
    monkeypatch.setattr(openpyxl.worksheet._read_only.ReadOnlyWorksheet, "reset_dimensions", lambda self: None)
    unchecked = read(content)
    assert (checked.systems, checked.families, checked.origins) == (unchecked.systems, unchecked.families, unchecked.origins)
    assert len(checked.families) == 4


def test_a_declared_size_larger_than_the_data_is_not_padded(monkeypatch):
    """Within the limits a sheet may claim more than it has; rows are as wide as their cells."""
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    widths = []
    get_row = ReadOnlyWorksheet._get_row

    def measured(self, *args, **kwargs):
        values = get_row(self, *args, **kwargs)
        widths.append(len(values))
        return values

    monkeypatch.setattr(ReadOnlyWorksheet, "_get_row", measured)
    assert read(book(FAMILY_ROW, dimension="A1:IV50000")).families == [FAMILY]
    assert widths == [10, 2]  # not [256, 256]
