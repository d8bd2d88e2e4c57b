"""Writes of objections: register one on a settled request, record its steps along the route.

Like the other services each runs in one transaction under the request's row lock, checked
against the form's version, and writes a history line on the request. An outcome that changes
the decision reopens the request for the adviser who records it: the earlier decision stays in
the history, and settling again adds the new one. This is the only way a settled request opens
again.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from grading import objection_selectors as selectors
from grading.models import FunctionHolder, Submission, SubmissionEvent
from grading.objection_models import Objection, ObjectionStepRecord
from grading.result_display import decided, decision_words
from grading.services.extraction import extract_text
from grading.services.submissions import _lock, _log, _require_not_author, _save, normalize_text
from profiles.models import ObjectionRoute

Outcome = ObjectionStepRecord.Outcome

NOT_SETTLED = "Alleen tegen een vastgesteld besluit kan een bezwaar worden geregistreerd."
ROUTE_REQUIRED = "Kies de bezwaarroute die voor deze functiehouder geldt."
ROUTE_NOT_OFFERED = "Deze bezwaarroute hoort niet bij het waarderingssysteem van het besluit; kies er een uit de lijst."
HOLDER_REQUIRED = "Vul de naam in van de functiehouder die bezwaar maakt."
HOLDER_CHOICE_REQUIRED = "Kies de functiehouder die bezwaar maakt, of vul de naam in als die niet in de lijst staat."
HOLDER_NOT_OF_REQUEST = "Deze functiehouder hoort niet bij deze aanvraag; kies er een uit de lijst of vul een naam in."
SENT_REQUIRED = "Vul de datum in waarop het besluit is verzonden of uitgereikt."
DECISION_SENT_REQUIRED = (
    "Vul de datum in waarop het besluit is verzonden of uitgereikt; van deze functiehouder is de verzending "
    "van de besluitbrief niet vastgelegd."
)
HOLDER_TOO_LONG = "De naam van de functiehouder is hoogstens 200 tekens."
GROUNDS_REQUIRED = "Vul de gronden van het bezwaar in (of een korte samenvatting)."
GROUNDS_TOO_LONG = "De gronden zijn hoogstens 20.000 tekens; voeg een langere tekst toe als bijlage."
RECEIVED_BEFORE_SENT = "Het bezwaar kan niet zijn ontvangen vóór het besluit is verzonden."
DECISION_RECEIVED_BEFORE_SENT = "Het besluit kan niet zijn ontvangen vóór het is verzonden."
DATE_IN_FUTURE = "Deze datum ligt in de toekomst."
NOTHING_TO_SKIP = "Deze route begint niet met een facultatieve stap; er is niets over te slaan."
NOT_OPEN = "Dit bezwaar is afgesloten; er is geen volgende stap meer."
NOTHING_RECORDED = "Vul de datum van indienen in, of de datum en de uitkomst van deze stap."
OUTCOME_DATE_REQUIRED = "Vul de datum van de uitkomst in."
OUTCOME_REQUIRED = "Kies de uitkomst van deze stap."
ALREADY_FILED = "Deze stap is al ingediend; vul de datum en de uitkomst in."
NOT_OPTIONAL = "Alleen een facultatieve stap kan worden overgeslagen."
BEFORE_PREVIOUS = "Deze datum ligt vóór de vorige stap van het bezwaar."
OUTCOME_BEFORE_FILED = "De uitkomst kan niet vóór het indienen van de stap liggen."
CHANGE_NEEDS_UPHELD = "Alleen een (deels) gegronde uitkomst kan het besluit wijzigen."
CHANGE_NEEDS_SETTLED = "Het besluit kan alleen worden gewijzigd als de aanvraag vastgesteld is; ze is nu al heropend."
NOTE_TOO_LONG = "De toelichting is hoogstens 5.000 tekens."

MAX_GROUNDS = 20_000
MAX_NOTE = 5_000


def _past_or_today(day: datetime.date | None, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: DATE_IN_FUTURE})


@transaction.atomic
def objection_register(
    *, submission: Submission, by: AbstractBaseUser, route: ObjectionRoute | None, holder_name: str = "",
    received_on: datetime.date, grounds: str, decision_sent_on: datetime.date | None,
    decision_received_on: datetime.date | None = None, holder: FunctionHolder | None = None,
    appeal_named: bool | None = None,
    attachment: UploadedFile | None = None, skip_optional: bool = False, version: int | None = None,
) -> Objection:
    """Register an objection on a settled request; it is filed at the route's first step (or, with
    `skip_optional`, at the first step that is not optional, the optional ones before it skipped).

    The holder is one of the request's function holders, or None (a vacancy, someone not listed)
    with `holder_name` typed. A chosen holder gives the name when none is typed, and, when the sent
    date is left empty, the dates of the holder's decision letter as recorded: the route's terms
    then run from the letter this holder received."""
    locked = _lock(submission, version)
    if locked.status != Submission.Status.SETTLED:
        raise ValidationError(NOT_SETTLED, code="status")
    _require_not_author(locked, by)
    if holder is not None and holder.submission_id != locked.pk:
        raise ValidationError({"holder": HOLDER_NOT_OF_REQUEST})
    holder_name = " ".join(normalize_text(holder_name or "").split()) or (holder.name if holder else "")
    if decision_sent_on is None and holder is not None and holder.letter_sent_on is not None:
        decision_sent_on = holder.letter_sent_on
        decision_received_on = decision_received_on or holder.letter_received_on
    grounds = normalize_text(grounds or "")
    if route is None:
        raise ValidationError({"route": ROUTE_REQUIRED})
    offered, _ = selectors.routes_for(submission=locked)
    if route.pk not in {r.pk for r in offered}:
        raise ValidationError({"route": ROUTE_NOT_OFFERED})
    if not holder_name:
        raise ValidationError({"holder": HOLDER_CHOICE_REQUIRED} if locked.holders.exists()
                              else {"holder_name": HOLDER_REQUIRED})
    if len(holder_name) > 200:
        raise ValidationError({"holder_name": HOLDER_TOO_LONG})
    if not grounds:
        raise ValidationError({"grounds": GROUNDS_REQUIRED})
    if len(grounds) > MAX_GROUNDS:
        raise ValidationError({"grounds": GROUNDS_TOO_LONG})
    if decision_sent_on is None:
        raise ValidationError({"decision_sent_on": DECISION_SENT_REQUIRED if holder else SENT_REQUIRED})
    for field, day in (("received_on", received_on), ("decision_sent_on", decision_sent_on),
                       ("decision_received_on", decision_received_on)):
        _past_or_today(day, field)
    if received_on < decision_sent_on:
        raise ValidationError({"received_on": RECEIVED_BEFORE_SENT})
    if decision_received_on is not None and decision_received_on < decision_sent_on:
        raise ValidationError({"decision_received_on": DECISION_RECEIVED_BEFORE_SENT})
    content, name = None, ""
    if attachment is not None:
        try:
            extract_text(upload=attachment)  # the role text's checks: type, size, a readable file
        except ValidationError as error:
            raise ValidationError({"attachment": error.messages}) from error
        attachment.seek(0)
        content, name = attachment.read(), (attachment.name or "bijlage")[-200:]
    steps = list(route.steps.order_by("position"))
    leading_optional = []
    for step in steps:
        if not step.optional:
            break
        leading_optional.append(step)
    if skip_optional and not leading_optional:
        raise ValidationError({"skip_optional": NOTHING_TO_SKIP})
    objection = Objection.objects.create(
        submission=locked, route=route, holder=holder, holder_name=holder_name, received_on=received_on, grounds=grounds,
        attachment=content, attachment_name=name, decision_sent_on=decision_sent_on,
        decision_received_on=decision_received_on, appeal_named=appeal_named, adviser=by,
    )
    skipped = leading_optional if skip_optional else []
    for step in skipped:
        ObjectionStepRecord.objects.create(objection=objection, step=step, decided_on=received_on,
                                           outcome=Outcome.SKIPPED, recorded_by=by)
    filed_at = steps[len(skipped)] if len(skipped) < len(steps) else None
    if filed_at is not None:
        ObjectionStepRecord.objects.create(objection=objection, step=filed_at, filed_on=received_on, recorded_by=by)
    _save(locked)
    where = f" Ingediend bij stap {filed_at.position} ({filed_at.name})." if filed_at else ""
    _log(locked, kind=SubmissionEvent.Kind.OBJECTION, by=by, from_status=locked.status,
         comment=f"Bezwaar van {holder_name}, ontvangen op {received_on:%d-%m-%Y}, langs de route {route.name}.{where}")
    submission.refresh_from_db()
    return objection


@transaction.atomic
def objection_step_record(
    *, objection: Objection, by: AbstractBaseUser, filed_on: datetime.date | None = None,
    decided_on: datetime.date | None = None, outcome: str = "", binding: bool | None = None,
    changes_decision: bool = False, note: str = "", version: int | None = None,
) -> ObjectionStepRecord:
    """Record the current step: that it was filed, or its outcome (with its date and whether it
    binds). The objection closes after its last step, or when the holder withdraws or stops."""
    locked = _lock(objection.submission, version)
    objection = selectors.objections_with_steps().get(pk=objection.pk)  # the request's lock serialises its objections
    _require_not_author(locked, by)
    if not objection.is_open:
        raise ValidationError(NOT_OPEN, code="closed")
    state = selectors.objection_state(objection)
    current = state.current
    if current is None:
        raise ValidationError(NOT_OPEN, code="closed")
    note = normalize_text(note or "")
    if len(note) > MAX_NOTE:
        raise ValidationError({"note": NOTE_TOO_LONG})
    record = current.record or ObjectionStepRecord(objection=objection, step=current.step, recorded_by=by)
    previous = max((s.record.decided_on for s in state.steps if s.record and s.record.decided_on), default=None)
    earliest = previous or objection.decision_sent_on
    for field, day in (("filed_on", filed_on), ("decided_on", decided_on)):
        _past_or_today(day, field)
        if day is not None and day < earliest:
            raise ValidationError({field: BEFORE_PREVIOUS})
    if not outcome:
        if decided_on is not None:
            raise ValidationError({"outcome": OUTCOME_REQUIRED})
        if filed_on is None:
            raise ValidationError(NOTHING_RECORDED, code="required")
        if record.filed_on is not None:
            raise ValidationError({"filed_on": ALREADY_FILED})
    else:
        if decided_on is None:
            raise ValidationError({"decided_on": OUTCOME_DATE_REQUIRED})
        if outcome == Outcome.SKIPPED and not current.step.optional:
            raise ValidationError({"outcome": NOT_OPTIONAL})
        filed = filed_on or record.filed_on
        if filed is not None and decided_on < filed:
            raise ValidationError({"decided_on": OUTCOME_BEFORE_FILED})
        if changes_decision and outcome not in (Outcome.UPHELD, Outcome.PARTLY_UPHELD):
            raise ValidationError({"changes_decision": CHANGE_NEEDS_UPHELD})
        if changes_decision and locked.status != Submission.Status.SETTLED:
            raise ValidationError({"changes_decision": CHANGE_NEEDS_SETTLED})
    if filed_on is not None:
        record.filed_on = filed_on
    if outcome:
        record.decided_on, record.outcome, record.binding = decided_on, outcome, binding
        record.changes_decision = changes_decision
    if note:
        record.note = f"{record.note}\n{note}".strip()
    record.recorded_by, record.recorded_at = by, timezone.now()
    record.save()
    is_last = current.step.pk == state.steps[-1].step.pk
    if outcome and (outcome in selectors.ENDS_OBJECTION or is_last):
        objection.closed_at = timezone.now()
        objection.save(update_fields=["closed_at"])
    step_words = f"Bezwaar van {objection.holder_name}, stap {current.step.position} ({current.step.name}): "
    if outcome:
        binds = {True: ", bindend", False: ", niet bindend"}.get(binding, "")
        step_words += f"{Outcome(outcome).label} op {decided_on:%d-%m-%Y}{binds}."
    else:
        step_words += f"ingediend op {filed_on:%d-%m-%Y}."
    if objection.closed_at:
        step_words += " Het bezwaar is afgesloten."
    _save(locked)
    _log(locked, kind=SubmissionEvent.Kind.OBJECTION_STEP, by=by, from_status=locked.status,
         comment=step_words + (f" {note}" if note else ""))
    if changes_decision:
        _reopen(locked, by=by, reason=f"{step_words} Het besluit wordt gewijzigd.")
    return record


def _reopen(locked: Submission, *, by: AbstractBaseUser, reason: str) -> None:
    """The outcome changes the decision: the request goes back in review with this adviser. The
    earlier decision stays in the history (its settle line, and this line repeats it)."""
    locked.status = Submission.Status.IN_REVIEW
    locked.reviewer = by
    _save(locked)
    _log(locked, kind=SubmissionEvent.Kind.REOPENED, by=by, from_status=Submission.Status.SETTLED,
         comment=reason, grade=locked.final_grade, decision=decision_words(decided(locked)))


def attachment_of(*, objection: Objection) -> tuple[str, bytes] | None:
    if not objection.attachment_name or objection.attachment is None:
        return None
    return objection.attachment_name, bytes(objection.attachment)
