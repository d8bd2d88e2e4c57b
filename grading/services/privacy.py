"""Privacy: the retention period for role texts, and erasing one person's data on request.

A request's role text (pasted or read from an upload) is needed while it is decided and for a
while after, for a bezwaar. After `settings.RETENTION_DAYS` `retention_apply` removes it, together
with everything that quotes it: the text every engine run read, the sentences the results cite as
evidence, and the conversation on the request (questions, replies, withdrawal reasons). The
period counts from the decision (settled), the withdrawal (withdrawn), or the last change (a draft
never finished, a request returned with a question and never answered). A request whose decision
was reopened after a bezwaar and is open again is never touched, nor one under an open objection
or still inside an objection term (`objection_selectors.first_terms_end`, counted from the holders'
recorded decision letters, else from the decision). What stays is what the decision
needs: the title, the statuses and dates, the indicative and the final family and grade, the HR
adviser's motivation and the reason for a reopening, and the history of who did what when.

`person_erase` does the same at once for every request a person made, whatever its status, and
makes the person anonymous: their name becomes "verwijderde gebruiker", their e-mail address and
user name go, and the account can no longer log in. Where another request's history names them
("Overgedragen aan <naam>"), the name becomes "verwijderde gebruiker" too, and every cached report
that printed the name is dropped. Decisions and history stay, attributed to that anonymous account.

Both take each request's row lock and check its state again under it before they change it: a
request reopened after the list of due requests was made is left alone.

Both log an ANONYMISED line per request. Its actor is the system account `systeem` (inactive,
without a password): these run from a scheduled job or a command line, where no person of the
application acts, and the line's comment says on what ground the text went.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from functiewaardering import audit
from grading.models import GradingSnapshot, Objection, Submission, SubmissionEvent
from grading.objection_selectors import first_terms_end
from grading.reports import report_forget
from grading.services.submissions import _lock

REMOVED_TEXT = "[tekst verwijderd]"
ERASED_NAME = "verwijderde gebruiker"
ERASED_USERNAME = "verwijderd-{pk}"
SYSTEM_USERNAME = "systeem"
SYSTEM_NAME = "systeem (privacy)"
RETENTION_COMMENT = (
    "Bewaartermijn van {days} dagen verstreken: de functiebeschrijving, de citaten eruit en de "
    "berichten over de aanvraag zijn verwijderd. Het besluit en de motivering blijven."
)
ERASURE_COMMENT = (
    "Op verzoek van de aanvrager zijn de functiebeschrijving, de citaten eruit en de berichten over "
    "de aanvraag verwijderd. Het besluit en de motivering blijven."
)
UNKNOWN_PERSON = "Er is geen gebruiker met de gebruikersnaam „%(username)s”."
SYSTEM_NOT_ERASABLE = "Het systeemaccount kan niet worden verwijderd."

# History lines whose comment is the decision trail and stays: the motivation of a decision and
# the reason for reopening it after a bezwaar. Every other comment is conversation about the role.
KEPT_COMMENTS = (
    SubmissionEvent.Kind.SETTLED, SubmissionEvent.Kind.REOPENED, SubmissionEvent.Kind.ANONYMISED,
    SubmissionEvent.Kind.OBJECTION, SubmissionEvent.Kind.OBJECTION_STEP,
)
QUOTED_KEYS = frozenset({"sentence", "text"})  # result fields that quote the input
OFFSET_KEYS = frozenset({"start", "end"})  # character offsets into the input
MIN_QUOTE = 12  # a result string this long that occurs in the input is a quote of it


def system_user() -> AbstractBaseUser:
    """The account that privacy work is logged under; made on first use, never able to log in."""
    user, created = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"first_name": SYSTEM_NAME, "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def retention_due(*, days: int | None = None, now: datetime.datetime | None = None) -> list[Submission]:
    """The requests `retention_apply` is about to anonymise (see `_due`), outside every objection term."""
    due = _due(days=days, now=now).select_related("final_grade__system", "final_family__grading_system")
    due = due.prefetch_related("holders")  # the letters' dates: `objection_selectors.decision_dates`
    return _outside_objection_terms(due, now=now)


def _due(*, days: int | None = None, now: datetime.datetime | None = None) -> models.QuerySet:
    """Requests whose text is still there and past the retention period: settled ones counted
    from the decision, withdrawn ones from the withdrawal, drafts and returned requests from their
    last change. Never a request reopened after a bezwaar that is open again."""
    days = settings.RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    withdrawn_at = (
        SubmissionEvent.objects.filter(submission=OuterRef("pk"), kind=SubmissionEvent.Kind.WITHDRAWN)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    Status = Submission.Status
    withdrawn = Q(status=Status.WITHDRAWN) & (
        Q(withdrawn_at__lt=cutoff) | Q(withdrawn_at__isnull=True, updated_at__lt=cutoff)
    )
    abandoned = Q(status__in=(Status.DRAFT, Status.RETURNED), updated_at__lt=cutoff)
    reopened = SubmissionEvent.objects.filter(submission=OuterRef("pk"), kind=SubmissionEvent.Kind.REOPENED)
    open_again = Q(models.Exists(reopened)) & ~Q(status__in=(Status.SETTLED, Status.WITHDRAWN))
    under_objection = Q(models.Exists(Objection.objects.open().filter(submission=OuterRef("pk"))))
    return (
        Submission.objects.filter(anonymised_at__isnull=True)
        .annotate(withdrawn_at=Subquery(withdrawn_at))
        .filter(Q(status=Status.SETTLED, settled_at__lt=cutoff) | withdrawn | abandoned)
        .exclude(open_again)
        .exclude(under_objection)
        .order_by("id")
    )


def _outside_objection_terms(submissions, *, now: datetime.datetime | None = None) -> list[Submission]:
    """The settled requests whose objection terms have all ended (the terms are computed in Python,
    from the route data), and every request that is not settled."""
    today = timezone.localdate(now) if now else timezone.localdate()
    routes_by_system: dict = {}
    kept = []
    for submission in submissions:
        if submission.status == Submission.Status.SETTLED:
            end = first_terms_end(submission=submission, routes_by_system=routes_by_system)
            if end is not None and end >= today:
                continue
        kept.append(submission)
    return kept


def retention_apply(
    *, days: int | None = None, dry_run: bool = False, now: datetime.datetime | None = None
) -> list[Submission]:
    """Anonymise every request past the retention period; with `dry_run` only say which.

    Each request is done in its own transaction, under its row lock and only if it is still due
    then, so a run that stops halfway keeps what it did and a request reopened meanwhile stays."""
    days = settings.RETENTION_DAYS if days is None else days
    due = list(retention_due(days=days, now=now))
    if dry_run or not due:
        return due
    by = system_user()
    comment = RETENTION_COMMENT.format(days=days)

    def still_due() -> models.QuerySet:  # the same rule, asked again under the row lock
        return _due(days=days, now=now)

    def outside_terms(locked: Submission) -> bool:
        return bool(_outside_objection_terms([locked], now=now))

    done = [_anonymise_if(submission, still_due, by=by, comment=comment, keep_if=outside_terms) for submission in due]
    return [submission for submission in done if submission is not None]


@transaction.atomic
def _anonymise_if(submission: Submission, still: Callable[[], models.QuerySet], *, by: AbstractBaseUser, comment: str,
                  keep_if: Callable[[Submission], bool] | None = None) -> Submission | None:
    """Lock the request, then anonymise it only if the queryset `still()` still holds it (and,
    with `keep_if`, the locked request still passes it)."""
    locked = _lock(submission, None)
    if not still().filter(pk=submission.pk).exists():
        return None
    if keep_if is not None and not keep_if(locked):
        return None
    return submission_anonymise(submission=submission, by=by, comment=comment)


@transaction.atomic
def submission_anonymise(*, submission: Submission, by: AbstractBaseUser, comment: str) -> Submission:
    """Remove the role text and everything that quotes it; keep the decision. Idempotent."""
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.anonymised_at is not None:
        return locked
    snapshots = list(GradingSnapshot.objects.filter(submission=locked).order_by("id"))
    inputs = [locked.text, *(snapshot.text for snapshot in snapshots)]
    for snapshot in snapshots:
        _rewrite(
            GradingSnapshot.objects.filter(pk=snapshot.pk),
            text=REMOVED_TEXT,
            result=scrub_result(snapshot.result, inputs),
        )
    _rewrite(
        SubmissionEvent.objects.filter(submission=locked).exclude(kind__in=KEPT_COMMENTS).exclude(comment=""),
        comment="",
    )
    # The grounds and attachment of an objection that has ended go with the text; an open
    # objection's stay (retention never reaches it; an erasure on the author's request leaves the
    # holder's objection alone).
    Objection.objects.filter(submission=locked, closed_at__isnull=False).update(
        grounds=REMOVED_TEXT, attachment=None, attachment_name="",
    )
    report_forget(submission_ids=[locked.pk])
    locked.text = REMOVED_TEXT
    locked.anonymised_at = timezone.now()
    locked.version += 1
    locked.save(update_fields=["text", "anonymised_at", "version", "updated_at"])
    SubmissionEvent.objects.create(
        submission=locked, kind=SubmissionEvent.Kind.ANONYMISED, actor=by,
        from_status=locked.status, to_status=locked.status, comment=comment,
    )
    return locked


def _rewrite(queryset: models.QuerySet, **values) -> int:
    # Snapshots and history lines are append-only: the application never changes them, and their
    # QuerySet refuses update(). Removing personal data from them is the one legitimate exception,
    # so this calls the plain QuerySet.update() on purpose, for text fields only; the rows, their
    # dates, statuses, grades and actors stay as they were.
    return models.QuerySet.update(queryset, **values)


def scrub_result(value, inputs: list[str]):
    """The engine result without the input: quoted sentences and words become REMOVED_TEXT, their
    offsets -1, and any other string that occurs in the input (a future quoting field) goes too."""
    if isinstance(value, dict):
        scrubbed = {}
        for key, item in value.items():
            if key in QUOTED_KEYS and isinstance(item, str) and item:
                scrubbed[key] = REMOVED_TEXT
            elif key in OFFSET_KEYS and isinstance(item, int):
                scrubbed[key] = -1
            else:
                scrubbed[key] = scrub_result(item, inputs)
        return scrubbed
    if isinstance(value, list | tuple):
        return [scrub_result(item, inputs) for item in value]
    if isinstance(value, str) and len(value) >= MIN_QUOTE and any(value in text for text in inputs):
        return REMOVED_TEXT
    return value


@dataclass(frozen=True)
class Erasure:
    username: str
    requests: int  # requests whose text was removed now
    open_requests: int  # of those, not yet settled or withdrawn


def person_erase(*, username: str) -> Erasure:
    """Erase a person on request: the texts of their requests, their name, e-mail and user name;
    the account can no longer be used. Decisions and history stay, under "verwijderde gebruiker".
    The `person_erased` signal lets the security log record it and forget the old user name."""
    User = get_user_model()
    person = User.objects.filter(username=username).first()
    if person is None:
        raise ValidationError(UNKNOWN_PERSON, params={"username": username}, code="unknown")
    if username == SYSTEM_USERNAME:
        raise ValidationError(SYSTEM_NOT_ERASABLE, code="system")
    by = system_user()
    pending = list(Submission.objects.filter(author=person, anonymised_at__isnull=True).order_by("id"))

    def still_theirs() -> models.QuerySet:
        return Submission.objects.filter(author=person, anonymised_at__isnull=True)

    done = [s for s in (_anonymise_if(s, still_theirs, by=by, comment=ERASURE_COMMENT) for s in pending) if s]
    open_statuses = (Submission.Status.SETTLED, Submission.Status.WITHDRAWN)
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        touched = _erase_name(person)
        person.username = ERASED_USERNAME.format(pk=person.pk)
        person.first_name = ERASED_NAME
        person.last_name = ""
        person.email = ""
        person.is_active = person.is_staff = person.is_superuser = False
        person.set_unusable_password()  # also ends every session: its auth hash no longer matches
        person.save()
        person.groups.clear()
        person.user_permissions.clear()
        _forget_admin_log(person)
        _forget_login_records(username)
        audit.person_erased.send(sender=person_erase, user=person, username=username, request=None)
    report_forget(submission_ids=touched)  # after the commit: a report made meanwhile goes too
    return Erasure(
        username=username, requests=len(done), open_requests=sum(s.status not in open_statuses for s in done)
    )


def _name_pattern(person: AbstractBaseUser) -> re.Pattern | None:
    """The ways a person's name is written in a comment: full name, user name, e-mail address."""
    names = {person.get_full_name().strip(), person.get_username(), person.email}
    names = sorted((n for n in names if n and len(n) >= 2), key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(re.escape(name) for name in names)
    return re.compile(rf"(?<![\w@.-])(?:{alternatives})(?![\w@-])", re.IGNORECASE)


def _erase_name(person: AbstractBaseUser) -> set[int]:
    """Replace the person's name in every history line and motivation, of every request (a hand
    over line "Overgedragen aan <naam>" sits in someone else's request). The ids of every request
    whose report printed the name: where they wrote, decided, acted or were named."""
    pattern = _name_pattern(person)
    touched = set(
        Submission.objects.filter(Q(author=person) | Q(reviewer=person) | Q(settled_by=person))
        .values_list("pk", flat=True)
    )
    touched |= set(SubmissionEvent.objects.filter(actor=person).values_list("submission_id", flat=True))
    touched |= set(GradingSnapshot.objects.filter(created_by=person).values_list("submission_id", flat=True))
    if pattern is None:
        return touched
    names = [n for n in {person.get_full_name().strip(), person.get_username(), person.email} if len(n) >= 2]
    mentions = Q()
    for name in names:
        mentions |= Q(comment__icontains=name)
    for pk, submission_id, comment in SubmissionEvent.objects.filter(mentions).values_list("pk", "submission_id", "comment"):
        scrubbed = pattern.sub(ERASED_NAME, comment)
        if scrubbed != comment:
            _rewrite(SubmissionEvent.objects.filter(pk=pk), comment=scrubbed)
            touched.add(submission_id)
    motivations = Q()
    for name in names:
        motivations |= Q(motivation__icontains=name)
    for submission in Submission.objects.filter(motivations).select_for_update().only("pk", "motivation"):
        scrubbed = pattern.sub(ERASED_NAME, submission.motivation)
        if scrubbed != submission.motivation:
            Submission.objects.filter(pk=submission.pk).update(motivation=scrubbed)
            touched.add(submission.pk)
    return touched


def _forget_admin_log(person: AbstractBaseUser) -> None:
    """The admin's log names a user by their user name (`object_repr`)."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(person), object_id=str(person.pk)
    ).update(object_repr=person.get_username())


def _forget_login_records(username: str) -> None:
    """django-axes keeps failed and successful logins by user name and address."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
