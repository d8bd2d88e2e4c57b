"""The cases real HR work brings besides the main road: hand a request to a colleague, a manager
withdrawing a request, and the decisions as CSV. A settled request opens again only through an
objection (`objections`).

Each runs like the services in `submissions`: one transaction, the row locked and checked against
the form's version, the change written together with its history line.
"""

import io

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from functiewaardering.csv_cells import SafeWriter
from grading.models import Submission, SubmissionEvent
from grading.result_display import Indication, indication
from grading.roles import HR_ADVISER
from grading.services.submissions import (
    _lock,
    _log,
    _require_author,
    _require_not_author,
    _require_reviewer,
    _save,
    normalize_text,
)

NOT_IN_HAND = "Alleen een aanvraag die in behandeling is, kan worden overgedragen."
NOT_AN_ADVISER = "Kies een HR-adviseur om de aanvraag aan over te dragen."
SAME_ADVISER = "De aanvraag is al in behandeling bij deze HR-adviseur."
NOT_WITHDRAWABLE = "Een aanvraag die is vastgesteld of al is ingetrokken, kan niet meer worden ingetrokken."
NOT_TAKEABLE = "Alleen een aanvraag die bij een andere HR-adviseur in behandeling is, kan worden overgenomen."
NOT_TO_AUTHOR = "De aanvraag kan niet worden overgedragen aan de HR-adviseur die haar zelf indiende."


def is_adviser(user: AbstractBaseUser) -> bool:
    return user.is_active and user.groups.filter(name=HR_ADVISER).exists()


@transaction.atomic
def submission_hand_over(
    *, submission: Submission, by: AbstractBaseUser, to: AbstractBaseUser, comment: str = "",
    version: int | None = None,
) -> Submission:
    """Give a request in review to another HR adviser (an absent adviser's work must not vanish)."""
    locked = _lock(submission, version)
    if locked.status != Submission.Status.IN_REVIEW:
        raise ValidationError(NOT_IN_HAND, code="status")
    if to is None or not is_adviser(to):
        raise ValidationError(NOT_AN_ADVISER, code="adviser")
    _require_reviewer(locked, by)
    if locked.reviewer_id == to.pk:
        raise ValidationError(SAME_ADVISER, code="adviser")
    if locked.author_id == to.pk:
        raise ValidationError(NOT_TO_AUTHOR, code="adviser")
    locked.reviewer = to
    _save(locked)
    name = to.get_full_name() or to.get_username()
    text = f"Overgedragen aan {name}." + (f" {normalize_text(comment)}" if comment.strip() else "")
    _log(locked, kind=SubmissionEvent.Kind.HANDED_OVER, by=by, from_status=locked.status, comment=text)
    submission.refresh_from_db()
    return submission


@transaction.atomic
def submission_take_over(
    *, submission: Submission, by: AbstractBaseUser, version: int | None = None
) -> Submission:
    """Take a request in review away from another adviser (who is absent, say): an explicit act,
    logged with the name of the adviser who had it."""
    locked = _lock(submission, version)
    if locked.status != Submission.Status.IN_REVIEW or locked.reviewer_id in (None, by.pk):
        raise ValidationError(NOT_TAKEABLE, code="status")
    _require_not_author(locked, by)
    previous = locked.reviewer
    locked.reviewer = by
    _save(locked)
    text = f"Overgenomen van {previous.get_full_name() or previous.get_username()}."
    _log(locked, kind=SubmissionEvent.Kind.TAKEN_OVER, by=by, from_status=locked.status, comment=text)
    submission.refresh_from_db()
    return submission


@transaction.atomic
def submission_withdraw(
    *, submission: Submission, by: AbstractBaseUser, comment: str = "", version: int | None = None
) -> Submission:
    """The manager takes back a request that is not settled; it stays readable, with its history."""
    locked = _lock(submission, version)
    _require_author(locked, by)
    if locked.status in (Submission.Status.SETTLED, Submission.Status.WITHDRAWN):
        raise ValidationError(NOT_WITHDRAWABLE, code="status")
    from_status = locked.status
    locked.status = Submission.Status.WITHDRAWN
    _save(locked)
    _log(locked, kind=SubmissionEvent.Kind.WITHDRAWN, by=by, from_status=from_status, comment=normalize_text(comment))
    submission.refresh_from_db()
    return submission


DECISION_COLUMNS = [
    "kenmerk", "titel", "status", "leidinggevende", "functiefamilie", "schaal", "waarderingssysteem",
    "schaalcode", "ingangsdatum", "aangemaakt", "vastgesteld", "hr-adviseur", "niveau in de familie",
    "bezwaren", "uitkomst laatste bezwaar",
]


def decisions_csv(*, submissions) -> str:
    """The decisions for reporting: no role text, no motivation, only what was decided and when.

    Family and grade are read as every page shows them (`result_display.indication`): the family or
    "Buiten het functiehuis", the grade or "niveau n van m", and beside each grade its system."""
    out = io.StringIO()
    writer = SafeWriter(out, delimiter=";")  # every text cell neutralised
    writer.writerow(DECISION_COLUMNS)
    for submission in submissions:
        settled = submission.status == Submission.Status.SETTLED
        shown = indication(submission) if settled else Indication("", "")
        writer.writerow([
            submission.reference,
            submission.title,
            submission.get_status_display(),
            _person(submission.author),
            shown.family,
            shown.label,
            shown.system,
            shown.code,
            submission.effective_date.isoformat() if settled and submission.effective_date else "",
            timezone.localdate(submission.created_at).isoformat(),
            timezone.localdate(submission.settled_at).isoformat() if settled and submission.settled_at else "",
            _person(submission.settled_by) if settled and submission.settled_by_id else "",
            shown.level,  # beside a grade of the organisation's system: the level in a family of another
            *_objection_cells(submission),
        ])
    return out.getvalue()


def _objection_cells(submission: Submission) -> list[str]:
    """How many objections the decision met, and where the latest stands: its last recorded
    outcome with step and date, or that it still runs. Read from the prefetched objections."""
    objections = sorted(submission.objections.all(), key=lambda o: (o.received_on, o.pk))
    if not objections:
        return ["0", ""]
    latest = objections[-1]
    decided = [r for r in latest.records.all() if r.outcome]
    if not decided:
        return [str(len(objections)), "loopt"]
    last = max(decided, key=lambda r: (r.decided_on or r.filed_on or latest.received_on, r.pk))
    when = f" ({last.decided_on.isoformat()})" if last.decided_on else ""
    state = "" if latest.closed_at else ", loopt nog"
    return [str(len(objections)), f"{last.step.name}: {last.get_outcome_display()}{when}{state}"]


def _person(user) -> str:
    return user.get_full_name() or user.get_username()
