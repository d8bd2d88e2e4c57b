"""The sessions of each user, so that deactivating an account or taking a role ends them.

A sign-in records its session key (receivers.py); `sessions_end` deletes every recorded session
of a user through the configured session store, so it works the same for the database, the cache
or both (SESSION_ENGINE). Sessions from before this record existed are not listed; they hold no
more than the account allows now, because permissions and `is_active` are read on every request.
"""

import datetime
from importlib import import_module

from django.conf import settings
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import UserSession


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def session_remember(*, request: HttpRequest, user) -> None:
    """Record the session a sign-in just made (its key is new: login() cycles it)."""
    session = getattr(request, "session", None)
    if session is None:
        return
    if session.session_key is None:
        session.save()  # login() after another user's session flushed it: make the key now
    UserSession.objects.get_or_create(session_key=session.session_key, defaults={"user": user})


def session_forget(*, session_key: str | None) -> None:
    """A sign-out: the key is gone."""
    if session_key:
        UserSession.objects.filter(session_key=session_key).delete()


def sessions_end(*, user) -> int:
    """End every recorded session of the user; the number ended."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    store = _store()
    for key in keys:
        store(session_key=key).delete()
    UserSession.objects.filter(session_key__in=keys).delete()
    return len(keys)


def sessions_prune(*, now: datetime.datetime | None = None) -> int:
    """Forget keys of sessions that have expired by now (older than SESSION_COOKIE_AGE)."""
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    deleted, _ = UserSession.objects.filter(created_at__lt=cutoff).delete()
    return deleted
