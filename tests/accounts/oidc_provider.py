"""A real OpenID Connect provider on a free loopback port, for the single sign-on tests: authlib's
AuthorizationServer with the authorization code grant, PKCE and its OpenID Connect extension,
signing ID tokens with an RSA key made here, served by wsgiref in a thread.

It signs in whoever the test puts in `provider.person` (no login form: the person is already
signed in at the provider) and answers the discovery document, the authorization, token, user
info and key set endpoints over plain HTTP, and an end-session endpoint (RP-initiated logout)
that checks the `id_token_hint` it signed and sends the browser back to a registered
`post_logout_redirect_uri`. A test may make it misbehave: sign with a key it does not publish, or
put another nonce or audience in the ID token; or leave the end-session endpoint out.
"""

import json
import os
import secrets
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from authlib.oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import OAuth2Payload, OAuth2Request, grants
from authlib.oauth2.rfc6750 import BearerTokenGenerator
from authlib.oauth2.rfc7636 import CodeChallenge
from authlib.oidc.core.grants import OpenIDCode
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

CLIENT_ID = "functiewaardering"
CLIENT_SECRET = "test-geheim-van-de-client"
KEY_ID = "fw-test-1"


def _rsa_key() -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "alg": "RS256", "use": "sig"}, private=True)


@dataclass
class Client:
    redirect_uris: list[str]
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET

    def get_client_id(self):
        return self.client_id

    def get_default_redirect_uri(self):
        return self.redirect_uris[0]

    def get_allowed_scope(self, scope):
        return " ".join(s for s in scope.split() if s in ("openid", "email", "profile", "groups"))

    def check_redirect_uri(self, redirect_uri):
        return redirect_uri in self.redirect_uris

    def check_client_secret(self, client_secret):
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method, endpoint):
        return method in ("client_secret_basic", "client_secret_post")

    def check_response_type(self, response_type):
        return response_type == "code"

    def check_grant_type(self, grant_type):
        return grant_type == "authorization_code"


@dataclass
class Code:
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    person: dict
    nonce: str | None
    code_challenge: str | None
    code_challenge_method: str | None
    amr: list[str]
    acr: str | None
    auth_time: int = field(default_factory=lambda: int(time.time()))

    def get_redirect_uri(self):
        return self.redirect_uri

    def get_scope(self):
        return self.scope

    def get_nonce(self):
        return self.nonce

    def get_auth_time(self):
        return self.auth_time

    def get_acr(self):
        return self.acr

    def get_amr(self):
        return self.amr


class WsgiPayload(OAuth2Payload):
    def __init__(self, values: dict[str, list[str]]):
        self._values = values

    @property
    def data(self):
        return {key: values[0] for key, values in self._values.items()}

    @property
    def datalist(self):
        return defaultdict(list, self._values)


class WsgiRequest(OAuth2Request):
    def __init__(self, environ: dict, url: str):
        headers = {key[5:].replace("_", "-").title(): value for key, value in environ.items() if key.startswith("HTTP_")}
        if environ.get("CONTENT_TYPE"):
            headers["Content-Type"] = environ["CONTENT_TYPE"]
        super().__init__(environ["REQUEST_METHOD"], url, headers=headers)
        self._args = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length).decode() if length else ""
        self._form = parse_qs(body, keep_blank_values=True)
        self.payload = WsgiPayload({**self._args, **self._form})

    @property
    def args(self):
        return {key: values[0] for key, values in self._args.items()}

    @property
    def form(self):
        return {key: values[0] for key, values in self._form.items()}


class CodeGrant(grants.AuthorizationCodeGrant):
    TOKEN_ENDPOINT_AUTH_METHODS = ["client_secret_basic", "client_secret_post"]

    def save_authorization_code(self, code, request):
        provider = self.server.provider
        data = request.payload.data
        provider.codes[code] = Code(
            code=code, client_id=request.client.get_client_id(), redirect_uri=request.payload.redirect_uri,
            scope=request.scope, person=dict(request.user), nonce=data.get("nonce"),
            code_challenge=data.get("code_challenge"), code_challenge_method=data.get("code_challenge_method"),
            amr=list(provider.amr), acr=provider.acr,
        )

    def query_authorization_code(self, code, client):
        found = self.server.provider.codes.get(code)
        return found if found is not None and found.client_id == client.get_client_id() else None

    def delete_authorization_code(self, authorization_code):
        self.server.provider.codes.pop(authorization_code.code, None)

    def authenticate_user(self, authorization_code):
        return authorization_code.person


class IdToken(OpenIDCode):
    def __init__(self, provider: "Provider"):
        super().__init__(require_nonce=True)
        self.provider = provider

    def exists_nonce(self, nonce, request):
        return any(code.nonce == nonce for code in self.provider.codes.values())

    def resolve_client_private_key(self, client):
        return self.provider.other_key if self.provider.sign_with_other_key else self.provider.key

    def get_client_algorithm(self, client):
        return "RS256"

    def get_encode_header(self, client):
        return {"alg": "RS256", "kid": KEY_ID}

    def get_client_claims(self, client):
        audience = self.provider.audience or client.get_client_id()
        return {"iss": self.provider.issuer, "aud": [audience], "exp": int(time.time()) + 300}

    def get_authorization_code_claims(self, authorization_code):
        claims = super().get_authorization_code_claims(authorization_code)
        if self.provider.nonce_override is not None:
            claims["nonce"] = self.provider.nonce_override
        return claims

    def generate_user_info(self, user, scope):
        return dict(user)


class Server(AuthorizationServer):
    def __init__(self, provider: "Provider"):
        super().__init__(scopes_supported=["openid", "email", "profile", "groups"])
        self.provider = provider
        self.register_token_generator("default", BearerTokenGenerator(lambda **kwargs: secrets.token_urlsafe(24)))
        self.register_grant(CodeGrant, [CodeChallenge(required=True), IdToken(provider)])

    def query_client(self, client_id):
        return self.provider.client if client_id == self.provider.client.client_id else None

    def save_token(self, token, request):
        self.provider.access_tokens[token["access_token"]] = dict(request.user)

    def create_oauth2_request(self, request):
        return request

    def handle_response(self, status, body, headers):
        return status, body, headers

    def send_signal(self, name, *args, **kwargs):
        pass


class Provider:
    def __init__(self, *, redirect_uri: str, post_logout_redirect_uri: str = "http://testserver/"):
        self.key = _rsa_key()
        self.other_key = _rsa_key()  # same kid, never published
        self.client = Client(redirect_uris=[redirect_uri])
        self.person: dict = {}
        self.amr: list[str] = ["pwd"]
        self.acr: str | None = None
        self.sign_with_other_key = False
        self.nonce_override: str | None = None
        self.audience: str | None = None  # another client's id in the ID token's aud
        self.codes: dict[str, Code] = {}
        self.access_tokens: dict[str, dict] = {}
        self.requests: list[str] = []  # the paths asked, in order
        self.issuer = ""
        self.server = Server(self)
        self.end_session = True  # False: the discovery document names no end_session_endpoint
        self.post_logout_redirect_uris = [post_logout_redirect_uri]
        self.signed_out: list[str] = []  # the `sub` of every session ended here, in order

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": self.issuer + "/authorize",
            "token_endpoint": self.issuer + "/token",
            "userinfo_endpoint": self.issuer + "/userinfo",
            "jwks_uri": self.issuer + "/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            **({"end_session_endpoint": self.issuer + "/logout"} if self.end_session else {}),
        }

    def end_session_response(self, args: dict[str, str]) -> tuple[int, dict, list]:
        """Sign the person of the ID token out and send the browser back, or a 400 for a hint this
        provider did not sign for this client, or an address not registered."""
        try:
            token = jwt.decode(args.get("id_token_hint", ""), self.key, algorithms=["RS256"])
        except (JoseError, ValueError):
            return 400, {"error": "invalid_request", "error_description": "id_token_hint"}, []
        if token.claims.get("aud") != [self.client.client_id] or args.get("client_id", self.client.client_id) != self.client.client_id:
            return 400, {"error": "invalid_request", "error_description": "client"}, []
        back = args.get("post_logout_redirect_uri", "")
        if back not in self.post_logout_redirect_uris:
            return 400, {"error": "invalid_request", "error_description": "post_logout_redirect_uri"}, []
        self.signed_out.append(token.claims["sub"])
        return 302, {}, [("Location", back)]

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        self.requests.append(path)
        url = self.issuer + path + ("?" + environ["QUERY_STRING"] if environ.get("QUERY_STRING") else "")
        request = WsgiRequest(environ, url)
        if path == "/.well-known/openid-configuration":
            status, body, headers = 200, self.discovery(), []
        elif path == "/jwks":
            status, body, headers = 200, {"keys": [self.key.as_dict(private=False)]}, []
        elif path == "/authorize":
            status, body, headers = self.server.create_authorization_response(request, grant_user=self.person)
        elif path == "/token" and environ["REQUEST_METHOD"] == "POST":
            status, body, headers = self.server.create_token_response(request)
        elif path == "/logout" and self.end_session:
            status, body, headers = self.end_session_response(request.args)
        elif path == "/userinfo":
            token = environ.get("HTTP_AUTHORIZATION", "").removeprefix("Bearer ")
            person = self.access_tokens.get(token)
            status, body, headers = (200, person, []) if person else (401, {"error": "invalid_token"}, [])
        else:
            status, body, headers = 404, {"error": "not_found"}, []
        payload = json.dumps(body).encode() if isinstance(body, dict) else (body or "").encode()
        headers = [(name, value) for name, value in headers if name.lower() != "content-type"]
        start_response(f"{status} X", [("Content-Type", "application/json"), *headers])
        return [payload]


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


@contextmanager
def running_provider(*, redirect_uri: str) -> Iterator[Provider]:
    """A provider on 127.0.0.1 until the block ends; `provider.issuer` is its address."""
    insecure = os.environ.get("AUTHLIB_INSECURE_TRANSPORT")
    os.environ["AUTHLIB_INSECURE_TRANSPORT"] = "1"  # plain HTTP on loopback
    provider = Provider(redirect_uri=redirect_uri)
    server = make_server("127.0.0.1", 0, provider, server_class=WSGIServer, handler_class=QuietHandler)
    provider.issuer = f"http://127.0.0.1:{server.server_port}"
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield provider
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
        if insecure is None:
            os.environ.pop("AUTHLIB_INSECURE_TRANSPORT", None)
        else:
            os.environ["AUTHLIB_INSECURE_TRANSPORT"] = insecure


def split_query(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}
