"""/beheer/: the functional administrator's pages. Thin: the work is in profiles.catalogue."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from functiewaardering import audit
from profiles.catalogue import archive, error_list, selectors, uploads
from profiles.catalogue.files import FamilyFileError
from profiles.catalogue.versions import family_history
from profiles.forms_beheer import ConfirmForm, UploadForm
from profiles.models import JobFamily, PendingUpload

PERMISSION = "profiles.manage_catalogue"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def beheer(view):
    return login_required(permission_required(PERMISSION, raise_exception=True)(view))


@beheer
@require_safe
def index(request: HttpRequest) -> HttpResponse:
    context = {"rows": selectors.family_rows(), "releases": selectors.release_list()}
    return render(request, "beheer/index.html", context)


@beheer
@require_http_methods(["GET", "HEAD", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, "beheer/upload.html", {"form": form}, status=400 if request.method == "POST" else 200)
    file = form.cleaned_data["file"]
    try:
        if file.size > uploads.MAX_UPLOAD_BYTES:  # the upload handler kept only the first bytes
            raise uploads.UploadError(file.name, uploads.TOO_LARGE)
        content = file.read()
        pending = uploads.upload_preview_create(name=file.name, content=content, by=request.user)
    except error_list.FileErrors as problems:
        context = {"form": form, "errors": [str(error) for error in problems.errors], "more_errors": problems.more,
                   "max_errors": error_list.MAX_ERRORS}
        return render(request, "beheer/upload.html", context, status=400)
    except (uploads.UploadError, FamilyFileError) as error:
        return render(request, "beheer/upload.html", {"form": form, "error": str(error)}, status=400)
    return redirect("profiles:beheer:upload_preview", pk=pending.pk)


@beheer
@require_http_methods(["GET", "HEAD", "POST"])
def upload_preview(request: HttpRequest, pk) -> HttpResponse:
    pending = uploads.pending_get(pk=pk, by=request.user)
    if pending is None:
        raise Http404(uploads.UNKNOWN_UPLOAD.format(hours=PendingUpload.KEEP_HOURS))
    form = ConfirmForm(request.POST or None)
    error, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                release = uploads.upload_confirm(pending=pending, by=request.user, comment=form.cleaned_data["comment"])
            except ValidationError as exc:
                error, status = " ".join(exc.messages), 409
            else:
                text = f"Gepubliceerd als versie {release.number}." if release else "Het bestand veranderde niets; er is geen nieuwe versie."
                messages.success(request, text)
                return redirect("profiles:beheer:index")
        else:
            status = 400
    context = {"preview": uploads.upload_preview(pending=pending), "form": form, "error": error, "keep_hours": PendingUpload.KEEP_HOURS}
    return render(request, "beheer/preview.html", context, status=status)


@beheer
@require_safe
def family_versions(request: HttpRequest, slug: str) -> HttpResponse:
    revisions = family_history(slug=slug)
    family = JobFamily.objects.filter(slug=slug).first()
    if not revisions and family is None:
        raise Http404("Onbekende functiefamilie.")
    return render(request, "beheer/family_versions.html", {"family": family, "slug": slug, "revisions": revisions})


@beheer
@require_safe
def family_version(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    found = selectors.family_version_compare(slug=slug, number=number)
    if found is None:
        raise Http404("Deze familie bestond niet in die versie.")
    revision, diff = found
    context = {
        "revision": revision, "data": revision.data, "levels": selectors.revision_levels(revision.data),
        "diff": diff, "unreadable": diff if isinstance(diff, str) else "", "number": number,
    }
    return render(request, "beheer/family_version.html", context)


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@beheer
@require_safe
def template(request: HttpRequest) -> HttpResponse:
    return _download(archive.template_workbook(), XLSX, "functiehuis-sjabloon.xlsx")


@beheer
@require_safe
def export(request: HttpRequest) -> HttpResponse:
    form = request.GET.get("formaat", "zip")
    if form not in ("zip", "xlsx"):
        return HttpResponse("Onbekend formaat; kies zip of xlsx.", status=400, content_type="text/plain; charset=utf-8")
    audit.export_made.send(sender=export, request=request, what=f"catalogus ({form})")
    if form == "xlsx":
        return _download(archive.catalogue_workbook(), XLSX, "functiehuis.xlsx")
    return _download(archive.catalogue_zip(), "application/zip", "functiehuis.zip")
