"""The local HTTP benchmark (`make bench`, bench/run.py): production settings, with only what a
benchmark on one machine needs changed. The required variables come from bench/run.py.

Requests carry `X-Forwarded-Proto: https` as from the TLS proxy, so HTTPS redirect, HSTS and
secure cookies stay as in production.
"""

import os
from pathlib import Path

from .production import *  # noqa: F403
from .production import VAR_DIR

# The site's URLs plus one bare view, to measure the stack without any page code.
ROOT_URLCONF = "bench.urls"

# One client address sends every request: the limits would answer 429 instead of the page.
API_ANONYMOUS_RATE_LIMIT = 10**9
REGISTRATION_RATE_LIMIT = 10**9
REGISTRATION_RATE_LIMIT_PER_IP = 10**9

# Collected static files, uploads and private files of the bench database, kept apart from a
# developer's var/.
BENCH_DIR = Path(os.environ.get("BENCH_DIR", str(VAR_DIR / "bench")))
STATIC_ROOT = BENCH_DIR / "static"
MEDIA_ROOT = BENCH_DIR / "media"
STORAGES["private"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(BENCH_DIR / "private"), "base_url": None},
}

# Each run's own cache keys: Wagtail caches the sites' root paths, which a fresh bench
# database must not inherit from an earlier one in the same Redis.
if os.environ.get("REDIS_URL"):
    CACHES["default"]["KEY_PREFIX"] = os.environ.get("BENCH_CACHE_PREFIX", "qs-bench")  # noqa: F405

if os.environ.get("BENCH_SETUP") == "1":
    # Only while bench/run.py builds the database: load_demo_content and generate_bench_data
    # run only with DEBUG on. The demo's mails go nowhere, its tasks run at once, as in dev.
    DEBUG = True
    EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
