from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from functiewaardering.numbers import whole_number
from profiles import api
from profiles.selectors import family_get, family_queryset

JSON_OPTIONS = {"ensure_ascii": False}
UNKNOWN_FAMILY = "Onbekende functiefamilie."
UNKNOWN_VERSION = "Onbekende versie van de catalogus."
BAD_VERSION = "De versie is een geheel getal, bijvoorbeeld ?versie=3."
MAX_VERSION = 2**31 - 1  # the largest number an integer column holds


def _version(request: HttpRequest) -> int | None | JsonResponse:
    raw = request.GET.get("versie")
    if raw is None:
        return None
    version = whole_number(raw, maximum=MAX_VERSION)
    if version is None:
        return JsonResponse({"error": BAD_VERSION}, status=400, json_dumps_params=JSON_OPTIONS)
    return version


@require_safe
def family_list(request: HttpRequest) -> JsonResponse:
    version = _version(request)
    if isinstance(version, JsonResponse):
        return version
    if version is not None:
        found = api.catalogue_at(version)
        if found is None:
            return JsonResponse({"error": UNKNOWN_VERSION, "versie": version}, status=404, json_dumps_params=JSON_OPTIONS)
        return JsonResponse(found, safe=False, json_dumps_params=JSON_OPTIONS)
    families = [api.family_summary(family) for family in family_queryset().order_by("name")]
    return JsonResponse(families, safe=False, json_dumps_params=JSON_OPTIONS)


@require_safe
def family_detail(request: HttpRequest, slug: str) -> JsonResponse:
    version = _version(request)
    if isinstance(version, JsonResponse):
        return version
    if version is not None:
        found = api.family_at(slug, version)
        if found is None:
            return JsonResponse({"error": UNKNOWN_FAMILY, "slug": slug, "versie": version}, status=404, json_dumps_params=JSON_OPTIONS)
        return JsonResponse(found, json_dumps_params=JSON_OPTIONS)
    family = family_get(slug=slug)
    if family is None:
        return JsonResponse({"error": UNKNOWN_FAMILY, "slug": slug}, status=404, json_dumps_params=JSON_OPTIONS)
    return JsonResponse(api.family_detail(family), json_dumps_params=JSON_OPTIONS)
