"""`manage.py objection_reminders --days N` mails the adviser about objection steps due within N
days or overdue; a mail carries only the kenmerk and a link."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from grading.models import Submission
from grading.objection_models import ObjectionStepRecord
from grading.services import objections
from profiles.models import ObjectionRoute, ObjectionStep
from profiles.objection_routes import step_term_set
from tests.factory import make_submission

pytestmark = pytest.mark.django_db
S = Submission.Status
DAY = datetime.timedelta(days=1)


@pytest.fixture
def due_objections(manager, adviser, second_adviser, catalogue, settings):
    """Three objections whose IBC advice (six weeks after the previous step) is due in 3, 20 and -5 days."""
    settings.SITE_URL = "https://fw.example.org"
    adviser.email, second_adviser.email = "hamid@example.org", "tweede@example.org"
    adviser.save()
    second_adviser.save()
    call_command("load_objection_routes", verbosity=0)
    step_term_set(step=ObjectionStep.objects.get(route__code="fwg-ggz-lbc", position=2), length=6, unit="weeks",
                  runs_from="previous_step", motivation="Eigen regeling.", by=adviser)
    made = {}
    today = timezone.localdate()
    for title, forwarded_ago in (("Binnenkort", 39), ("Later", 22), ("Verlopen", 47)):
        submission = make_submission(author=manager, title=title, status=S.SETTLED, by=second_adviser)
        submission.refresh_from_db()
        objection = objections.objection_register(
            submission=submission, by=adviser, route=ObjectionRoute.objects.get(code="fwg-ggz-lbc"),
            holder_name=f"Functiehouder {title}", received_on=today - 60 * DAY, grounds=f"Gronden {title}.",
            decision_sent_on=today - 61 * DAY,
        )
        objections.objection_step_record(objection=objection, by=adviser, decided_on=today - forwarded_ago * DAY,
                                         outcome=ObjectionStepRecord.Outcome.FORWARDED)
        made[title] = (submission, objection)
    return made


def test_it_mails_the_adviser_about_terms_due_within_n_days_or_overdue(due_objections):
    mail.outbox.clear()
    out = call_command_output("--days", "7")
    assert "2 herinneringen" in out
    assert [m.to for m in mail.outbox] == [["hamid@example.org"], ["hamid@example.org"]]
    references = {due_objections[t][0].reference for t in ("Binnenkort", "Verlopen")}
    assert {m.subject.rsplit(" ", 1)[-1] for m in mail.outbox} == references
    for message in mail.outbox:
        submission, objection = next(v for v in due_objections.values() if v[0].reference in message.subject)
        link = f"https://fw.example.org/aanvragen/{submission.pk}/bezwaren/{objection.pk}/"
        assert link in message.body and submission.reference in message.body
        text = message.subject + message.body
        for secret in (submission.title, objection.holder_name, objection.grounds, objection.route.name, "FG", "IBC",
                       "Hamid", "Lotte"):
            assert secret not in text
        # Nothing but the kenmerk and the link: every line is fixed wording, the kenmerk or the link.
        assert text.replace(submission.reference, "").replace(link, "").count("http") == 0


def test_a_wider_window_reaches_the_later_term(due_objections):
    mail.outbox.clear()
    call_command_output("--days", "30")
    assert len(mail.outbox) == 3


def test_a_negative_number_of_days_is_refused(db):
    with pytest.raises(CommandError):
        call_command("objection_reminders", "--days", "-1")


def call_command_output(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("objection_reminders", *args, stdout=out)
    return out.getvalue()
