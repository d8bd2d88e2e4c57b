"""The callback of single sign-on: check that the answer belongs to a sign-in this browser began
(state, nonce, PKCE code verifier, kept in its session by the start view), let the backend finish
the code flow, sign the person in, and note whether the provider used a second factor.

Every refusal raises SignInFailed with a Dutch message and a status for the page, and leaves a
line in the security log (method "OIDC").
"""

import logging

import requests
from django.contrib import auth
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest

from accounts import oidc_accounts
from accounts.oidc_backend import OIDCBackend
from accounts.oidc_logout import ID_TOKEN_SESSION_KEY
from accounts.oidc_provider import ProviderUnavailable
from accounts.security_log import OIDC_BACKEND

logger = logging.getLogger(__name__)

MFA_SESSION_KEY = "fw_mfa_by_provider"  # True when the ID token says a second factor was used

UNREACHABLE = (
    "De identiteitsprovider is nu niet bereikbaar, dus inloggen lukt even niet. Probeer het over een paar "
    "minuten opnieuw; blijft het mislukken, meld het dan bij de functioneel beheerder."
)
PROVIDER_REFUSED = "De identiteitsprovider heeft de aanmelding niet goedgekeurd. U bent niet ingelogd."
INCOMPLETE = "Dit adres mist gegevens van de identiteitsprovider. Begin opnieuw op de inlogpagina."
UNKNOWN_STATE = (
    "Deze aanmelding is niet in deze browser begonnen of is al gebruikt. Begin opnieuw op de inlogpagina."
)
UNVERIFIED = (
    "Het antwoord van de identiteitsprovider kon niet worden gecontroleerd, dus u bent niet ingelogd. "
    "Begin opnieuw op de inlogpagina; blijft het mislukken, meld het dan bij de functioneel beheerder."
)


class SignInFailed(Exception):
    def __init__(self, message: str, *, status: int):
        super().__init__(message)
        self.message = message
        self.status = status


def _fail(request: HttpRequest, message: str, *, status: int, reason: str, subject: str = "") -> SignInFailed:
    oidc_accounts.oidc_sign_in_failed(request=request, reason=reason, subject=subject)
    return SignInFailed(message, status=status)


def _state_take(request: HttpRequest, state: str | None) -> dict | None:
    """The nonce and code verifier the start view kept for this state; each state works once."""
    states = request.session.get("oidc_states")
    if not state or not isinstance(states, dict) or not isinstance(states.get(state), dict):
        return None
    entry = states.pop(state)
    request.session.modified = True
    return entry


def oidc_callback_complete(*, request: HttpRequest) -> str:
    """Sign in the person the provider's answer names; the address to go on to. Raises SignInFailed."""
    if request.GET.get("error"):
        _state_take(request, request.GET.get("state"))
        raise _fail(request, PROVIDER_REFUSED, status=403, reason=f"provider: {request.GET['error']}"[:300])
    if not request.GET.get("code") or not request.GET.get("state"):
        raise _fail(request, INCOMPLETE, status=400, reason="code of state ontbreekt")
    entry = _state_take(request, request.GET["state"])
    if entry is None:
        raise _fail(request, UNKNOWN_STATE, status=400, reason="onbekende state")
    backend = OIDCBackend()
    try:
        user = backend.authenticate(request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier"))
    except (ProviderUnavailable, requests.ConnectionError, requests.Timeout) as error:
        raise _fail(request, UNREACHABLE, status=503, reason=f"niet bereikbaar: {error}"[:300]) from error
    except requests.HTTPError as error:
        raise _fail(request, PROVIDER_REFUSED, status=403, reason=f"token geweigerd: {error}"[:300]) from error
    except oidc_accounts.AccountRefused as error:
        subject = str(backend.id_claims.get("sub", ""))
        raise _fail(request, error.message, status=403, reason=error.reason, subject=subject) from error
    except (SuspiciousOperation, requests.RequestException, ValueError, KeyError, TypeError) as error:
        logger.warning("An OIDC sign-in was refused: %s", error)
        raise _fail(request, UNVERIFIED, status=403, reason=f"niet te controleren: {error}"[:300]) from error
    if user is None:
        raise _fail(request, UNVERIFIED, status=403, reason="niet te controleren", subject=str(backend.id_claims.get("sub", "")))
    next_url = request.session.get("oidc_login_next")
    auth.login(request, user, backend=OIDC_BACKEND)
    if oidc_accounts.mfa_by_provider(backend.id_claims):
        request.session[MFA_SESSION_KEY] = True
    else:
        request.session.pop(MFA_SESSION_KEY, None)  # a sign-in without it replaces one with it
    request.session.pop("oidc_login_next", None)
    request.session[ID_TOKEN_SESSION_KEY] = backend.id_token  # for logging out at the provider
    return next_url or ""
