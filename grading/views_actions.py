"""Views for the cases real HR work brings: hand over, take over, withdraw, and the decisions as CSV."""

from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe

from functiewaardering import audit
from grading import notifications
from grading import submission_selectors as selectors
from grading.forms import HandOverForm, VersionForm, WithdrawForm
from grading.services import review
from grading.views import _act, get_submission

HANDED_OVER_DONE = "De aanvraag is overgedragen; uw collega krijgt bericht."
WITHDRAWN_DONE = "U hebt de aanvraag ingetrokken. Ze blijft met haar geschiedenis te lezen."
TAKEN_OVER_DONE = "U hebt de aanvraag overgenomen; ze is nu bij u in behandeling."


@login_required
@require_POST
@permission_required("grading.review_submission", raise_exception=True)
def submission_hand_over(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_submission(request, pk)

    def hand_over(data):
        review.submission_hand_over(submission=submission, by=request.user, to=data["adviser"],
                                    comment=data["comment"], version=data["version"])
        notifications.notify_handed_over(submission)

    return _act(request, submission, HandOverForm(request.POST), hand_over, "hand_over_form", done=HANDED_OVER_DONE)


@login_required
@require_POST
@permission_required("grading.review_submission", raise_exception=True)
def submission_take_over(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    return _act(request, submission, VersionForm(request.POST), lambda data: review.submission_take_over(
        submission=submission, by=request.user, version=data["version"]), "version_form", done=TAKEN_OVER_DONE)


@login_required
@require_POST
@permission_required("grading.change_submission", raise_exception=True)
def submission_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    if submission.author_id != request.user.pk:
        raise Http404("Deze aanvraag bestaat niet of is niet van u.")
    return _act(request, submission, WithdrawForm(request.POST), lambda data: review.submission_withdraw(
        submission=submission, by=request.user, comment=data["comment"], version=data["version"]),
        "withdraw_form", done=WITHDRAWN_DONE)


@login_required
@require_safe
@permission_required("grading.view_all_submissions", raise_exception=True)
def decisions_export(request: HttpRequest) -> HttpResponse:
    """The settled decisions as CSV, for reporting: no role text. Whatever tab or filter the list
    showed, the export holds every settled decision this user may see (never the open requests)."""
    rows = selectors.decisions_for_export(user=request.user)
    audit.export_made.send(sender=decisions_export, request=request, what="indelingsbesluiten (CSV)")
    response = HttpResponse("\ufeff" + review.decisions_csv(submissions=rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="indelingsbesluiten-{timezone.localdate():%Y-%m-%d}.csv"'
    return response
