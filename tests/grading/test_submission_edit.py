import pytest

from grading.models import Submission, SubmissionEvent
from grading.services.submissions import NOT_EDITABLE, STALE_VERSION, TEXT_REQUIRED
from tests.factory import ROLE_TEXT, make_submission
from tests.grading.conftest import action_url, strict_client

pytestmark = pytest.mark.django_db
S = Submission.Status


@pytest.fixture
def returned(manager, adviser, catalogue):
    return make_submission(author=manager, status=S.RETURNED, by=adviser)


def edit(client, submission, **data):
    payload = {"title": "Secretaris OR", "text": ROLE_TEXT + " Zij stuurt geen medewerkers aan.", "version": submission.version}
    return client.post(action_url(submission, "wijzigen"), payload | data)


def test_the_form_is_filled_with_the_request(manager_client, returned):
    html = manager_client.get(action_url(returned, "wijzigen")).content.decode()
    assert html.count("<h1") == 1 and 'value="Ambtelijk secretaris OR"' in html and "notuleert" in html
    assert f'name="version" value="{returned.version}"' in html


def test_an_edit_stores_the_new_text_and_grades_it_again(manager_client, returned):
    response = edit(manager_client, returned, family="ambtelijk-secretaris", answer_kerntaken="1")
    assert response.status_code == 303
    returned.refresh_from_db()
    assert returned.text.endswith("Zij stuurt geen medewerkers aan.") and returned.answers == {"kerntaken": 1}
    assert returned.status == S.RETURNED and returned.snapshots.count() == 2
    assert returned.events.latest("id").kind == SubmissionEvent.Kind.EDITED


def test_bad_input_keeps_the_form_with_a_400(manager_client, returned):
    response = edit(manager_client, returned, text=" ")
    assert response.status_code == 400 and TEXT_REQUIRED in response.content.decode()


def test_a_stale_form_gets_a_409(manager_client, returned):
    response = edit(manager_client, returned, version=returned.version - 1)
    assert response.status_code == 409 and STALE_VERSION in response.content.decode()
    assert returned.snapshots.count() == 1


def test_a_submitted_request_cannot_be_edited(manager_client, manager, catalogue):
    submission = make_submission(author=manager, status=S.SUBMITTED)
    assert manager_client.get(action_url(submission, "wijzigen")).status_code == 400
    response = edit(manager_client, submission)
    assert response.status_code == 400 and NOT_EDITABLE in response.content.decode()


def test_anonymous_users_go_to_the_login_page(client, returned):
    assert client.get(action_url(returned, "wijzigen")).status_code == 302


def test_another_manager_gets_a_404(other_manager_client, returned):
    assert other_manager_client.get(action_url(returned, "wijzigen")).status_code == 404
    assert edit(other_manager_client, returned).status_code == 404


@pytest.mark.parametrize("who", ["adviser_client", "outsider_client"])
def test_only_managers_edit(request, who, returned):
    assert edit(request.getfixturevalue(who), returned).status_code == 403


def test_csrf_is_enforced(manager, returned):
    assert edit(strict_client(manager), returned).status_code == 403
