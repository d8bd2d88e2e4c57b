import datetime
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from grading import reports
from grading.models import AppendOnlyError, GradingSnapshot, Submission, SubmissionEvent
from grading.services import privacy, review, submissions
from tests.factory import ROLE_TEXT, make_adviser, make_manager, make_result, make_snapshot, make_submission

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)
QUOTE = "Zij bereidt de vergaderingen voor, notuleert en bewaakt de voortgang van de besluiten."


def later(days: int) -> datetime.datetime:
    return timezone.now() + days * DAY


@pytest.fixture
def settled(manager, adviser, catalogue):
    """A settled request with a question and a reply in its history and quoted evidence."""
    submission = make_submission(author=manager, status=Submission.Status.RETURNED, by=adviser)
    submissions.submission_submit(submission=submission, by=manager, comment="Lotte, bel me gerust: 06-12345678.")
    submissions.submission_take_in_review(submission=submission, by=adviser)
    make_snapshot(submission=submission, result=make_result(text=submission.text))
    grade = submission.effective_family().levels.exclude(grade=None).order_by("rank").first().grade
    submissions.submission_settle(
        submission=submission, by=adviser, grade=grade, family=submission.effective_family(),
        motivation="Past bij FG 45: ondersteunend, geen advies.",
    )
    submission.refresh_from_db()
    return submission


def test_a_settled_request_past_the_retention_period_loses_its_text(settled, settings):
    settings.RETENTION_DAYS = 730
    done = privacy.retention_apply(now=later(731))
    assert [s.pk for s in done] == [settled.pk]
    settled.refresh_from_db()
    assert settled.text == privacy.REMOVED_TEXT and settled.anonymised_at is not None
    for snapshot in settled.snapshots.all():
        assert snapshot.text == privacy.REMOVED_TEXT
        assert QUOTE not in str(snapshot.result) and "notuleert" not in str(snapshot.result)
    evidence = settled.latest_snapshot().result["criteria"][0]["evidence"][0]
    assert evidence["sentence"] == privacy.REMOVED_TEXT and evidence["start"] == evidence["end"] == -1
    assert evidence["element"] == "Notuleert vergaderingen."  # the matrix's words, not the manager's


def test_the_decision_and_its_motivation_stay(settled):
    before = Submission.objects.get(pk=settled.pk)
    privacy.retention_apply(days=730, now=later(731))
    after = Submission.objects.get(pk=settled.pk)
    for field in ("title", "status", "final_grade_id", "final_family_id", "motivation", "settled_by_id", "settled_at",
                  "indicative_grade_id", "indicative_family_id", "author_id"):
        assert getattr(after, field) == getattr(before, field), field
    settle_line = after.events.get(kind=SubmissionEvent.Kind.SETTLED)
    assert settle_line.comment == "Past bij FG 45: ondersteunend, geen advies."
    assert after.latest_snapshot().result["grade"] == before.latest_snapshot().result["grade"]


def test_the_conversation_about_the_role_goes_but_every_history_line_stays(settled):
    lines_before = list(settled.events.values_list("id", "kind", "actor_id", "to_status", "created_at"))
    assert settled.events.get(kind=SubmissionEvent.Kind.RETURNED).comment  # the adviser's question
    privacy.retention_apply(days=730, now=later(731))
    lines_after = list(settled.events.exclude(kind=SubmissionEvent.Kind.ANONYMISED)
                       .values_list("id", "kind", "actor_id", "to_status", "created_at"))
    assert lines_after == lines_before
    assert settled.events.get(kind=SubmissionEvent.Kind.RETURNED).comment == ""


def test_each_anonymised_request_gets_a_history_line_by_the_system_account(settled):
    privacy.retention_apply(days=730, now=later(731))
    line = settled.events.get(kind=SubmissionEvent.Kind.ANONYMISED)
    assert line.actor.username == privacy.SYSTEM_USERNAME
    assert not line.actor.is_active and not line.actor.has_usable_password()
    assert "730 dagen" in line.comment
    assert line.from_status == line.to_status == Submission.Status.SETTLED


def test_recent_and_undecided_requests_are_left_alone(settled, manager, adviser):
    in_review = make_submission(author=manager, status=Submission.Status.IN_REVIEW, by=adviser)
    submitted = make_submission(author=manager, status=Submission.Status.SUBMITTED)
    draft = make_submission(author=manager)
    assert privacy.retention_apply(days=730, now=later(729)) == []
    # An abandoned draft goes after the period too (see test_retention_races.py); work at HR stays.
    assert privacy.retention_apply(days=730, now=later(3650)) == [settled, draft]
    for submission in (in_review, submitted):
        submission.refresh_from_db()
        assert submission.text == ROLE_TEXT and submission.anonymised_at is None


def test_a_withdrawn_request_counts_from_its_withdrawal(manager, catalogue):
    submission = make_submission(author=manager, status=Submission.Status.SUBMITTED)
    review.submission_withdraw(submission=submission, by=manager, comment="Ik heb een nieuwe baan.")
    assert privacy.retention_apply(days=30, now=later(29)) == []
    assert [s.pk for s in privacy.retention_apply(days=30, now=later(31))] == [submission.pk]
    submission.refresh_from_db()
    assert submission.text == privacy.REMOVED_TEXT
    assert submission.events.get(kind=SubmissionEvent.Kind.WITHDRAWN).comment == ""


def test_it_is_idempotent(settled):
    assert len(privacy.retention_apply(days=730, now=later(731))) == 1
    assert privacy.retention_apply(days=730, now=later(731)) == []
    again = privacy.submission_anonymise(submission=settled, by=privacy.system_user(), comment="x")
    assert again.events.filter(kind=SubmissionEvent.Kind.ANONYMISED).count() == 1


def test_the_history_stays_append_only_for_everything_else(settled):
    privacy.retention_apply(days=730, now=later(731))
    snapshot = settled.latest_snapshot()
    snapshot.text = "iets anders"
    with pytest.raises(AppendOnlyError):
        snapshot.save()
    with pytest.raises(AppendOnlyError):
        GradingSnapshot.objects.filter(pk=snapshot.pk).update(text="iets anders")


def test_the_cached_report_with_the_text_is_dropped(settled):
    slot = f"report-pdf:{settled.pk}"
    reports.report_pdf(settled)
    assert cache.get(slot) is not None  # the slot the report module uses, else this test is moot
    privacy.retention_apply(days=730, now=later(731))
    assert cache.get(slot) is None


def test_the_request_page_still_shows_the_decision(settled, adviser_client):
    privacy.retention_apply(days=730, now=later(731))
    response = adviser_client.get(f"/aanvragen/{settled.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "notuleert" not in html and privacy.REMOVED_TEXT in html
    assert "Past bij FG 45: ondersteunend, geen advies." in html


def test_the_command_lists_on_a_dry_run_and_changes_nothing(settled, settings):
    settings.RETENTION_DAYS = 10
    Submission.objects.filter(pk=settled.pk).update(settled_at=timezone.now() - 11 * DAY)
    out = StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert settled.reference in out.getvalue() and "1 aanvragen ouder dan 10 dagen zouden" in out.getvalue()
    settled.refresh_from_db()
    assert settled.anonymised_at is None
    call_command("apply_retention", stdout=(out := StringIO()))
    assert "1 aanvragen ouder dan 10 dagen geanonimiseerd" in out.getvalue()
    settled.refresh_from_db()
    assert settled.text == privacy.REMOVED_TEXT


@pytest.mark.parametrize("value", ["abc", "0", "-5", "7.5"])
def test_a_bad_retention_setting_stops_the_application(value):
    env = dict(os.environ, RETENTION_DAYS=value, DJANGO_SETTINGS_MODULE="functiewaardering.settings")
    code = "import django; django.setup()"
    run = subprocess.run([sys.executable, "-c", code], env=env, cwd=Path(__file__).parents[2], capture_output=True, text=True)
    assert run.returncode != 0 and "RETENTION_DAYS" in run.stderr


# Erasing one person on request.


def test_erasing_a_manager_anonymises_their_requests_and_account(settled, manager, adviser, client, password):
    open_request = make_submission(author=manager, status=Submission.Status.SUBMITTED)
    manager.email = "lotte@example.org"
    manager.save()
    out = StringIO()
    call_command("erase_person", "leidinggevende", stdout=out)
    assert "leidinggevende verwijderd: 2 aanvragen geanonimiseerd, waarvan 1 nog niet afgerond." in out.getvalue()
    manager.refresh_from_db()
    assert manager.get_full_name() == privacy.ERASED_NAME
    assert manager.username == f"verwijderd-{manager.pk}" and manager.email == "" and manager.last_name == ""
    assert not manager.is_active and not manager.has_usable_password() and not manager.groups.exists()
    for username in ("leidinggevende", manager.username):
        response = client.post("/accounts/login/", {"username": username, "password": password})
        assert response.status_code == 200 and "_auth_user_id" not in client.session  # the form again
    for submission in (settled, open_request):
        submission.refresh_from_db()
        assert submission.text == privacy.REMOVED_TEXT
        assert submission.author_id == manager.pk  # the decision stays, under the anonymous name
        line = submission.events.get(kind=SubmissionEvent.Kind.ANONYMISED)
        assert line.comment == privacy.ERASURE_COMMENT and line.actor.username == privacy.SYSTEM_USERNAME
    assert settled.motivation == "Past bij FG 45: ondersteunend, geen advies."


def test_an_erased_person_shows_as_verwijderde_gebruiker_in_the_history(settled, manager, adviser_client):
    privacy.person_erase(username="leidinggevende")
    html = adviser_client.get(f"/aanvragen/{settled.pk}/").content.decode()
    assert "verwijderde gebruiker" in html
    assert "Lotte" not in html and "de Vries" not in html and "leidinggevende</" not in html


def test_erasing_an_adviser_keeps_their_decisions(settled, adviser, manager_client):
    privacy.person_erase(username="hr-adviseur")
    settled.refresh_from_db()
    assert settled.settled_by_id == adviser.pk and settled.motivation
    assert settled.text != privacy.REMOVED_TEXT  # not their request: its text stays
    html = manager_client.get(f"/aanvragen/{settled.pk}/").content.decode()
    assert "Hamid" not in html and "verwijderde gebruiker" in html


def test_erasing_an_unknown_person_is_a_dutch_error(roles):
    with pytest.raises(CommandError, match="Er is geen gebruiker met de gebruikersnaam „niemand”"):
        call_command("erase_person", "niemand")


def test_the_system_account_cannot_be_erased(roles):
    privacy.system_user()
    with pytest.raises(CommandError, match=privacy.SYSTEM_NOT_ERASABLE):
        call_command("erase_person", privacy.SYSTEM_USERNAME)


def test_failed_logins_of_the_person_are_forgotten(manager, client):
    from axes.models import AccessAttempt

    client.post("/accounts/login/", {"username": "leidinggevende", "password": "fout"})
    assert AccessAttempt.objects.filter(username="leidinggevende").exists()
    privacy.person_erase(username="leidinggevende")
    assert not AccessAttempt.objects.filter(username="leidinggevende").exists()


def test_erasing_twice_finds_the_person_gone(manager):
    privacy.person_erase(username="leidinggevende")
    with pytest.raises(Exception, match="Er is geen gebruiker"):
        privacy.person_erase(username="leidinggevende")


def test_a_new_manager_request_is_untouched_by_another_person_s_erasure(manager, other_manager):
    own = make_submission(author=other_manager)
    privacy.person_erase(username="leidinggevende")
    own.refresh_from_db()
    assert own.text == ROLE_TEXT and own.anonymised_at is None
    assert make_adviser(username="nieuw")  # the system account's creation did not clash with anything
    assert make_manager(username="nog-een")
