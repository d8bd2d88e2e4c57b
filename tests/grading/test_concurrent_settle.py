"""The HR adviser who has a request settles it twice at the same moment (two tabs, two servers).

Only that adviser may settle it (another takes it over first). On PostgreSQL this runs for real:
two threads, two database connections, two HTTP posts of the same form. The first to lock the row settles; the second waits for the lock, then sees the new
version and gets a 409 with a Dutch message. On SQLite (one writer at a time) the same case is
covered by posting a stale version (test_submission_settle.py).
"""

import threading
import time

import pytest
from django.db import connection, connections
from django.utils.html import escape

from grading.models import Submission, SubmissionEvent
from grading.services import submissions
from grading.services.submissions import ALREADY_SETTLED
from profiles.models import Grade
from tests.factory import make_submission
from tests.grading.conftest import action_url, logged_in

pytestmark = pytest.mark.django_db(transaction=True)


HOLD = 0.5  # seconds the first adviser keeps the row locked


@pytest.fixture
def slow_lock(monkeypatch):
    """Once installed, the lock holder keeps the row a moment, so the other adviser must wait."""
    original = submissions._lock

    def lock_and_hold(submission, version):
        locked = original(submission, version)
        time.sleep(HOLD)
        return locked

    return lambda: monkeypatch.setattr(submissions, "_lock", lock_and_hold)


def test_two_settles_at_once_one_wins_the_other_gets_a_409(catalogue, manager, adviser, slow_lock):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time; the stale-version test covers this case there")
    submission = make_submission(author=manager, status=Submission.Status.IN_REVIEW, by=adviser)
    grades = {"eerste": Grade.objects.get(code="FG45"), "tweede": Grade.objects.get(code="FG50")}
    users = {"eerste": adviser, "tweede": adviser}
    start = threading.Barrier(2)
    responses, seconds = {}, {}
    slow_lock()

    def settle(name):
        try:
            client = logged_in(users[name])
            data = {"family": "ambtelijk-secretaris", "grade": grades[name].pk, "motivation": f"Besluit van de {name}.", "version": submission.version,
                    "effective_date": "2027-01-01"}
            start.wait()
            began = time.monotonic()
            responses[name] = client.post(action_url(submission, "vaststellen"), data)
            seconds[name] = time.monotonic() - began
        finally:
            connections.close_all()

    threads = [threading.Thread(target=settle, args=(name,), name=name) for name in ("eerste", "tweede")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    codes = sorted(response.status_code for response in responses.values())
    assert codes == [303, 409]
    loser = next(name for name, response in responses.items() if response.status_code == 409)
    winner = next(name for name in responses if name != loser)
    assert escape(ALREADY_SETTLED) in responses[loser].content.decode()
    submission.refresh_from_db()
    assert submission.final_grade == grades[winner] and submission.motivation == f"Besluit van de {winner}."
    assert submission.settled_by == users[winner]
    assert SubmissionEvent.objects.filter(submission=submission, kind=SubmissionEvent.Kind.SETTLED).count() == 1
    assert seconds[loser] >= HOLD * 0.8  # the loser waited for the winner's lock, then saw the new version
