import pytest

from grading.models import Submission, SubmissionEvent
from grading.services.submissions import QUESTION_REQUIRED
from tests.factory import make_submission
from tests.grading.conftest import action_url, strict_client

pytestmark = pytest.mark.django_db
S = Submission.Status


@pytest.fixture
def in_review(manager, adviser, catalogue):
    return make_submission(author=manager, status=S.IN_REVIEW, by=adviser)


def send_back(client, submission, question="Hoeveel medewerkers stuurt de functie aan?"):
    return client.post(action_url(submission, "terugsturen"), {"version": submission.version, "question": question})


def test_an_adviser_sends_a_request_back_with_a_question_the_manager_then_sees(adviser_client, manager_client, in_review):
    assert send_back(adviser_client, in_review).status_code == 303
    in_review.refresh_from_db()
    event = in_review.events.latest("id")
    assert in_review.status == S.RETURNED
    assert (event.kind, event.from_status, event.comment) == (SubmissionEvent.Kind.RETURNED, S.IN_REVIEW, "Hoeveel medewerkers stuurt de functie aan?")
    html = manager_client.get(f"/aanvragen/{in_review.pk}/").content.decode()
    assert "De HR-adviseur heeft een vraag" in html and "Hoeveel medewerkers stuurt de functie aan?" in html
    assert f'action="/aanvragen/{in_review.pk}/indienen/"' in html


def test_a_question_is_required(adviser_client, in_review):
    response = send_back(adviser_client, in_review, question=" ")
    assert response.status_code == 400 and QUESTION_REQUIRED in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.status == S.IN_REVIEW


def test_it_rejects_get(adviser_client, in_review):
    assert adviser_client.get(action_url(in_review, "terugsturen")).status_code == 405


def test_anonymous_users_go_to_the_login_page(client, in_review):
    assert send_back(client, in_review).status_code == 302


@pytest.mark.parametrize("who", ["manager_client", "other_manager_client", "outsider_client"])
def test_only_advisers_send_requests_back(request, who, in_review):
    assert send_back(request.getfixturevalue(who), in_review).status_code == 403


def test_csrf_is_enforced(adviser, in_review):
    assert send_back(strict_client(adviser), in_review).status_code == 403
