"""Submission pages: submit a role, read its result, review and settle it, print the report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import (
    require_http_methods,
    require_POST,
    require_safe,
)

from grading import decision_letters, notifications, objection_selectors, reports
from grading import submission_selectors as selectors
from grading.forms import (
    HandOverForm,
    HoldersForm,
    LetterDatesForm,
    ReturnForm,
    SubmissionForm,
    SubmitForm,
    VersionForm,
    WithdrawForm,
)
from grading.forms import settle_form as settle_form_for
from grading.models import Submission, SubmissionEvent
from grading.services import review, submissions
from grading.services.extraction import MAX_FILE_BYTES
from grading.services.holder_list import holders_text
from grading.services.submissions import ConflictError

PER_PAGE = 50
ERRORS_BELOW = "Het formulier is niet verwerkt; zie de melding bij het veld."
SUBMITTED_DONE = "Uw aanvraag is ingediend bij HR. U krijgt bericht als er een vraag of een besluit is."
REGRADED_DONE = "De engine heeft de aanvraag opnieuw ingedeeld; de eerdere uitkomst blijft bewaard."
TAKEN_DONE = "U hebt de aanvraag in behandeling genomen."
RETURNED_DONE = "De aanvraag is teruggestuurd; de leidinggevende krijgt bericht van uw vraag."
SETTLED_DONE = "De indeling is vastgesteld; de leidinggevende krijgt bericht."
CREATED_DONE = "De engine heeft uw functie ingedeeld. Lees de uitkomst; dien de aanvraag in als u HR wilt laten beslissen."
EDITED_DONE = "De beschrijving is gewijzigd en opnieuw ingedeeld."
FIELD_OF_MESSAGE = {
    submissions.GRADE_REQUIRED: "grade",
    submissions.GRADE_NOT_IN_FAMILY: "grade",
    submissions.MOTIVATION_REQUIRED: "motivation",
    submissions.FAMILY_REQUIRED: "family",
    submissions.FAMILY_AND_OUTSIDE: "family",
    submissions.LEVEL_REQUIRED: "grade",
    submissions.LEVEL_NOT_IN_FAMILY: "grade",
    submissions.GRADE_NOT_OFFERED: "grade",
    submissions.GRADE_NOT_OWN: "grade",
    submissions.FOREIGN_LEVEL_REQUIRED: "level",
    submissions.QUESTION_REQUIRED: "question",
    review.NOT_AN_ADVISER: "adviser",
    review.SAME_ADVISER: "adviser",
    review.NOT_TO_AUTHOR: "adviser",
}


class SeeOther(HttpResponseRedirect):
    status_code = 303


def see_other(submission: Submission) -> SeeOther:
    return SeeOther(reverse("grading:submission_detail", args=[submission.pk]))


def get_submission(request: HttpRequest, pk: int) -> Submission:
    submission = selectors.submission_get(user=request.user, pk=pk)
    if submission is None:
        raise Http404("Deze aanvraag bestaat niet of is niet van u.")
    return submission


FILE_TEXT_KEPT = "De tekst uit uw bestand staat nu in het tekstveld. U hoeft het bestand niet opnieuw te kiezen."


def _form_page(request: HttpRequest, form: SubmissionForm, *, submission: Submission | None = None,
               status: int = 200, error: str = "", notice: str = "") -> HttpResponse:
    context = {
        "form": form,
        "submission": submission,
        "error": error,
        "notice": notice,
        "max_megabytes": MAX_FILE_BYTES // (1024 * 1024),
        "max_words": f"{submissions.MAX_WORDS:,}".replace(",", "."),
        "max_characters": f"{submissions.MAX_CHARACTERS:,}".replace(",", "."),
        "version": (request.POST.get("version") if request.method == "POST" else "") or (submission.version if submission else ""),
    }
    return render(request, "grading/submission_form.html", context, status=status)


def _submission_form_post(request: HttpRequest, *, submission: Submission | None, initial: dict | None = None):
    """Shared by create and edit: parse, show the questionnaire step, or return a valid form.

    A body too large to read never gets here: RequestLimitsMiddleware answers it with a Dutch 413."""
    form = SubmissionForm(request.POST, request.FILES)
    valid = form.is_valid()
    if form.extracted_text:
        form.data = form.data_with_extracted_text()  # keep the file's text on a re-shown form
    if request.POST.get("action") == "vragen":
        # Step two without JavaScript: show the questions of the chosen family, keep the input.
        file_errors = form.errors.get("file")
        shown = SubmissionForm(initial=form.data.dict())
        return _form_page(request, shown, submission=submission, status=400 if file_errors else 200,
                          error=file_errors[0] if file_errors else "",
                          notice=FILE_TEXT_KEPT if form.extracted_text else ""), None
    if not valid:
        return _form_page(request, form, submission=submission, status=400,
                          notice=FILE_TEXT_KEPT if form.extracted_text else ""), None
    return None, form


@login_required
@permission_required("grading.add_submission", raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def submission_new(request: HttpRequest) -> HttpResponse:
    if request.method in ("GET", "HEAD"):
        return _form_page(request, SubmissionForm(initial={"family": request.GET.get("familie", "")}))
    response, form = _submission_form_post(request, submission=None)
    if response is not None:
        return response
    try:
        submission = submissions.submission_create(author=request.user, **form.service_arguments())
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, form, status=400)
    messages.success(request, CREATED_DONE)
    return see_other(submission)


@login_required
@permission_required("grading.change_submission", raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def submission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    if submission.author_id != request.user.pk:
        raise Http404("Deze aanvraag bestaat niet of is niet van u.")
    if not submission.is_editable():
        return _detail(request, submission, status=400, error=submissions.NOT_EDITABLE)
    initial = {"title": submission.title, "text": submission.text, "family": submission.family.slug if submission.family_id else "",
               "holders": holders_text(submission.holders.order_by("position", "id"))}
    initial |= {f"answer_{key}": str(rank) for key, rank in (submission.answers or {}).items()}
    if request.method in ("GET", "HEAD"):
        return _form_page(request, SubmissionForm(initial=initial), submission=submission)
    response, form = _submission_form_post(request, submission=submission, initial=initial)
    if response is not None:
        return response
    version = VersionForm(request.POST)
    version.is_valid()
    try:
        submissions.submission_update(submission=submission, by=request.user,
                                      version=version.cleaned_data.get("version"), **form.service_arguments())
    except ConflictError as error:
        return _detail(request, submission, status=409, error=error.messages[0])
    except ValidationError as error:
        form.add_error(None, error)
        return _form_page(request, form, submission=submission, status=400)
    messages.success(request, EDITED_DONE)
    return see_other(submission)


@login_required
@permission_required("grading.view_submission", raise_exception=True)
@require_safe
def submission_list(request: HttpRequest) -> HttpResponse:
    """HR advisers land on their inbox ("te behandelen"); managers see their own, by status."""
    filterset = selectors.submission_list(user=request.user, filters=request.GET, request=request)
    page = Paginator(filterset.qs, PER_PAGE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    sees_all = request.user.has_perm("grading.view_all_submissions")
    context = {
        "filterset": filterset,
        "page": page,
        "query": query.urlencode(),
        "sees_all": sees_all,
        "view": filterset.form.cleaned_data.get("weergave") if filterset.is_valid() else "",
        "counts": selectors.status_counts(user=request.user),
        "inbox_count": selectors.inbox_count(user=request.user) if sees_all else 0,
        "objection_count": objection_selectors.open_objection_count(user=request.user) if sees_all else 0,
    }
    return render(request, "grading/submission_list.html", context, status=200 if filterset.is_valid() else 400)


def _detail(request: HttpRequest, submission: Submission, *, status: int = 200, error: str = "",
            fresh: bool = False, **forms) -> HttpResponse:
    if not fresh:  # after a refused action, show the state as stored now
        submission = selectors.submission_get(user=request.user, pk=submission.pk)
    user = request.user
    is_author = submission.author_id == user.pk
    can_review = user.has_perm("grading.review_submission")
    can_settle = user.has_perm("grading.settle_submission")
    initial = {"version": submission.version}
    status_is = submission.status
    in_review = status_is == Submission.Status.IN_REVIEW
    # A request in review is handled by the adviser who has it; nobody handles his own request.
    holds_it = in_review and submission.reviewer_id == user.pk and not is_author
    may_settle = can_settle and holds_it
    if may_settle:  # its grade choices cost queries: build it only for who can use it
        settle_form = forms.get("settle_form") or settle_form_for(submission=submission, initial=initial)
    else:
        settle_form = None
    context = {
        "submission": submission,
        "error": error,
        "is_author": is_author,
        "can_edit": is_author and submission.is_editable() and user.has_perm("grading.change_submission"),
        "can_take": can_review and status_is == Submission.Status.SUBMITTED and not is_author,
        "can_take_over": can_review and in_review and submission.reviewer_id != user.pk and not is_author,
        "can_return": can_review and (status_is == Submission.Status.SUBMITTED or holds_it),
        "can_settle": may_settle,
        "can_regrade": submission.anonymised_at is None and (
            (is_author and submission.is_editable())
            or (can_review and status_is not in (Submission.Status.SETTLED, Submission.Status.WITHDRAWN))
        ),
        "can_hand_over": can_review and holds_it,
        "can_withdraw": is_author and status_is not in (Submission.Status.SETTLED, Submission.Status.WITHDRAWN),
        # A settled request opens again only through an objection whose outcome changes the decision.
        "can_object": can_settle and status_is == Submission.Status.SETTLED and not is_author,
        "settle_form": settle_form,
        "history": selectors.submission_history(submission=submission),
        "snapshots": selectors.submission_snapshots(submission=submission),
    }
    # Each form only where the page shows it: building a form copies all its fields.
    if context["can_edit"]:
        context["submit_form"] = forms.get("submit_form") or SubmitForm(initial=initial)
    if context["can_return"]:
        context["return_form"] = forms.get("return_form") or ReturnForm(initial=initial)
    if context["can_take"] or context["can_take_over"] or context["can_regrade"]:
        context["version_form"] = VersionForm(initial=initial)
    if context["can_hand_over"]:
        context["hand_over_form"] = forms.get("hand_over_form") or HandOverForm(initial=initial)
    if context["can_withdraw"]:
        context["withdraw_form"] = forms.get("withdraw_form") or WithdrawForm(initial=initial)
    context["objections"] = objection_selectors.objections_of(submission=submission) if submission.settled_at else []
    _holder_forms(context, forms, user=user, is_author=is_author, holds_it=holds_it)
    context["latest"] = context["snapshots"][0] if context["snapshots"] else None
    context["history"] = list(context["history"])
    context["open_question"] = next(
        (e.comment for e in reversed(context["history"]) if e.kind == SubmissionEvent.Kind.RETURNED), ""
    )
    context |= selectors.result_view(snapshot=context["latest"])
    context |= selectors.catalogue_release_view(snapshot=context["latest"])
    return render(request, "grading/submission_detail.html", context, status=status)


def _holder_forms(context: dict, forms: dict, *, user, is_author: bool, holds_it: bool) -> None:
    """The holders with their letters, the adviser's form to correct them before settling, and per
    holder of a settled request the form for the letter's dates (a refused one comes back as is)."""
    submission = context["submission"]
    context |= decision_letters.holder_letters(submission=submission)
    context["can_see_objections"] = user.has_perm("grading.view_all_submissions")
    status_is = submission.status
    context["can_edit_holders"] = user.has_perm("grading.review_submission") and not is_author and (
        status_is == Submission.Status.SUBMITTED or holds_it
    )
    if context["can_edit_holders"]:
        context["holders_form"] = forms.get("holders_form") or HoldersForm(
            initial={"version": submission.version, "holders": holders_text(context["holders"])}
        )
    context["can_record_letters"] = (
        user.has_perm("grading.settle_submission") and not is_author and status_is == Submission.Status.SETTLED
    )
    if context["can_record_letters"]:
        refused = forms.get("letter_form")
        for item in context["holder_letters"]:
            holder = item.holder
            if refused is not None and refused.holder_id == holder.pk:
                item.holder.form = refused
                continue
            initial = {"version": submission.version, "sent_on": holder.letter_sent_on,
                       "received_on": holder.letter_received_on}
            item.holder.form = LetterDatesForm(initial=initial, auto_id=f"id_brief{holder.pk}_%s")


@login_required
@permission_required("grading.view_submission", raise_exception=True)
@require_http_methods(["GET", "HEAD", "POST"])
def submission_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The request's own page. The settle form posts here, so its errors keep this address."""
    submission = get_submission(request, pk)
    if request.method == "POST":
        if not request.user.has_perm("grading.settle_submission"):
            raise PermissionDenied
        return _settle(request, submission)
    return _detail(request, submission, fresh=True)


def _act(request: HttpRequest, submission: Submission, form, action, form_name: str, done: str = "") -> HttpResponse:
    """Run a review action from a posted form: 303 with a confirmation on success; otherwise the
    page again, each message beside its field (a summary on top points there)."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except ConflictError as error:
            return _detail(request, submission, status=409, error=error.messages[0])
        except ValidationError as error:
            for message in error.messages:
                field = FIELD_OF_MESSAGE.get(message)
                form.add_error(field if field in form.fields else None, message)
    if form.errors:
        return _detail(request, submission, status=400, error=_summary(form), **{form_name: form})
    if done:
        messages.success(request, done)
    return see_other(submission)


def _summary(form) -> str:
    """Above the page: where to look when a field carries the message, else the message itself."""
    if any(name in form.errors for name in form.fields if not form.fields[name].widget.is_hidden):
        return ERRORS_BELOW
    return " ".join(message for errors in form.errors.values() for message in errors)


@login_required
@require_POST
@permission_required("grading.change_submission", raise_exception=True)
def submission_submit(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    if submission.author_id != request.user.pk:
        raise Http404("Deze aanvraag bestaat niet of is niet van u.")
    def submit(data):
        submissions.submission_submit(submission=submission, by=request.user, comment=data["comment"], version=data["version"])
        notifications.notify_submitted(submission)

    return _act(request, submission, SubmitForm(request.POST), submit, "submit_form", done=SUBMITTED_DONE)


@login_required
@require_POST
@permission_required("grading.view_submission", raise_exception=True)
def submission_regrade(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    is_author = submission.author_id == request.user.pk and request.user.has_perm("grading.change_submission")
    if not (is_author or request.user.has_perm("grading.review_submission")):
        return _detail(request, submission, status=403, error="U mag deze aanvraag niet opnieuw laten indelen.")
    if is_author and not submission.is_editable() and not request.user.has_perm("grading.review_submission"):
        return _detail(request, submission, status=400, error=submissions.NOT_EDITABLE)
    return _act(request, submission, VersionForm(request.POST), lambda data: submissions.submission_regrade(
        submission=submission, by=request.user, version=data["version"]), "version_form", done=REGRADED_DONE)


@login_required
@require_POST
@permission_required("grading.review_submission", raise_exception=True)
def submission_take(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    return _act(request, submission, VersionForm(request.POST), lambda data: submissions.submission_take_in_review(
        submission=submission, by=request.user, version=data["version"]), "version_form", done=TAKEN_DONE)


@login_required
@require_POST
@permission_required("grading.review_submission", raise_exception=True)
def submission_return(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    def send_back(data):
        submissions.submission_return(submission=submission, by=request.user, question=data["question"], version=data["version"])
        notifications.notify_returned(submission)

    return _act(request, submission, ReturnForm(request.POST), send_back, "return_form", done=RETURNED_DONE)


@login_required
@require_POST
@permission_required("grading.settle_submission", raise_exception=True)
def submission_settle(request: HttpRequest, pk: int) -> HttpResponse:
    """Kept for forms posted to the old address; the page's own form posts to the request's page."""
    return _settle(request, get_submission(request, pk))


def _settle(request: HttpRequest, submission: Submission) -> HttpResponse:
    form = settle_form_for(submission=submission, data=request.POST)
    if request.POST.get("action") == "familie":
        # Without JavaScript: show the grades of the family the adviser picked, keep the input.
        shown = settle_form_for(submission=submission, initial=request.POST.dict())
        return _detail(request, submission, settle_form=shown)

    def settle(data):
        submissions.submission_settle(submission=submission, by=request.user, **form.service_arguments())
        notifications.notify_settled(submission)

    return _act(request, submission, form, settle, "settle_form", done=SETTLED_DONE)


@login_required
@permission_required("grading.view_submission", raise_exception=True)
@require_safe
def submission_report(request: HttpRequest, pk: int) -> HttpResponse:
    submission = get_submission(request, pk)
    response = HttpResponse(reports.report_pdf(submission), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="indelingsrapport-aanvraag-{submission.pk}.pdf"'
    return response
