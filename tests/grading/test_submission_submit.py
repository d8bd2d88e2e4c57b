import pytest

from grading.models import Submission, SubmissionEvent
from grading.services.submissions import NOT_SUBMITTABLE, STALE_VERSION
from tests.factory import make_submission
from tests.grading.conftest import action_url, strict_client

pytestmark = pytest.mark.django_db
S = Submission.Status


@pytest.fixture
def draft(manager, catalogue):
    return make_submission(author=manager)


def submit(client, submission, **data):
    return client.post(action_url(submission, "indienen"), {"version": submission.version, **data})


def test_the_manager_hands_the_request_to_hr(manager_client, draft):
    response = submit(manager_client, draft, comment="Graag voor 1 mei.")
    assert response.status_code == 303 and response["Location"] == f"/aanvragen/{draft.pk}/"
    draft.refresh_from_db()
    event = draft.events.latest("id")
    assert draft.status == S.SUBMITTED
    assert (event.kind, event.from_status, event.to_status, event.comment) == (SubmissionEvent.Kind.SUBMITTED, S.DRAFT, S.SUBMITTED, "Graag voor 1 mei.")


def test_submitting_twice_is_refused_with_a_400(manager_client, draft):
    submit(manager_client, draft)
    draft.refresh_from_db()
    response = submit(manager_client, draft)
    assert response.status_code == 400 and NOT_SUBMITTABLE in response.content.decode()


def test_a_stale_page_gets_a_409(manager_client, draft):
    response = manager_client.post(action_url(draft, "indienen"), {"version": draft.version + 5})
    assert response.status_code == 409 and STALE_VERSION in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_it_rejects_get(manager_client, draft):
    assert manager_client.get(action_url(draft, "indienen")).status_code == 405


def test_anonymous_users_go_to_the_login_page(client, draft):
    response = submit(client, draft)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_another_manager_gets_a_404(other_manager_client, draft):
    assert submit(other_manager_client, draft).status_code == 404


@pytest.mark.parametrize("who", ["adviser_client", "outsider_client"])
def test_it_forbids_users_who_are_not_managers(request, who, draft):
    assert submit(request.getfixturevalue(who), draft).status_code == 403
    draft.refresh_from_db()
    assert draft.status == S.DRAFT


def test_csrf_is_enforced(manager, draft):
    assert submit(strict_client(manager), draft).status_code == 403
