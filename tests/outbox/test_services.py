"""The outbox's writes: queueing with a generic relation, reading and deleting the mails about
an object, anonymising them, sending a failed mail again, and delivery reports that reach
the object a mail was about."""

import pytest
from anymail.signals import AnymailTrackingEvent, EventType
from django.contrib.auth.models import Permission
from django.core import mail
from django.dispatch import receiver
from django.test import TestCase
from wagtail.models import ModelLogEntry

from home.models import Municipality
from outbox import services
from outbox.choices import EmailStatus
from outbox.models import OutboundEmail
from outbox.selectors import emails_for
from outbox.signals import email_bounced
from tests.factories import MunicipalityFactory


@pytest.fixture(autouse=True)
def _plain_template(settings, tmp_path):
    folder = tmp_path / "emails"
    folder.mkdir()
    (folder / "notice.subject.txt").write_text("{{ subject }}")
    (folder / "notice.txt").write_text("Hallo {{ name }}")
    (folder / "notice.html").write_text("<p>Hallo {{ name }}</p>")
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], tmp_path]}]


def notice(to: str, *, about=None, name="Kim") -> OutboundEmail:
    attachment = services.Attachment("termin.ics", b"BEGIN:VCALENDAR", "text/calendar")
    return services.send_email(
        to=to,
        template="notice",
        language="de",
        context={"subject": "Hinweis", "name": name},
        attachments=(attachment,),
        related_to=about,
    )


@pytest.fixture
def town(db):
    return MunicipalityFactory(name="Musterstadt")


@pytest.fixture
def other_town(db):
    return MunicipalityFactory(name="Beispielstadt")


def test_a_mail_about_an_object_is_found_through_the_object(town, other_town):
    first = notice("a@example.org", about=town)
    second = notice("b@example.org", about=town)
    notice("c@example.org", about=other_town)
    notice("d@example.org")

    assert list(emails_for(town)) == [second, first]
    assert OutboundEmail.objects.get(pk=first.pk).related_object == town


def test_delete_emails_for_removes_only_that_objects_mails(town, other_town):
    notice("a@example.org", about=town)
    notice("b@example.org", about=town)
    kept = notice("c@example.org", about=other_town)

    assert services.delete_emails_for(town) == 2
    assert list(OutboundEmail.objects.all()) == [kept]


def test_anonymising_removes_address_text_and_attachments_but_keeps_the_record(town, other_town):
    about_town = notice("a@example.org", about=town, name="Kim Beispiel")
    other = notice("b@example.org", about=other_town)

    changed = services.anonymise_emails_for(Municipality, [town.pk])

    about_town.refresh_from_db()
    other.refresh_from_db()
    assert changed == 1
    assert about_town.recipient == services.ANONYMOUS_RECIPIENT
    assert (about_town.body_text, about_town.body_html, about_town.attachments) == ("", "", [])
    assert about_town.anonymised_at is not None
    assert (about_town.template, about_town.subject) == ("notice", "Hinweis")
    assert other.recipient == "b@example.org"
    assert other.body_text == "Hallo Kim"
    # A second run changes nothing.
    assert services.anonymise_emails_for(Municipality, [town.pk]) == 0


def test_an_anonymised_mail_that_was_still_queued_is_never_sent(town):
    email = notice("a@example.org", about=town)
    services.anonymise_emails_for(Municipality, [town.pk])

    from outbox import delivery

    assert delivery.deliver(email.pk).status == "skipped"
    assert mail.outbox == []


@pytest.fixture
def outbox_manager(django_user_model):
    user = django_user_model.objects.create_user("postausgang", password="x")
    user.user_permissions.add(
        Permission.objects.get(codename="resend_outboundemail"),
        Permission.objects.get(codename="view_outboundemail"),
    )
    return django_user_model.objects.get(pk=user.pk)


def failed(email: OutboundEmail) -> OutboundEmail:
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.FAILED, attempts=6, last_error="550 Postfach unbekannt"
    )
    return OutboundEmail.objects.get(pk=email.pk)


def test_resending_a_failed_mail_queues_it_with_fresh_attempts_and_logs_who(outbox_manager):
    email = failed(notice("a@example.org"))

    with TestCase.captureOnCommitCallbacks(execute=True):
        services.resend_email(email, by=outbox_manager)

    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 1)
    assert [message.to for message in mail.outbox] == [["a@example.org"]]
    [entry] = ModelLogEntry.objects.filter(action=services.RESEND_ACTION)
    assert (entry.user, entry.object_id) == (outbox_manager, str(email.pk))
    assert "a@example.org" not in entry.label


@pytest.mark.parametrize("status", [EmailStatus.QUEUED, EmailStatus.SENT, EmailStatus.BOUNCED])
def test_only_failed_mails_can_be_sent_again(outbox_manager, status):
    email = notice("a@example.org")
    OutboundEmail.objects.filter(pk=email.pk).update(status=status)

    with pytest.raises(services.OutboxError) as refused:
        services.resend_email(email, by=outbox_manager)

    assert "Nur fehlgeschlagene E-Mails" in refused.value.message
    assert OutboundEmail.objects.get(pk=email.pk).status == status


def test_resending_needs_the_permission(django_user_model):
    viewer = django_user_model.objects.create_user("leser", password="x")
    viewer.user_permissions.add(Permission.objects.get(codename="view_outboundemail"))
    email = failed(notice("a@example.org"))

    with pytest.raises(services.OutboxError):
        services.resend_email(email, by=django_user_model.objects.get(pk=viewer.pk))

    assert OutboundEmail.objects.get(pk=email.pk).status == EmailStatus.FAILED


def report(event_type: str, message_id: str, **extra) -> AnymailTrackingEvent:
    return AnymailTrackingEvent(event_type=event_type, message_id=message_id, **extra)


def sent(email: OutboundEmail, message_id: str) -> OutboundEmail:
    OutboundEmail.objects.filter(pk=email.pk).update(
        status=EmailStatus.SENT, provider_message_id=message_id
    )
    return OutboundEmail.objects.get(pk=email.pk)


def test_a_hard_bounce_reaches_the_object_the_mail_was_about(town, other_town):
    bounced_about = []

    @receiver(email_bounced, sender=Municipality, weak=False)
    def collect(sender, email, related_object, **kwargs):
        bounced_about.append((related_object, email.recipient))

    try:
        sent(notice("a@example.org", about=town), "msg-1")
        sent(notice("b@example.org", about=other_town), "msg-2")
        changed = services.record_delivery_event(
            report(EventType.BOUNCED, "msg-1", description="Mailbox unknown")
        )
    finally:
        email_bounced.disconnect(collect, sender=Municipality)

    assert changed == 1
    assert bounced_about == [(town, "a@example.org")]
    row = OutboundEmail.objects.get(recipient="a@example.org")
    assert (row.status, row.last_error) == (EmailStatus.BOUNCED, "Mailbox unknown")


def test_a_delivery_report_changes_the_row_but_tells_nobody(town):
    told = []

    @receiver(email_bounced, weak=False)
    def collect(sender, **kwargs):
        told.append(sender)

    try:
        sent(notice("a@example.org", about=town), "msg-1")
        services.record_delivery_event(report(EventType.DELIVERED, "msg-1"))
    finally:
        email_bounced.disconnect(collect)

    assert OutboundEmail.objects.get().status == EmailStatus.DELIVERED
    assert told == []


def test_the_database_refuses_an_unknown_status(db):
    from django.db import IntegrityError, transaction

    email = notice("a@example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        OutboundEmail.objects.filter(pk=email.pk).update(status="verloren")
