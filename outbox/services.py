"""Writes of the outbox: queue a mail, send a failed one again, apply delivery reports,
and remove personal data on the schedule of the objects the mails were about."""

import base64
from dataclasses import dataclass

from anymail.signals import EventType
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .choices import EmailStatus
from .models import OutboundEmail
from .signals import email_bounced
from .tasks import deliver_email

# Reserved top-level domain (RFC 2606): never deliverable.
ANONYMOUS_RECIPIENT = "anonymisiert@anonymisiert.invalid"
RESEND_ACTION = "outbox.resend"


class OutboxError(Exception):
    """A refused outbox operation; `message` is translated and safe to show."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Attachment:
    filename: str
    content: bytes
    mimetype: str

    def as_json(self) -> dict:
        return {
            "filename": self.filename,
            "content": base64.b64encode(self.content).decode("ascii"),
            "mimetype": self.mimetype,
        }


def send_email(
    *,
    to: str,
    template: str,
    language: str,
    context: dict,
    attachments: tuple[Attachment, ...] = (),
    related_to=None,
) -> OutboundEmail:
    """Render `templates/emails/<template>.{subject.txt,txt,html}` in `language` and queue it.

    The outbox row is written in the caller's transaction; the background task that sends it is
    queued only once that transaction commits, so a rolled-back registration sends nothing and
    a provider outage never loses a message. `related_to` is the object the mail is about
    (see `emails_for`, `delete_emails_for`, `anonymise_emails_for`, `email_bounced`).
    """
    with translation.override(language):
        subject = " ".join(render_to_string(f"emails/{template}.subject.txt", context).split())
        body_text = render_to_string(f"emails/{template}.txt", context)
        body_html = render_to_string(f"emails/{template}.html", context)
    email = OutboundEmail.objects.create(
        recipient=to,
        template=template,
        language=language,
        subject=subject,
        body_text=body_text,
        body_html=body_html,
        attachments=[attachment.as_json() for attachment in attachments],
        related_object=related_to,
    )
    transaction.on_commit(lambda: deliver_email.enqueue(email.pk))
    return email


def resend_email(email: OutboundEmail, *, by) -> OutboundEmail:
    """Queue a failed mail again, with a fresh series of attempts ("Erneut senden").

    Needs the permission `outbox.resend_outboundemail`; the row is locked while its status is
    checked, so two clicks queue it once. Writes an entry into the admin history.
    """
    if not by.has_perm("outbox.resend_outboundemail"):
        raise OutboxError(_("Sie dürfen E-Mails nicht erneut senden."))
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().get(pk=email.pk)
        if not email.can_be_resent:
            raise OutboxError(
                _("Nur fehlgeschlagene E-Mails können erneut gesendet werden (Status: %(status)s).")
                % {"status": email.get_status_display()}
            )
        email.status = EmailStatus.QUEUED
        email.attempts = 0
        email.next_attempt_at = None
        email.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
        # The label names no person: it outlives the anonymisation of the row.
        log(email, RESEND_ACTION, user=by, title=f"{email.template} #{email.pk}")
        transaction.on_commit(lambda: deliver_email.enqueue(email.pk))
    return email


def delete_emails_for(obj) -> int:
    """Delete every mail about `obj`; returns how many."""
    deleted, _by_model = OutboundEmail.objects.related_to(obj).delete()
    return deleted


def anonymise_emails_for(model, pks, *, now=None) -> int:
    """Remove address, text and attachments of the mails about these objects, keeping what
    statistics need (template, language, status, dates). Mails not sent yet never will be.
    Returns the number of rows changed."""
    now = now or timezone.now()
    return (
        OutboundEmail.objects.related_to_any(model, pks)
        .filter(anonymised_at__isnull=True)
        .update(
            recipient=ANONYMOUS_RECIPIENT,
            body_text="",
            body_html="",
            attachments=[],
            last_error="",
            anonymised_at=now,
            updated_at=now,
        )
    )


# --- delivery reports ----------------------------------------------------------------------

# Provider events that change a row, and the statuses each may replace. Reports can arrive
# out of order: "delivered" never hides a bounce or a complaint that came in first.
TRACKED_EVENTS = {
    EventType.DELIVERED: (EmailStatus.DELIVERED, {EmailStatus.SENT}),
    EventType.BOUNCED: (EmailStatus.BOUNCED, {EmailStatus.SENT, EmailStatus.DELIVERED}),
    EventType.COMPLAINED: (
        EmailStatus.COMPLAINED,
        {EmailStatus.SENT, EmailStatus.DELIVERED, EmailStatus.BOUNCED},
    ),
}


def record_delivery_event(event) -> int:
    """Apply one anymail tracking event to the outbox rows with its message id.

    Other event types (opened, clicked, deferred ...) and unknown ids change nothing. A
    bounce or complaint keeps the provider's description in `last_error` for organisers; a
    hard bounce is passed on to the object the mail was about (`email_bounced`). Returns the
    number of rows updated.
    """
    if event.event_type not in TRACKED_EVENTS or not event.message_id:
        return 0
    status, replaces = TRACKED_EVENTS[event.event_type]
    changes = {"status": status, "updated_at": timezone.now()}
    if status != EmailStatus.DELIVERED:
        detail = " – ".join(part for part in (event.description, event.mta_response) if part)
        changes["last_error"] = (detail or event.event_type)[:2000]
    with transaction.atomic():
        rows = list(
            OutboundEmail.objects.select_for_update()
            .filter(provider_message_id=str(event.message_id), status__in=replaces)
            .prefetch_related("related_object")
        )
        OutboundEmail.objects.filter(pk__in=[row.pk for row in rows]).update(**changes)
        if status == EmailStatus.BOUNCED:
            for row in rows:
                if row.related_object is not None:
                    email_bounced.send(
                        sender=type(row.related_object),
                        email=row,
                        related_object=row.related_object,
                    )
    return len(rows)
