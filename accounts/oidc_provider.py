"""Where the identity provider's endpoints are: from OIDC_DISCOVERY_URL, read at the first sign-in
(with a time-out) and kept in the cache, or from the OIDC_OP_* variables.

Nothing reads the provider at start-up, so an unreachable provider never stops the application:
the sign-in that needs it gets a Dutch page (ProviderUnavailable) and the next one tries again.
"""

import logging
from dataclasses import asdict, dataclass

import requests
from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)

ENDPOINT_KEYS = ("authorization_endpoint", "token_endpoint", "jwks_uri")


class ProviderUnavailable(Exception):
    """The discovery document could not be read or is not usable."""


@dataclass(frozen=True)
class Provider:
    issuer: str  # "" when only endpoints are given without OIDC_OP_ISSUER: the token's iss is then not checked
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str  # "" when the provider has none: the ID token's claims are all there is
    jwks_uri: str
    end_session_endpoint: str = ""


def _cache_key() -> str:
    return "oidc-discovery:" + settings.OIDC_DISCOVERY_URL


def provider() -> Provider:
    """The provider's endpoints; raises ProviderUnavailable when discovery fails."""
    if not settings.OIDC_DISCOVERY_URL:
        return Provider(
            issuer=settings.OIDC_OP_ISSUER, authorization_endpoint=settings.OIDC_OP_AUTHORIZATION_ENDPOINT,
            token_endpoint=settings.OIDC_OP_TOKEN_ENDPOINT, userinfo_endpoint=settings.OIDC_OP_USER_ENDPOINT,
            jwks_uri=settings.OIDC_OP_JWKS_ENDPOINT, end_session_endpoint=settings.OIDC_OP_END_SESSION_ENDPOINT,
        )
    cached = cache.get(_cache_key())
    if isinstance(cached, dict):
        return Provider(**cached)
    found = _discover(settings.OIDC_DISCOVERY_URL)
    cache.set(_cache_key(), asdict(found), settings.OIDC_DISCOVERY_CACHE_SECONDS)
    return found


def provider_forget() -> None:
    """Read the discovery document again at the next sign-in (after the provider moved)."""
    cache.delete(_cache_key())


def _discover(url: str) -> Provider:
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT, headers={"Accept": "application/json"})
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as error:
        logger.warning("Reading the OIDC discovery document %s failed: %s", url, error)
        raise ProviderUnavailable(str(error)) from error
    if not isinstance(document, dict):
        raise ProviderUnavailable("the discovery document is no JSON object")
    values = {key: document.get(key) for key in ("issuer", *ENDPOINT_KEYS, "userinfo_endpoint", "end_session_endpoint")}
    missing = [key for key in ("issuer", *ENDPOINT_KEYS) if not isinstance(values[key], str) or not values[key]]
    if missing:
        logger.warning("The OIDC discovery document %s lacks %s", url, ", ".join(missing))
        raise ProviderUnavailable("missing: " + ", ".join(missing))
    return Provider(**{key: value if isinstance(value, str) else "" for key, value in values.items()})
