"""A grade the text states itself ("schaal 10", "FWG 50", "niveau B"): reported beside the
indication, never taken over. The indication rests on the work the text describes; a stated grade
is what its writer expects, and where the two differ the adviser has to look."""

import re
from collections.abc import Sequence

from grading.engine.levels import grade_label

# A grade word, a number or letter right after it, and maybe a second one ("schaal 9-10", "schaal 9
# of 10"). Every part has a bounded length, so the patterns are linear in the text.
ALSO = r"(?:(?: ?[-/–] ?| of | tot en met | tot )(\w{1,2}))?"
# Each pattern with the words (lower case) a text must hold for it to match at all: looking for
# them is much cheaper than running the pattern over a text that names no grade.
PATTERNS = (
    (("schaal",), re.compile(r"\b(?:salaris)?schaal[ -]?(\d{1,2})" + ALSO + r"\b", re.IGNORECASE),
     lambda part: f"schaal-{int(part)}" if part.isdigit() else None),
    (("fg", "fwg"), re.compile(r"\b(?:FWG|FG)[ -]?(\d{1,2})" + ALSO + r"\b"),
     lambda part: f"FG{int(part):02d}" if part.isdigit() else None),
    (("niveau", "klasse"), re.compile(r"\b(?:[Ff]unctie|[Ss]alaris)?(?:[Nn]iveau|[Kk]lasse)[ -]([A-D]\d?)" + ALSO + r"\b"),
     lambda part: part if part[0] in "ABCD" else None),
    # A Belgian federal pay scale names its level by its first letter: "weddeschaal BA1" is level B,
    # "A2" level A.
    (("schaal",), re.compile(r"\b(?:[Ww]edde|[Ll]oon|[Ss]alaris)schaal[ -]?([A-D])[A-Z]?\d\b"),
     lambda part: part),
)


def stated_grades(text: str, system_grades: Sequence[str]) -> tuple[str, ...]:
    """The grades of the system that the text names, low to high."""
    named = set()
    lower = text.lower()
    for words, pattern, code in PATTERNS:
        if not any(word in lower for word in words):
            continue
        for match in pattern.finditer(text):
            named.update(code(part) for part in match.groups() if part)
    return tuple(grade for grade in system_grades if grade in named)


def stated_note(stated: Sequence[str], indicated: str | None, system_grades: Sequence[str]) -> str:
    """A sentence for the explanation, or "" when the text names no grade of the system."""
    if not stated or not indicated or indicated not in system_grades:
        return ""
    labels = " of ".join(grade_label(grade) for grade in stated)
    order = system_grades.index
    if order(stated[0]) <= order(indicated) <= order(stated[-1]):
        return f"De tekst noemt zelf {labels}; dat komt overeen met deze indicatie."
    return (f"De tekst noemt zelf {labels}; deze indicatie komt op {grade_label(indicated)}. De engine deelt in "
            "op het beschreven werk, niet op een genoemde schaal: de HR-adviseur beoordeelt het verschil.")
