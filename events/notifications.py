"""E-mails to many registrants at once: change and cancellation notices, reminders, bounces.

Every mail goes through `emails.send_registration_email`, so it lands in the outbox in the
person's language and is sent after the surrounding transaction commits.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from .choices import ACTIVE_STATUSES, EventStatus, RegistrationStatus
from .emails import send_registration_email
from .models import EventPage, Registration
from .selectors import canonical_event


def _reachable(registrations):
    # Anonymised rows carry a placeholder address; a hard bounce is not retried.
    return registrations.filter(anonymised_at__isnull=True, email_unreachable=False)


def notify_event_change(event: EventPage) -> int:
    """Queue `event_cancelled` or `event_changed` to everyone registered and not cancelled.

    Confirmed registrants get the calendar file with the event's current SEQUENCE (already
    raised by the publication); a cancellation carries METHOD:CANCEL. Nothing is sent for
    an event that is over.
    """
    event = EventPage.objects.get(pk=event.pk)  # the published values, not a stale instance
    if event.is_past:
        return 0
    template = "event_cancelled" if event.status == EventStatus.CANCELLED else "event_changed"
    registrations = _reachable(event.registrations.filter(status__in=ACTIVE_STATUSES))
    count, events = 0, {}
    for registration in registrations.select_related("event").order_by("created_at", "pk"):
        send_registration_email(registration, template, events=events)
        count += 1
    return count


def send_due_reminders(*, days: int, now=None) -> int:
    """Queue `registration_reminder` for confirmed registrations of events starting soon.

    Covers scheduled, published events that start within `days` days and have not started.
    Each registration gets its reminder once: rows are claimed with SELECT ... FOR UPDATE
    SKIP LOCKED and marked (`reminder_sent_at`) in the same transaction that writes the
    outbox rows, so a run at the same time skips them and a later run no longer selects
    them. Returns the number of reminders queued.
    """
    now = now or timezone.now()
    with transaction.atomic():
        due = (
            _reachable(Registration.objects.all())
            .filter(
                status=RegistrationStatus.CONFIRMED,
                reminder_sent_at__isnull=True,
                event__live=True,
                event__status=EventStatus.SCHEDULED,
                event__start__gt=now,
                event__start__lte=now + timedelta(days=days),
            )
            .order_by("event__start", "created_at", "pk")
            # Lock only the registrations: the event row is what registrations lock.
            .select_for_update(skip_locked=True, of=("self",))
        )
        claimed = list(due)
        if not claimed:
            return 0
        Registration.objects.filter(pk__in=[r.pk for r in claimed]).update(reminder_sent_at=now)
        events = {}
        for registration in claimed:
            registration.reminder_sent_at = now
            send_registration_email(registration, "registration_reminder", events=events)
    return len(claimed)


def organiser_message_recipients(event: EventPage, statuses):
    return Registration.objects.filter(
        event=canonical_event(event), status__in=statuses, anonymised_at__isnull=True
    )


def queue_organiser_message(*, event_id: int, statuses, subject: str, body: str) -> int:
    """Put the organiser's message into the outbox for each reachable registrant, in their
    language (template "organiser_message"). One transaction: everyone's mail or nobody's.
    Returns the number queued."""
    event = EventPage.objects.get(pk=event_id)
    registrations = (
        _reachable(organiser_message_recipients(event, statuses))
        .select_related("event")
        .order_by("created_at", "pk")
    )
    queued = 0
    events: dict = {}  # the event per language, looked up once
    with transaction.atomic():
        for registration in registrations:
            send_registration_email(
                registration,
                "organiser_message",
                events=events,
                message_subject=subject,
                message_body=body,
            )
            queued += 1
    return queued
