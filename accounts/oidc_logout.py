"""Signing out at the identity provider too (OpenID Connect RP-initiated logout): when this session
was signed in through the provider and its discovery document names an `end_session_endpoint`,
logging out here sends the browser there, with the session's ID token as `id_token_hint` and the
site's address (SITE_URL and LOGOUT_REDIRECT_URL) as `post_logout_redirect_uri`. Otherwise, or
when the provider cannot be read now, only the session here ends.
"""

import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY
from django.http import HttpRequest
from django.shortcuts import resolve_url

from accounts import oidc_provider
from accounts.security_log import OIDC_BACKEND

logger = logging.getLogger(__name__)

ID_TOKEN_SESSION_KEY = "fw_oidc_id_token"  # the raw ID token of the sign-in through the provider


def post_logout_redirect_uri() -> str:
    """Where the provider sends the browser back to; register it at the provider."""
    return settings.SITE_URL + resolve_url(settings.LOGOUT_REDIRECT_URL)


def provider_logout_url(*, request: HttpRequest) -> str:
    """The provider's end-session address for this session, or "" when there is none."""
    id_token = request.session.get(ID_TOKEN_SESSION_KEY)
    if not settings.OIDC_ENABLED or not isinstance(id_token, str) or not id_token:
        return ""
    if request.session.get(BACKEND_SESSION_KEY) != OIDC_BACKEND:  # signed in again since, by password
        return ""
    try:
        endpoint = oidc_provider.provider().end_session_endpoint
    except oidc_provider.ProviderUnavailable:
        logger.warning("Signing out at the identity provider skipped: its discovery document could not be read")
        return ""
    if not endpoint:
        return ""
    query = urlencode({
        "id_token_hint": id_token, "post_logout_redirect_uri": post_logout_redirect_uri(),
        "client_id": settings.OIDC_RP_CLIENT_ID,
    })
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"
