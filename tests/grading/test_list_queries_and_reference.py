"""The HR list costs the same number of queries for 2 rows as for 22 (each with a reviewer), and a
request's kenmerk carries the year of the organisation's time zone."""

import datetime
import zoneinfo

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext

from grading.models import Submission, SubmissionEvent
from tests.factory import make_adviser, make_submission

pytestmark = pytest.mark.django_db
S = Submission.Status
AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_hr_list_does_not_ask_once_per_row_for_the_reviewer(manager, adviser, adviser_client, catalogue):
    advisers = [adviser] + [make_adviser(first_name=f"Adviseur {n}") for n in range(3)]
    rows = [make_submission(author=manager, title=f"Aanvraag {n}", status=S.IN_REVIEW, by=advisers[n % 4])
            for n in range(2)]
    url = "/aanvragen/?weergave=alle"
    queries_for(adviser_client, url)  # warm the per-process caches (catalogue key, families)
    few = queries_for(adviser_client, url)
    # 20 more, each built once and then copied, with a reviewer each (building 22 through the
    # engine would take long); copies keep the history that makes them visible to HR.
    template = rows[0]
    for n in range(20):
        copy = Submission.objects.get(pk=template.pk)
        copy.pk = None
        copy.title = f"Kopie {n}"
        copy.reviewer = advisers[n % 4]
        copy.save()
        for event in template.events.all():
            SubmissionEvent.objects.create(submission=copy, kind=event.kind, actor_id=event.actor_id,
                                           from_status=event.from_status, to_status=event.to_status)
    response = adviser_client.get(url)
    assert len(response.context["page"].object_list) == 22
    assert all(s.reviewer_id for s in response.context["page"].object_list)
    many = queries_for(adviser_client, url)
    assert many == few


@pytest.mark.parametrize(("moment", "year"), [
    (datetime.datetime(2027, 1, 1, 0, 30, tzinfo=AMSTERDAM), 2027),  # 23:30 UTC on 31 December
    (datetime.datetime(2026, 12, 31, 23, 30, tzinfo=AMSTERDAM), 2026),
])
def test_the_kenmerk_year_is_the_organisation_s_year(moment, year, manager, catalogue, settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    submission = make_submission(author=manager)
    QuerySet(Submission).filter(pk=submission.pk).update(created_at=moment)
    submission.refresh_from_db()
    assert submission.reference == f"FW-{year}-{submission.pk:06d}"
