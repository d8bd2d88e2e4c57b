from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from profiles import api
from profiles.selectors import family_get, family_queryset

JSON_OPTIONS = {"ensure_ascii": False}
UNKNOWN_FAMILY = "Onbekende functiefamilie."


@require_safe
def family_list(request: HttpRequest) -> JsonResponse:
    families = [api.family_summary(family) for family in family_queryset().order_by("name")]
    return JsonResponse(families, safe=False, json_dumps_params=JSON_OPTIONS)


@require_safe
def family_detail(request: HttpRequest, slug: str) -> JsonResponse:
    family = family_get(slug=slug)
    if family is None:
        return JsonResponse({"error": UNKNOWN_FAMILY, "slug": slug}, status=404, json_dumps_params=JSON_OPTIONS)
    return JsonResponse(api.family_detail(family), json_dumps_params=JSON_OPTIONS)
