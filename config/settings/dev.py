"""Local development: DEBUG, SQLite in var/, e-mail on the console, a per-checkout secret key."""

import os
import secrets

import dj_database_url

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]


def _checkout_secret_key() -> str:
    # Generated once per checkout and kept out of git (var/ is ignored): no key is ever committed.
    path = VAR_DIR / "secret_key.txt"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _checkout_secret_key()

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_max_age=0)}

# Each mail as a file in var/mail/ and one line on the console (see outbox.backends).
EMAIL_BACKEND = "outbox.backends.FileAndLineBackend"
EMAIL_FILE_PATH = VAR_DIR / "mail"

# Development shows results at once: tasks run in the request instead of needing a worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Manifest storage needs collectstatic; runserver serves the source files directly.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # Case attachments: outside MEDIA_ROOT, served only through the portal's checked view.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(VAR_DIR / "private"), "base_url": None},
    },
}

# The demo's facilitator logs in without setting up an authenticator app first (production
# and the tests require it).
PORTAL_REQUIRE_MFA_FOR_STAFF = False

# The page cache is on as in production, so that what you try is what runs there; while you
# change templates, `PAGE_CACHE=off make run` shows each change at once.
PAGE_CACHE_ENABLED = os.environ.get("PAGE_CACHE") != "off"
