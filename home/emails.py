"""The one way the site sends e-mail: render, store an outbox row, send after commit; and
what the provider later reports about delivery."""

import base64
from dataclasses import dataclass

from anymail.signals import EventType
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .choices import EmailStatus
from .models import OutboundEmail


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
    related_object: str = "",
) -> OutboundEmail:
    """Render `templates/emails/<template>.{subject.txt,txt,html}` in `language` and queue it.

    The outbox row is written in the caller's transaction; the background task that sends it is
    queued only once that transaction commits, so a rolled-back registration sends nothing and
    a provider outage never loses a message.
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
        related_object=related_object,
    )
    transaction.on_commit(lambda: queue_delivery(email.pk))
    return email


def queue_delivery(email_id: int, *, run_after=None) -> None:
    from .tasks import deliver_email

    task = deliver_email
    if run_after is not None:
        task = task.using(run_after=run_after)
    task.enqueue(email_id)


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
    bounce or complaint keeps the provider's description in `last_error` for organisers.
    Returns the number of rows updated.
    """
    if event.event_type not in TRACKED_EVENTS or not event.message_id:
        return 0
    status, replaces = TRACKED_EVENTS[event.event_type]
    changes = {"status": status}
    if status != EmailStatus.DELIVERED:
        detail = " – ".join(part for part in (event.description, event.mta_response) if part)
        changes["last_error"] = (detail or event.event_type)[:2000]
    return OutboundEmail.objects.filter(
        provider_message_id=str(event.message_id), status__in=replaces
    ).update(updated_at=timezone.now(), **changes)
