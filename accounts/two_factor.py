"""Who needs a second factor, and whether this session has passed it.

A session has passed it when django-otp verified a code from the user's authenticator app or a
recovery code (`request.user.is_verified()`, OTPMiddleware), or when single sign-on said the
identity provider asked its own second factor: the OIDC sign-in calls `mark_verified_by_provider`
when the ID token's `amr` or `acr` says so. Both live in the session, so signing out ends them.

Who must: with settings.TWO_FACTOR_REQUIRED, an HR adviser, a functional administrator, a staff
user or a superuser. Whoever has set up an authenticator app (a manager may) is asked for it at
every sign-in, whatever the setting. TwoFactorMiddleware (middleware.py) sends them to the step.
"""

from django.conf import settings
from django.http import HttpRequest
from django_otp.plugins.otp_totp.models import TOTPDevice

from grading.roles import FUNCTIONAL_ADMIN, HR_ADVISER

# The contract with single sign-on: True when the identity provider did the second factor.
PROVIDER_SESSION_KEY = "fw_mfa_by_provider"
NO_STEP_SESSION_KEY = "fw_no_second_step"  # the user whose session has no step to take

FORCED_ROLES = (HR_ADVISER, FUNCTIONAL_ADMIN)

VERIFY = "verify"  # the user has an app: ask its code
SET_UP = "set_up"  # the user must use a second factor and has none yet: set one up


def mark_verified_by_provider(request: HttpRequest) -> None:
    """The identity provider asked its own second factor at this sign-in: it counts as ours.
    Call it after django.contrib.auth.login(), which may start a new session."""
    request.session[PROVIDER_SESSION_KEY] = True


def verified_by_provider(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    return session is not None and session.get(PROVIDER_SESSION_KEY) is True


def is_verified(request: HttpRequest) -> bool:
    """Has this session passed a second factor (ours or the identity provider's)?"""
    if verified_by_provider(request):
        return True
    check = getattr(request.user, "is_verified", None)  # set by django-otp's OTPMiddleware
    return bool(check is not None and check())


def must_use_two_factor(user) -> bool:
    """Does the role demand a second factor (when TWO_FACTOR_REQUIRED)? Managers may, need not."""
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name__in=FORCED_ROLES).exists()


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_step(request: HttpRequest) -> str | None:
    """None when the signed-in user may go on; VERIFY or SET_UP for the step he must take first.

    A session that had no step to take when it signed in remembers so (`remember_no_step`): its
    pages then read no device and no role. A change of roles or devices by the functional
    administrator ends the user's sessions, so the answer holds for the session's life."""
    user = request.user
    if not user.is_authenticated or is_verified(request):
        return None
    session = getattr(request, "session", None)
    if session is not None and session.get(NO_STEP_SESSION_KEY) == user.pk:
        return None
    if has_authenticator(user):
        return VERIFY
    if settings.TWO_FACTOR_REQUIRED and must_use_two_factor(user):
        return SET_UP
    return None


def remember_no_step(request: HttpRequest) -> None:
    """At sign-in, when the session is written anyway: this session has no second step to take."""
    request.session[NO_STEP_SESSION_KEY] = request.user.pk
