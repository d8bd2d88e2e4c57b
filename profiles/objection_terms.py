"""When a term of an objection route ends: plain Python, no Django, so the workflow, the letters
and the reminders all count the same way.

A term has a length, a unit and the event it runs from. The day of the event itself does not
count (as in art. 6:8 Awb and the reglementen that say "binnen zes weken na de dag waarop"): the
term ends at the end of the day `length` units after the event. "From the day after sending" is
therefore the same date as "from sending"; both are kept so the data repeats its source's words.
A month term ends on the same day of the month, or on the month's last day when that day does
not exist (31 January + 1 month = 28 or 29 February). Weekends and public holidays do not move
the end date (the Algemene termijnenwet is not applied: a cao term is not always under it).

The Raad van State condition: 60 days from notification only when the letter names the appeal,
its form and its term; otherwise the term starts four months after notification (art. 19 lid 2
gecoördineerde wetten op de Raad van State).
"""

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

DAYS, WEEKS, MONTHS = "days", "weeks", "months"
UNITS = {DAYS: "kalenderdagen", WEEKS: "weken", MONTHS: "maanden"}

SENT, DAY_AFTER_SENT, RECEIVED, NOTIFIED, PREVIOUS_STEP = (
    "sent", "day_after_sent", "received", "notified", "previous_step",
)
EVENTS = {
    SENT: "de verzending van het besluit",
    DAY_AFTER_SENT: "de dag na verzending of uitreiking van het besluit",
    RECEIVED: "de ontvangst van het besluit",
    NOTIFIED: "de kennisgeving (bekendmaking) van het besluit",
    PREVIOUS_STEP: "de schriftelijke beslissing in de vorige stap",
}
# Which recorded date each start event reads; "the day after sending" reads the sending date.
EVENT_DATE = {SENT: SENT, DAY_AFTER_SENT: SENT, RECEIVED: RECEIVED, NOTIFIED: NOTIFIED, PREVIOUS_STEP: PREVIOUS_STEP}

APPEAL_NOTICE = "appeal_notice"
CONDITIONS = {
    APPEAL_NOTICE: (
        "alleen als het besluit het beroep, de vormvereisten en de termijn vermeldt; "
        "anders begint de termijn vier maanden na de kennisgeving"
    ),
}
NOTICE_MISSING_MONTHS = 4

UNSET = "termijn niet vastgelegd – stel in"
MAX_LENGTH = 3650


@dataclass(frozen=True)
class Term:
    length: int | None  # None: no source gives it and the organisation has not set it
    unit: str = ""
    runs_from: str = ""
    condition: str = ""

    @property
    def is_set(self) -> bool:
        return self.length is not None and self.unit in UNITS and self.runs_from in EVENTS

    def describe(self) -> str:
        if not self.is_set:
            return UNSET
        unit = UNITS[self.unit]
        if self.length == 1:
            unit = {DAYS: "kalenderdag", WEEKS: "week", MONTHS: "maand"}[self.unit]
        text = f"{self.length} {unit} na {EVENTS[self.runs_from]}"
        if self.condition in CONDITIONS:
            text += f" ({CONDITIONS[self.condition]})"
        return text


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day when the day does not exist."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_term(day: date, length: int, unit: str) -> date:
    if unit == DAYS:
        return day + timedelta(days=length)
    if unit == WEEKS:
        return day + timedelta(weeks=length)
    if unit == MONTHS:
        return add_months(day, length)
    raise ValueError(f"unknown unit {unit!r}")


def due_date(term: Term, *, dates: Mapping[str, date], appeal_named: bool | None = None) -> date | None:
    """The last day of the term, or None when it cannot be known yet: the term is not set, the date
    it runs from is not recorded, or its condition depends on a fact that is not given.

    `dates` holds the recorded dates by event (SENT, RECEIVED, NOTIFIED, PREVIOUS_STEP);
    `appeal_named` says whether the letter named the appeal (the Raad van State condition).
    """
    if not term.is_set:
        return None
    start = dates.get(EVENT_DATE[term.runs_from])
    if start is None:
        return None
    if term.condition == APPEAL_NOTICE:
        if appeal_named is None:
            return None
        if not appeal_named:
            start = add_months(start, NOTICE_MISSING_MONTHS)
    return add_term(start, term.length, term.unit)
