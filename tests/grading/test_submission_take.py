import pytest

from grading.models import Submission, SubmissionEvent
from grading.services.submissions import NOT_SUBMITTED, STALE_VERSION
from tests.factory import make_submission
from tests.grading.conftest import action_url, strict_client

pytestmark = pytest.mark.django_db
S = Submission.Status


@pytest.fixture
def submitted(manager, catalogue):
    return make_submission(author=manager, status=S.SUBMITTED)


def take(client, submission, **data):
    return client.post(action_url(submission, "in-behandeling"), {"version": submission.version, **data})


def test_an_adviser_takes_a_request_in_review(adviser_client, adviser, submitted):
    assert take(adviser_client, submitted).status_code == 303
    submitted.refresh_from_db()
    event = submitted.events.latest("id")
    assert submitted.status == S.IN_REVIEW and submitted.reviewer == adviser
    assert (event.kind, event.actor, event.from_status, event.to_status) == (SubmissionEvent.Kind.TAKEN, adviser, S.SUBMITTED, S.IN_REVIEW)


def test_a_concept_is_not_even_seen_by_an_adviser(adviser_client, manager, catalogue):
    draft = make_submission(author=manager)
    assert take(adviser_client, draft).status_code == 404


def test_a_settled_request_cannot_be_taken(adviser_client, manager, adviser, catalogue):
    settled = make_submission(author=manager, status=S.SETTLED, by=adviser)
    response = take(adviser_client, settled)
    assert response.status_code == 400 and NOT_SUBMITTED in response.content.decode()


def test_a_stale_page_gets_a_409(adviser_client, submitted):
    response = adviser_client.post(action_url(submitted, "in-behandeling"), {"version": 1})
    assert response.status_code == 409 and STALE_VERSION in response.content.decode()


def test_it_rejects_get(adviser_client, submitted):
    assert adviser_client.get(action_url(submitted, "in-behandeling")).status_code == 405


def test_anonymous_users_go_to_the_login_page(client, submitted):
    assert take(client, submitted).status_code == 302


@pytest.mark.parametrize("who", ["manager_client", "other_manager_client", "outsider_client"])
def test_only_advisers_take_requests(request, who, submitted):
    assert take(request.getfixturevalue(who), submitted).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == S.SUBMITTED


def test_csrf_is_enforced(adviser, submitted):
    assert take(strict_client(adviser), submitted).status_code == 403
