"""Request limits and response headers that hold for every page.

`RequestLimitsMiddleware` runs before anything reads a request body: it refuses what no view can
use (a body far over the limits, a NUL byte, a form charset other than UTF-8, also one declared on
a single field of a multipart form) with a Dutch page,
so no query, parser or error handler ever sees it. `PrivateResponsesMiddleware` keeps pages
behind a login out of shared and browser caches and sets the Permissions-Policy.
"""

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control
from django.utils.http import parse_header_parameters

TOO_LARGE = "Het verzoek is te groot (meer dan {limit} MB). Een bestand mag 2 MB zijn; plak anders een kortere tekst."
NUL_BYTE = "Het verzoek bevat een ongeldig teken (een NUL-byte). Controleer het adres of de ingevulde gegevens."
BROKEN_FORM = "Het formulier kon niet worden gelezen. Verstuur het opnieuw vanaf de pagina zelf."
WRONG_CHARSET = "Het formulier is verstuurd in de tekenset {charset}. Deze site leest alleen UTF-8; verstuur het formulier opnieuw vanaf de pagina zelf."

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), "
    "payment=(), usb=(), interest-cohort=()"
)


def error_page(request: HttpRequest, message: str, *, status: int) -> HttpResponse:
    """A Dutch error page that reads nothing of the request but its path (never its body)."""
    html = render_to_string("request_refused.html", {"message": message, "status": status})
    return HttpResponse(html, status=status)


def _charset(content_type: str) -> str:
    for parameter in content_type.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').lower()
    return ""


class RequestLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        refusal = self.refusal(request)
        if refusal is not None:
            return refusal
        return self.get_response(request)

    def refusal(self, request: HttpRequest) -> HttpResponse | None:
        limit = settings.MAX_REQUEST_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            return error_page(request, TOO_LARGE.format(limit=limit // (1024 * 1024)), status=413)
        if "\x00" in request.path or "%00" in request.META.get("QUERY_STRING", "") or "\x00" in request.path_info:
            return error_page(request, NUL_BYTE, status=400)
        charset = _charset(request.META.get("CONTENT_TYPE", ""))
        if charset and charset not in ("utf-8", "utf8"):
            return error_page(request, WRONG_CHARSET.format(charset=charset[:40]), status=400)
        if request.method == "POST":
            return self.form_refusal(request)
        return None

    def form_refusal(self, request: HttpRequest) -> HttpResponse | None:
        """Read the posted form once, here, so a body that cannot be read gets a Dutch page and
        no later reader (CSRF, a view, an error report) meets it again."""
        try:
            charset = _field_part_charset(request)
            if charset:
                return error_page(request, WRONG_CHARSET.format(charset=charset[:40]), status=400)
            if _posted_nul(request):
                return error_page(request, NUL_BYTE, status=400)
        except RequestDataTooBig:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024)
            return error_page(request, TOO_LARGE.format(limit=limit), status=413)
        except (BadRequest, SuspiciousOperation, MultiPartParserError):
            return error_page(request, BROKEN_FORM, status=400)
        return None


PART_HEAD_BYTES = 8192  # more than any browser sends as a part's headers


def _field_part_charset(request: HttpRequest) -> str:
    """A charset other than UTF-8 declared on a form field's part of a multipart body, or "".

    Django decodes every field as the request's encoding and ignores a part's own charset, so such
    a field would be stored as replacement characters. File parts are bytes and may declare any.
    The body is read once here (within DATA_UPLOAD_MAX_MEMORY_SIZE); Django parses it from memory."""
    kind, parameters = parse_header_parameters(request.META.get("CONTENT_TYPE", ""))
    boundary = parameters.get("boundary", "")
    if kind != "multipart/form-data" or not boundary:
        return ""
    body = request.body
    delimiter = b"--" + boundary.encode("latin-1", errors="replace")
    position = body.find(delimiter)
    while position != -1:
        start = position + len(delimiter)
        end = body.find(b"\r\n\r\n", start, start + PART_HEAD_BYTES)
        if end == -1:
            break
        headers = {}
        for line in body[start:end].decode("latin-1").split("\r\n"):
            name, colon, value = line.partition(":")
            if colon:
                headers[name.strip().lower()] = value.strip()
        is_file = "filename" in parse_header_parameters(headers.get("content-disposition", ""))[1]
        charset = _charset(headers.get("content-type", ""))
        if charset and charset not in ("utf-8", "utf8") and not is_file:
            return charset
        position = body.find(delimiter, end)
    return ""


def _posted_nul(request: HttpRequest) -> bool:
    """A NUL byte in a posted form field (files are read as bytes elsewhere and may hold any)."""
    return any("\x00" in value for values in request.POST.lists() for value in values[1])


class PrivateResponsesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Requests, results and reports are personal: no proxy or browser may keep a copy.
            patch_cache_control(response, private=True, no_store=True)
        return response
