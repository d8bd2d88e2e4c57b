"""The decisions export: every text cell neutralised against formula injection, dates in the
organisation's time zone."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.db.models import QuerySet

from functiewaardering.csv_cells import neutralise
from grading.models import Submission
from profiles.models import Grade, JobFamily
from tests.factory import make_adviser, make_manager, make_submission
from tests.grading.conftest import logged_in

pytestmark = pytest.mark.django_db
S = Submission.Status
URL = "/aanvragen/export.csv?weergave=alle"


def rows(client) -> list[dict]:
    response = client.get(URL)
    assert response.status_code == 200
    body = response.content.decode("utf-8")
    assert body.startswith("\ufeff")  # UTF-8 with a byte-order mark, as the design promises
    return list(csv.DictReader(io.StringIO(body.removeprefix("\ufeff")), delimiter=";"))


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "  =HYPERLINK(\"x\")", "\t=1", "\r=1", " \t+1"])
def test_a_formula_start_is_neutralised(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["Ambtelijk secretaris", "FG 50", "", "Jan-Willem", "a=b", "1-2"])
def test_plain_text_is_left_alone(value):
    assert neutralise(value) == value


@pytest.fixture
def hostile(roles, catalogue):
    """A settled request whose every text column a spreadsheet would run as a formula."""
    for family in JobFamily.objects.all():
        JobFamily.objects.filter(pk=family.pk).update(name=f'=HYPERLINK("http://x/{family.slug}")')
    for grade in Grade.objects.all():
        Grade.objects.filter(pk=grade.pk).update(name=f"+{grade.pk}", code=f"-{grade.pk}")
    author = make_manager(username="auteur", first_name="  =cmd|' /C calc'!A0", last_name="x")
    adviser = make_adviser(username="adviseur", first_name="@SUM(1+1)", last_name="y")
    return make_submission(author=author, title="\t=1+1", status=S.SETTLED, by=adviser), adviser


@pytest.mark.parametrize("column", ["titel", "leidinggevende", "functiefamilie", "schaal", "schaalcode", "hr-adviseur"])
def test_every_text_column_is_neutralised(hostile, column):
    submission, adviser = hostile
    [row] = rows(logged_in(adviser))
    assert row["kenmerk"] == submission.reference
    assert row[column].startswith("'"), row


def test_dates_are_the_organisations_dates_around_new_year(adviser_client, manager, adviser, catalogue, settings):
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    submission = make_submission(author=manager, status=S.SETTLED, by=adviser)
    # 23:30 UTC on 31 December is 00:30 on 1 January in Amsterdam.
    moment = datetime.datetime(2026, 12, 31, 23, 30, tzinfo=datetime.UTC)
    QuerySet(Submission).filter(pk=submission.pk).update(created_at=moment, settled_at=moment + datetime.timedelta(minutes=5))
    [row] = rows(adviser_client)
    assert moment.astimezone(ZoneInfo("Europe/Amsterdam")).date() == datetime.date(2027, 1, 1)
    assert row["aangemaakt"] == "2027-01-01" and row["vastgesteld"] == "2027-01-01"
