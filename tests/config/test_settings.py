"""Production settings refuse to start half-configured; dev settings make their own secret key.

The production module reads the environment at import time, so each case imports it in a
fresh interpreter: Python's module cache cannot carry one case's result into the next.
"""

import os
import stat
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "a-long-random-production-secret-for-the-tests-only-0123456789",
    "DJANGO_ALLOWED_HOSTS": "querschnitt.example.org, www.querschnitt.example.org",
    "DATABASE_URL": "postgres://querschnitt:secret@db.example.org:5432/querschnitt",
    "EMAIL_PROVIDER": "postmark",
}
# Variables that would leak from the developer's shell into the child process.
CONTROLLED = (
    *PRODUCTION_ENV,
    "DJANGO_SETTINGS_MODULE",
    "REDIS_URL",
    "AWS_STORAGE_BUCKET_NAME",
    "WAGTAILADMIN_BASE_URL",
    "ADMINS",
    "SENTRY_DSN",
)


def run_python(code: str, **env: str) -> subprocess.CompletedProcess:
    child_env = {key: value for key, value in os.environ.items() if key not in CONTROLLED}
    child_env.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        env=child_env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def import_production(code: str = "", **env: str) -> subprocess.CompletedProcess:
    return run_python("import config.settings.production as s\n" + code, **env)


@pytest.mark.parametrize("missing", list(PRODUCTION_ENV))
def test_production_refuses_to_start_without_a_required_variable(missing):
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != missing}

    result = import_production(**env)

    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured: ")
    assert f"Missing required environment variable(s): {missing}." in last_line


def test_production_names_every_missing_variable_at_once():
    result = import_production()

    last_line = result.stderr.strip().splitlines()[-1]
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL, EMAIL_PROVIDER" in last_line


def test_production_treats_a_blank_variable_as_missing():
    result = import_production(**{**PRODUCTION_ENV, "DJANGO_SECRET_KEY": "   "})

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr.strip().splitlines()[-1]


def test_production_with_all_variables_imports_with_https_only_settings():
    secret_key = PRODUCTION_ENV["DJANGO_SECRET_KEY"]
    code = (
        "print(s.DEBUG, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS, s.SECURE_PROXY_SSL_HEADER)\n"
        f"print(s.SECRET_KEY == {secret_key!r})\n"
        "print(s.ALLOWED_HOSTS)\n"
        "print(s.CSRF_TRUSTED_ORIGINS)\n"
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['NAME'])\n"
        "print(s.EMAIL_BACKEND)\n"
        "print(s.WAGTAILADMIN_BASE_URL)\n"
    )

    result = import_production(code, **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "False True True True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')",
        "True",
        "['querschnitt.example.org', 'www.querschnitt.example.org']",
        "['https://querschnitt.example.org', 'https://www.querschnitt.example.org']",
        "django.db.backends.postgresql querschnitt",
        "anymail.backends.postmark.EmailBackend",
        "https://querschnitt.example.org",
    ]


def test_production_accepts_plain_smtp():
    code = "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.EMAIL_USE_TLS)"

    result = import_production(
        code, **{**PRODUCTION_ENV, "EMAIL_PROVIDER": "SMTP", "EMAIL_HOST": "mail.example.org"}
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "django.core.mail.backends.smtp.EmailBackend mail.example.org 587 True"
    )


def test_production_passes_anymail_variables_to_the_provider():
    code = "print(s.ANYMAIL)"

    result = import_production(
        code, **{**PRODUCTION_ENV, "ANYMAIL_POSTMARK_SERVER_TOKEN": "token-123"}
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "{'POSTMARK_SERVER_TOKEN': 'token-123'}"


def test_production_caches_pages_only_with_a_cache_the_workers_share():
    code = "print(s.PAGE_CACHE_ENABLED)"

    alone = import_production(code, **PRODUCTION_ENV)
    shared = import_production(code, **{**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/1"})
    off = import_production(
        code, **{**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:6379/1", "PAGE_CACHE": "off"}
    )

    assert [r.stdout.strip() for r in (alone, shared, off)] == ["False", "True", "False"]


def test_production_sets_up_the_frontend_cache_from_the_environment():
    code = (
        "print('wagtail.contrib.frontend_cache' in s.INSTALLED_APPS, s.FRONTEND_CACHE_MAX_AGE,"
        " s.WAGTAILFRONTENDCACHE)"
    )

    none = import_production(code, **PRODUCTION_ENV)
    varnish = import_production(
        code, **{**PRODUCTION_ENV, "FRONTEND_CACHE_URL": "http://varnish.internal:6081"}
    )

    assert none.stdout.strip() == "False 0 {}"
    assert varnish.returncode == 0, varnish.stderr
    assert varnish.stdout.strip() == (
        "True 3600 {'proxy': {'BACKEND': 'wagtail.contrib.frontend_cache.backends.HTTPBackend',"
        " 'LOCATION': 'http://varnish.internal:6081'}}"
    )


def test_production_refuses_an_unknown_email_provider():
    result = import_production(**{**PRODUCTION_ENV, "EMAIL_PROVIDER": "carrierpigeon"})

    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: "
        "EMAIL_PROVIDER='carrierpigeon' is not an anymail provider."
    )


@pytest.mark.parametrize(
    "database_url", ["sqlite:////tmp/querschnitt.sqlite3", "mysql://user:pw@db/querschnitt"]
)
def test_production_refuses_a_database_other_than_postgresql(database_url):
    result = import_production(**{**PRODUCTION_ENV, "DATABASE_URL": database_url})

    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == (
        "django.core.exceptions.ImproperlyConfigured: "
        "DATABASE_URL must point to PostgreSQL in production."
    )


def test_production_passes_the_deployment_checks():
    result = run_python(
        "import sys, django\n"
        "from django.core.management import call_command\n"
        "django.setup()\n"
        "call_command('check', deploy=True, fail_level='WARNING')\n",
        DJANGO_SETTINGS_MODULE="config.settings.production",
        **PRODUCTION_ENV,
    )

    assert result.returncode == 0, result.stderr


def test_base_settings_default_to_safe_values():
    result = run_python(
        "import config.settings.base as s\n"
        "print(s.DEBUG, s.ALLOWED_HOSTS, hasattr(s, 'SECRET_KEY'), s.LANGUAGE_CODE)"
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False [] False de"


def test_dev_secret_key_is_generated_once_per_checkout_and_kept_private(tmp_path, monkeypatch):
    from config.settings import dev

    var_dir = tmp_path / "var"
    monkeypatch.setattr(dev, "VAR_DIR", var_dir)

    first = dev._checkout_secret_key()
    second = dev._checkout_secret_key()

    key_file = var_dir / "secret_key.txt"
    assert first == second == key_file.read_text().strip()
    assert len(first) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_dev_secret_key_differs_between_checkouts(tmp_path, monkeypatch):
    from config.settings import dev

    monkeypatch.setattr(dev, "VAR_DIR", tmp_path / "one")
    one = dev._checkout_secret_key()
    monkeypatch.setattr(dev, "VAR_DIR", tmp_path / "two")
    two = dev._checkout_secret_key()

    assert one != two
