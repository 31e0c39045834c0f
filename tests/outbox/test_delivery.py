"""Delivery of outbox rows: a failing provider never loses a registration or a mail, retries
back off, the cron fallback `send_queued_emails` sends what is due, and no row is sent twice,
also when two workers run at once (PostgreSQL) and while no transaction is held open across
the provider's network call."""

import datetime
import io
import time

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from events.choices import RegistrationStatus
from events.models import Registration
from outbox import delivery
from outbox.choices import EmailStatus
from outbox.delivery import MAX_ATTEMPTS
from outbox.models import OutboundEmail
from outbox.services import send_email
from outbox.tasks import deliver_email
from tests.concurrency import needs_postgresql, run_in_parallel
from tests.factories import EventPageFactory
from tests.helpers import register

FAILING_BACKEND = "tests.outbox.test_delivery.FailingBackend"


class FailingBackend(BaseEmailBackend):
    """A provider that is down: every send raises, as anymail does on an API error."""

    def send_messages(self, email_messages):
        raise ConnectionError("Provider nicht erreichbar")


def send_queued_emails() -> str:
    out = io.StringIO()
    call_command("send_queued_emails", stdout=out)
    return out.getvalue().strip()


@pytest.fixture(autouse=True)
def _plain_template(settings, tmp_path):
    """A minimal mail for the tests that do not need an event ("emails/notice")."""
    folder = tmp_path / "emails"
    folder.mkdir()
    (folder / "notice.subject.txt").write_text("{{ subject }}")
    (folder / "notice.txt").write_text("{{ text }}")
    (folder / "notice.html").write_text("<p>{{ text }}</p>")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]


def notice(to: str) -> OutboundEmail:
    context = {"subject": "Hinweis", "text": "Bis bald."}
    return send_email(to=to, template="notice", language="de", context=context)


@pytest.fixture
def event(event_index):
    return EventPageFactory(
        parent=event_index, title="Fachforum Vielfalt", registration_enabled=True
    )


def make_due(email: OutboundEmail) -> None:
    """Let the time until the next attempt pass."""
    OutboundEmail.objects.filter(pk=email.pk).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_failing_provider_keeps_the_registration_and_schedules_a_retry(event):
    before = timezone.now()
    with override_settings(EMAIL_BACKEND=FAILING_BACKEND):
        registration = register(event, deliver=True)

    email = OutboundEmail.objects.get(recipient="alex@example.org")
    assert Registration.objects.get(pk=registration.pk).status == RegistrationStatus.CONFIRMED
    assert email.template == "registration_confirmed"
    assert email.status == EmailStatus.QUEUED
    assert email.attempts == 1
    assert email.last_error == "ConnectionError: Provider nicht erreichbar"
    assert email.next_attempt_at > before + datetime.timedelta(minutes=1)
    assert email.related_object == registration
    assert mail.outbox == []


def test_send_queued_emails_waits_until_the_next_attempt_is_due(event):
    with override_settings(EMAIL_BACKEND=FAILING_BACKEND):
        register(event, deliver=True)

    output = send_queued_emails()

    email = OutboundEmail.objects.get()
    assert output == "E-mails sent: 0, not sent: 0, skipped: 0"
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    assert mail.outbox == []


def test_send_queued_emails_sends_the_failed_mail_once_the_provider_is_back(event):
    with override_settings(EMAIL_BACKEND=FAILING_BACKEND):
        register(event, deliver=True)
    email = OutboundEmail.objects.get()
    make_due(email)

    first = send_queued_emails()
    second = send_queued_emails()

    email.refresh_from_db()
    assert first == "E-mails sent: 1, not sent: 0, skipped: 0"
    assert second == "E-mails sent: 0, not sent: 0, skipped: 0"
    assert email.status == EmailStatus.SENT
    assert email.attempts == 2
    assert email.last_error == ""
    assert email.next_attempt_at is None
    assert email.sent_at is not None
    assert [message.to for message in mail.outbox] == [["alex@example.org"]]
    assert mail.outbox[0].subject == "Anmeldebestätigung: Fachforum Vielfalt"


def test_send_queued_emails_counts_another_failure_and_schedules_the_next_attempt(event):
    with override_settings(EMAIL_BACKEND=FAILING_BACKEND):
        register(event, deliver=True)
        email = OutboundEmail.objects.get()
        make_due(email)

        output = send_queued_emails()

    email.refresh_from_db()
    assert output == "E-mails sent: 0, not sent: 1, skipped: 0"
    assert email.status == EmailStatus.QUEUED
    assert email.attempts == 2
    assert email.next_attempt_at > timezone.now()


def test_a_delivery_task_arriving_early_keeps_the_back_off(event):
    with override_settings(EMAIL_BACKEND=FAILING_BACKEND):
        register(event, deliver=True)
    email = OutboundEmail.objects.get()

    # The task the first failure scheduled, started early (or a second one): not yet.
    assert deliver_email.call(email.pk) == "skipped"

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.QUEUED, 1)
    assert mail.outbox == []


def test_outbox_row_fails_for_good_after_the_last_attempt(db):
    email = notice("alex@example.org")
    OutboundEmail.objects.filter(pk=email.pk).update(attempts=MAX_ATTEMPTS - 1)

    with override_settings(EMAIL_BACKEND=FAILING_BACKEND):
        send_queued_emails()

    email.refresh_from_db()
    assert (email.status, email.attempts, email.next_attempt_at) == (
        EmailStatus.FAILED,
        MAX_ATTEMPTS,
        None,
    )
    assert send_queued_emails() == "E-mails sent: 0, not sent: 0, skipped: 0"


def test_send_queued_emails_sends_mail_that_no_worker_picked_up(db):
    # Without running the after-commit hook, the row stays queued as if no worker ran.
    email = notice("kim@example.org")

    output = send_queued_emails()

    email.refresh_from_db()
    assert output == "E-mails sent: 1, not sent: 0, skipped: 0"
    assert email.status == EmailStatus.SENT
    assert email.attempts == 1
    assert [(message.to, message.subject) for message in mail.outbox] == [
        (["kim@example.org"], "Hinweis")
    ]


def test_send_queued_emails_respects_the_limit_and_sends_oldest_first(db):
    for address in ("one@example.org", "two@example.org", "three@example.org"):
        notice(address)

    out = io.StringIO()
    call_command("send_queued_emails", "--limit", "2", stdout=out)

    assert [message.to for message in mail.outbox] == [["one@example.org"], ["two@example.org"]]
    assert OutboundEmail.objects.get(recipient="three@example.org").status == EmailStatus.QUEUED


def test_delivery_task_never_sends_a_row_twice(event):
    register(event, deliver=True)
    email = OutboundEmail.objects.get()
    assert email.status == EmailStatus.SENT

    # A stray second task (or a cron run racing a worker) finds the row already sent.
    assert deliver_email.call(email.pk) == "skipped"
    assert send_queued_emails() == "E-mails sent: 0, not sent: 0, skipped: 0"
    assert len(mail.outbox) == 1


@override_settings(EMAIL_BACKEND="anymail.backends.test.EmailBackend")
def test_anymail_message_id_is_stored_for_the_tracking_webhook(event):
    register(event, "first@example.org", deliver=True)
    register(event, "second@example.org", deliver=True)

    ids = list(OutboundEmail.objects.order_by("pk").values_list("provider_message_id", "status"))
    # anymail's test backend numbers its messages: 0, 1, ...
    assert ids == [("0", EmailStatus.SENT), ("1", EmailStatus.SENT)]


# --- claims: never twice, never a lock across the network call ----------------------------


def queued_row(address: str) -> OutboundEmail:
    """A committed, queued row that no task has been started for."""
    return OutboundEmail.objects.create(
        recipient=address, template="notice", language="de", subject="Hinweis", body_text="Text"
    )


class SlowProvider(BaseEmailBackend):
    """A provider whose API takes a while; records every message it accepted."""

    accepted: list = []
    observations: list = []

    def send_messages(self, email_messages):
        from django.db import connection

        SlowProvider.observations.append(connection.in_atomic_block)
        time.sleep(0.02)
        SlowProvider.accepted.extend(message.to[0] for message in email_messages)
        return len(email_messages)


@pytest.fixture
def slow_provider(settings):
    settings.EMAIL_BACKEND = "tests.outbox.test_delivery.SlowProvider"
    SlowProvider.accepted = []
    SlowProvider.observations = []
    return SlowProvider


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_every_row_exactly_once(slow_provider):
    ids = [queued_row(f"person{n}@example.org").pk for n in range(12)]

    def worker(_name):
        for pk in ids:
            delivery.deliver(pk)

    errors = run_in_parallel(worker, ["worker-1", "worker-2"])

    assert errors == []
    assert sorted(slow_provider.accepted) == sorted(f"person{n}@example.org" for n in range(12))
    statuses = set(OutboundEmail.objects.values_list("status", "attempts"))
    assert statuses == {(EmailStatus.SENT, 1)}


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_provider_is_called_with_no_transaction_and_no_row_lock_held(settings):
    seen = {}

    class InspectingProvider(BaseEmailBackend):
        def send_messages(self, email_messages):
            from django.db import connection, connections

            seen["in_transaction"] = connection.in_atomic_block
            # Another connection can lock the row at once: nobody holds it.
            other = connections.create_connection("default")
            try:
                with other.cursor() as cursor:
                    cursor.execute(
                        "SELECT status FROM outbox_outboundemail WHERE id = %s FOR UPDATE NOWAIT",
                        [row.pk],
                    )
                    seen["status_seen_by_others"] = cursor.fetchone()[0]
            finally:
                other.close()
            return len(email_messages)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    row = queued_row("kim@example.org")

    outcome = delivery.deliver(row.pk, connection=InspectingProvider())

    row.refresh_from_db()
    assert outcome.status == "sent"
    assert seen == {"in_transaction": False, "status_seen_by_others": EmailStatus.SENDING}
    assert (row.status, row.attempts, row.claimed_at) == (EmailStatus.SENT, 1, None)


def test_a_row_left_sending_by_a_stopped_worker_goes_out_after_the_claim_timeout(db):
    abandoned = queued_row("abandoned@example.org")
    recent = queued_row("recent@example.org")
    now = timezone.now()
    OutboundEmail.objects.filter(pk=abandoned.pk).update(
        status=EmailStatus.SENDING, attempts=1, claimed_at=now - delivery.CLAIM_TIMEOUT * 2
    )
    OutboundEmail.objects.filter(pk=recent.pk).update(
        status=EmailStatus.SENDING, attempts=1, claimed_at=now - datetime.timedelta(minutes=1)
    )

    output = send_queued_emails()

    assert output == "E-mails sent: 1, not sent: 0, skipped: 0"
    assert [message.to for message in mail.outbox] == [["abandoned@example.org"]]
    abandoned.refresh_from_db()
    recent.refresh_from_db()
    assert (abandoned.status, abandoned.attempts) == (EmailStatus.SENT, 2)
    assert recent.status == EmailStatus.SENDING


def test_an_outcome_is_not_written_over_a_claim_that_another_worker_took_over(db):
    row = queued_row("kim@example.org")
    claimed = delivery.claim(row.pk)
    # The first worker stalls past the timeout; a second one takes the row over and sends it.
    OutboundEmail.objects.filter(pk=row.pk).update(
        claimed_at=timezone.now() - delivery.CLAIM_TIMEOUT * 2
    )
    assert delivery.deliver(row.pk).status == "sent"

    # The first worker's provider call fails late: the row stays sent.
    delivery._record_failure(claimed, "TimeoutError: spät")

    row.refresh_from_db()
    assert (row.status, row.last_error) == (EmailStatus.SENT, "")
