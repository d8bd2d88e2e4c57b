"""Privacy: the retention period for role texts, and erasing one person's data on request.

A request's role text (pasted or read from an upload) is needed while it is decided and for a
while after, for a bezwaar. After `settings.RETENTION_DAYS` from the decision (or the withdrawal)
`retention_apply` removes it, together with everything that quotes it: the text every engine run
read, the sentences the results cite as evidence, and the conversation on the request (questions,
replies, withdrawal reasons). What stays is what the decision needs: the title, the statuses and
dates, the indicative and the final family and grade, the HR adviser's motivation and the reason
for a reopening, and the history of who did what when.

`person_erase` does the same at once for every request a person made, whatever its status, and
makes the person anonymous: their name becomes "verwijderde gebruiker", their e-mail address and
user name go, and the account can no longer log in. Decisions and history stay, attributed to
that anonymous account.

Both log an ANONYMISED line per request. Its actor is the system account `systeem` (inactive,
without a password): these run from a scheduled job or a command line, where no person of the
application acts, and the line's comment says on what ground the text went.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from grading.models import GradingSnapshot, Submission, SubmissionEvent
from grading.reports import report_cache_key

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
KEPT_COMMENTS = (SubmissionEvent.Kind.SETTLED, SubmissionEvent.Kind.REOPENED, SubmissionEvent.Kind.ANONYMISED)
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


def retention_due(*, days: int | None = None, now: datetime.datetime | None = None) -> models.QuerySet:
    """Settled and withdrawn requests whose decision or withdrawal is older than the retention
    period and whose text is still there."""
    days = settings.RETENTION_DAYS if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    withdrawn_at = (
        SubmissionEvent.objects.filter(submission=OuterRef("pk"), kind=SubmissionEvent.Kind.WITHDRAWN)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    withdrawn = Q(status=Submission.Status.WITHDRAWN) & (
        Q(withdrawn_at__lt=cutoff) | Q(withdrawn_at__isnull=True, updated_at__lt=cutoff)
    )
    return (
        Submission.objects.filter(anonymised_at__isnull=True)
        .annotate(withdrawn_at=Subquery(withdrawn_at))
        .filter(Q(status=Submission.Status.SETTLED, settled_at__lt=cutoff) | withdrawn)
        .order_by("id")
    )


def retention_apply(
    *, days: int | None = None, dry_run: bool = False, now: datetime.datetime | None = None
) -> list[Submission]:
    """Anonymise every request past the retention period; with `dry_run` only say which.

    Each request is done in its own transaction, so a run that stops halfway keeps what it did."""
    days = settings.RETENTION_DAYS if days is None else days
    due = list(retention_due(days=days, now=now))
    if dry_run or not due:
        return due
    by = system_user()
    comment = RETENTION_COMMENT.format(days=days)
    return [submission_anonymise(submission=submission, by=by, comment=comment) for submission in due]


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
    _forget_reports(locked, snapshot_ids=[snapshot.pk for snapshot in snapshots])
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


def _forget_reports(submission: Submission, *, snapshot_ids: list[int]) -> None:
    """Drop the cached grading report PDFs of every earlier state (they print the role text)."""
    keys = [
        report_cache_key(submission, version=version, latest_snapshot_id=snapshot_id)
        for version in range(1, submission.version + 1)
        for snapshot_id in [*snapshot_ids, None]
    ]
    cache.delete_many(keys)


@dataclass(frozen=True)
class Erasure:
    username: str
    requests: int  # requests whose text was removed now
    open_requests: int  # of those, not yet settled or withdrawn


def person_erase(*, username: str) -> Erasure:
    """Erase a person on request: the texts of their requests, their name, e-mail and user name;
    the account can no longer be used. Decisions and history stay, under "verwijderde gebruiker"."""
    User = get_user_model()
    person = User.objects.filter(username=username).first()
    if person is None:
        raise ValidationError(UNKNOWN_PERSON, params={"username": username}, code="unknown")
    if username == SYSTEM_USERNAME:
        raise ValidationError(SYSTEM_NOT_ERASABLE, code="system")
    by = system_user()
    pending = list(Submission.objects.filter(author=person, anonymised_at__isnull=True).order_by("id"))
    done = [submission_anonymise(submission=s, by=by, comment=ERASURE_COMMENT) for s in pending]
    open_statuses = (Submission.Status.SETTLED, Submission.Status.WITHDRAWN)
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=person.pk)
        person.username = ERASED_USERNAME.format(pk=person.pk)
        person.first_name = ERASED_NAME
        person.last_name = ""
        person.email = ""
        person.is_active = person.is_staff = person.is_superuser = False
        person.set_unusable_password()  # also ends every session: its auth hash no longer matches
        person.save()
        person.groups.clear()
        person.user_permissions.clear()
        _forget_login_records(username)
    return Erasure(
        username=username, requests=len(done), open_requests=sum(s.status not in open_statuses for s in done)
    )


def _forget_login_records(username: str) -> None:
    """django-axes keeps failed and successful logins by user name and address."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()
