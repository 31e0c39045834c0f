"""Settings shared by every environment. Safe defaults only: no secrets, DEBUG off."""

import os
from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = False
ALLOWED_HOSTS: list[str] = []

INSTALLED_APPS = [
    "home",
    "events",
    "outbox",
    "peer_learning",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.api.v3",
    # Serves the API docs (Swagger UI) from its own static files instead of a CDN.
    "ninja",
    "corsheaders",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "config.middleware.ApiMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Right after the CSRF cookie is read, before anything reads the session: a hit costs no
    # query (docs/page-cache.md).
    "home.page_cache.PageCacheMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "peer_learning.middleware.PortalMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: swaps the response for the lock-out page when a log-in was refused.
    "axes.middleware.AxesMiddleware",
]

# Every log-in (the Wagtail admin, later the portal) goes through authenticate(), where
# django-axes counts failures first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # The portal's log-in by e-mail address (django-allauth); axes above throttles it too.
    "allauth.account.auth_backends.AuthenticationBackend",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.page_cache.csrf_placeholder",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# SQLite is the embedded default for a first run; every other environment passes DATABASE_URL.
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": VAR_DIR / "db.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: German is the source language and lives at unprefixed URLs,
# English under /en/ (i18n_patterns with prefix_default_language=False).
LANGUAGE_CODE = "de"
LANGUAGES = [
    ("de", _("Deutsch")),
    ("en", _("Englisch")),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "site" / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"

# Wagtail
WAGTAIL_SITE_NAME = "Integration im Querschnitt"
# The site's public address for what is read away from a request (the admin's mails).
# Links in mails, feeds, calendar files and the sitemap come from the Wagtail Site (Settings →
# Sites), which the demo command sets from SITE_URL too (`make run` passes its HOST and PORT).
SITE_URL = os.environ.get("SITE_URL", "")
WAGTAILADMIN_BASE_URL = SITE_URL or "http://127.0.0.1:8000"
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILDOCS_EXTENSIONS = [
    "csv", "docx", "key", "odp", "ods", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip",
]  # fmt: skip
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no requests to third parties from the admin either
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars from gravatar.com (it would see e-mail hashes)
WAGTAILSEARCH_BACKENDS = {
    "default": {
        # Picks SQLite FTS or PostgreSQL full-text search from the database in use.
        "BACKEND": "wagtail.search.backends.database",
        "SEARCH_CONFIG": "german",
    }
}
WAGTAILEMBEDS_FINDERS: list = []  # no oEmbed lookups: they would call third parties

# Background work: django-tasks with its database backend; `manage.py db_worker` runs it.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

DEFAULT_FROM_EMAIL = "Integration im Querschnitt <noreply@example.org>"
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The shared page cache for anonymous visitors (docs/page-cache.md). It needs a cache all
# workers share (Redis) as soon as more than one process serves the site: production turns it
# on only with REDIS_URL.
PAGE_CACHE_ENABLED = True
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = 600  # seconds: the longest a page stays, whatever it shows
PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/admin/", "/django-admin/", "/api/", "/portal/", "/en/portal/", "/documents/", "/static/",
    "/media/", "/anymail/",
)  # fmt: skip
# The filters and page numbers of the listings; any other parameter bypasses the cache, so
# made-up query strings cannot fill it.
PAGE_CACHE_QUERY_PARAMETERS = {"page", "bereich", "format", "modus", "monat", "zeitraum"}
# A CDN or Varnish in front (wagtail.contrib.frontend_cache, set up in production.py): how long
# it may keep a cached page (s-maxage); 0 without one.
WAGTAILFRONTENDCACHE: dict = {}
FRONTEND_CACHE_MAX_AGE = 0

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "SAMEORIGIN"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Errors (500s) are mailed to ADMINS by Django's AdminEmailHandler: straight through the mail
# backend, not through the outbox, so a broken database does not stop the report. Requests that
# are refused as bad (unreadable delivery reports, wrong webhook secret, unknown hosts) are
# logged, not mailed: anyone on the internet can send them.
ADMINS: list[tuple[str, str]] = []
SENTRY_DSN = ""
EMAIL_SUBJECT_PREFIX = "[Querschnitt] "
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "mail_admins": {
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "class": "django.utils.log.AdminEmailHandler",
        },
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "django": {"handlers": ["console", "mail_admins"], "level": "INFO", "propagate": False},
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        **{
            f"django.security.{name}": {"handlers": ["console"], "propagate": False}
            for name in ("DisallowedHost", "AnymailWebhookValidationFailure", "MalformedReport")
        },
    },
}

NEWS_PAGE_SIZE = 10
EVENTS_PAGE_SIZE = 10

# Registrations: the version of the privacy notice that people consent to (stored with each
# registration), how long the personal link stays valid, and when data is anonymised.
PRIVACY_NOTICE_VERSION = "2026-11"
REGISTRATION_LINK_MAX_AGE_DAYS = 400
REGISTRATION_RETENTION_DAYS = 180
REGISTRATION_REMINDER_DAYS = 3
# Form submissions per hour. Per address of a person, and (higher) per client IP: a municipal
# administration reaches the internet through one address for all its staff.
REGISTRATION_RATE_LIMIT = 5
# Anonymous API requests per client IP and minute (config.middleware.ApiMiddleware).
API_ANONYMOUS_RATE_LIMIT = int(os.environ.get("API_ANONYMOUS_RATE_LIMIT", "120"))
# Origins whose web pages may call the API from a browser (comma-separated, with scheme),
# e.g. "https://www.andernach.de,https://integration.example.org". None by default.
CORS_ALLOWED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CORS_ALLOWED_ORIGINS", "").split(",")
    if origin.strip()
]
CORS_URLS_REGEX = r"^/api/v3/.*$"
CORS_ALLOW_CREDENTIALS = False  # tokens go in the Authorization header, never cookies
# Wagtail's API v3: lists return at most this many items per request.
WAGTAILAPI_LIMIT_MAX = 50
REGISTRATION_RATE_LIMIT_PER_IP = 40
# The request header that carries the client's IP address when a reverse proxy sits in front
# (e.g. "HTTP_X_REAL_IP"); the proxy must set it itself. Empty: REMOTE_ADDR.
CLIENT_IP_HEADER = ""

# Log-in throttling (django-axes): after 5 failures for one user name from one address, that
# combination is locked for 15 minutes; a successful log-in clears the count. Addresses come
# from the same trusted proxy header as the registration form's rate limit.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "home.http.client_ip"
AXES_USERNAME_CALLABLE = "home.http.login_name"
AXES_LOCKOUT_CALLABLE = "home.views.lockout"
# No record of successful log-ins (address, browser) is kept: nobody needs it.
AXES_DISABLE_ACCESS_LOG = True

# django-anymail: provider settings and the webhook secret ("user:password", HTTP Basic auth
# for /anymail/<esp>/tracking/). Without WEBHOOK_SECRET the webhook URLs are not mounted.
ANYMAIL: dict = {}
# The anymail provider ("postmark", "mailgun", ...; "smtp" or empty: none); its delivery-report
# webhook is the only one mounted.
EMAIL_PROVIDER = ""

# What `manage.py daily_maintenance` runs, in order (one cron line or systemd timer a day):
# reminders, retention of registrations, Wagtail's stored search queries, expired sessions.
DAILY_COMMANDS = [
    "send_reminders",
    "send_case_reminders",
    "purge_registrations",
    "searchpromotions_garbage_collect",
    "clearsessions",
]

# The apps' demo modules, in the order `manage.py load_demo_content` runs them (pages are
# created in this order, so it is also the menu order).
DEMO_CONTENT = ["home.demo", "events.demo", "outbox.demo", "peer_learning.demo"]


# --- The partner municipalities' portal (peer_learning) -----------------------------------
# django-allauth: log-in by e-mail address, no self-sign-up (facilitators invite members),
# mails through the outbox (peer_learning.adapters).
ACCOUNT_ADAPTER = "peer_learning.adapters.PortalAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
# Throttling is django-axes' job (a user name + address lock-out, like the admin's).
ACCOUNT_RATE_LIMITS = {"login_failed": False}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Querschnitt"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "account_login"
# Facilitators and staff must set up TOTP before they use the portal (members may).
PORTAL_REQUIRE_MFA_FOR_STAFF = True
# A portal session ends after this many seconds without a request.
PORTAL_IDLE_TIMEOUT = int(os.environ.get("PORTAL_IDLE_TIMEOUT", str(60 * 60)))

# Case attachments: never below MEDIA_ROOT and never served by the web server; only through
# the permission-checked view. Production replaces this with a private S3 bucket.
STORAGES["private"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(VAR_DIR / "private"), "base_url": None},
}
PEER_LEARNING_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# After the release, the municipality is asked to report on its action items this much later.
PEER_LEARNING_FOLLOW_UP_DAYS = 90
# ClamAV scans uploads when one of these is set (clamd's socket path or host[:port]).
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
