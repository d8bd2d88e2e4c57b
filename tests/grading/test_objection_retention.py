"""Retention never removes the texts of a request under objection or inside an objection term;
once the objection has ended and the terms have run out, its grounds and attachment go too."""

import datetime

import pytest
from django.core.management import call_command
from django.db.models import QuerySet
from django.utils import timezone

from grading.models import Submission
from grading.objection_models import Objection, ObjectionStepRecord
from grading.services import objections, privacy, submissions
from profiles.models import GradingSystem, JobFamily, ObjectionRoute, Organisation
from tests.factory import ROLE_TEXT, make_submission

pytestmark = pytest.mark.django_db
S = Submission.Status
DAY = datetime.timedelta(days=1)


@pytest.fixture
def routes(catalogue):
    call_command("load_objection_routes", verbosity=0)


def later(days: int) -> datetime.datetime:
    return timezone.now() + days * DAY


def settled_long_ago(submission, days: int) -> None:
    QuerySet(Submission).filter(pk=submission.pk).update(settled_at=timezone.now() - days * DAY)


def test_a_request_under_objection_keeps_its_text_however_old_the_decision(routes, manager, adviser, catalogue):
    submission = make_submission(author=manager, status=S.SETTLED, by=adviser)
    objection = objections.objection_register(
        submission=submission, by=adviser, route=ObjectionRoute.objects.get(code="fwg-ggz-lbc"),
        holder_name="Joris Jansen", received_on=timezone.localdate(), grounds="Mijn werk is zwaarder.",
        decision_sent_on=timezone.localdate(),
    )
    settled_long_ago(submission, 800)
    assert privacy.retention_apply(days=30) == []
    submission.refresh_from_db()
    assert submission.text == ROLE_TEXT and submission.anonymised_at is None

    objections.objection_step_record(objection=objection, by=adviser, decided_on=timezone.localdate(),
                                     outcome=ObjectionStepRecord.Outcome.WITHDRAWN)
    assert [s.pk for s in privacy.retention_apply(days=30)] == [submission.pk]
    objection.refresh_from_db()
    assert objection.grounds == privacy.REMOVED_TEXT and objection.attachment is None


def test_a_request_inside_the_gcbo_term_keeps_its_text(routes, manager, adviser, catalogue):
    """cao VO: six weeks from receipt (GCBO) or from the day after sending (Landelijke commissie)."""
    Organisation.objects.create(pk=Organisation.ROW, name="Scholengroep Oost", changed_at=timezone.now(),
                                grading_system=GradingSystem.objects.get(code="cao-vo"))
    school = JobFamily.objects.get(slug="secretariele-ondersteuning-vo")
    submission = make_submission(author=manager, family=school, status=S.IN_REVIEW, by=adviser)
    submissions.submission_settle(submission=submission, by=adviser, family=school, level_rank=2, motivation="Niveau 2.")
    assert privacy.retention_apply(days=1, now=later(41)) == []
    submission.refresh_from_db()
    assert submission.text == ROLE_TEXT
    assert [s.pk for s in privacy.retention_apply(days=1, now=later(43))] == [submission.pk]


def test_the_raad_van_state_term_is_counted_as_late_as_it_can_run(routes, manager, adviser, catalogue):
    """Belgian statutory staff: 60 days, from four months after notification when the letter does
    not name the appeal; retention waits for that."""
    family = JobFamily.objects.get(slug="administratief-ondersteuner")
    submission = make_submission(author=manager, family=family, status=S.IN_REVIEW, by=adviser)
    grade = family.levels.exclude(grade=None).order_by("rank").first().grade
    submissions.submission_settle(submission=submission, by=adviser, family=family, grade=grade, motivation="D.")
    assert privacy.retention_apply(days=1, now=later(150)) == []
    assert [s.pk for s in privacy.retention_apply(days=1, now=later(190))] == [submission.pk]


def test_without_routes_retention_counts_from_the_decision_as_before(manager, adviser, catalogue):
    submission = make_submission(author=manager, status=S.SETTLED, by=adviser)
    assert not ObjectionRoute.objects.exists() and not Objection.objects.exists()
    assert [s.pk for s in privacy.retention_apply(days=1, now=later(2))] == [submission.pk]
