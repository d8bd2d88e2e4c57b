"""The authentication backend of single sign-on: mozilla-django-oidc's code flow (token request,
ID token check, user info), with the endpoints found at sign-in time (accounts/oidc_provider.py)
and the accounts work of accounts/oidc_accounts.py.

Stricter than the library's default: the ID token must be signed with OIDC_RP_SIGN_ALGO, be meant
for this client (`aud`) and come from the provider (`iss`, when known). The user info must be about
the same person (`sub`). Only the callback (accounts/oidc_sign_in.py) calls `authenticate`; a
password sign-in passes this backend by. A deactivated account's session loads no user.
"""

import jwt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts import oidc_accounts, oidc_provider
from accounts.security_log import client_ip

LEEWAY_SECONDS = 60  # clock difference allowed between the provider and this server
# What user info may not change about the ID token's statements.
ID_TOKEN_ONLY = frozenset({"iss", "aud", "exp", "iat", "nbf", "nonce", "amr", "acr", "auth_time", "azp", "at_hash"})


class OIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The library reads the endpoints here, on every authenticate() of every sign-in; they are
        # read at the callback instead, where an unreachable provider can get its own page.
        self.UserModel = get_user_model()
        self.id_claims: dict = {}
        self.id_token = ""

    def authenticate(self, request, nonce=None, code_verifier=None, **credentials):
        """The user of a finished code flow, or None. Raises oidc_provider.ProviderUnavailable,
        requests' errors, SuspiciousOperation or oidc_accounts.AccountRefused for the callback."""
        if request is None or credentials or nonce is None or not settings.OIDC_ENABLED:
            return None
        self.provider = oidc_provider.provider()
        self.OIDC_OP_TOKEN_ENDPOINT = self.provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = self.provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = self.provider.jwks_uri
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        self.OIDC_RP_CLIENT_SECRET = settings.OIDC_RP_CLIENT_SECRET
        self.OIDC_RP_SIGN_ALGO = settings.OIDC_RP_SIGN_ALGO
        self.OIDC_RP_IDP_SIGN_KEY = None
        return super().authenticate(request, nonce=nonce, code_verifier=code_verifier)

    def store_tokens(self, access_token, id_token):
        """Keep the ID token for the callback, which puts it in the session after the sign-in
        (logging out at the provider sends it back as id_token_hint); no token goes into the session
        before that, where signing in may start a new one."""
        self.id_token = id_token if isinstance(id_token, str) else ""

    def get_payload_data(self, token, key):
        try:
            header = jwt.get_unverified_header(token)
            if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
                raise SuspiciousOperation(f"token signed with {header.get('alg')!r}, not {self.OIDC_RP_SIGN_ALGO!r}")
            return jwt.decode(
                token, key, algorithms=[self.OIDC_RP_SIGN_ALGO], audience=self.OIDC_RP_CLIENT_ID,
                issuer=self.provider.issuer or None, leeway=LEEWAY_SECONDS,
            )
        except jwt.PyJWTError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def verify_token(self, token, **kwargs):
        payload = super().verify_token(token, **kwargs)
        if "exp" not in payload:
            raise SuspiciousOperation("ID token without exp")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        self.id_claims = dict(payload)
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT and access_token:
            info = self.get_userinfo(access_token, id_token, payload)
            if not isinstance(info, dict) or info.get("sub") != payload.get("sub"):
                raise SuspiciousOperation("the user info is about someone else than the ID token")
            claims.update({name: value for name, value in info.items() if name not in ID_TOKEN_ONLY})
        issuer = payload.get("iss") if isinstance(payload.get("iss"), str) else self.provider.token_endpoint
        return oidc_accounts.oidc_user_sign_in(issuer=issuer, claims=claims, ip=client_ip(self.request))

    def get_user(self, user_id):
        user = super().get_user(user_id)
        return user if user is not None and user.is_active else None
