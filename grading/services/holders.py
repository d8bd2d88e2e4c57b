"""What the HR adviser changes about the function holders: the list before settling, and when each
holder's decision letter was sent and received (the objection terms run from those dates).

Like the other services: one transaction, the request locked and checked against the form's
version, the change written together with its history line.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format

from grading.models import FunctionHolder, Submission, SubmissionEvent
from grading.services.holder_list import holders_replace, holders_words
from grading.services.submissions import _lock, _log, _require_not_author, _require_reviewer, _save

HOLDERS_NOT_OPEN = (
    "De functiehouders kunnen alleen worden gewijzigd zolang de aanvraag is ingediend of in behandeling is, "
    "vóór het besluit."
)
HOLDERS_UNCHANGED = "De functiehouders staan al zo; er is niets gewijzigd."
LETTER_NOT_SETTLED = "Een besluitbrief is er pas als de aanvraag is vastgesteld."
SENT_REQUIRED = "Vul de datum in waarop de besluitbrief is verzonden."
RECEIVED_WITHOUT_SENT = "Vul eerst de datum van verzending in; de ontvangst volgt daarop."
RECEIVED_BEFORE_SENT = "De brief kan niet eerder ontvangen zijn dan verzonden: kies een datum op of na de verzending."
DATE_IN_FUTURE = "Deze datum ligt in de toekomst; vul de datum in waarop het gebeurde."
SENT_BEFORE_DECISION = "De brief kan niet zijn verzonden vóór het besluit ({date})."
LETTER_UNCHANGED = "Deze data staan al zo; er is niets gewijzigd."


@transaction.atomic
def submission_holders_set(
    *, submission: Submission, by: AbstractBaseUser, holders: list[tuple[str, str]], version: int | None = None,
) -> Submission:
    """The HR adviser corrects the holders before settling (who has the request in review)."""
    locked = _lock(submission, version)
    if locked.status not in (Submission.Status.SUBMITTED, Submission.Status.IN_REVIEW):
        raise ValidationError(HOLDERS_NOT_OPEN, code="status")
    _require_not_author(locked, by)
    _require_reviewer(locked, by)
    if not holders_replace(locked, holders):
        raise ValidationError(HOLDERS_UNCHANGED, code="unchanged")
    _save(locked)
    _log(locked, kind=SubmissionEvent.Kind.HOLDERS, by=by, from_status=locked.status, comment=holders_words(holders))
    submission.refresh_from_db()
    return submission


def _day(value: datetime.date) -> str:
    return date_format(value, "j F Y")


@transaction.atomic
def holder_letter_dates_set(
    *, holder: FunctionHolder, by: AbstractBaseUser, sent_on: datetime.date | None,
    received_on: datetime.date | None = None, version: int | None = None,
) -> FunctionHolder:
    """Record when a holder's decision letter was sent and, when known, received."""
    locked = _lock(holder.submission, version)
    if locked.status != Submission.Status.SETTLED:
        raise ValidationError(LETTER_NOT_SETTLED, code="status")
    _require_not_author(locked, by)
    holder = FunctionHolder.objects.select_for_update().get(pk=holder.pk, submission=locked)
    today = timezone.localdate()
    if sent_on is None:
        raise ValidationError({"sent_on": RECEIVED_WITHOUT_SENT if received_on else SENT_REQUIRED})
    if sent_on > today:
        raise ValidationError({"sent_on": DATE_IN_FUTURE})
    settled_on = timezone.localdate(locked.settled_at) if locked.settled_at else None
    if settled_on and sent_on < settled_on:
        raise ValidationError({"sent_on": SENT_BEFORE_DECISION.format(date=_day(settled_on))})
    if received_on is not None and received_on > today:
        raise ValidationError({"received_on": DATE_IN_FUTURE})
    if received_on is not None and received_on < sent_on:
        raise ValidationError({"received_on": RECEIVED_BEFORE_SENT})
    if (holder.letter_sent_on, holder.letter_received_on) == (sent_on, received_on):
        raise ValidationError(LETTER_UNCHANGED, code="unchanged")
    holder.letter_sent_on, holder.letter_received_on = sent_on, received_on
    holder.save(update_fields=["letter_sent_on", "letter_received_on"])
    _save(locked)
    words = f"Besluitbrief aan {holder.name}: verzonden op {_day(sent_on)}"
    words += f", ontvangen op {_day(received_on)}." if received_on else "; ontvangst nog niet bekend."
    _log(locked, kind=SubmissionEvent.Kind.LETTER, by=by, from_status=locked.status, comment=words)
    return holder
