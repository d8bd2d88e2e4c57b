"""/beheer/bezwaarroutes/: the objection routes with their steps, sources and marks, and the form
that sets or changes one step's term with a motivation."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from profiles import objection_routes as routes
from profiles.forms_beheer import ObjectionTermForm
from profiles.views_beheer import beheer


@beheer
@require_safe
def route_list(request: HttpRequest) -> HttpResponse:
    route_list = routes.route_list()
    context = {"routes": route_list, "missing": routes.steps_without_term(route_list)}
    return render(request, "beheer/objection_routes.html", context)


@beheer
@require_http_methods(["GET", "HEAD", "POST"])
def step_term(request: HttpRequest, pk: int) -> HttpResponse:
    step = routes.step_get(pk=pk)
    if step is None:
        raise Http404("Onbekende stap van een bezwaarroute.")
    initial = {"length": step.term_length, "unit": step.term_unit, "runs_from": step.term_runs_from,
               "condition": step.term_condition}
    form = ObjectionTermForm(request.POST or None, initial=initial)
    error, status = None, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                routes.step_term_set(step=step, by=request.user, **form.cleaned_data)
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    for field, errors in exc.error_dict.items():
                        form.add_error(field, errors)
                else:
                    error = " ".join(exc.messages)
                status = 400
            else:
                messages.success(request, f"De termijn van „{step.name}” is opgeslagen.")
                return redirect("profiles:beheer:objection_routes")
        else:
            status = 400
    context = {
        "step": step, "form": form, "error": error, "history": list(step.term_changes.select_related("by")),
        "trail": [("Bezwaarroutes", reverse("profiles:beheer:objection_routes")), (step.name, None)],
    }
    return render(request, "beheer/objection_step_term.html", context, status=status)
