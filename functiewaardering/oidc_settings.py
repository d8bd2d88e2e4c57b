"""Reading the single sign-on variables (OpenID Connect) strictly, for settings.py: a typo in a
role's name or a half-given provider fails at start-up, not at the first sign-in. Plain Python:
settings.py imports it before Django has loaded any app."""

from django.core.exceptions import ImproperlyConfigured

# The three roles, as grading/roles.py names them (that module needs the apps loaded, so they are
# repeated here; tests/accounts/test_oidc_settings.py holds them in step).
ROLE_NAMES = ("Leidinggevende", "HR-adviseur", "Functioneel beheerder")

ENDPOINT_NAMES = (
    "OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT",
)


def role_map(value: str) -> dict[str, tuple[str, ...]]:
    """`Leidinggevende=fw-managers;HR-adviseur=fw-hr` as {role: (group, …)}. A role may appear
    more than once, one group each time (group names may hold commas, as LDAP names do); an empty
    value maps nothing."""
    groups: dict[str, list[str]] = {}
    for entry in value.split(";"):
        if not entry.strip():
            continue
        role, equals, group = entry.partition("=")
        role, group = role.strip(), group.strip()
        if not equals or not group:
            raise ImproperlyConfigured(f"OIDC_ROLE_MAP: {entry.strip()!r} is no role=group pair")
        if role not in ROLE_NAMES:
            raise ImproperlyConfigured(f"OIDC_ROLE_MAP: {role!r} is no role; use {', '.join(ROLE_NAMES)}")
        groups.setdefault(role, []).append(group)
    return {role: tuple(names) for role, names in groups.items()}


def provider_check(*, client_id: str, discovery_url: str, endpoints: dict[str, str], sign_algo: str) -> bool:
    """Whether single sign-on is on: a client id and either the discovery address or all four
    endpoints. Anything half-given is refused."""
    given = [name for name, url in endpoints.items() if url]
    if not client_id:
        if discovery_url or given:
            raise ImproperlyConfigured("OIDC_RP_CLIENT_ID must be set when the provider's address is")
        return False
    if not discovery_url and len(given) < len(endpoints):
        missing = ", ".join(name for name in endpoints if name not in given)
        raise ImproperlyConfigured(f"OIDC_DISCOVERY_URL or all endpoints are needed; missing: {missing}")
    if not (sign_algo.startswith(("RS", "ES", "PS")) or sign_algo.startswith("HS")):
        raise ImproperlyConfigured(f"OIDC_RP_SIGN_ALGO must be RS256, ES256, PS256, HS256 or alike, not {sign_algo!r}")
    return True
