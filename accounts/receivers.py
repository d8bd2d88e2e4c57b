"""Signal receivers that write the security log and keep the list of each user's sessions.

Django's auth signals give sign-ins, failed sign-ins (also those django-axes refuses because the
name is locked out) and sign-outs; `functiewaardering.audit` gives exports and erasures.
"""

from django.contrib.auth import BACKEND_SESSION_KEY
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from accounts import sessions, two_factor_devices
from accounts.models import SecurityEvent
from accounts.security_log import OIDC, OIDC_BACKEND, PASSWORD, security_event_record, security_log_forget_username
from functiewaardering import audit

LOCKED_OUT = "geblokkeerd na te veel pogingen"


def on_logged_in(sender, request, user, **kwargs) -> None:
    security_event_record(kind=SecurityEvent.Kind.LOGIN, request=request, actor=user, method=_method(request))
    if request is not None:
        sessions.session_remember(request=request, user=user)


def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    locked = bool(getattr(request, "axes_locked_out", False))
    security_event_record(
        kind=SecurityEvent.Kind.LOGIN_FAILED, request=request, username=str(credentials.get("username", "")),
        method=PASSWORD, detail=LOCKED_OUT if locked else "",
    )


def on_logged_out(sender, request, user, **kwargs) -> None:
    if user is None:  # signing out without a session
        return
    security_event_record(kind=SecurityEvent.Kind.LOGOUT, request=request, actor=user)
    session = getattr(request, "session", None)
    sessions.session_forget(session_key=session.session_key if session is not None else None)


def on_export(sender, request, what: str, **kwargs) -> None:
    security_event_record(kind=SecurityEvent.Kind.EXPORT, request=request, actor=request.user, detail=what)


def on_person_erased(sender, user, username: str, request=None, **kwargs) -> None:
    security_log_forget_username(username=username)
    two_factor_devices.two_factor_devices_delete(user=user)  # the app's secret and the recovery codes
    sessions.sessions_end(user=user)
    actor = getattr(request, "user", None)
    detail = "via de opdrachtregel (erase_person)" if request is None else ""
    security_event_record(kind=SecurityEvent.Kind.ERASURE, request=request, actor=actor, subject=user, detail=detail)


def _method(request) -> str:
    """How the user signed in: login() keeps the backend that let him in in the session."""
    session = getattr(request, "session", None)
    backend = session.get(BACKEND_SESSION_KEY) if session is not None else None
    return OIDC if backend == OIDC_BACKEND else PASSWORD


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="accounts.security_log.login")
    user_login_failed.connect(on_login_failed, dispatch_uid="accounts.security_log.login_failed")
    user_logged_out.connect(on_logged_out, dispatch_uid="accounts.security_log.logout")
    audit.export_made.connect(on_export, dispatch_uid="accounts.security_log.export")
    audit.person_erased.connect(on_person_erased, dispatch_uid="accounts.security_log.erasure")
