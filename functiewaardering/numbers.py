"""One strict reading of whole numbers that come from outside: ASCII digits only, within a range.

`str.isdigit()` is true for "²" and "٣"; `int()` refuses the first and reads the second, and reads
" 7", "7_000" and 4,000-digit strings too (or raises on them). A number a person types into an
address, a form or a spreadsheet cell is 0-9 only, at most MAX_DIGITS long, and range checked.
Plain Python: readers that need no Django use it too.
"""

import re

MAX_DIGITS = 18  # fits a 64-bit column
_DIGITS = re.compile(r"[0-9]{1,%d}" % MAX_DIGITS)


def whole_number(value, *, minimum: int = 0, maximum: int = 10**MAX_DIGITS - 1) -> int | None:
    """The number `value` spells, or None when it is not a text of ASCII digits within the range."""
    if not isinstance(value, str) or not _DIGITS.fullmatch(value):
        return None
    number = int(value)
    return number if minimum <= number <= maximum else None
