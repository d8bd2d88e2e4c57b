from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from profiles import matrix_pdf, neutrality, selectors, tables
from profiles.filters import family_filterset
from profiles.forms import CompareForm
from profiles.models import JobFamily
from profiles.search import MAX_QUERY_CHARACTERS

UNKNOWN_FAMILY = "Deze functiefamilie bestaat niet."
SLUG_MAX_LENGTH = JobFamily._meta.get_field("slug").max_length
PAGE_CACHE_SECONDS = 24 * 60 * 60  # the key holds the catalogue version, so this only frees memory
LEVEL_GONE = "Een van de gekozen niveaus bestaat niet meer. Kies opnieuw."


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    families = selectors.family_queryset().order_by("name")
    return render(request, "profiles/home.html", {"families": families})


@require_safe
def family_list(request: HttpRequest) -> HttpResponse:
    filterset = family_filterset(request.GET)
    if not filterset.is_valid():  # a query too long or a filter value that does not exist
        context = {"filterset": filterset, "rows": [], "refused": True, "max_query": MAX_QUERY_CHARACTERS}
        return render(request, "profiles/family_list.html", context, status=400)
    families = list(filterset.qs)
    hits = filterset.hits
    rows = []
    for family in families:
        hit = hits.get(family.id) if hits is not None else None
        levels = {level.id: level for level in family.levels.all()}
        level_hits = [(levels[h.level_id], h.snippet) for h in hit.levels] if hit else []
        rows.append({"family": family, "hit": hit, "level_hits": level_hits})
    context = {"filterset": filterset, "rows": rows, "searching": hits is not None, "max_query": MAX_QUERY_CHARACTERS}
    return render(request, "profiles/family_list.html", context)


@require_safe
def family_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The family whole. Its body is the same for everyone until the catalogue changes, so it is
    rendered once per catalogue version and kept in the cache (shared when the cache is)."""
    if len(slug) > SLUG_MAX_LENGTH:  # cannot exist, and would make an overlong cache key
        raise Http404(UNKNOWN_FAMILY)
    key = selectors.catalogue_cache_key("family-page", slug)
    page = cache.get(key)
    if page is None:
        family = selectors.family_get(slug=slug)
        if family is None:
            raise Http404(UNKNOWN_FAMILY)
        body = render_to_string("profiles/_family_page.html", tables.family_page_context(family))
        page = {"title": family.name, "body": body}
        cache.set(key, page, PAGE_CACHE_SECONDS)
    return render(request, "profiles/family_detail.html", page)


@require_safe
def family_matrix_pdf(request: HttpRequest, slug: str) -> HttpResponse:
    if len(slug) > SLUG_MAX_LENGTH:
        raise Http404(UNKNOWN_FAMILY)
    pdf = matrix_pdf.family_matrix_pdf(slug=slug)
    if pdf is None:
        raise Http404(UNKNOWN_FAMILY)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="matrix-{slug}.pdf"'
    return response


@require_safe
def level_compare(request: HttpRequest) -> HttpResponse:
    families = list(selectors.family_queryset().order_by("name"))
    if "niveau" not in request.GET:
        form = CompareForm(families=families)
        return render(request, "profiles/level_compare.html", {"form": form, "tables": []})
    form = CompareForm(request.GET, families=families)
    if not form.is_valid():
        return render(request, "profiles/level_compare.html", {"form": form, "tables": []}, status=400)
    groups = selectors.levels_for_comparison(level_ids=form.cleaned_data["niveau"])
    if groups is None:  # removed between building the choices and reading the levels
        context = {"form": form, "tables": [], "error": LEVEL_GONE}
        return render(request, "profiles/level_compare.html", context, status=404)
    context = {"form": form, "tables": tables.comparison_tables(groups), "cross_family": len(groups) > 1}
    return render(request, "profiles/level_compare.html", context)


@require_safe
def family_criteria(request: HttpRequest, slug: str) -> HttpResponse:
    """The public, printable criteria for pay and progression of one family (directive 2023/970,
    article 7): per level what it asks and what the next level adds."""
    if len(slug) > SLUG_MAX_LENGTH:
        raise Http404(UNKNOWN_FAMILY)
    context = neutrality.family_criteria(slug=slug)
    if context is None:
        raise Http404(UNKNOWN_FAMILY)
    context["has_salary"] = any(item["salary"] for item in context["levels"])
    return render(request, "profiles/family_criteria.html", context)


@require_safe
@login_required
def neutrality_overview(request: HttpRequest) -> HttpResponse:
    """Every family's gender-neutrality summary on one page, for functional administrators (and
    whoever may view the families in the admin)."""
    if not (request.user.has_perm("profiles.manage_catalogue") or request.user.has_perm("profiles.view_jobfamily")):
        raise PermissionDenied
    context = {"rows": neutrality.neutrality_overview(), "neutrality_sources": neutrality.check_sources()}
    return render(request, "profiles/neutrality_overview.html", context)
