"""Hand over, withdraw; confirmations after every action; mails that carry no role text."""

import pytest
from django.core import mail
from django.utils.html import escape

from grading.models import Submission, SubmissionEvent
from grading.services import review
from grading.views import SETTLED_DONE, SUBMITTED_DONE
from grading.views_actions import HANDED_OVER_DONE, WITHDRAWN_DONE
from tests.factory import make_submission
from tests.grading.conftest import strict_client

pytestmark = pytest.mark.django_db
S = Submission.Status


def post(client, submission, action, **data):
    return client.post(f"/aanvragen/{submission.pk}/{action}/", {"version": submission.version} | data, follow=True)


@pytest.fixture(autouse=True)
def addresses(manager, adviser, second_adviser):
    for user, address in ((manager, "lotte@example.org"), (adviser, "hamid@example.org"), (second_adviser, "tweede@example.org")):
        user.email = address
        user.save()


def test_an_adviser_hands_a_request_to_a_colleague_who_is_told(adviser_client, manager, adviser, second_adviser, catalogue, django_capture_on_commit_callbacks):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(adviser_client, submission, "overdragen", adviser=second_adviser.pk, comment="Ik ben met verlof.")
    assert escape(HANDED_OVER_DONE) in response.content.decode()
    submission.refresh_from_db()
    assert submission.reviewer == second_adviser and submission.status == S.IN_REVIEW
    event = submission.events.latest("id")
    assert event.kind == SubmissionEvent.Kind.HANDED_OVER and "Ik ben met verlof." in event.comment
    assert [m.to for m in mail.outbox] == [["tweede@example.org"]]


def test_a_request_cannot_be_handed_to_a_manager(adviser_client, manager, adviser, catalogue):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    response = adviser_client.post(f"/aanvragen/{submission.pk}/overdragen/", {"adviser": manager.pk, "version": submission.version})
    assert response.status_code == 400 and escape(review.NOT_AN_ADVISER) in response.content.decode()


def test_a_manager_withdraws_a_request_before_it_is_settled(manager_client, manager, catalogue):
    submission = make_submission(author=manager, status=S.SUBMITTED)
    response = post(manager_client, submission, "intrekken", comment="De functie vervalt.")
    assert escape(WITHDRAWN_DONE) in response.content.decode()
    submission.refresh_from_db()
    assert submission.status == S.WITHDRAWN
    assert submission.events.latest("id").kind == SubmissionEvent.Kind.WITHDRAWN


def test_a_settled_request_cannot_be_withdrawn(manager_client, manager, adviser, catalogue):
    submission = make_submission(author=manager, status=S.SETTLED, by=adviser)
    response = manager_client.post(f"/aanvragen/{submission.pk}/intrekken/", {"version": submission.version})
    assert response.status_code == 400 and escape(review.NOT_WITHDRAWABLE) in response.content.decode()


def test_only_the_author_withdraws(other_manager_client, manager, catalogue):
    submission = make_submission(author=manager, status=S.SUBMITTED)
    assert other_manager_client.post(f"/aanvragen/{submission.pk}/intrekken/", {"version": submission.version}).status_code == 404


@pytest.mark.parametrize("action", ["overdragen", "intrekken", "bezwaar"])
def test_csrf_is_enforced(action, manager, adviser, catalogue):
    submission = make_submission(author=manager, status=S.SETTLED, by=adviser)
    assert strict_client(adviser).post(f"/aanvragen/{submission.pk}/{action}/").status_code == 403


def test_submitting_tells_every_adviser_and_carries_no_role_text_or_grade(manager_client, manager, catalogue, django_capture_on_commit_callbacks):
    submission = make_submission(author=manager)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post(manager_client, submission, "indienen")
    assert escape(SUBMITTED_DONE) in response.content.decode()
    assert sorted(m.to[0] for m in mail.outbox) == ["hamid@example.org", "tweede@example.org"]
    message = mail.outbox[0]
    assert f"/aanvragen/{submission.pk}/" in message.body and submission.reference in message.subject
    assert submission.title not in message.body + message.subject
    assert submission.text[:30] not in message.body and "FG" not in message.body + message.subject


def test_settling_tells_the_manager(adviser_client, manager, adviser, catalogue, django_capture_on_commit_callbacks):
    submission = make_submission(author=manager, status=S.IN_REVIEW, by=adviser)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = adviser_client.post(f"/aanvragen/{submission.pk}/", {
            "action": "vaststellen", "family": "ambtelijk-secretaris", "grade": submission.indicative_grade.pk,
            "effective_date": "2027-01-01", "motivation": "Zie matrix.", "version": submission.version,
        }, follow=True)
    assert escape(SETTLED_DONE) in response.content.decode()
    assert [m.to for m in mail.outbox] == [["lotte@example.org"]]
    assert "FG" not in mail.outbox[0].body and "Zie matrix." not in mail.outbox[0].body


def test_returning_tells_the_manager(adviser_client, manager, catalogue, django_capture_on_commit_callbacks):
    submission = make_submission(author=manager, status=S.SUBMITTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post(adviser_client, submission, "terugsturen", question="Wie beslist over het budget?")
    assert [m.to for m in mail.outbox] == [["lotte@example.org"]]
    assert "budget" not in mail.outbox[0].body


def test_a_mail_server_that_is_down_never_fails_the_action(manager_client, manager, catalogue, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    submission = make_submission(author=manager)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = post(manager_client, submission, "indienen")
    assert callbacks  # the mail was attempted, and failed quietly
    assert response.status_code == 200
    submission.refresh_from_db()
    assert submission.status == S.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_mails_go_out_only_after_the_transaction_commits(manager, adviser, catalogue):
    from django.db import transaction

    from grading import notifications

    submission = make_submission(author=manager)
    mail.outbox.clear()
    with transaction.atomic():
        notifications.notify_submitted(submission)
        assert mail.outbox == []
    assert len(mail.outbox) >= 1
