"""Writes for events."""

import hashlib

from django.db import transaction

from .models import CalendarState, EventPage

# What calendar clients must be told about: a change to any of these raises SEQUENCE.
CALENDAR_RELEVANT_FIELDS = (
    "start",
    "end",
    "all_day",
    "venue_name",
    "street",
    "postal_code",
    "city",
    "mode",
    "status",
)


def calendar_fingerprint(event: EventPage) -> str:
    raw = "\x1f".join(str(getattr(event, name)) for name in CALENDAR_RELEVANT_FIELDS)
    return hashlib.sha256(raw.encode()).hexdigest()


def record_event_publication(event: EventPage) -> CalendarState:
    """Raise the event's iCalendar SEQUENCE when time, place or status changed on publish.

    One CalendarState row serves all translations of the event. The row is locked while it is
    compared and updated, so two publishes at once cannot both skip or double-count a change.
    SEQUENCE never decreases.
    """
    fingerprint = calendar_fingerprint(event)
    with transaction.atomic():
        CalendarState.objects.get_or_create(translation_key=event.translation_key)
        state = CalendarState.objects.select_for_update().get(translation_key=event.translation_key)
        if not state.fingerprint:
            state.fingerprint = fingerprint
            state.save(update_fields=["fingerprint", "updated_at"])
        elif state.fingerprint != fingerprint:
            state.sequence += 1
            state.fingerprint = fingerprint
            state.save(update_fields=["sequence", "fingerprint", "updated_at"])
    return state
