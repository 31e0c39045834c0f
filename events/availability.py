"""Whether and how someone can register for an event right now. Pure: computed from the
registration settings of the event in the default language (where registrations belong) and
the number of seats taken, however they were read (one event, or a whole listing at once)."""

from dataclasses import dataclass
from datetime import datetime

from .choices import EventFormat, EventStatus

# Registration settings read from the default-language event (see selectors and the listing
# annotation in models): the same names in both places.
SETTINGS_FIELDS = (
    "registration_enabled",
    "live",
    "status",
    "end",
    "registration_opens_at",
    "registration_closes_at",
    "capacity",
    "waiting_list_enabled",
    "approval_required",
)


@dataclass(frozen=True)
class Availability:
    """`state` is one of "open" (seats free or unlimited), "waiting_list" (full, new people go on
    the waiting list), "full" (full, no waiting list), "not_yet_open" and "closed"."""

    state: str
    capacity: int | None
    seats_left: int | None
    opens_at: datetime | None
    closes_at: datetime | None
    approval_required: bool

    @property
    def accepts_registrations(self) -> bool:
        return self.state in ("open", "waiting_list")


def is_open(settings: dict, *, now) -> bool:
    opens, closes = settings["registration_opens_at"], settings["registration_closes_at"]
    return bool(
        settings["registration_enabled"]
        and settings["live"]
        and settings["status"] == EventStatus.SCHEDULED
        and settings["end"] > now
        and (opens is None or opens <= now)
        and (closes is None or now < closes)
    )


def availability(settings: dict, *, seats_taken: int, now) -> Availability | None:
    """None when the event takes no registrations at all."""
    if not settings["registration_enabled"]:
        return None
    capacity = settings["capacity"]
    seats_left = None if capacity is None else max(capacity - seats_taken, 0)
    opens = settings["registration_opens_at"]
    if is_open(settings, now=now):
        if seats_left is None or seats_left > 0:
            state = "open"
        elif settings["waiting_list_enabled"]:
            state = "waiting_list"
        else:
            state = "full"
    elif opens is not None and now < opens and is_open(settings, now=opens):
        state = "not_yet_open"
    else:
        state = "closed"
    return Availability(
        state=state,
        capacity=capacity,
        seats_left=seats_left,
        opens_at=opens,
        closes_at=settings["registration_closes_at"],
        approval_required=settings["approval_required"],
    )


def is_for_partners_only(event) -> bool:
    """Peer-learning meetings are closed: the partner municipalities are invited."""
    return event.event_format == EventFormat.PEER_LEARNING
