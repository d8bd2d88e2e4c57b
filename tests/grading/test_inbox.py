"""The HR adviser's inbox: what waits for them, counted, oldest first; managers by status."""

import datetime

import pytest
from django.db.models import QuerySet
from django.utils import timezone

from grading.models import Submission, SubmissionEvent
from tests.factory import make_submission

pytestmark = pytest.mark.django_db
S = Submission.Status
URL = "/aanvragen/"


@pytest.fixture
def work(manager, other_manager, adviser, second_adviser, catalogue):
    old = make_submission(author=manager, title="Lang wachtend", status=S.SUBMITTED)
    # The history is append-only for the application; a test may still date an event back.
    QuerySet(SubmissionEvent).filter(submission=old, kind="submitted").update(
        created_at=timezone.now() - datetime.timedelta(days=9)
    )
    return {
        "old": old,
        "new": make_submission(author=other_manager, title="Net ingediend", status=S.SUBMITTED),
        "mine": make_submission(author=manager, title="Bij mij", status=S.IN_REVIEW, by=adviser),
        "colleague": make_submission(author=manager, title="Bij collega", status=S.IN_REVIEW, by=second_adviser),
        "settled": make_submission(author=other_manager, title="Klaar", status=S.SETTLED, by=adviser),
        "draft": make_submission(author=manager, title="Concept"),
    }


def listed(client, query="") -> list[str]:
    response = client.get(URL + query)
    assert response.status_code == 200
    return [s.title for s in response.context["page"].object_list]


def test_an_adviser_opens_on_what_waits_for_them_oldest_first(adviser_client, work):
    assert listed(adviser_client)[:2] == ["Lang wachtend", "Net ingediend"]
    assert set(listed(adviser_client)) == {"Lang wachtend", "Net ingediend", "Bij mij"}


def test_the_inbox_counts_and_the_status_counts_are_shown(adviser_client, work):
    response = adviser_client.get(URL)
    assert response.context["inbox_count"] == 3
    counts = {c["status"]: c["count"] for c in response.context["counts"]}
    assert counts == {S.SUBMITTED: 2, S.IN_REVIEW: 2, S.SETTLED: 1}
    assert "Te behandelen <span class=\"count\">(3)</span>" in response.content.decode()


def test_the_waiting_time_is_shown(adviser_client, work):
    assert "1\xa0week" in adviser_client.get(URL).content.decode()


def test_all_requests_is_one_click_away_newest_first(adviser_client, work):
    assert listed(adviser_client, "?weergave=alle")[0] == "Klaar"


def test_a_manager_sees_their_own_grouped_by_status(manager_client, work):
    html = manager_client.get(URL).content.decode()
    assert "Net ingediend" not in html and "Concept" in html
    assert html.index("<h3>Concept") < html.index("<h3>Ingediend") < html.index("<h3>In behandeling")


def test_the_decisions_export_has_no_role_text(adviser_client, work):
    response = adviser_client.get("/aanvragen/export.csv?weergave=alle")
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert body.splitlines()[0].startswith("kenmerk;titel;status;leidinggevende;functiefamilie;schaal")
    assert work["settled"].reference in body and "Ambtelijk secretaris" in body
    assert work["settled"].text[:40] not in body and "Past bij de matrix" not in body


def test_managers_cannot_export(manager_client, work):
    assert manager_client.get("/aanvragen/export.csv").status_code == 403


def test_a_formula_in_a_title_is_not_run_by_a_spreadsheet(adviser_client, manager, adviser, catalogue):
    make_submission(author=manager, title="=HYPERLINK(\"x\")", status=S.SETTLED, by=adviser)
    assert "'=HYPERLINK" in adviser_client.get("/aanvragen/export.csv").content.decode()
