"""Error pages that read nothing of a request but its path, so a broken request cannot break them."""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponseBadRequest
from django.template.loader import render_to_string

from functiewaardering.middleware import TOO_LARGE


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponseBadRequest:
    message = ""
    if isinstance(exception, RequestDataTooBig):
        message = TOO_LARGE.format(limit=settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024))
    return HttpResponseBadRequest(render_to_string("400.html", {"message": message}))
