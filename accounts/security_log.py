"""The security log: write a line, read the address a request came from, and drop old lines.

Sign-ins, sign-outs and failed sign-ins come from Django's auth signals, exports and erasures
from `functiewaardering.audit` (see receivers.py); account and role changes from services.py.
django-axes keeps only its lockout counts (its own access log is off in settings): this log is
the one record of who signed in.
"""

import datetime

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.db import models
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import SecurityEvent

PASSWORD = "wachtwoord"  # the sign-in method of a local password
OIDC = "OIDC"  # the sign-in method of single sign-on
OIDC_BACKEND = "accounts.oidc_backend.OIDCBackend"  # as in AUTHENTICATION_BACKENDS


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as django-axes reads it: REMOTE_ADDR, or X-Forwarded-For behind
    PROXY_COUNT proxies. None outside a request (a command line) or when it is no address."""
    if request is None:
        return None
    address = get_client_ip_address(request) if hasattr(request, "META") else None
    return address or None


def security_event_record(
    *, kind: str, request: HttpRequest | None = None, actor=None, subject=None, ip: str | None = None,
    username: str = "", email: str = "", method: str = "", detail: str = "",
) -> SecurityEvent:
    """Append one line; `ip` when the caller has no request, else read from the request."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    return SecurityEvent.objects.create(
        kind=kind, actor=actor, subject=subject, username=username[:150], email=email[:254],
        method=method, detail=detail[:300], ip_address=ip if request is None else client_ip(request),
    )


def security_log_prune(*, days: int | None = None, now: datetime.datetime | None = None) -> int:
    """Remove the lines older than `days` (settings.SECURITY_LOG_DAYS); the number removed."""
    days = settings.SECURITY_LOG_DAYS if days is None else days
    cutoff = (now or timezone.now()) - datetime.timedelta(days=days)
    # The log is append-only for the application; its retention is the one delete, so this calls
    # the plain QuerySet.delete() on purpose.
    deleted, _ = models.QuerySet.delete(SecurityEvent.objects.filter(created_at__lt=cutoff))
    return deleted


def security_log_forget_username(*, username: str) -> None:
    """An erased person's user name, as typed at failed sign-ins, goes from the log."""
    models.QuerySet.update(SecurityEvent.objects.filter(username=username), username="")
