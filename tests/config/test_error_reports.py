"""Errors reach the team: a 500 is mailed to ADMINS (straight through the mail backend, not the
outbox) or sent to Sentry, and the error page says "we were notified" only when that is so."""

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client, override_settings

from outbox.models import OutboundEmail
from tests.config.test_settings import PRODUCTION_ENV, import_production

pytestmark = pytest.mark.urls("tests.config.urls_failing")


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def lead(response) -> str:
    return BeautifulSoup(response.content, "html.parser").select_one("main p.lead").get_text()


@override_settings(ADMINS=[("Betrieb", "betrieb@example.org")])
def test_a_500_is_mailed_to_the_admins_and_the_page_says_so(visitor, db):
    response = visitor.get("/kaputt/")

    assert response.status_code == 500
    assert "Wir wurden benachrichtigt" in lead(response)
    [report] = mail.outbox
    assert report.to == ["betrieb@example.org"]
    assert report.subject.startswith("[Querschnitt] ERROR")
    assert "Kaputt für den Test" in report.body
    assert not OutboundEmail.objects.exists()


@override_settings(ADMINS=[], SENTRY_DSN="")
def test_without_error_reporting_the_page_promises_nothing(visitor, db):
    response = visitor.get("/kaputt/")

    assert response.status_code == 500
    assert "benachrichtigt" not in lead(response)
    assert mail.outbox == []


@override_settings(ADMINS=[], SENTRY_DSN="https://public@sentry.example.org/1")
def test_with_sentry_the_page_says_the_team_was_told(visitor, db):
    assert "Wir wurden benachrichtigt" in lead(visitor.get("/kaputt/"))


@override_settings(ADMINS=[("Betrieb", "betrieb@example.org")])
def test_a_malformed_delivery_report_is_not_mailed_to_the_admins(client, db):
    response = client.generic(
        "POST",
        "/anymail/postmark/tracking/",
        b"\xff",
        content_type="application/json",
        HTTP_AUTHORIZATION="Basic dGVzdDpzZWNyZXQ=",
    )

    assert response.status_code == 400
    assert mail.outbox == []


def test_production_reads_admins_and_sentry_from_the_environment():
    result = import_production(
        "print(s.ADMINS); print(repr(s.SENTRY_DSN))",
        **PRODUCTION_ENV,
        ADMINS="Betrieb <betrieb@example.org>, it@example.org",
        SENTRY_DSN="",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "[('Betrieb', 'betrieb@example.org'), ('it@example.org', 'it@example.org')]",
        "''",
    ]
