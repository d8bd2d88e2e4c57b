"""Signal receivers that keep the list of each user's sessions."""

from django.contrib.auth.signals import user_logged_in, user_logged_out

from accounts import sessions


def on_logged_in(sender, request, user, **kwargs) -> None:
    if request is not None:
        sessions.session_remember(request=request, user=user)


def on_logged_out(sender, request, user, **kwargs) -> None:
    session = getattr(request, "session", None)
    sessions.session_forget(session_key=session.session_key if session is not None else None)


def connect() -> None:
    user_logged_in.connect(on_logged_in, dispatch_uid="accounts.sessions.login")
    user_logged_out.connect(on_logged_out, dispatch_uid="accounts.sessions.logout")
