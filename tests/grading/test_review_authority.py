"""Only the adviser who has a request in review settles, returns or hands it over; another adviser
takes it over first, explicitly and logged. Nobody handles a request he wrote himself."""

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from django.utils.html import escape

from grading.models import Submission, SubmissionEvent
from grading.objection_selectors import routes_for
from grading.roles import MANAGER
from grading.services import objections, review, submissions
from grading.views_actions import TAKEN_OVER_DONE
from profiles.models import Grade
from tests.factory import make_adviser, make_submission
from tests.grading.conftest import action_url, logged_in, strict_client

pytestmark = pytest.mark.django_db
S = Submission.Status
K = SubmissionEvent.Kind


@pytest.fixture
def in_review(manager, adviser, catalogue):
    return make_submission(author=manager, status=S.IN_REVIEW, by=adviser)


@pytest.fixture
def fg50(catalogue):
    return Grade.objects.get(system__code="fwg", code="FG50")


def settle_data(submission, grade):
    return {"grade": grade.pk, "family": "ambtelijk-secretaris", "motivation": "Zie matrix.",
            "effective_date": "2027-01-01", "version": submission.version, "action": "vaststellen"}


def test_another_adviser_cannot_settle_return_or_hand_over(in_review, second_adviser, fg50):
    second = logged_in(second_adviser)
    version = in_review.version
    responses = [
        second.post(f"/aanvragen/{in_review.pk}/", settle_data(in_review, fg50)),
        second.post(action_url(in_review, "vaststellen"), settle_data(in_review, fg50)),
        second.post(action_url(in_review, "terugsturen"), {"question": "Klopt dit?", "version": version}),
        second.post(action_url(in_review, "overdragen"), {"adviser": second_adviser.pk, "version": version}),
    ]
    for response in responses:
        assert response.status_code == 400 and escape(submissions.NOT_YOUR_REVIEW) in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.status == S.IN_REVIEW and in_review.version == version


@pytest.mark.parametrize("action", ["settle", "return", "hand_over"])
def test_the_services_refuse_another_adviser(action, in_review, adviser, second_adviser, fg50):
    calls = {
        "settle": lambda: submissions.submission_settle(submission=in_review, by=second_adviser, grade=fg50, motivation="m"),
        "return": lambda: submissions.submission_return(submission=in_review, by=second_adviser, question="Vraag?"),
        "hand_over": lambda: review.submission_hand_over(submission=in_review, by=second_adviser, to=second_adviser),
    }
    with pytest.raises(ValidationError) as error:
        calls[action]()
    assert error.value.messages == [submissions.NOT_YOUR_REVIEW]


def test_the_page_offers_another_adviser_only_taking_over(in_review, second_adviser, adviser_client):
    html = logged_in(second_adviser).get(f"/aanvragen/{in_review.pk}/").content.decode()
    assert "Overnemen" in html and action_url(in_review, "overnemen") in html
    for absent in ("vaststellen", "overdragen", "terugsturen"):
        assert f'action="{action_url(in_review, absent)}"' not in html
    assert 'name="action" value="vaststellen"' not in html
    own = adviser_client.get(f"/aanvragen/{in_review.pk}/").content.decode()
    assert action_url(in_review, "overnemen") not in own and 'value="vaststellen"' in own


def test_taking_over_is_logged_and_then_the_new_adviser_settles(in_review, adviser, second_adviser, fg50):
    client = strict_client(second_adviser)
    client.get(f"/aanvragen/{in_review.pk}/")
    response = client.post(action_url(in_review, "overnemen"), {"version": in_review.version,
                           "csrfmiddlewaretoken": client.cookies["csrftoken"].value}, follow=True)
    assert escape(TAKEN_OVER_DONE) in response.content.decode()
    in_review.refresh_from_db()
    assert in_review.reviewer == second_adviser
    line = in_review.events.latest("id")
    assert line.kind == K.TAKEN_OVER and line.actor == second_adviser
    assert line.comment == "Overgenomen van Hamid Bakker."
    assert "Overgenomen van Hamid Bakker." in response.content.decode()  # in the history on the page
    with pytest.raises(ValidationError):
        submissions.submission_settle(submission=in_review, by=adviser, grade=fg50, motivation="m")
    submissions.submission_settle(submission=in_review, by=second_adviser, family=in_review.effective_family(), grade=fg50,
                                  motivation="Zie matrix.")
    in_review.refresh_from_db()
    assert in_review.status == S.SETTLED and in_review.settled_by == second_adviser


def test_taking_over_needs_a_request_someone_else_has(in_review, adviser, manager, catalogue):
    with pytest.raises(ValidationError) as error:
        review.submission_take_over(submission=in_review, by=adviser)
    assert error.value.messages == [review.NOT_TAKEABLE]
    submitted = make_submission(author=manager, status=S.SUBMITTED)
    with pytest.raises(ValidationError):
        review.submission_take_over(submission=submitted, by=adviser)


def test_an_adviser_cannot_hand_a_request_to_himself_when_another_has_it(in_review, second_adviser):
    with pytest.raises(ValidationError) as error:
        review.submission_hand_over(submission=in_review, by=second_adviser, to=second_adviser)
    assert error.value.messages == [submissions.NOT_YOUR_REVIEW]


def test_a_manager_outsider_cannot_take_over(in_review, manager_client):
    assert manager_client.post(action_url(in_review, "overnemen"), {"version": in_review.version}).status_code == 403


@pytest.fixture
def both(roles):
    """A user who is both manager and HR adviser."""
    user = make_adviser(username="beide-rollen")
    user.groups.add(roles[MANAGER])
    return user


def test_nobody_settles_or_takes_a_request_he_wrote_himself(both, adviser, fg50, catalogue):
    own = make_submission(author=both, status=S.SUBMITTED)
    with pytest.raises(ValidationError) as error:
        submissions.submission_take_in_review(submission=own, by=both)
    assert error.value.messages == [submissions.OWN_REQUEST]
    submissions.submission_take_in_review(submission=own, by=adviser)
    with pytest.raises(ValidationError) as error:
        review.submission_take_over(submission=own, by=both)
    assert error.value.messages == [submissions.OWN_REQUEST]
    with pytest.raises(ValidationError) as error:
        review.submission_hand_over(submission=own, by=adviser, to=both)
    assert error.value.messages == [review.NOT_TO_AUTHOR]


def test_an_author_who_has_his_own_request_in_review_cannot_settle_it(both, fg50, catalogue):
    """However it got there (data from before this rule), the settle itself refuses."""
    own = make_submission(author=both, status=S.IN_REVIEW, by=make_adviser())
    Submission.objects.filter(pk=own.pk).update(reviewer=both)
    own.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        submissions.submission_settle(submission=own, by=both, grade=fg50, motivation="Eigen besluit.")
    assert error.value.messages == [submissions.OWN_REQUEST]
    response = logged_in(both).post(f"/aanvragen/{own.pk}/", settle_data(own, fg50))
    assert response.status_code == 400
    own.refresh_from_db()
    assert own.status == S.IN_REVIEW


def test_nobody_registers_an_objection_on_his_own_settled_request(both, adviser, catalogue):
    call_command("load_objection_routes", verbosity=0)
    own = make_submission(author=both, status=S.SETTLED, by=adviser)
    with pytest.raises(ValidationError) as error:
        objections.objection_register(
            submission=own, by=both, route=routes_for(submission=own)[0][0], holder_name="Eigen", grounds="Eigen bezwaar.",
            received_on=timezone.localdate(), decision_sent_on=timezone.localdate(),
        )
    assert error.value.messages == [submissions.OWN_REQUEST]
