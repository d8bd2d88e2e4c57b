"""/beheer/organisatie/: the organisation's name, grading system and own grades, with their history."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from profiles import organisation as organisations
from profiles.forms_beheer import OrganisationForm
from profiles.views_beheer import beheer


@beheer
@require_http_methods(["GET", "HEAD", "POST"])
def organisation(request: HttpRequest) -> HttpResponse:
    current = organisations.organisation_current()
    own_grades = organisations.organisation_grades(system=current.system)
    initial = {
        "name": current.name, "system": current.system,
        "grades": "\n".join(f"{g.code}; {g.name}" for g in own_grades),
    }
    form = OrganisationForm(request.POST or None, initial=initial)
    error, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                organisations.organisation_update(by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                error, status = " ".join(exc.messages), 400
            else:
                messages.success(request, "De organisatie is opgeslagen.")
                return redirect("profiles:beheer:organisation")
        else:
            status = 400
    context = {
        "form": form, "error": error, "current": current, "own_grades": own_grades,
        "catalogue_grades": list(current.system.grades.filter(set_by_organisation=False)) if current.system else [],
        "history": organisations.organisation_history(),
    }
    return render(request, "beheer/organisation.html", context, status=status)
