"""anymail's tracking webhook: protected by the shared secret (HTTP Basic auth), it updates the
outbox row by the provider's message id, and a hard bounce flags the registration's address.

Mails go out through anymail's test backend, which gives each message an id; the reports are
posted in Postmark's webhook format, as Postmark sends them.
"""

import base64
import json

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse

from events.models import Registration
from outbox.choices import EmailStatus
from outbox.models import OutboundEmail
from outbox.services import send_email
from tests.factories import EventPageFactory
from tests.helpers import after_commit, register

URL = "/anymail/postmark/tracking/"
SECRET = "test:secret"


def basic_auth(credentials: str) -> str:
    return "Basic " + base64.b64encode(credentials.encode()).decode()


def post_report(client, payload: dict, *, credentials: str | None = SECRET):
    headers = {"HTTP_AUTHORIZATION": basic_auth(credentials)} if credentials else {}
    return client.post(URL, json.dumps(payload), content_type="application/json", **headers)


def delivery(message_id: str, recipient: str) -> dict:
    return {
        "RecordType": "Delivery",
        "ServerID": 23,
        "MessageStream": "outbound",
        "MessageID": message_id,
        "Recipient": recipient,
        "Tag": "",
        "DeliveredAt": "2026-11-25T10:00:01Z",
        "Details": "Test delivery webhook details",
        "Metadata": {},
    }


def bounce(message_id: str, recipient: str, kind: str = "HardBounce") -> dict:
    return {
        "RecordType": "Bounce",
        "ID": 4323372036854775807,
        "Type": kind,
        "TypeCode": 1,
        "Name": "Hard bounce",
        "Tag": "",
        "MessageID": message_id,
        "ServerID": 23,
        "MessageStream": "outbound",
        "Description": "The server was unable to deliver your message (ex: unknown user).",
        "Details": "smtp;550 5.1.1 The email account that you tried to reach does not exist.",
        "Email": recipient,
        "From": "noreply@example.org",
        "BouncedAt": "2026-11-25T10:00:02Z",
        "DumpAvailable": False,
        "Inactive": True,
        "CanActivate": True,
        "Subject": "Anmeldebestätigung",
        "Metadata": {},
    }


def complaint(message_id: str, recipient: str) -> dict:
    return {**bounce(message_id, recipient, "SpamComplaint"), "RecordType": "SpamComplaint"}


@pytest.fixture(autouse=True)
def _anymail_test_backend():
    with override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend"):
        yield


@pytest.fixture
def registration(event_index):
    event = EventPageFactory(
        parent=event_index, title="Fachforum Vielfalt", registration_enabled=True
    )
    return register(event, "alex@example.org", deliver=True)


@pytest.fixture
def confirmation(registration) -> OutboundEmail:
    email = OutboundEmail.objects.get(template="registration_confirmed")
    assert email.status == EmailStatus.SENT
    assert email.provider_message_id == "0"  # the test backend's id for the first message
    return email


def test_tracking_webhook_lives_outside_the_language_prefix(db):
    assert reverse("anymail:postmark_tracking_webhook") == URL


@pytest.mark.parametrize(
    "credentials",
    [
        pytest.param("test:wrong", id="wrong-secret"),
        pytest.param("other:secret", id="wrong-user"),
        pytest.param(None, id="no-auth"),
    ],
)
def test_webhook_refuses_reports_without_the_right_secret(client, confirmation, credentials):
    response = post_report(
        client,
        bounce(confirmation.provider_message_id, "alex@example.org"),
        credentials=credentials,
    )

    confirmation.refresh_from_db()
    # anymail answers a failed Basic auth check with 400 (SuspiciousOperation), never 2xx.
    assert response.status_code == 400
    assert confirmation.status == EmailStatus.SENT
    assert Registration.objects.get().email_unreachable is False


def test_delivery_report_marks_the_row_delivered(client, confirmation):
    response = post_report(client, delivery(confirmation.provider_message_id, "alex@example.org"))

    confirmation.refresh_from_db()
    assert response.status_code == 200
    assert confirmation.status == EmailStatus.DELIVERED
    assert Registration.objects.get().email_unreachable is False


def test_hard_bounce_marks_the_row_bounced_and_the_address_unreachable(client, confirmation):
    response = post_report(client, bounce(confirmation.provider_message_id, "alex@example.org"))

    confirmation.refresh_from_db()
    assert response.status_code == 200
    assert confirmation.status == EmailStatus.BOUNCED
    assert confirmation.last_error.startswith("The server was unable to deliver your message")
    assert "550 5.1.1" in confirmation.last_error
    assert Registration.objects.get().email_unreachable is True


def test_spam_complaint_marks_the_row_complained_but_not_unreachable(client, confirmation):
    post_report(client, delivery(confirmation.provider_message_id, "alex@example.org"))

    response = post_report(client, complaint(confirmation.provider_message_id, "alex@example.org"))

    confirmation.refresh_from_db()
    assert response.status_code == 200
    assert confirmation.status == EmailStatus.COMPLAINED
    assert Registration.objects.get().email_unreachable is False


def test_late_delivery_report_does_not_hide_a_bounce(client, confirmation):
    post_report(client, bounce(confirmation.provider_message_id, "alex@example.org"))

    post_report(client, delivery(confirmation.provider_message_id, "alex@example.org"))

    confirmation.refresh_from_db()
    assert confirmation.status == EmailStatus.BOUNCED


def test_transient_bounce_changes_nothing(client, confirmation):
    response = post_report(
        client, bounce(confirmation.provider_message_id, "alex@example.org", "Transient")
    )

    confirmation.refresh_from_db()
    assert response.status_code == 200
    assert confirmation.status == EmailStatus.SENT
    assert Registration.objects.get().email_unreachable is False


def test_reports_for_unknown_message_ids_are_accepted_and_ignored(client, confirmation):
    response = post_report(client, bounce("9f0e8d7c-unknown", "someone@example.org"))

    confirmation.refresh_from_db()
    assert response.status_code == 200
    assert confirmation.status == EmailStatus.SENT
    assert Registration.objects.get().email_unreachable is False


def test_bounce_of_a_mail_without_a_registration_flags_no_registration(
    client, confirmation, settings, tmp_path
):
    folder = tmp_path / "emails"
    folder.mkdir()
    for suffix, text in (("subject.txt", "Hinweis"), ("txt", "Text"), ("html", "<p>Text</p>")):
        (folder / f"notice.{suffix}").write_text(text)
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]
    with after_commit():
        other = send_email(to="alex@example.org", template="notice", language="de", context={})
    other.refresh_from_db()
    assert other.provider_message_id == "1"

    post_report(client, bounce(other.provider_message_id, "alex@example.org"))

    other.refresh_from_db()
    assert other.status == EmailStatus.BOUNCED
    assert Registration.objects.get().email_unreachable is False
    assert len(mail.outbox) == 2
