"""Reads of objections: which routes fit a request, where an objection stands on its route, its
due date, the open objections by nearest due date, and whether a request is inside a term.

Due dates come from `profiles.objection_terms`, in plain Python, from the dates recorded on the
objection: the decision sent and received (a notification is read as its receipt) and the end of
the previous step. Which step's term counts: the first step of the route that has not ended. A
step the holder takes (an objection, a committee, a court) is due until it is filed; a step the
employer or a committee takes (advice, decision) is due until it ends.
"""

import datetime
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from grading.models import Submission
from grading.objection_models import Objection, ObjectionStepRecord
from profiles import objection_terms as terms
from profiles.models import GradingSystem, ObjectionRoute, ObjectionStep
from profiles.organisation import organisation_current

Kind = ObjectionStep.Kind
Outcome = ObjectionStepRecord.Outcome
# Steps the function holder takes: their term is the time to file them.
HOLDER_FILES = frozenset({Kind.INTERNAL_OBJECTION, Kind.EXTERNAL_COMMITTEE, Kind.COURT, Kind.COUNCIL_OF_STATE})
# Outcomes that end the objection, whatever steps remain.
ENDS_OBJECTION = frozenset({Outcome.NOT_PURSUED, Outcome.WITHDRAWN})
# Route outcomes under which a step's result binds unless the adviser records otherwise.
BINDS_BY_DEFAULT = frozenset({ObjectionStep.Outcome.BINDING, ObjectionStep.Outcome.DECISION})


def decision_system(submission) -> GradingSystem | None:
    """The grading system of the decision: of its grade, else of its family, else the organisation's."""
    if submission.final_grade_id:
        return submission.final_grade.system
    if submission.final_family_id and submission.final_family.grading_system_id:
        return submission.final_family.grading_system
    return organisation_current().system  # a family without a system (the school family), or outside


def objection_holders(*, submission) -> list:
    """The request's function holders an objection can come from, in their order (none: a vacancy)."""
    return list(submission.holders.order_by("position", "id"))


def routes_for(*, submission) -> tuple[list[ObjectionRoute], bool]:
    """The routes the adviser chooses from, and whether they fit the decision's system: the
    routes of that system; every route when none does (a system the seed file does not know)."""
    system = decision_system(submission)
    fitting = list(ObjectionRoute.objects.filter(systems=system).distinct()) if system else []
    if fitting:
        return fitting, True
    return list(ObjectionRoute.objects.all()), False


@dataclass(frozen=True)
class StepState:
    step: ObjectionStep
    record: ObjectionStepRecord | None
    term: str  # the term in words
    due: datetime.date | None  # only for the current step
    is_current: bool

    @property
    def ended(self) -> bool:
        return bool(self.record and self.record.outcome)


@dataclass(frozen=True)
class ObjectionState:
    objection: Objection
    steps: list[StepState]
    current: StepState | None  # None once the objection is closed
    due: datetime.date | None
    overdue: bool
    late: bool  # received after the term of the step it was filed at

    @property
    def days_left(self) -> int | None:
        return None if self.due is None else (self.due - timezone.localdate()).days


def _dates(objection: Objection, previous_end: datetime.date | None) -> dict[str, datetime.date]:
    found = {terms.SENT: objection.decision_sent_on, terms.RECEIVED: objection.decision_received_on,
             terms.NOTIFIED: objection.decision_received_on, terms.PREVIOUS_STEP: previous_end}
    return {event: day for event, day in found.items() if day is not None}


def step_due(step: ObjectionStep, objection: Objection, previous_end: datetime.date | None) -> datetime.date | None:
    return terms.due_date(step.term, dates=_dates(objection, previous_end), appeal_named=objection.appeal_named)


def objection_state(objection: Objection, *, today: datetime.date | None = None) -> ObjectionState:
    """Where the objection stands: every step of its route with its record, the current step and its due date.

    Reads `objection.route.steps` and `objection.records` as prefetched (see `objections_with_steps`)."""
    today = today or timezone.localdate()
    records = {record.step_id: record for record in objection.records.all()}
    states, current, due, late = [], None, None, False
    previous_end = None
    for step in objection.route.steps.all():
        record = records.get(step.pk)
        is_current = objection.is_open and current is None and not (record and record.outcome)
        step_term_due = step_due(step, objection, previous_end)
        this_due = None
        if is_current:
            filed = bool(record and record.filed_on)
            this_due = None if (filed and step.kind in HOLDER_FILES) else step_term_due
        if record and record.filed_on and step_term_due and step.kind in HOLDER_FILES and record.filed_on > step_term_due:
            late = True
        state = StepState(step, record, step.term.describe(), this_due, is_current)
        states.append(state)
        if is_current:
            current, due = state, this_due
        if record and record.decided_on and record.outcome != Outcome.SKIPPED:
            previous_end = record.decided_on
    return ObjectionState(objection, states, current, due, bool(due and due < today), late)


def objections_with_steps() -> QuerySet[Objection]:
    steps = ObjectionStep.objects.order_by("position")
    return Objection.objects.select_related("submission", "route", "adviser").prefetch_related(
        Prefetch("route__steps", queryset=steps), Prefetch("records", queryset=ObjectionStepRecord.objects.all()),
    )


def objection_get(*, submission, pk: int) -> Objection | None:
    return objections_with_steps().filter(submission=submission, pk=pk).first()


def objections_of(*, submission) -> list[ObjectionState]:
    return [objection_state(o) for o in objections_with_steps().filter(submission=submission).order_by("received_on", "id")]


def _by_due(states: list[ObjectionState]) -> list[ObjectionState]:
    """Nearest due date first; objections without one (waiting for a committee, a term not set) last."""
    return sorted(states, key=lambda s: (s.due is None, s.due or datetime.date.max, s.objection.received_on, s.objection.pk))


def open_objections(*, user: AbstractBaseUser, today: datetime.date | None = None) -> list[ObjectionState]:
    """The open objections on requests this user sees, nearest due date first."""
    visible = Submission.objects.visible_to(user).values("pk")
    objections = objections_with_steps().open().filter(submission__in=visible)
    return _by_due([objection_state(o, today=today) for o in objections])


def open_objection_count(*, user: AbstractBaseUser) -> int:
    return Objection.objects.open().filter(submission__in=Submission.objects.visible_to(user).values("pk")).count()


def objections_due(*, days: int, today: datetime.date | None = None) -> list[ObjectionState]:
    """Open objections whose current step is due within `days` days from today, or overdue."""
    today = today or timezone.localdate()
    limit = today + datetime.timedelta(days=days)
    states = [objection_state(o, today=today) for o in objections_with_steps().open()]
    return _by_due([s for s in states if s.due is not None and s.due <= limit])


def decision_dates(*, submission) -> tuple[datetime.date, datetime.date]:
    """When the decision was sent and received, as late as its holders' letters say: the latest
    recorded sent date, and the latest received date (a letter whose receipt is not known counted
    as received when sent). Without recorded letters (a vacancy, letters not yet recorded) the day
    it was settled stands for both. Reads `submission.holders` as prefetched when it is."""
    settled = timezone.localdate(submission.settled_at)
    # A letter recorded for an earlier decision (before a reopening) is not this decision's.
    letters = [h for h in submission.holders.all() if h.letter_sent_on and h.letter_sent_on >= settled]
    if not letters:
        return settled, settled
    return (max(h.letter_sent_on for h in letters),
            max(h.letter_received_on or h.letter_sent_on for h in letters))


def first_terms_end(*, submission, routes_by_system: dict | None = None) -> datetime.date | None:
    """The last day on which an objection against the decision can still be filed, counted as
    late as the routes of its system allow: from the holders' decision letters (`decision_dates`),
    the Raad van State condition taken as not met. None when no route of the system has such a
    term set."""
    if submission.settled_at is None:
        return None
    system = decision_system(submission)
    if system is None:
        return None
    if routes_by_system is not None and system.pk in routes_by_system:
        routes = routes_by_system[system.pk]
    else:
        routes = list(ObjectionRoute.objects.filter(systems=system).prefetch_related("steps").distinct())
        if routes_by_system is not None:
            routes_by_system[system.pk] = routes
    sent, received = decision_dates(submission=submission)
    dates = {terms.SENT: sent, terms.RECEIVED: received, terms.NOTIFIED: received}
    ends = [
        terms.due_date(step.term, dates=dates, appeal_named=False)
        for route in routes for step in route.steps.all() if step.term_runs_from != terms.PREVIOUS_STEP
    ]
    ends = [end for end in ends if end is not None]
    return max(ends) if ends else None
