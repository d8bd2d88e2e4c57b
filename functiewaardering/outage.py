"""A database outage answers 503 with Retry-After and a Dutch page, never a 500.

While PostgreSQL restarts (or a connection breaks), any query raises OperationalError or
InterfaceError: in a view, in the session or login middleware, in a template. Django turns each
into a 500 where it is raised, inside the middleware around it. A view's error reaches
`process_exception` here and is logged as one line; one raised in a middleware (the session, the
user) is logged by Django, and this middleware, the outermost one that can touch the database,
learns of it through `got_request_exception` and answers with a 503 instead. The next request opens a new connection
(CONN_HEALTH_CHECKS), so once the database is back nothing else is needed.
"""

import logging
import sys

from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)
DATABASE_DOWN = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 5
_MARK = "_database_outage"


def _note_outage(sender, request: HttpRequest | None = None, **kwargs) -> None:
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_DOWN):
        setattr(request, _MARK, True)


got_request_exception.connect(_note_outage, dispatch_uid="functiewaardering-database-outage")


def outage_response() -> HttpResponse:
    """The Dutch 503 page; it reads nothing of the request or the database."""
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if getattr(request, _MARK, False):
            return outage_response()
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view's outage is answered here, logged as one line rather than a traceback a request."""
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable (%s: %s) on %s", type(exception).__name__, exception, request.path)
            return outage_response()
        return None
