"""CSV for spreadsheets: every text cell goes through one function against formula injection.

A spreadsheet runs a cell that starts with =, +, - or @ as a formula, also after leading spaces,
and a leading tab or carriage return can hide one. Catalogue data (family and grade names), person
names and titles all reach the exports, so the writer neutralises every text cell, not chosen ones.
"""

import csv

FORMULA_STARTS = ("=", "+", "-", "@")
HIDING_STARTS = ("\t", "\r", "\n")


def neutralise(value: str) -> str:
    """The text as a spreadsheet shows it, never as a formula: a leading apostrophe when needed."""
    if value.startswith(HIDING_STARTS) or value.lstrip().startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """A csv.writer whose every text cell is neutralised; other values are written as text."""

    def __init__(self, out, **options):
        self._writer = csv.writer(out, **options)

    def writerow(self, row) -> None:
        self._writer.writerow([neutralise(cell) if isinstance(cell, str) else cell for cell in row])

    def writerows(self, rows) -> None:
        for row in rows:
            self.writerow(row)
