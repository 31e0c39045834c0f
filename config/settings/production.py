"""Production: everything secret or site-specific comes from the environment.

The process refuses to start when a required variable is missing, instead of running with
an insecure or half-configured default.
"""

import importlib.util
import os
from email.utils import getaddresses

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

REQUIRED = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "DATABASE_URL", "EMAIL_PROVIDER")
missing = [name for name in REQUIRED if not os.environ.get(name, "").strip()]
if missing:
    raise ImproperlyConfigured(
        "Missing required environment variable(s): "
        + ", ".join(missing)
        + ". See README.md, section 'Production configuration'."
    )

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = [h.strip() for h in os.environ["DJANGO_ALLOWED_HOSTS"].split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS]
SITE_URL = os.environ.get("SITE_URL", f"https://{ALLOWED_HOSTS[0]}")
WAGTAILADMIN_BASE_URL = SITE_URL

DATABASES = {"default": dj_database_url.parse(os.environ["DATABASE_URL"], conn_max_age=60)}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point to PostgreSQL in production.")

# Optional Redis for cache and sessions; without it, the local-memory cache and DB sessions.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": "querschnitt",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Each worker's local-memory cache would miss the others' invalidations: the page cache needs
# Redis (PAGE_CACHE=off turns it off there too).
PAGE_CACHE_ENABLED = bool(os.environ.get("REDIS_URL")) and os.environ.get("PAGE_CACHE") != "off"

# Optional CDN or Varnish in front (README, "Page cache"): pages are purged there as here.
if os.environ.get("FRONTEND_CACHE_URL") or os.environ.get("FRONTEND_CACHE_CLOUDFLARE_ZONEID"):
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]  # noqa: F405
    if os.environ.get("FRONTEND_CACHE_URL"):
        WAGTAILFRONTENDCACHE = {
            "proxy": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
                "LOCATION": os.environ["FRONTEND_CACHE_URL"],
            }
        }
    else:
        WAGTAILFRONTENDCACHE = {
            "cloudflare": {
                "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
                "BEARER_TOKEN": os.environ["FRONTEND_CACHE_CLOUDFLARE_BEARER_TOKEN"],
                "ZONEID": os.environ["FRONTEND_CACHE_CLOUDFLARE_ZONEID"],
            }
        }
    FRONTEND_CACHE_MAX_AGE = int(os.environ.get("FRONTEND_CACHE_MAX_AGE") or 3600)

# Optional S3-compatible storage for uploads (images, documents).
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Case attachments (peer learning): a private bucket with short-lived signed URLs, else a
# folder outside the media root. Never served by the web server: only through the portal.
if os.environ.get("PRIVATE_STORAGE_BUCKET_NAME"):
    STORAGES["private"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["PRIVATE_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 60,
            "file_overwrite": False,
        },
    }

# E-mail: any django-anymail provider ("postmark", "mailgun", "sendgrid", "amazon_ses",
# "brevo", ...) or plain "smtp". Provider settings come from ANYMAIL_* variables, e.g.
# ANYMAIL_POSTMARK_SERVER_TOKEN, so that any provider works without a code change.
EMAIL_PROVIDER = os.environ["EMAIL_PROVIDER"].strip().lower()
if EMAIL_PROVIDER == "smtp":
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
else:
    backend_module = f"anymail.backends.{EMAIL_PROVIDER}"
    if importlib.util.find_spec(backend_module) is None:
        raise ImproperlyConfigured(f"EMAIL_PROVIDER={EMAIL_PROVIDER!r} is not an anymail provider.")
    EMAIL_BACKEND = f"{backend_module}.EmailBackend"
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_")
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)  # noqa: F405
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# HTTPS only. The app runs behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# e.g. "HTTP_X_REAL_IP" when the proxy sets X-Real-IP; see README.
CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER", "")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# Wagtail's live preview shows the site in a same-origin frame, so DENY would break editing.
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Error reports: ADMINS="Name <address>, other@example.org" gets a mail for every 500 (through the
# mail provider, not the outbox); SENTRY_DSN additionally sends them to Sentry (no personal
# data: no user, no request bodies, no local variables).
ADMINS = [
    (name or address, address)
    for name, address in getaddresses([os.environ.get("ADMINS", "")])
    if address
]
SENTRY_DSN = os.environ.get("SENTRY_DSN", "").strip()
if SENTRY_DSN:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import ignore_logger

    sentry_sdk.init(
        dsn=SENTRY_DSN,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=None,
    )
    for name in ("DisallowedHost", "AnymailWebhookValidationFailure", "MalformedReport"):
        ignore_logger(f"django.security.{name}")

# ANYMAIL_WEBHOOK_SECRET (collected into ANYMAIL above) protects the delivery-report webhook
# with HTTP Basic auth; without it the webhook is not mounted (see config/urls.py).
if ANYMAIL.get("WEBHOOK_SECRET") and ":" not in ANYMAIL["WEBHOOK_SECRET"]:
    raise ImproperlyConfigured("ANYMAIL_WEBHOOK_SECRET must have the form 'user:password'.")
