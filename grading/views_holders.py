"""The function holders of a request: the HR adviser's correction before settling, the decision
letter per holder (PDF), and when each letter was sent and received."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_POST, require_safe

from functiewaardering.form_errors import add_validation_error
from grading import decision_letters
from grading.forms import HoldersForm, LetterDatesForm
from grading.services import holders
from grading.services.submissions import ConflictError
from grading.views import _act, _detail, get_submission, see_other

HOLDERS_DONE = "De functiehouders zijn opgeslagen; de wijziging staat in de geschiedenis."
LETTER_DONE = "De data van de besluitbrief zijn opgeslagen; de termijn loopt vanaf deze data."
NO_LETTER = (
    "Deze besluitbrief bestaat niet: de aanvraag is niet vastgesteld (en deze functiehouder heeft geen open "
    "bezwaar) of noemt deze functiehouder niet."
)


@login_required
@require_POST
@permission_required("grading.review_submission", raise_exception=True)
def submission_holders(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    return _act(request, submission, HoldersForm(request.POST), lambda data: holders.submission_holders_set(
        submission=submission, by=request.user, holders=data["holders"], version=data["version"]),
        "holders_form", done=HOLDERS_DONE)


@login_required
@require_safe
@permission_required("grading.view_submission", raise_exception=True)
def decision_letter(request: HttpRequest, pk: int, holder_pk: int) -> HttpResponse:
    """A holder's letter, for HR and the request's author (who else may see the request)."""
    submission = get_submission(request, pk)
    holder = decision_letters.holder_get(submission=submission, pk=holder_pk)
    if holder is None or not decision_letters.letter_available(submission=submission, holder=holder):
        raise Http404(NO_LETTER)
    pdf = decision_letters.letter_pdf(submission=submission, holder=holder)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="besluit-{submission.reference}-{holder.position}.pdf"'
    return response


@login_required
@require_POST
@permission_required("grading.settle_submission", raise_exception=True)
def letter_dates(request: HttpRequest, pk: int, holder_pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    holder = decision_letters.holder_get(submission=submission, pk=holder_pk)
    if holder is None:
        raise Http404(NO_LETTER)
    form = LetterDatesForm(request.POST, auto_id=f"id_brief{holder.pk}_%s")
    form.holder_id = holder.pk
    if form.is_valid():
        try:
            holders.holder_letter_dates_set(holder=holder, by=request.user, version=form.cleaned_data["version"],
                                            sent_on=form.cleaned_data["sent_on"],
                                            received_on=form.cleaned_data["received_on"])
        except ConflictError as error:
            return _detail(request, submission, status=409, error=error.messages[0])
        except ValidationError as error:
            add_validation_error(form, error)
    if form.errors:
        summary = " ".join(message for errors in form.errors.values() for message in errors)
        return _detail(request, submission, status=400, error=summary, letter_form=form)
    messages.success(request, LETTER_DONE)
    return see_other(submission)
