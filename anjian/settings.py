"""Settings, read once from the environment (see README "Configuration")."""

from pathlib import Path

import bootstrap_wrapper
import plotly
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from anjian.datadir import private_data_dir, private_file
from anjian.email_url import parse_email_url
from anjian.env import (
    database_config,
    env_bool,
    env_choice,
    env_choice_list,
    env_datetime,
    env_int,
    env_list,
    env_path,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("ANJIAN_DATA_DIR", "./var")
private_data_dir(DATA_DIR)

DEBUG = env_bool("ANJIAN_DEBUG", False)
SECRET_KEY = env_str("ANJIAN_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG and env_bool("ANJIAN_PRODUCTION", False):
        raise ImproperlyConfigured("ANJIAN_SECRET_KEY must be set in production")
    # Development and demo: a key kept in the data directory so sessions survive restarts.
    from anjian.secret import data_dir_secret_key

    SECRET_KEY = data_dir_secret_key(DATA_DIR)

# Tests only: a real server started by the tests may run on a fixed "now" (anjian.core.clock).
FROZEN_NOW = None
if env_bool("ANJIAN_TEST_CLOCK", False):
    if env_bool("ANJIAN_PRODUCTION", False):
        raise ImproperlyConfigured("ANJIAN_TEST_CLOCK must not be set in production")
    FROZEN_NOW = env_datetime("ANJIAN_FROZEN_NOW")

ALLOWED_HOSTS = env_list("ANJIAN_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("ANJIAN_CSRF_TRUSTED_ORIGINS", [])

# The platform's apps come first so that their Chinese catalogues win over the contrib apps'
# for shared words ("Filter", "Log out"); their order is the areas' dependency order.
INSTALLED_APPS = [
    "anjian.core",
    "anjian.accounts",
    "anjian.registry",
    "anjian.risks",
    "anjian.hazards",
    "anjian.inspections",
    "anjian.accidents",
    "anjian.duty",
    "anjian.alerts",
    "anjian.notifications",
    "anjian.assessment",
    "anjian.public_reports",
    "anjian.emergency",
    "anjian.mines",
    "anjian.chemicals",
    "anjian.roads",
    "anjian.crowded",
    "anjian.certificates",
    "anjian.funds",
    "anjian.workforce",
    "anjian.forestfire",
    "anjian.fireworks",
    "anjian.reports",
    "anjian.demo",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "anjian.core.middleware.LoginRequiredMiddleware",
    "anjian.accounts.middleware.IdentityMiddleware",
    "anjian.core.middleware.TrustMiddleware",
    "anjian.core.divisions.DivisionMiddleware",
    # Last, as django-axes asks.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "anjian.urls"
WSGI_APPLICATION = "anjian.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "anjian.core.context_processors.navigation",
                "anjian.core.context_processors.permissions",
                "anjian.forestfire.context_processors.fire_ban",
            ],
        },
    },
]

DATABASES = {"default": database_config(env_str("ANJIAN_DATABASE_URL"), DATA_DIR)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and not str(
    DATABASES["default"]["NAME"]
).startswith(("file:", ":memory:")):
    private_file(Path(DATABASES["default"]["NAME"]))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
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
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "anjian.accounts.passwords.CharacterClassValidator"},
    {"NAME": "anjian.accounts.passwords.PatternValidator"},
    {"NAME": "anjian.accounts.passwords.HistoryValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Identity (docs/access.md "Identity"). Failed logins lock the user name, never the address:
# everyone in a county government sits behind one NAT address. An address is only slowed down
# after many failures (LOGIN_ADDRESS_LIMIT in LOGIN_ADDRESS_WINDOW seconds).
AXES_FAILURE_LIMIT = env_int("ANJIAN_LOGIN_FAILURE_LIMIT", 5, minimum=1)
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "anjian.accounts.lockout.lockout_response"
# axes warns without "ip_address" in the parameters; accounts.lockout throttles addresses.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
LOGIN_ADDRESS_LIMIT = env_int("ANJIAN_LOGIN_ADDRESS_LIMIT", 30, minimum=30)
LOGIN_ADDRESS_WINDOW = 600
TOKEN_HOURS = env_int("ANJIAN_TOKEN_HOURS", 12, minimum=1)
PASSWORD_MAX_DAYS = env_int("ANJIAN_PASSWORD_MAX_DAYS", 0, minimum=0)
PASSWORD_HISTORY = 5
TWO_FACTOR_ROLES = frozenset(
    env_choice_list(
        "ANJIAN_TWO_FACTOR_ROLES",
        (
            "county_admin",
            "department_officer",
            "town_officer",
            "enterprise_user",
            "leader",
            "audit_admin",
        ),
    )
)
OTP_TOTP_ISSUER = "anjian"
AXES_ENABLED = env_bool("ANJIAN_AXES_ENABLED", True)

# Idle sessions end after 30 minutes.
SESSION_COOKIE_AGE = env_int("ANJIAN_SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False

LANGUAGE_CODE = "zh-hans"
# Date formats by language: anjian/formats/zh_Hans keeps Chinese dates unpadded (3月5日).
FORMAT_MODULE_PATH = ["anjian.formats"]
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]

TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise expects it before collectstatic
STATICFILES_DIRS = [
    # Bootstrap 5.3 dist files, unmodified, from the bootstrap-wrapper wheel (see docs/deployment.md).
    ("bootstrap", bootstrap_wrapper.get_bootstrap_dir()),
    ("plotly", Path(plotly.__file__).parent / "package_data"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# The demo and the tests serve assets straight from the packages; `anjian serve` collects them.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Uploaded files and the database are readable by the platform's user only (docs/security.md).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
# The largest Excel file an import takes (docs/configuration.md).
IMPORT_MAX_MB = env_int("ANJIAN_IMPORT_MAX_MB", 20, minimum=1)
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# Outgoing e-mail (see docs/notifications.md): ANJIAN_EMAIL_URL = smtp://, smtp+tls:// or smtps://.
EMAIL_URL = env_str("ANJIAN_EMAIL_URL")
_email = parse_email_url(EMAIL_URL)
EMAIL_ENABLED = _email.enabled
EMAIL_HOST, EMAIL_PORT = _email.host, _email.port
EMAIL_HOST_USER, EMAIL_HOST_PASSWORD = _email.user, _email.password
EMAIL_USE_TLS, EMAIL_USE_SSL, EMAIL_TIMEOUT = _email.use_tls, _email.use_ssl, _email.timeout
DEFAULT_FROM_EMAIL = env_str("ANJIAN_EMAIL_FROM", "anjian@localhost")
# The address of the platform as users reach it, for links in e-mail and webhook messages.
SITE_URL = env_str("ANJIAN_SITE_URL").rstrip("/")

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("ANJIAN_SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = env_bool("ANJIAN_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("ANJIAN_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = SECURE_HSTS_SECONDS > 0


def client_ip_behind_proxy(request) -> str | None:
    """The address the reverse proxy saw: the last X-Forwarded-For entry (the proxy appends it;
    entries before it come from the client and may be forged)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    return forwarded or request.META.get("REMOTE_ADDR")


BEHIND_PROXY = env_bool("ANJIAN_BEHIND_PROXY", False)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # Behind nginx every request comes from the proxy's address: without this, the address
    # throttle would slow down everyone behind the proxy at once.
    AXES_CLIENT_IP_CALLABLE = client_ip_behind_proxy

# Every asset is served by the platform itself: nothing may load from another host.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        # NONCE is django-csp's sentinel: a per-request nonce, sent only when a template uses it.
        "script-src": [SELF, NONCE],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "anjian.accounts.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["anjian.core.drf.DeclaredPermission"],
    "DEFAULT_PARSER_CLASSES": [
        "anjian.core.drf.CheckedJSONParser",
        "anjian.core.drf.CheckedFormParser",
        "anjian.core.drf.CheckedMultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "anjian.core.drf.Pagination",
    "PAGE_SIZE": 20,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "anjian.core.api.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "anjian API",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "anjian.core.schema.document_errors",
    ],
    # Several areas have a `grade`; name each choice set once (check --deploy warns otherwise).
    "ENUM_NAME_OVERRIDES": {
        "AccidentGradeEnum": "anjian.accidents.models.Grade",
        "HazardGradeEnum": "anjian.hazards.models.HazardGrade",
        "HazardStatusEnum": "anjian.hazards.models.HazardStatus",
        "EnterpriseStatusEnum": "anjian.registry.models.EnterpriseStatus",
        "PublicReportStatusEnum": "anjian.public_reports.models.ReportStatus",
        "DivisionLevelEnum": "anjian.accounts.models.DivisionLevel",
        "ForwardingLevelEnum": "anjian.accidents.models.Level",
        "AlertLevelEnum": "anjian.alerts.models.alerts.AlertLevel",
        "PondItemEnum": "anjian.mines.models.Item",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": env_choice(
            "ANJIAN_LOG_LEVEL", "WARNING", ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
        ),
    },
}
