"""Settings for Functiewaardering: one file, read top to bottom.

A fresh clone runs as is (DEBUG on, SQLite). Production sets DEBUG=False, SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL, and gets the hardening below.
"""

import os
import warnings
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import dj_email_url
from django.core.exceptions import ImproperlyConfigured

from functiewaardering import oidc_settings
from functiewaardering.numbers import whole_number

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: str) -> bool:
    value = os.getenv(name, default)
    if value not in ("True", "False"):
        raise ImproperlyConfigured(f"{name} must be True or False, not {value!r}")
    return value == "True"


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


# Seconds a Redis connect or answer may take. Redis answers within a millisecond on a local
# network; a reply larger than one read (a cached PDF) only needs each read within this time.
REDIS_TIMEOUT = 0.2


def cache_settings(url: str) -> dict:
    """CACHES from a CACHE_URL: empty or locmem:// keeps each process's own memory; redis:// or
    rediss:// shares one Redis between all processes and servers. A Redis outage degrades to
    rendering without the cache (short time-outs, errors ignored and logged), never to a 500;
    after one failure a process skips Redis for a few seconds (functiewaardering/cache.py), so a
    hung Redis costs a request at most one time-out of REDIS_TIMEOUT seconds."""
    scheme = url.partition("://")[0]
    if scheme in ("", "locmem"):
        return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    if scheme == "dummy":
        return {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    if scheme in ("redis", "rediss"):
        return {
            "default": {
                "BACKEND": "functiewaardering.cache.SkippingRedisCache",
                "LOCATION": url,
                "KEY_PREFIX": "fw",
                "OPTIONS": {
                    "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
                    "SOCKET_TIMEOUT": REDIS_TIMEOUT,
                    "IGNORE_EXCEPTIONS": True,
                },
            }
        }
    raise ImproperlyConfigured(f"CACHE_URL must start with redis://, rediss://, locmem:// or dummy://, not {url!r}")


EMAIL_SCHEMES = ("smtp", "submission", "submit", "smtps", "console", "file", "memory", "dummy")


def email_settings(url: str) -> dict:
    """The EMAIL_* settings from an EMAIL_URL, for every scheme dj-email-url documents; any other
    scheme is refused at start-up, not at the first mail. file:///var/mail/functiewaardering writes
    each mail as a file into that (absolute) folder."""
    scheme = url.partition(":")[0]
    if scheme not in EMAIL_SCHEMES:
        raise ImproperlyConfigured(
            f"EMAIL_URL must start with one of {', '.join(s + ':' for s in EMAIL_SCHEMES)}, not {url!r}"
        )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # smtps: a deprecation notice of the library, still works
        parsed = dj_email_url.parse(url)
    parsed["EMAIL_FILE_PATH"] = None
    if scheme == "file":
        path = urlsplit(url).path
        if not url.startswith("file:///") or len(path) < 2:
            raise ImproperlyConfigured(
                f"EMAIL_URL file:// needs an absolute folder, e.g. file:///var/mail/functiewaardering, not {url!r}"
            )
        parsed["EMAIL_FILE_PATH"] = "/" + path.lstrip("/")
    return parsed


DEBUG = env_bool("DEBUG", "True")  # a fresh clone runs as is; production sets False

if DEBUG:
    SECRET_KEY = os.getenv("SECRET_KEY", "insecure-dev-key-only-for-local-use")
else:
    SECRET_KEY = os.getenv("SECRET_KEY", "")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is False")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Where the source documents of the families live (shared/seeds beside the project).
SEEDS_DIR = Path(os.getenv("SEEDS_DIR", BASE_DIR.parent / "shared" / "seeds"))
FIXTURES_DIR = BASE_DIR / "fixtures"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "profiles",
    "grading",
    "accounts",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "functiewaardering.outage.DatabaseOutageMiddleware",  # outside all that may query the database
    "functiewaardering.middleware.RequestLimitsMiddleware",  # before anything reads a body
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "functiewaardering.middleware.PrivateResponsesMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the second factor of this session
    "accounts.middleware.TwoFactorMiddleware",  # no page behind login before the second factor
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

ROOT_URLCONF = "functiewaardering.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "functiewaardering.wsgi.application"

# SQLite by default, so one command runs a fresh clone. Production sets DATABASE_URL.
# Connections live on between requests and are checked before reuse, so a database restart
# costs no user request.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}", conn_max_age=60, conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take the write lock when a transaction starts, so concurrent submits wait their turn
    # instead of failing with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Pages, PDFs and the search index are cached per data version. Several servers share one cache
# with CACHE_URL=redis://host:6379/0; without it each process keeps its own.
CACHES = cache_settings(os.getenv("CACHE_URL", ""))
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True  # an outage is logged, the request goes on uncached

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes: after 5 wrong passwords for one user name from one address, that combination waits
# 15 minutes (never a whole address: behind a proxy or NAT that would lock out everyone). Reset
# with `manage.py axes_reset_username NAME`. The client address comes from X-Forwarded-For only
# when PROXY_COUNT says how many proxies stand in front; otherwise from the connection.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "functiewaardering.permissions.OneQueryPermissionBackend",  # permissions in one query per request
    "accounts.backends.PasswordsOffBackend",  # refuses every password when LOCAL_PASSWORDS=False (also /admin/)
    "django.contrib.auth.backends.ModelBackend",  # logging in and sessions
    "accounts.oidc_backend.OIDCBackend",  # single sign-on; inert without the OIDC_ variables below
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_SENSITIVE_PARAMETERS = ["password"]
AXES_DISABLE_ACCESS_LOG = True  # sign-ins and sign-outs go to the security log (accounts), which has a retention
PROXY_COUNT = int(os.getenv("PROXY_COUNT", "0"))
if PROXY_COUNT:
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# Mail: one EMAIL_URL in dj-email-url's schemes (smtp://user:password@host:587/?tls=True,
# submission://…, console:, file:///var/mail/functiewaardering, memory:, dummy:); by default the
# console, so a fresh clone prints its mails. SITE_URL makes the links in mails absolute; bin/run
# sets it from its port.
EMAIL_SETTINGS = email_settings(os.getenv("EMAIL_URL", "console:"))
EMAIL_BACKEND = EMAIL_SETTINGS["EMAIL_BACKEND"]
EMAIL_FILE_PATH = EMAIL_SETTINGS["EMAIL_FILE_PATH"]
EMAIL_HOST = EMAIL_SETTINGS["EMAIL_HOST"] or "localhost"
EMAIL_PORT = EMAIL_SETTINGS["EMAIL_PORT"] or 25
EMAIL_HOST_USER = EMAIL_SETTINGS["EMAIL_HOST_USER"] or ""
EMAIL_HOST_PASSWORD = EMAIL_SETTINGS["EMAIL_HOST_PASSWORD"] or ""
EMAIL_USE_TLS = EMAIL_SETTINGS["EMAIL_USE_TLS"]
EMAIL_USE_SSL = EMAIL_SETTINGS["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = EMAIL_SETTINGS["EMAIL_TIMEOUT"] or 10  # a slow mail server never holds a worker long
DEFAULT_FROM_EMAIL = os.getenv(
    "DEFAULT_FROM_EMAIL", EMAIL_SETTINGS.get("DEFAULT_FROM_EMAIL", "Functiewaardering <noreply@localhost>")
)
SERVER_EMAIL = EMAIL_SETTINGS.get("SERVER_EMAIL", "root@localhost")
SITE_URL = os.getenv("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
ORGANISATION_NAME = os.getenv("ORGANISATION_NAME", "")  # printed on the grading report

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# Uploads are read in memory and never stored, also when they are too large (the handler keeps
# 2.5 MB at most, so the form can say "groter dan 2 MB" and keep the input). A pasted text may be
# larger than the form's limit before the form refuses it with its own Dutch message; a body over
# 12 MB is refused before it is read (a Dutch 413 page).
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = ["functiewaardering.uploads.BoundedMemoryUploadHandler"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 10_485_760
MAX_REQUEST_BYTES = 12 * 1024 * 1024  # refused before reading: a file of 2 MB and a text fit well

# The pages need no inline script or style: everything comes from our own static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
    "loggers": {"pypdf": {"level": "ERROR"}},  # a damaged upload is the user's message, not a log flood
}

if not DEBUG:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", "True")
    SECURE_HSTS_SECONDS = int(os.getenv("SECURE_HSTS_SECONDS", "60"))  # raise once HTTPS is proven
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", "False")
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"

WHITENOISE_USE_FINDERS = DEBUG  # serve from static/ without collectstatic in development
WHITENOISE_AUTOREFRESH = DEBUG

# Privacy: after this many days a settled or withdrawn request loses its role text, the sentences
# quoted from it and the messages about it (`manage.py apply_retention`, grading/services/privacy.py);
# the decision and its motivation stay.
_retention = os.getenv("RETENTION_DAYS", "730")
RETENTION_DAYS = whole_number(_retention, minimum=1, maximum=100 * 366)
if RETENTION_DAYS is None:
    raise ImproperlyConfigured(f"RETENTION_DAYS must be a whole number of days, at least 1, not {_retention!r}")

# Accounts (accounts/): an invitation's link to choose a password works once and for this many
# hours; a password-reset mail goes at most this often per hour to one address and one account
# (more requests get the same answer and no mail); the security log keeps its lines this many
# days (`manage.py prune_security_log`, daily like apply_retention).
_invitation_hours = os.getenv("INVITATION_HOURS", "72")
INVITATION_HOURS = whole_number(_invitation_hours, minimum=1, maximum=366 * 24)
if INVITATION_HOURS is None:
    raise ImproperlyConfigured(f"INVITATION_HOURS must be a whole number of hours, 1 to 8784, not {_invitation_hours!r}")
_reset_mails = os.getenv("PASSWORD_RESET_MAILS_PER_HOUR", "3")
PASSWORD_RESET_MAILS_PER_HOUR = whole_number(_reset_mails, minimum=1, maximum=1000)
if PASSWORD_RESET_MAILS_PER_HOUR is None:
    raise ImproperlyConfigured(f"PASSWORD_RESET_MAILS_PER_HOUR must be a whole number, 1 to 1000, not {_reset_mails!r}")
_security_log_days = os.getenv("SECURITY_LOG_DAYS", "365")
SECURITY_LOG_DAYS = whole_number(_security_log_days, minimum=1, maximum=100 * 366)
if SECURITY_LOG_DAYS is None:
    raise ImproperlyConfigured(f"SECURITY_LOG_DAYS must be a whole number of days, at least 1, not {_security_log_days!r}")

# Two-factor login (accounts/two_factor.py): with TWO_FACTOR_REQUIRED (the production default;
# bin/run sets False) an HR adviser, functional administrator, staff user or superuser signed in by
# password alone reaches no page behind login before a code from an authenticator app or a
# recovery code. Whoever set up an app is always asked for it. A wrong code makes the next try wait
# 1, 2, 4, 8 … seconds (django-otp's throttle, per device).
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", "True")
TWO_FACTOR_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = "Functiewaardering"
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

# Single sign-on with OpenID Connect (accounts/oidc_*.py, mozilla-django-oidc). On when a client id
# and the provider's discovery address (read at the first sign-in, cached) or its four endpoints
# are set; the redirect address to register is https://<host>/oidc/callback/. With OIDC_ROLE_MAP
# roles follow the groups claim at every sign-in. LOCAL_PASSWORDS=False turns password sign-in off.
OIDC_DISCOVERY_URL = os.getenv("OIDC_DISCOVERY_URL", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.getenv("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.getenv("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.getenv("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.getenv("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_OP_ISSUER = os.getenv("OIDC_OP_ISSUER", "")  # with the endpoints: the iss the ID token must carry
OIDC_OP_END_SESSION_ENDPOINT = os.getenv("OIDC_OP_END_SESSION_ENDPOINT", "")  # with the endpoints: sign out there too
OIDC_RP_CLIENT_ID = os.getenv("OIDC_RP_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.getenv("OIDC_RP_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.getenv("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.getenv("OIDC_RP_SCOPES", "openid email profile")
OIDC_ENABLED = oidc_settings.provider_check(
    client_id=OIDC_RP_CLIENT_ID, discovery_url=OIDC_DISCOVERY_URL, sign_algo=OIDC_RP_SIGN_ALGO,
    endpoints={name: globals()[name] for name in oidc_settings.ENDPOINT_NAMES},
)
OIDC_PROVIDER_NAME = os.getenv("OIDC_PROVIDER_NAME", "uw organisatieaccount")  # "Inloggen met …"
OIDC_GROUPS_CLAIM = os.getenv("OIDC_GROUPS_CLAIM", "groups")
OIDC_ROLE_MAP = oidc_settings.role_map(os.getenv("OIDC_ROLE_MAP", ""))
OIDC_MFA_ACR_VALUES = env_list("OIDC_MFA_ACR_VALUES", "")  # acr values that mean a second factor was used
OIDC_MATCH_EMAIL = env_bool("OIDC_MATCH_EMAIL", "False")  # link a first sign-in to an account by e-mail
OIDC_TIMEOUT = 10  # seconds for each call to the provider (discovery, token, keys, user info)
OIDC_DISCOVERY_CACHE_SECONDS = 3600
OIDC_USE_PKCE = True
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_authentication_callback"
LOCAL_PASSWORDS = env_bool("LOCAL_PASSWORDS", "True")
if not LOCAL_PASSWORDS and not OIDC_ENABLED:
    raise ImproperlyConfigured("LOCAL_PASSWORDS=False needs single sign-on (OIDC_RP_CLIENT_ID and the provider)")
