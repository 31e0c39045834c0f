"""Registration e-mails: context, calendar attachment and signed personal link, into the
outbox in the registrant's language."""

from django.urls import reverse
from django.utils import translation

from home.links import site_url
from outbox.services import Attachment, send_email

from . import ics, selectors
from .models import EventPage, Registration
from .presentation import absolute_url
from .tokens import registration_token

ICS_MIMETYPE = "text/calendar; charset=utf-8; method=PUBLISH"
# Mails after which the person holds a seat: they carry the calendar file and access details.
SEAT_TEMPLATES = {
    "registration_confirmed",
    "registration_promoted",
    "registration_reminder",
    "event_changed",
}
# The only mails that carry the online access details (with the signed page): the fewer
# copies of a meeting link, the fewer places it leaks from. Other mails point to the page.
ACCESS_TEMPLATES = {"registration_confirmed", "registration_promoted", "registration_reminder"}
ACCESS_HINT_TEMPLATES = {"event_changed", "organiser_message"}


def manage_url(registration: Registration) -> str:
    with translation.override(registration.language):
        path = reverse("events:registration", kwargs={"token": registration_token(registration)})
    return site_url(path)


def calendar_attachment(
    registration: Registration, event: EventPage, *, method: str = "PUBLISH", cache=None
) -> Attachment:
    """`event` as selectors.event_for_registration gives it. The file is the same for everyone
    who reads the event in one language, so a bulk mail builds it once (`cache`)."""
    key = ("ics", event.pk, registration.language, method)
    if cache is not None and key in cache:
        return cache[key]
    with translation.override(registration.language):
        content = ics.build_calendar(
            [event],
            sequences=selectors.calendar_sequences([event]),
            request=None,
            name=event.title,
            method=method,
        )
    attachment = Attachment(
        filename=f"{event.slug[:60]}.ics",
        content=content,
        mimetype=ICS_MIMETYPE.replace("PUBLISH", method),
    )
    if cache is not None:
        cache[key] = attachment
    return attachment


def send_registration_email(
    registration: Registration, template: str, *, events: dict | None = None, **extra
) -> None:
    """Render `template` for the registrant, in their language, into the outbox.

    Callers that mail many registrants pass one `events` dict to all calls, so each event and
    its calendar file are made once per language instead of once per person.
    """
    event = selectors.event_for_registration(registration, cache=events)
    holds_seat = registration.is_confirmed
    gets_access = holds_seat and registration.takes_part_online
    context = {
        "registration": registration,
        "event": event,
        "event_url": absolute_url(event),
        "manage_url": manage_url(registration),
        "online_access": (
            event.online_access if gets_access and template in ACCESS_TEMPLATES else ""
        ),
        "access_on_personal_page": bool(
            gets_access and event.online_access and template in ACCESS_HINT_TEMPLATES
        ),
        **extra,
    }
    attachments = ()
    if template in SEAT_TEMPLATES and holds_seat:
        attachments = (calendar_attachment(registration, event, cache=events),)
    elif template == "event_cancelled":
        attachments = (calendar_attachment(registration, event, method="CANCEL", cache=events),)
    send_email(
        to=registration.email,
        template=template,
        language=registration.language,
        context=context,
        attachments=attachments,
        related_to=registration,
    )
