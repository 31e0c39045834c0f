"""E-mails to many registrants at once: change and cancellation notices, reminders, bounces.

Every mail goes through `emails.send_registration_email`, so it lands in the outbox in the
person's language and is sent after the surrounding transaction commits.
"""

from datetime import timedelta

from anymail.signals import EventType
from django.db import transaction
from django.utils import timezone

from home.models import OutboundEmail

from .choices import EventStatus, RegistrationStatus
from .emails import send_registration_email
from .models import CalendarState, EventPage, Registration
from .services import canonical_event, record_event_publication

RELATED_PREFIX = "events.registration:"


def _reachable(registrations):
    # Anonymised rows carry a placeholder address; a hard bounce is not retried.
    return registrations.filter(anonymised_at__isnull=True, email_unreachable=False)


def record_publication_and_notify(event: EventPage) -> bool:
    """Record a publication of `event` (any language) and tell registrants when it mattered.

    When the publication raised the iCalendar SEQUENCE (time, place or status changed), the
    notices to all registrants are rendered by a background task after the commit, so that
    publishing an event with many registrants does not wait for them. Only the page in the
    default language can raise SEQUENCE (see record_event_publication), so each change is
    announced once. Returns whether notices were scheduled.
    """
    from .tasks import send_event_change_notices

    with transaction.atomic():
        CalendarState.objects.get_or_create(translation_key=event.translation_key)
        before = (
            CalendarState.objects.select_for_update()
            .get(translation_key=event.translation_key)
            .sequence
        )
        state = record_event_publication(event)
        if state.sequence <= before:
            return False
        event_id = canonical_event(event).pk
        transaction.on_commit(lambda: send_event_change_notices.enqueue(event_id))
    return True


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
    registrations = _reachable(event.registrations.exclude(status=RegistrationStatus.CANCELLED))
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


def flag_bounced_address(event) -> int:
    """After a hard bounce of a registration mail, flag the registration's address.

    `event` is anymail's tracking event; its "bounced" type is a permanent failure (temporary
    ones are "deferred"). Organisers see the flag; bulk mails skip the address. Other events
    and unknown message ids are ignored. Returns the number of registrations flagged.
    """
    if event.event_type != EventType.BOUNCED or not event.message_id:
        return 0
    related = OutboundEmail.objects.filter(
        provider_message_id=str(event.message_id), related_object__startswith=RELATED_PREFIX
    ).values_list("related_object", flat=True)
    pks = [
        int(pk) for pk in (value.removeprefix(RELATED_PREFIX) for value in related) if pk.isdigit()
    ]
    if not pks:
        return 0
    return Registration.objects.filter(pk__in=pks, anonymised_at__isnull=True).update(
        email_unreachable=True
    )


def delete_mails_of(registration: Registration) -> int:
    """Delete the outbox rows of one registration's mails; returns how many."""
    deleted, _by_model = OutboundEmail.objects.filter(
        related_object=f"{RELATED_PREFIX}{registration.pk}"
    ).delete()
    return deleted
