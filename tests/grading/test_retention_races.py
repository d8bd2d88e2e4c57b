"""Retention and erasure check each request again under its row lock; what they leave alone; and a
request without its text (withdrawn or anonymised) is never graded again."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from grading.models import Submission, SubmissionEvent
from grading.services import privacy, review, submissions
from tests.factory import ROLE_TEXT, make_submission, reopen_after_objection

pytestmark = pytest.mark.django_db
S = Submission.Status
DAY = datetime.timedelta(days=1)


def later(days: int) -> datetime.datetime:
    return timezone.now() + days * DAY


def age(submission, days: int) -> None:
    """Date the request's last change back (the field is auto_now, so through a plain update)."""
    QuerySet(Submission).filter(pk=submission.pk).update(updated_at=timezone.now() - days * DAY)


def test_a_request_reopened_after_the_due_list_was_made_is_not_wiped(manager, adviser, second_adviser, catalogue, monkeypatch):
    settled = make_submission(author=manager, status=S.SETTLED, by=adviser)
    listed = privacy.retention_due

    def due_then_reopened(**kwargs):
        due = list(listed(**kwargs))
        assert [s.pk for s in due] == [settled.pk]
        reopen_after_objection(submission=settled, by=second_adviser)
        return due

    monkeypatch.setattr(privacy, "retention_due", due_then_reopened)
    assert privacy.retention_apply(days=30, now=later(31)) == []
    settled.refresh_from_db()
    assert settled.status == S.IN_REVIEW and settled.text == ROLE_TEXT and settled.anonymised_at is None
    assert not settled.events.filter(kind=SubmissionEvent.Kind.ANONYMISED).exists()


def test_an_erasure_leaves_a_request_that_changed_hands_in_between(manager, other_manager, catalogue, monkeypatch):
    """Erasure re-checks under the lock too: a request no longer the person's is not touched."""
    own = make_submission(author=manager)
    moved = make_submission(author=manager, title="Verplaatst")
    original = privacy._anonymise_if

    def moved_first(submission, still, **kwargs):
        if submission.pk == moved.pk:
            QuerySet(Submission).filter(pk=moved.pk).update(author=other_manager)
        return original(submission, still, **kwargs)

    monkeypatch.setattr(privacy, "_anonymise_if", moved_first)
    assert privacy.person_erase(username="leidinggevende").requests == 1
    own.refresh_from_db()
    moved.refresh_from_db()
    assert own.text == privacy.REMOVED_TEXT and moved.text == ROLE_TEXT


def test_abandoned_drafts_and_returned_requests_go_after_the_period_from_their_last_change(manager, adviser, catalogue):
    draft = make_submission(author=manager, title="Verlaten concept")
    returned = make_submission(author=manager, title="Nooit beantwoord", status=S.RETURNED, by=adviser)
    fresh = make_submission(author=manager, title="Vers concept")
    for submission in (draft, returned):
        age(submission, 40)
    assert [s.pk for s in privacy.retention_apply(days=30)] == [draft.pk, returned.pk]
    for submission in (draft, returned):
        submission.refresh_from_db()
        assert submission.text == privacy.REMOVED_TEXT and submission.anonymised_at is not None
        assert not submission.is_editable()
    fresh.refresh_from_db()
    assert fresh.text == ROLE_TEXT


def test_a_request_reopened_after_a_bezwaar_and_open_again_is_never_wiped(manager, adviser, catalogue):
    """Reopened, then returned to the manager with a question that stays unanswered."""
    submission = make_submission(author=manager, status=S.SETTLED, by=adviser)
    reopen_after_objection(submission=submission, by=adviser)
    submissions.submission_return(submission=submission, by=adviser, question="Welk budget?")
    age(submission, 400)
    QuerySet(Submission).filter(pk=submission.pk).update(settled_at=timezone.now() - 400 * DAY)
    assert privacy.retention_apply(days=30) == []
    submission.refresh_from_db()
    assert submission.text == ROLE_TEXT


def test_a_re_settled_request_counts_from_its_new_decision(manager, adviser, catalogue):
    submission = make_submission(author=manager, status=S.SETTLED, by=adviser)
    reopen_after_objection(submission=submission, by=adviser)
    grade = submission.effective_family().levels.exclude(grade=None).order_by("rank").first().grade
    submissions.submission_settle(submission=submission, by=adviser, family=submission.effective_family(), grade=grade,
                                  motivation="Opnieuw bezien.")
    assert privacy.retention_apply(days=30, now=later(29)) == []
    assert [s.pk for s in privacy.retention_apply(days=30, now=later(31))] == [submission.pk]


@pytest.mark.parametrize("how", ["withdrawn", "anonymised"])
def test_a_request_without_its_text_is_not_graded_again(how, manager, adviser, adviser_client, catalogue):
    submission = make_submission(author=manager, status=S.SUBMITTED)
    if how == "withdrawn":
        review.submission_withdraw(submission=submission, by=manager)
        message = submissions.WITHDRAWN_IS_FINAL
    else:
        privacy.submission_anonymise(submission=submission, by=privacy.system_user(), comment="Verzoek.")
        message = submissions.ANONYMISED_IS_FINAL
    submission.refresh_from_db()
    snapshots = submission.snapshots.count()
    with pytest.raises(ValidationError) as error:
        submissions.submission_regrade(submission=submission, by=adviser)
    assert error.value.messages == [message]
    response = adviser_client.post(f"/aanvragen/{submission.pk}/opnieuw-indelen/", {"version": submission.version})
    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.snapshots.count() == snapshots and submission.indicative_family_id is not None
