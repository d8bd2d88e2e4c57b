"""Turning an engine result into what a page shows: highlighted sentences and a small bar chart.

Everything the manager wrote is escaped here; only the `<mark>` tags around evidence are ours.
"""

from dataclasses import dataclass
from typing import NamedTuple

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


UNCERTAIN = "uncertain"
UNCERTAIN_HEADLINE = "Geen betrouwbare indicatie – de HR-adviseur beoordeelt"
UNCERTAIN_LABEL = "onzeker"


OUTSIDE_LABEL = "Buiten het functiehuis"


class Indication(NamedTuple):
    """How a request's grade is shown in one line (page, lists, inbox, settle form, CSV, report):
    the words, and what they are; the one place that decides it."""

    label: str  # "schaal 6", "niveau 2 van 4", "onzeker", "geen schaal", or "" when there is nothing to show
    note: str  # "vastgesteld", "indicatie", or "" (shown in brackets after the label)
    system: str = ""  # the grading system of the grade shown; "" for a level or nothing
    family: str = ""  # the family's name, OUTSIDE_LABEL, or "" when the request is about no family
    code: str = ""  # the grade's code ("FG50"), for the CSV
    # A decision in a family of another system than the grade's (the organisation's): the family's
    # level beside the grade, "niveau 2 van 2"; "" otherwise.
    level: str = ""


def indication(submission) -> Indication:
    """A settled request shows its decided grade; an open one the engine's grade only when the
    indication is firm: an uncertain one says "onzeker", whatever grade the engine came nearest."""
    if submission.status == "vastgesteld":
        return decided(submission)
    family = submission.effective_family()
    family_name = family.name if family else ""
    if submission.indicative_certainty == UNCERTAIN:
        return Indication(UNCERTAIN_LABEL, "indicatie", family=family_name)
    if submission.indicative_grade_id:
        grade = submission.indicative_grade
        return Indication(grade.name, "indicatie", grade.system.name, family_name, grade.code)
    return Indication("", "", family=family_name)


def decided(submission) -> Indication:
    """The decision as recorded: a grade (with its system), or a family's level "niveau n van m",
    in a family or outside the functiehuis."""
    family = OUTSIDE_LABEL if submission.final_outside else (
        submission.final_family.name if submission.final_family_id else ""
    )
    level = ""
    if submission.final_level_rank:
        level = f"niveau {submission.final_level_rank}"
        if submission.final_level_count:
            level += f" van {submission.final_level_count}"
    if submission.final_grade_id:
        grade = submission.final_grade
        foreign = submission.final_family_id and submission.final_family.grading_system_id != grade.system_id
        return Indication(grade.name, "vastgesteld", grade.system.name, family, grade.code, level if foreign else "")
    if level:
        return Indication(level, "vastgesteld", family=family)
    return Indication("geen schaal", "vastgesteld", family=family)


def decision_words(shown: Indication) -> str:
    """A decision in one sentence part, for the history: "FG 50 (FWG functiegroepen) in de
    functiefamilie Ambtelijk secretaris", "schaal 13 (…), buiten het functiehuis", "schaal 8 (…),
    niveau 2 van 2 in de functiefamilie …"."""
    words = shown.label + (f" ({shown.system})" if shown.system else "") + (f", {shown.level}" if shown.level else "")
    if shown.family == OUTSIDE_LABEL:
        return f"{words}, buiten het functiehuis"
    return f"{words} in de functiefamilie {shown.family}" if shown.family else words


def is_uncertain(result: dict) -> bool:
    """Whether an engine result (as stored) names a family without a firm indication."""
    return result.get("certainty") == UNCERTAIN


def merged_ranges(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Valid, sorted, non-overlapping ranges inside the text."""
    valid = sorted((max(0, start), min(len(text), end)) for start, end in ranges if 0 <= start < end)
    merged: list[tuple[int, int]] = []
    for start, end in valid:
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def evidence_ranges(text: str, result: dict) -> list[tuple[int, int]]:
    """Where the evidence sentences sit; an offset that does not fit the text is looked up instead.
    A sentence shown only to say why it did not count is not marked as evidence."""
    ranges = []
    for criterion in result.get("criteria") or ():
        for evidence in criterion.get("evidence") or ():
            if evidence.get("counted") is False:
                continue
            start, end, sentence = evidence.get("start", -1), evidence.get("end", -1), evidence.get("sentence", "")
            if isinstance(start, int) and isinstance(end, int) and text[start:end] == sentence and sentence:
                ranges.append((start, end))
            elif sentence and (found := text.find(sentence)) >= 0:
                ranges.append((found, found + len(sentence)))
    return ranges


def highlighted(text: str, ranges: list[tuple[int, int]]) -> SafeString:
    """The text, escaped, with each range wrapped in <mark>."""
    parts, position = [], 0
    for start, end in merged_ranges(text, ranges):
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return mark_safe("".join(parts))  # every piece of the manager's text went through escape()


@dataclass(frozen=True)
class ChartRow:
    name: str
    short_name: str
    level_rank: int | None
    level_label: str
    y: int
    text_y: int
    bar_width: int


@dataclass(frozen=True)
class ChartTick:
    x: int
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    label_width: int
    plot_width: int
    row_height: int
    bar_height: int
    rows: tuple[ChartRow, ...]
    ticks: tuple[ChartTick, ...]
    axis_y: int
    indicative_x: int | None


LABEL_WIDTH = 230
PLOT_WIDTH = 400
ROW_HEIGHT = 30
BAR_HEIGHT = 18
TOP = 8
AXIS_SPACE = 34
SHORT_NAME = 30


def level_chart(criteria: list[dict], levels: list[dict], indicative_rank: int | None) -> Chart | None:
    """Geometry of a horizontal bar chart: per criterion a bar up to the level it supports.

    `levels` are dicts with `rank` and `label` (grade code or "niveau n"), lowest first.
    """
    if not criteria or not levels:
        return None
    count = len(levels)
    step = PLOT_WIDTH / count
    labels = {level["rank"]: level["label"] for level in levels}
    rows = []
    for i, criterion in enumerate(criteria):
        rank = criterion.get("level_rank")
        name = criterion.get("name", "")
        short = name if len(name) <= SHORT_NAME else name[: SHORT_NAME - 1].rstrip() + "…"
        y = TOP + i * ROW_HEIGHT
        rows.append(
            ChartRow(
                name=name,
                short_name=short,
                level_rank=rank,
                level_label=labels.get(rank, "geen houvast") if rank else "geen houvast",
                y=y + (ROW_HEIGHT - BAR_HEIGHT) // 2,
                text_y=y + ROW_HEIGHT // 2 + 5,
                bar_width=round(step * rank) if rank else 0,
            )
        )
    axis_y = TOP + len(rows) * ROW_HEIGHT + 4
    ticks = tuple(
        ChartTick(x=LABEL_WIDTH + round(step * (i + 1)), label=level["label"]) for i, level in enumerate(levels)
    )
    indicative_x = LABEL_WIDTH + round(step * indicative_rank) if indicative_rank else None
    return Chart(
        width=LABEL_WIDTH + PLOT_WIDTH + 40,
        height=axis_y + AXIS_SPACE,
        label_width=LABEL_WIDTH,
        plot_width=PLOT_WIDTH,
        row_height=ROW_HEIGHT,
        bar_height=BAR_HEIGHT,
        rows=tuple(rows),
        ticks=ticks,
        axis_y=axis_y,
        indicative_x=indicative_x,
    )
