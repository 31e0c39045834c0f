"""Test settings: fast, isolated, and the same suite on SQLite or PostgreSQL (DATABASE_URL)."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-not-secret"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

if os.environ.get("DATABASE_URL"):
    DATABASES = {"default": dj_database_url.config(conn_max_age=0)}
else:
    DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests change the database behind the site's back (factories, no publish signals); the page
# cache's own tests turn it on (tests/home/test_page_cache.py).
PAGE_CACHE_ENABLED = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Real files in a throw-away folder, so that the browser tests' live server can serve them.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="querschnitt-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
PRIVATE_ROOT = Path(tempfile.mkdtemp(prefix="querschnitt-test-private-"))
atexit.register(shutil.rmtree, PRIVATE_ROOT, ignore_errors=True)
SERVE_MEDIA = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_ROOT), "base_url": None},
    },
}
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = ""  # the demo content then uses its default address, whatever the shell says
WHITENOISE_AUTOREFRESH = True  # serve from the source folders; no collectstatic in tests

# The tracking webhook is tested with HTTP Basic auth, as in production.
ANYMAIL = {"WEBHOOK_SECRET": "test:secret"}
EMAIL_PROVIDER = "postmark"

# Django's test client logs in without a request, which django-axes refuses; the throttling
# tests switch it on for themselves.
AXES_ENABLED = False
