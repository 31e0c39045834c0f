"""Delivery reports from the e-mail provider (anymail's tracking webhook) update the outbox."""

from anymail.signals import EventType, tracking
from django.dispatch import receiver
from django.utils import timezone

from .choices import EmailStatus
from .models import OutboundEmail

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


@receiver(tracking, dispatch_uid="home.record_delivery_event")
def outbox_tracking(sender, event, esp_name, **kwargs):
    record_delivery_event(event)
