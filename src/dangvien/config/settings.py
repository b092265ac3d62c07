"""Settings for every deployment, read from the environment.

One laptop: nothing to set; data goes to ./var with an embedded SQLite database.
A server: set DATABASE_URL, DANGVIEN_SECRET_KEY, DANGVIEN_PRODUCTION=true and
DANGVIEN_ALLOWED_HOSTS.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet

from dangvien.config import scaling
from dangvien.config.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(env_str("DANGVIEN_DATA_DIR", "var")).resolve()
PRODUCTION = env_bool("DANGVIEN_PRODUCTION", "false")
DEBUG = env_bool("DANGVIEN_DEBUG", "false")


def _kept_secret(variable: str, file_name: str, make: Callable[[], str]) -> str:
    """Return a key from the environment, or one kept in the data directory for a laptop install."""
    configured = env_str(variable)
    if configured:
        return configured
    if PRODUCTION:
        raise RuntimeError(f"{variable} là bắt buộc khi DANGVIEN_PRODUCTION=true")
    key_file = DATA_DIR / file_name
    if key_file.exists():
        return key_file.read_text().strip()
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    key = make()
    # Created readable by the owner only, never world-readable even for a moment.
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key)
    return key


SECRET_KEY = _kept_secret("DANGVIEN_SECRET_KEY", "secret_key", lambda: secrets.token_urlsafe(50))
# Keys of the citizen-ID encryption (Fernet, comma-separated: the first encrypts,
# all decrypt, so a key can be rotated) and of the access-log hash chain. Both
# must be kept with the backups: without them the data cannot be read or checked.
DANGVIEN_FIELD_KEYS = [
    key.strip()
    for key in _kept_secret(
        "DANGVIEN_FIELD_KEY", "field_key", lambda: Fernet.generate_key().decode()
    ).split(",")
    if key.strip()
]
DANGVIEN_AUDIT_KEY = _kept_secret(
    "DANGVIEN_AUDIT_KEY", "audit_key", lambda: secrets.token_urlsafe(48)
).encode()
ALLOWED_HOSTS = env_list("DANGVIEN_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "csp",
    "dangvien.core",
    "dangvien.audit",
    "dangvien.orgs",
    "dangvien.people",
    "dangvien.accounts",
    "dangvien.training",
    "dangvien.pipeline",
    "dangvien.plans",
    "dangvien.reports",
    "dangvien.imports",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dangvien.accounts.session_renewal.SessionRenewalMiddleware",
    "dangvien.core.middleware.VietnameseByDefaultMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dangvien.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "dangvien.core.middleware.AccessAuditMiddleware",
    "dangvien.core.middleware.FriendlyErrorsMiddleware",
    # Last, as django-axes requires: it turns a lockout into the Vietnamese page.
    "axes.middleware.AxesMiddleware",
]

# Drop-downs write their options in one loop, not one template include each.
FORM_RENDERER = "dangvien.core.forms_renderer.InlineOptionsRenderer"

ROOT_URLCONF = "dangvien.config.urls"
WSGI_APPLICATION = "dangvien.config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "dangvien.core.context_processors.account",
            ],
        },
    },
]

_sqlite_path = DATA_DIR / "dangvien.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL") or f"sqlite:///{_sqlite_path}",
        conn_max_age=env_int("DANGVIEN_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server read while an import writes; the busy timeout
    # makes concurrent writers wait instead of failing at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # PostgreSQL's JIT compiles a plan before running it: 80-180 ms spent on the queries of
    # a page that then run in a few ms (the pre-aggregates keep them small). Off unless
    # DANGVIEN_PG_JIT=on; PGOPTIONS from the environment is kept.
    _jit = "on" if env_str("DANGVIEN_PG_JIT", "off").strip().lower() == "on" else "off"
    DATABASES["default"]["OPTIONS"] = {
        "options": f"{env_str('PGOPTIONS', '')} -c jit={_jit}".strip(),
    }
DATABASES["default"]["TEST"] = {"NAME": env_str("DANGVIEN_TEST_DB_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Beyond one machine (config/scaling.py, docs/deployment.md): report and export reads
# on a streaming replica, a cache and sessions shared by every app server, and
# background work on a queue in the database, or in Redis when REDIS_URL is set.
_replica = scaling.replica_database(DATABASES["default"])
if _replica:
    DATABASES[scaling.REPLICA] = _replica
DATABASE_ROUTERS = ["dangvien.config.db_router.ReplicaRouter"]
REDIS_URL = env_str("REDIS_URL")
CACHES = scaling.caches(REDIS_URL)
SESSION_ENGINE = scaling.session_engine(CACHES)
SESSION_CACHE_ALIAS = "sessions" if "sessions" in CACHES else "default"
TASKS = scaling.tasks(REDIS_URL)
RQ_QUEUES = scaling.rq_queues(REDIS_URL)
if TASKS["default"]["BACKEND"].startswith("django_tasks_rq"):
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username/address is refused before its password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "orgs:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dangvien.config.formats"]

STATIC_URL = "/static/"
# Only `collectstatic` for a front proxy needs this folder.
STATIC_ROOT = DATA_DIR / "static" if PRODUCTION else None
# Serving straight from the app folders keeps a laptop install free of a
# collectstatic step; every asset ships inside the package (no CDN).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# Uploaded files live in the data directory, never under a served URL: they are
# read only through dangvien.core.security_files, which checks scope and logs.
MEDIA_ROOT = DATA_DIR / "files"
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
DANGVIEN_UPLOAD_MAX_BYTES = env_int("DANGVIEN_UPLOAD_MAX_MB", 20) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # request bodies other than files
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024  # larger uploads spill to a temporary file
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Seconds the home page's subtree counts stay cached at most (orgs.counts_cache); 0 turns it off.
DANGVIEN_COUNTS_CACHE_SECONDS = env_int("DANGVIEN_COUNTS_CACHE_SECONDS", 600)
# Seconds a province's or the country's dashboard is kept (reports.dashboard_cache); 0: never.
DANGVIEN_DASHBOARD_CACHE_SECONDS = env_int("DANGVIEN_DASHBOARD_CACHE_SECONDS", 300)

SESSION_COOKIE_AGE = env_int("DANGVIEN_SESSION_SECONDS", 30 * 60)
# Idle sessions end after SESSION_COOKIE_AGE; the expiry slides at most once a
# minute (accounts.session_renewal), not with a write on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_FAILURE_VIEW = "dangvien.core.views.csrf_failure"

# Content-Security-Policy: only the app's own files; no inline script or style,
# no outside host (the system runs on premises), no framing.
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

# Lockout after repeated failed logins (django-axes): per username and address,
# so one wrong-typing colleague does not lock out a whole commune office.
AXES_FAILURE_LIMIT = env_int("DANGVIEN_LOGIN_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DANGVIEN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "dangvien.accounts.lockout.lockout_response"
AXES_VERBOSE = False
AXES_ENABLE_ADMIN = False
# Failed API-token attempts per address before the API answers 429 for a while.
DANGVIEN_API_AUTH_FAILURES = env_int("DANGVIEN_API_AUTH_FAILURES", 20)

# Second factor (django-otp): the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = env_str("DANGVIEN_OTP_ISSUER", "dangvien")
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("DANGVIEN_SSL_REDIRECT", "true")
    SECURE_HSTS_SECONDS = env_int("DANGVIEN_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    CSRF_TRUSTED_ORIGINS = env_list("DANGVIEN_CSRF_TRUSTED_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DANGVIEN_LOG_LEVEL", "WARNING")},
}

# Business settings; domain code receives them as arguments, never reads them.
DANGVIEN_PAGE_SIZE = 50
# Key of the citizen-ID digest; changing it requires `dangvien rehash` of every record.
DANGVIEN_ID_KEY = (env_str("DANGVIEN_ID_KEY") or SECRET_KEY).encode()
