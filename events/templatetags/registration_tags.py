"""Template tags for the registration box on event pages and the registration form."""

from dataclasses import dataclass
from datetime import datetime

from django import template
from django.utils import timezone

from events import services
from events.models import EventPage

register = template.Library()


@dataclass(frozen=True)
class Availability:
    """Whether and how someone can register right now.

    `state` is one of "open" (seats free or unlimited), "waiting_list" (full, new people go on
    the waiting list), "full" (full, no waiting list), "not_yet_open" and "closed".
    """

    state: str
    capacity: int | None
    seats_left: int | None
    opens_at: datetime | None
    approval_required: bool

    @property
    def accepts_registrations(self) -> bool:
        return self.state in ("open", "waiting_list")


def availability_for(page: EventPage, *, now=None) -> Availability | None:
    """None when the event takes no registrations at all.

    Registrations belong to the event in the default language, so that page's settings and
    seats count, whichever translation is shown. Costs at most three queries, however many
    people registered.
    """
    now = now or timezone.now()
    event = services.canonical_event(page)
    if not event.registration_enabled:
        return None
    seats_left = None
    if event.capacity is not None:
        seats_left = max(event.capacity - services.seats_taken(event), 0)
    if services.registration_is_open(event, now=now):
        if seats_left is None or seats_left > 0:
            state = "open"
        elif event.waiting_list_enabled:
            state = "waiting_list"
        else:
            state = "full"
    elif (
        event.registration_opens_at is not None
        and now < event.registration_opens_at
        and services.registration_is_open(event, now=event.registration_opens_at)
    ):
        state = "not_yet_open"
    else:
        state = "closed"
    return Availability(
        state=state,
        capacity=event.capacity,
        seats_left=seats_left,
        opens_at=event.registration_opens_at,
        approval_required=event.approval_required,
    )


@register.simple_tag
def registration_availability(page):
    return availability_for(page) if isinstance(page, EventPage) else None
