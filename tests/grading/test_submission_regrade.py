import pytest

from grading.models import Submission, SubmissionEvent
from grading.services.submissions import NOT_EDITABLE, SETTLED_IS_FINAL
from tests.factory import make_submission
from tests.grading.conftest import action_url, strict_client

pytestmark = pytest.mark.django_db
S = Submission.Status


def regrade(client, submission):
    return client.post(action_url(submission, "opnieuw-indelen"), {"version": submission.version})


@pytest.fixture
def draft(manager, catalogue):
    return make_submission(author=manager)


def test_the_manager_regrades_a_concept_and_the_earlier_snapshot_is_kept(manager_client, manager, draft):
    first = draft.latest_snapshot()
    assert regrade(manager_client, draft).status_code == 303
    snapshots = list(draft.snapshots.order_by("id"))
    assert len(snapshots) == 2 and snapshots[0] == first and snapshots[0].result == first.result
    event = draft.events.latest("id")
    assert (event.kind, event.actor, event.snapshot) == (SubmissionEvent.Kind.REGRADED, manager, snapshots[1])


def test_an_adviser_regrades_a_request_in_review(adviser_client, adviser, manager, catalogue):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    assert regrade(adviser_client, submission).status_code == 303
    assert submission.snapshots.count() == 2


def test_the_manager_cannot_regrade_once_submitted(manager_client, manager, catalogue):
    submission = make_submission(author=manager, status=S.SUBMITTED)
    response = regrade(manager_client, submission)
    assert response.status_code == 400 and NOT_EDITABLE in response.content.decode()
    assert submission.snapshots.count() == 1


def test_a_settled_request_is_not_regraded(adviser_client, adviser, manager, catalogue):
    submission = make_submission(author=manager, status=S.SETTLED, by=adviser)
    response = regrade(adviser_client, submission)
    assert response.status_code == 400 and SETTLED_IS_FINAL in response.content.decode()


def test_it_rejects_get(manager_client, draft):
    assert manager_client.get(action_url(draft, "opnieuw-indelen")).status_code == 405


def test_anonymous_users_go_to_the_login_page(client, draft):
    assert regrade(client, draft).status_code == 302


def test_another_manager_gets_a_404(other_manager_client, draft):
    assert regrade(other_manager_client, draft).status_code == 404


def test_an_outsider_is_refused(outsider_client, draft):
    assert regrade(outsider_client, draft).status_code == 403


def test_csrf_is_enforced(manager, draft):
    assert regrade(strict_client(manager), draft).status_code == 403
    assert draft.snapshots.count() == 1
