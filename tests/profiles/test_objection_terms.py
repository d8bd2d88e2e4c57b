"""The due date of an objection term: plain functions, no database."""

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from profiles.objection_terms import (
    APPEAL_NOTICE,
    DAY_AFTER_SENT,
    DAYS,
    MONTHS,
    NOTIFIED,
    PREVIOUS_STEP,
    RECEIVED,
    SENT,
    UNSET,
    WEEKS,
    Term,
    add_months,
    due_date,
)

DATES = {
    SENT: date(2026, 3, 2), RECEIVED: date(2026, 3, 4), NOTIFIED: date(2026, 3, 5), PREVIOUS_STEP: date(2026, 6, 1),
}


def test_six_weeks_from_the_day_after_sending_end_six_weeks_after_the_sending_day():
    assert due_date(Term(6, WEEKS, DAY_AFTER_SENT), dates=DATES) == date(2026, 4, 13)


def test_a_term_from_sending_ends_as_the_same_term_from_the_day_after():
    assert due_date(Term(6, WEEKS, SENT), dates=DATES) == due_date(Term(6, WEEKS, DAY_AFTER_SENT), dates=DATES)


@pytest.mark.parametrize(("runs_from", "expected"), [
    (SENT, date(2026, 5, 1)), (DAY_AFTER_SENT, date(2026, 5, 1)), (RECEIVED, date(2026, 5, 3)),
    (NOTIFIED, date(2026, 5, 4)), (PREVIOUS_STEP, date(2026, 7, 31)),
])
def test_sixty_calendar_days_run_from_each_event(runs_from, expected):
    assert due_date(Term(60, DAYS, runs_from), dates=DATES) == expected


def test_thirty_days_from_receipt_cross_a_month():
    assert due_date(Term(30, DAYS, RECEIVED), dates={RECEIVED: date(2026, 1, 20)}) == date(2026, 2, 19)


def test_a_month_term_ends_on_the_same_day_of_the_month():
    assert due_date(Term(2, MONTHS, SENT), dates={SENT: date(2026, 3, 15)}) == date(2026, 5, 15)


@pytest.mark.parametrize(("start", "months", "expected"), [
    (date(2026, 1, 31), 1, date(2026, 2, 28)),
    (date(2028, 1, 31), 1, date(2028, 2, 29)),  # a leap year
    (date(2026, 8, 31), 1, date(2026, 9, 30)),
    (date(2026, 11, 30), 3, date(2027, 2, 28)),  # across the year
    (date(2026, 12, 31), 12, date(2027, 12, 31)),
])
def test_a_month_that_lacks_the_day_ends_on_its_last_day(start, months, expected):
    assert add_months(start, months) == expected
    assert due_date(Term(months, MONTHS, NOTIFIED), dates={NOTIFIED: start}) == expected


def test_the_raad_van_state_term_is_sixty_days_when_the_letter_names_the_appeal():
    term = Term(60, DAYS, NOTIFIED, APPEAL_NOTICE)
    assert due_date(term, dates={NOTIFIED: date(2026, 3, 5)}, appeal_named=True) == date(2026, 5, 4)


def test_without_the_notice_the_raad_van_state_term_starts_four_months_after_notification():
    term = Term(60, DAYS, NOTIFIED, APPEAL_NOTICE)
    # 5 March + 4 months = 5 July; + 60 days = 3 September
    assert due_date(term, dates={NOTIFIED: date(2026, 3, 5)}, appeal_named=False) == date(2026, 9, 3)


def test_the_four_months_of_the_raad_van_state_rule_respect_month_ends():
    term = Term(60, DAYS, NOTIFIED, APPEAL_NOTICE)
    # 31 October + 4 months = 28 February 2027; + 60 days = 29 April 2027
    assert due_date(term, dates={NOTIFIED: date(2026, 10, 31)}, appeal_named=False) == date(2027, 4, 29)


def test_the_raad_van_state_term_is_not_guessed_when_the_notice_is_unknown():
    assert due_date(Term(60, DAYS, NOTIFIED, APPEAL_NOTICE), dates=DATES) is None


def test_an_unset_term_has_no_due_date_and_says_so():
    term = Term(None)
    assert due_date(term, dates=DATES) is None
    assert term.describe() == UNSET == "termijn niet vastgelegd – stel in"


def test_a_term_whose_event_is_not_recorded_has_no_due_date():
    assert due_date(Term(30, DAYS, RECEIVED), dates={SENT: date(2026, 3, 2)}) is None


def test_a_term_describes_itself_in_dutch():
    assert Term(6, WEEKS, DAY_AFTER_SENT).describe() == "6 weken na de dag na verzending of uitreiking van het besluit"
    assert Term(1, MONTHS, SENT).describe() == "1 maand na de verzending van het besluit"
    assert "vier maanden na de kennisgeving" in Term(60, DAYS, NOTIFIED, APPEAL_NOTICE).describe()


def test_the_date_module_loads_no_django():
    code = "import sys, profiles.objection_terms; assert 'django' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[2])
