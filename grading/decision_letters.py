"""The decision letter to each function holder, and the objection terms that run from it.

A settled request with holders gets one letter per holder: dated, addressed to the holder, with
the decision as every page shows it (`result_display.decided`), its motivation, the legal basis
of the grading system the decision is in, and the organisation's objection route(s) for that
system with their terms and the day the first term ends. A vacancy (no holders) gets no letter.

The letter's date is the day the adviser recorded it was sent; until then the day it is printed.
The first term is the term of the route's first step that is not optional (the step the holder
takes first); it ends as `profiles.objection_terms.due_date` counts from the recorded dates. The
kennisgeving of a Belgian decision is read as the day the holder received the letter, and the
letter names the appeal, its recipient and its term, so the Raad van State's 60 days apply.
"""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone

from functiewaardering.pdf import render_pdf
from grading.models import FunctionHolder, Objection, Submission
from grading.result_display import OUTSIDE_LABEL, decided, decision_words
from profiles import objection_terms as terms
from profiles.models import GradingSystem, ObjectionRoute, ObjectionStep
from profiles.organisation import organisation_current


def decision_system(submission: Submission) -> GradingSystem | None:
    """The grading system the decision is in: its grade's, else (a level only) its family's, else
    (a family of no system, like the school family) the organisation's own."""
    if submission.final_grade_id:
        return submission.final_grade.system
    if submission.final_family_id and submission.final_family.grading_system_id:
        return submission.final_family.grading_system
    return organisation_current().system


def legal_system(submission: Submission) -> GradingSystem | None:
    """The system whose regulation the report names: the decision's, else the family's the request
    is about, else the organisation's."""
    if submission.status == Submission.Status.SETTLED:
        return decision_system(submission)
    family = submission.effective_family()
    if family is not None and family.grading_system_id:
        return family.grading_system
    return organisation_current().system


def decision_routes(system: GradingSystem | None) -> list[ObjectionRoute]:
    """The organisation's objection routes for the system, with their steps in order."""
    if system is None:
        return []
    steps = Prefetch("steps", queryset=ObjectionStep.objects.order_by("position"))
    return list(ObjectionRoute.objects.filter(systems=system).prefetch_related(steps).order_by("staff_category", "name"))


def first_step(route: ObjectionRoute) -> ObjectionStep | None:
    """The step the holder takes first: the route's first step that is not optional."""
    return next((step for step in route.steps.all() if not step.optional), None)


def first_term_end(step: ObjectionStep | None, *, sent_on: datetime.date | None,
                   received_on: datetime.date | None) -> datetime.date | None:
    """The last day of the step's term, counted from the letter's dates; None while unknown."""
    if step is None:
        return None
    dates = {terms.SENT: sent_on, terms.RECEIVED: received_on, terms.NOTIFIED: received_on}
    return terms.due_date(step.term, dates={k: v for k, v in dates.items() if v}, appeal_named=True)


@dataclass(frozen=True)
class RouteTerm:
    route: ObjectionRoute
    first_step: ObjectionStep | None
    end: datetime.date | None  # the first term's last day, or None while it cannot be known

    @property
    def first_term(self) -> str:
        return self.first_step.term.describe() if self.first_step else terms.UNSET


@dataclass(frozen=True)
class HolderLetter:
    holder: FunctionHolder
    terms: tuple[RouteTerm, ...]
    open_objections: tuple[Objection, ...] = ()  # this holder's objections still walking their route
    available: bool = False  # whether the letter (PDF) can be made: `letter_available`


def route_terms(routes: list[ObjectionRoute], *, sent_on, received_on) -> tuple[RouteTerm, ...]:
    result = []
    for route in routes:
        step = first_step(route)
        result.append(RouteTerm(route, step, first_term_end(step, sent_on=sent_on, received_on=received_on)))
    return tuple(result)


def letter_available(*, submission: Submission, holder: FunctionHolder, under_objection: bool | None = None) -> bool:
    """A holder's letter exists once the request is settled, and stays while the decision is
    reopened after an objection for a holder whose objection is open: it is what they contest."""
    if submission.status == Submission.Status.SETTLED:
        return True
    if submission.settled_at is None or submission.status == Submission.Status.WITHDRAWN:
        return False
    if under_objection is None:
        under_objection = Objection.objects.open().filter(holder=holder).exists()
    return under_objection


def holder_letters(*, submission: Submission) -> dict:
    """What the request's page shows of its holders: each with the first term's end as the
    recorded dates give it, their open objections, and whether their letter can be made (settled,
    or reopened while this holder's objection is open)."""
    holders = list(submission.holders.order_by("position", "id"))
    settled = submission.status == Submission.Status.SETTLED
    objections: dict[int, list[Objection]] = {}
    if holders and submission.settled_at is not None:
        for objection in Objection.objects.open().filter(holder__in=holders).order_by("received_on", "id"):
            objections.setdefault(objection.holder_id, []).append(objection)
    available = {h.pk: letter_available(submission=submission, holder=h, under_objection=h.pk in objections)
                 for h in holders}
    ready = settled or any(available.values())
    routes = decision_routes(decision_system(submission)) if ready and holders else []
    letters = [
        HolderLetter(h, route_terms(routes, sent_on=h.letter_sent_on, received_on=h.letter_received_on),
                     tuple(objections.get(h.pk, ())), available[h.pk])
        for h in holders
    ]
    return {"holders": holders, "holder_letters": letters, "letter_routes": routes, "letters_ready": ready}


def holder_get(*, submission: Submission, pk: int) -> FunctionHolder | None:
    return submission.holders.filter(pk=pk).first()


def letter_context(*, submission: Submission, holder: FunctionHolder, today: datetime.date | None = None) -> dict:
    shown = decided(submission)
    system = decision_system(submission)
    routes = decision_routes(system)
    letter_date = holder.letter_sent_on or today or timezone.localdate()
    adviser = submission.settled_by
    return {
        "submission": submission,
        "holder": holder,
        "organisation": organisation_current().name,
        "letter_date": letter_date,
        "shown": shown,
        "outside": shown.family == OUTSIDE_LABEL,
        "decision_words": decision_words(shown),
        "system": system,
        "routes": routes,
        "route_terms": route_terms(routes, sent_on=letter_date, received_on=holder.letter_received_on),
        "adviser": (adviser.get_full_name() or adviser.get_username()) if adviser else "",
    }


def letter_pdf(*, submission: Submission, holder: FunctionHolder) -> bytes:
    return render_pdf("grading/decision_letter.html", letter_context(submission=submission, holder=holder))
