"""Objection pages: register an objection on a settled request, walk its route step by step, its
attachment, and the HR inbox's "Bezwaren" tab."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from functiewaardering.form_errors import add_validation_error
from grading import objection_selectors as selectors
from grading import submission_selectors
from grading.models import Submission
from grading.objection_forms import ObjectionForm, StepForm
from grading.services import objections
from grading.services.submissions import ConflictError
from grading.views import ERRORS_BELOW, SeeOther, get_submission

REGISTERED_DONE = "Het bezwaar is geregistreerd; het volgt de gekozen route."
RECORDED_DONE = "De stap is vastgelegd."
REOPENED_DONE = "De uitkomst wijzigt het besluit: de aanvraag is bij u in behandeling. Stel het nieuwe besluit vast; het eerdere blijft in de geschiedenis."
ROUTE_HINT = "De routes van {system}. Gelden er meer (per cao of personeelscategorie), kies dan die van deze functiehouder."
NO_ROUTE_HINT = (
    "Geen route hoort bij het waarderingssysteem van dit besluit; alle routes staan in de lijst. De functioneel "
    "beheerder ziet ze op /beheer/bezwaarroutes/."
)
NOT_FOUND = "Dit bezwaar bestaat niet of hoort niet bij deze aanvraag."


def _attempt(form, action) -> tuple[bool, object, int]:
    """Run a valid form's service: (done, its result, status). A refusal becomes the form's errors,
    409 when someone changed the request meanwhile, 400 otherwise."""
    try:
        return True, action(), 200
    except ConflictError as conflict:
        form.add_error(None, conflict.messages[0])
        return False, None, 409
    except ValidationError as invalid:
        add_validation_error(form, invalid)
        return False, None, 400


def _form_error(form) -> str:
    """The line above the form: a pointer to the field errors below, or the form's own errors."""
    if any(name in form.errors for name in form.fields if name != "version"):
        return ERRORS_BELOW
    return " ".join(form.non_field_errors())


def _objection_url(submission: Submission, pk: int) -> str:
    return reverse("grading:objection_detail", args=[submission.pk, pk])


@login_required
@permission_required("grading.settle_submission", raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def objection_new(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    routes, fitting = selectors.routes_for(submission=submission)
    holders = selectors.objection_holders(submission=submission)
    initial = {"version": submission.version}
    if submission.settled_at and not any(h.letter_sent_on for h in holders):
        # No letter recorded: the decision's day is the best guess. Once one is, an empty date
        # takes the chosen holder's letter, so nothing is filled in for them.
        initial["decision_sent_on"] = submission.settled_at.date()
    error, status = "", 200
    if request.method == "POST":
        form = ObjectionForm(request.POST, request.FILES, routes=routes, holders=holders)
        if form.is_valid():
            done, objection, status = _attempt(form, lambda: objections.objection_register(
                submission=submission, by=request.user, **form.service_arguments()))
            if done:
                messages.success(request, REGISTERED_DONE)
                return SeeOther(_objection_url(submission, objection.pk))
        status = status if status != 200 else 400
        error = _form_error(form)
    else:
        form = ObjectionForm(initial=initial, routes=routes, holders=holders)
        if submission.status != Submission.Status.SETTLED:
            error, status = objections.NOT_SETTLED, 400
    system = selectors.decision_system(submission)
    context = {"submission": submission, "form": form, "error": error,
               "route_hint": ROUTE_HINT.format(system=system.name) if fitting else NO_ROUTE_HINT}
    return render(request, "grading/objection_new.html", context, status=status)


@login_required
@permission_required("grading.view_all_submissions", raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def objection_detail(request: HttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    objection = selectors.objection_get(submission=submission, pk=objection_pk)
    if objection is None:
        raise Http404(NOT_FOUND)
    state = selectors.objection_state(objection)
    may_record = (request.user.has_perm("grading.settle_submission") and state.current is not None
                  and submission.author_id != request.user.pk)
    step = state.current.step if state.current else None
    error, status, form = "", 200, None
    if request.method == "POST":
        if not may_record:
            raise PermissionDenied
        form = StepForm(request.POST, step=step)
        if form.is_valid():
            arguments = form.service_arguments()
            done, _, status = _attempt(form, lambda: objections.objection_step_record(
                objection=objection, by=request.user, **arguments))
            if done:
                messages.success(request, REOPENED_DONE if arguments["changes_decision"] else RECORDED_DONE)
                if arguments["changes_decision"]:
                    return SeeOther(reverse("grading:submission_detail", args=[submission.pk]) + "#vaststellen")
                return SeeOther(_objection_url(submission, objection.pk))
        status = status if status != 200 else 400
        error = _form_error(form)
        submission = get_submission(request, pk)
        objection = selectors.objection_get(submission=submission, pk=objection_pk)
        state = selectors.objection_state(objection)
    elif may_record:
        form = StepForm(initial={"version": submission.version}, step=step)
    context = {"submission": submission, "objection": objection, "state": state, "form": form, "error": error,
               "history": submission_selectors.submission_history(submission=submission)}
    return render(request, "grading/objection_detail.html", context, status=status)


@login_required
@permission_required("grading.view_all_submissions", raise_exception=True)
@require_safe
def objection_attachment(request: HttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    objection = selectors.objection_get(submission=submission, pk=objection_pk)
    found = objections.attachment_of(objection=objection) if objection else None
    if found is None:
        raise Http404(NOT_FOUND)
    name, content = found
    response = HttpResponse(content, content_type="application/octet-stream")
    safe = "".join(c for c in name if c.isalnum() or c in "._- ") or "bijlage"
    response["Content-Disposition"] = f'attachment; filename="{safe}"'
    return response


@login_required
@permission_required("grading.view_all_submissions", raise_exception=True)
@require_safe
def objection_list(request: HttpRequest) -> HttpResponse:
    """The inbox's "Bezwaren" tab: open objections, nearest due date first, overdue marked."""
    context = {
        "states": selectors.open_objections(user=request.user),
        "inbox_count": submission_selectors.inbox_count(user=request.user),
        "objection_count": None,  # the list's own length says it
        "view": "bezwaren",
        "sees_all": True,
    }
    return render(request, "grading/objection_list.html", context)
