"""Reads for events. Listings run a fixed number of queries, whatever the number of events."""

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home import selectors as home_selectors

from . import services
from .choices import EventFormat, EventMode, EventStatus, RegistrationStatus
from .models import CalendarState, EventIndexPage, EventPage, Registration

FEED_HISTORY = timedelta(days=183)  # feeds keep about six months of past events
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class EventFilters:
    event_format: str = ""
    focus_area: str = ""
    mode: str = ""
    month: date | None = None
    archive: bool = False
    invalid: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query) -> "EventFilters":
        """Parse the query string; unknown values are dropped and reported, never raised."""
        filters = cls(archive=query.get("zeitraum") == "archiv")
        value = query.get("format", "")
        if value in EventFormat.values:
            filters.event_format = value
        elif value:
            filters.invalid.append("format")
        value = query.get("modus", "")
        if value in EventMode.values:
            filters.mode = value
        elif value:
            filters.invalid.append("modus")
        value = query.get("bereich", "")
        if value and value in {
            area.slug for area in home_selectors.focus_areas_for_active_locale()
        }:
            filters.focus_area = value
        elif value:
            filters.invalid.append("bereich")
        value = query.get("monat", "")
        match = MONTH_PATTERN.match(value)
        if match and 1 <= int(match[2]) <= 12 and 2000 <= int(match[1]) <= 2100:
            filters.month = date(int(match[1]), int(match[2]), 1)
        elif value:
            filters.invalid.append("monat")
        return filters

    @property
    def active(self) -> bool:
        return bool(self.event_format or self.focus_area or self.mode or self.month)


def _month_bounds(month: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    first = datetime(month.year, month.month, 1, tzinfo=tz)
    following = datetime(month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=tz)
    return first, following


def not_over_yet() -> Q:
    """Events still running: all-day events count until the end of their last day."""
    now = timezone.now()
    start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return Q(end__gte=now) | Q(all_day=True, end__gte=start_of_today)


def _base_events():
    return (
        EventPage.objects.live()
        .public()
        .filter(locale=home_selectors.content_locale(EventIndexPage))
        .prefetch_related("focus_areas")
    )


def events_for_index(index: EventIndexPage, *, filters: EventFilters):
    events = _base_events().child_of(index)
    if filters.archive:
        events = events.exclude(not_over_yet()).order_by("-start", "-pk")
    else:
        events = events.filter(not_over_yet()).order_by("start", "pk")
    if filters.event_format:
        events = events.filter(event_format=filters.event_format)
    if filters.mode:
        events = events.filter(mode=filters.mode)
    if filters.focus_area:
        events = events.filter(focus_areas__slug=filters.focus_area).distinct()
    if filters.month:
        first, following = _month_bounds(filters.month)
        events = events.filter(start__lt=following, end__gte=first)
    return events


def paginate_events(events, page_number, *, per_page: int):
    page = home_selectors.paginate(events, page_number, per_page=per_page)
    page.object_list = home_selectors.with_localized_focus_areas(page.object_list)
    return page


def recent_past_events(index: EventIndexPage, *, limit: int) -> list[EventPage]:
    events = _base_events().child_of(index).exclude(not_over_yet()).order_by("-start")
    return home_selectors.with_localized_focus_areas(events[:limit])


def upcoming_events(*, limit: int) -> list[EventPage]:
    events = _base_events().filter(not_over_yet()).order_by("start", "pk")
    return home_selectors.with_localized_focus_areas(events[:limit])


def event_index_for_active_locale() -> EventIndexPage | None:
    return (
        EventIndexPage.objects.live().public().filter(locale=Locale.get_active()).first()
        or EventIndexPage.objects.live().public().filter(locale=Locale.get_default()).first()
    )


def filter_options() -> dict:
    today = timezone.localdate()
    months = []
    year, month = today.year, today.month
    for _offset in range(12):
        months.append(date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return {
        "formats": EventFormat.choices,
        "modes": EventMode.choices,
        "focus_areas": home_selectors.focus_areas_for_active_locale(),
        "months": months,
    }


# --- iCalendar -------------------------------------------------------------------------------


def events_for_calendar_feed(*, event_format: str = "", focus_area: str = "") -> list[EventPage]:
    """Published public events in the active language: upcoming ones and about six months back."""
    events = (
        EventPage.objects.live()
        .public()
        .filter(
            locale=home_selectors.content_locale(EventIndexPage),
            end__gte=timezone.now() - FEED_HISTORY,
        )
        .order_by("start", "pk")
    )
    if event_format:
        events = events.filter(event_format=event_format)
    if focus_area:
        events = events.filter(focus_areas__slug=focus_area).distinct()
    return list(events)


def calendar_sequences(events) -> dict:
    keys = [event.translation_key for event in events]
    return dict(
        CalendarState.objects.filter(translation_key__in=keys).values_list(
            "translation_key", "sequence"
        )
    )


def calendar_feeds(request=None) -> list[dict]:
    """Subscribable feeds with their https and webcal addresses."""
    feeds = [{"label": _("Alle Veranstaltungen"), "path": reverse("events:feed")}]
    for value, label in EventFormat.choices:
        feeds.append(
            {"label": label, "path": reverse("events:feed_format", kwargs={"slug": value})}
        )
    for area in home_selectors.focus_areas_for_active_locale():
        feeds.append(
            {
                "label": area.short_title,
                "path": reverse("events:feed_focus_area", kwargs={"slug": area.slug}),
            }
        )
    return feeds


def absolute_url(page, request=None) -> str:
    """The page's address on the host the request came in on (not the Site record's).

    Without a request (e-mails, background tasks) the configured public base URL is used.
    """
    if request is None:
        parts = page.get_url_parts()
        path = parts[2] if parts else "/"
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path
    return request.build_absolute_uri(page.get_url(request))


def plain_text_description(event: EventPage, url: str) -> str:
    parts = [event.teaser.strip()]
    if event.status != EventStatus.SCHEDULED:
        parts.insert(0, f"{event.get_status_display()}. {event.status_note}".strip())
    if event.target_audience:
        audience = strip_tags(event.target_audience).strip()
        parts.append(_("Zielgruppe: %(audience)s") % {"audience": audience})
    parts.append(_("Weitere Informationen und Anmeldung: %(url)s") % {"url": url})
    return "\n\n".join(part for part in parts if part)


def _utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_links(event: EventPage, request) -> dict:
    """The .ics download plus "add to" links for Google Calendar and Outlook.com."""
    url = absolute_url(event, request)
    details = plain_text_description(event, url)
    if event.all_day:
        end_exclusive = event.local_end.date() + timedelta(days=1)
        google_dates = f"{event.local_start:%Y%m%d}/{end_exclusive:%Y%m%d}"
        outlook_start = event.local_start.date().isoformat()
        outlook_end = end_exclusive.isoformat()
    else:
        google_dates = f"{_utc_stamp(event.start)}/{_utc_stamp(event.end)}"
        outlook_start = event.local_start.isoformat()
        outlook_end = event.local_end.isoformat()
    google = "https://calendar.google.com/calendar/render?" + urlencode(
        {
            "action": "TEMPLATE",
            "text": event.title,
            "dates": google_dates,
            "details": details,
            "location": event.location_line,
            "ctz": "Europe/Berlin",
        }
    )
    outlook = "https://outlook.live.com/calendar/0/deeplink/compose?" + urlencode(
        {
            "path": "/calendar/action/compose",
            "rru": "addevent",
            "subject": event.title,
            "startdt": outlook_start,
            "enddt": outlook_end,
            "allday": "true" if event.all_day else "false",
            "body": details,
            "location": event.location_line,
        }
    )
    return {
        "ics": reverse("events:event_ics", kwargs={"page_id": event.pk}),
        "google": google,
        "outlook": outlook,
    }


def event_json_ld(event: EventPage, request) -> str:
    """schema.org Event as JSON, escaped for a <script type="application/ld+json"> block."""
    attendance = {
        EventMode.IN_PERSON: "https://schema.org/OfflineEventAttendanceMode",
        EventMode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
        EventMode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
    }
    status = {
        EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
        EventStatus.CANCELLED: "https://schema.org/EventCancelled",
        EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    }
    url = absolute_url(event, request)
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "description": event.teaser,
        "url": url,
        "startDate": event.local_start.date().isoformat()
        if event.all_day
        else event.local_start.isoformat(),
        "endDate": event.local_end.date().isoformat()
        if event.all_day
        else event.local_end.isoformat(),
        "eventAttendanceMode": attendance[event.mode],
        "eventStatus": status[event.status],
        "inLanguage": event.locale.language_code,
        "organizer": {
            "@type": "Organization",
            "name": "Institut für Sozialpädagogische Forschung Mainz gGmbH (ism)",
        },
        "location": [],
    }
    if event.mode in (EventMode.IN_PERSON, EventMode.HYBRID):
        data["location"].append(
            {
                "@type": "Place",
                "name": event.venue_name or event.city,
                "address": {
                    "@type": "PostalAddress",
                    "streetAddress": event.street,
                    "postalCode": event.postal_code,
                    "addressLocality": event.city,
                    "addressCountry": "DE",
                },
            }
        )
    if event.mode in (EventMode.ONLINE, EventMode.HYBRID):
        # The access link itself is for confirmed registrants only.
        data["location"].append({"@type": "VirtualLocation", "url": url})
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")


def focus_area_by_slug(slug: str):
    return next(
        (area for area in home_selectors.focus_areas_for_active_locale() if area.slug == slug),
        None,
    )


# --- registrations --------------------------------------------------------------------------------


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


# One fact in every language. A translation keeps the old values until it is synchronised
# and published again, so these come from the event the registration belongs to.
SHARED_EVENT_FIELDS = (
    "start", "end", "all_day", "mode", "status", "street", "postal_code", "city", "online_access",
)  # fmt: skip


def event_in_language(event: EventPage, language: str) -> EventPage:
    locale = Locale.objects.filter(language_code=language).first()
    translated = event.get_translation_or_none(locale) if locale else None
    return translated if translated is not None and translated.live else event


def event_for_registration(registration: Registration, *, cache: dict | None = None) -> EventPage:
    """The event as the registrant sees it: texts in their language, and time, place, status
    and access from the event the registration belongs to. `cache` (a dict the caller keeps)
    saves the lookup when many registrations of one event are handled."""
    key = (registration.event_id, registration.language)
    if cache is not None and key in cache:
        return cache[key]
    event = event_in_language(registration.event, registration.language)
    if event.pk != registration.event_id:
        for name in SHARED_EVENT_FIELDS:
            setattr(event, name, getattr(registration.event, name))
    if cache is not None:
        cache[key] = event
    return event


def waiting_list_position(registration: Registration) -> int:
    """1 for the first person on the waiting list, in order of registration."""
    earlier = registration.event.registrations.filter(
        status=RegistrationStatus.WAITLISTED, created_at__lte=registration.created_at
    ).exclude(created_at=registration.created_at, pk__gt=registration.pk)
    return earlier.count()


# --- counts for organisers ------------------------------------------------------------------------

# For organisers, people who came were confirmed too.
CONFIRMED_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)
COUNTED_STATUSES = {
    "confirmed": CONFIRMED_STATUSES,
    "waitlisted": (RegistrationStatus.WAITLISTED,),
    "pending": (RegistrationStatus.PENDING,),
    "cancelled": (RegistrationStatus.CANCELLED,),
}
COUNT_ANNOTATION = "_registration_count_{}"
CANONICAL_ANNOTATION = "_registration_event_id"
CAPACITY_ANNOTATION = "_registration_capacity"


@dataclass(frozen=True)
class RegistrationCounts:
    capacity: int | None
    confirmed: int = 0
    waitlisted: int = 0
    pending: int = 0
    cancelled: int = 0

    def summary(self) -> str:
        """ "Bestätigt 12 / 20 · Warteliste 3 · Storniert 1" (pending only when there are any)."""
        if self.capacity is None:
            parts = [_("Bestätigt %(confirmed)s (ohne Platzbegrenzung)") % self.__dict__]
        else:
            parts = [_("Bestätigt %(confirmed)s / %(capacity)s") % self.__dict__]
        parts.append(_("Warteliste %(count)s") % {"count": self.waitlisted})
        if self.pending:
            parts.append(_("Freigabe offen %(count)s") % {"count": self.pending})
        parts.append(_("Storniert %(count)s") % {"count": self.cancelled})
        return " · ".join(parts)


def registration_counts(event: EventPage) -> RegistrationCounts:
    """Counts for one event (any language version) in one aggregate query.

    `event` is the default-language page (see `services.canonical_event`): its capacity is the
    one the registration service applies.
    """
    totals = Registration.objects.filter(event__translation_key=event.translation_key).aggregate(
        **{
            name: Count("pk", filter=Q(status__in=statuses))
            for name, statuses in COUNTED_STATUSES.items()
        }
    )
    return RegistrationCounts(capacity=event.capacity, **totals)


def annotate_registration_counts(pages):
    """Add the counts and the id of the default-language event to a page queryset.

    Correlated subqueries keep the page listing at a constant number of queries however many
    events it shows. Registrations hang off the default-language page; matching on the
    translation key gives every language version the same numbers.
    """
    registrations = Registration.objects.filter(event__translation_key=OuterRef("translation_key"))
    annotations = {
        COUNT_ANNOTATION.format(name): Coalesce(
            Subquery(
                registrations.filter(status__in=statuses)
                .order_by()
                .values("event__translation_key")
                .annotate(total=Count("pk"))
                .values("total"),
                output_field=IntegerField(),
            ),
            0,
        )
        for name, statuses in COUNTED_STATUSES.items()
    }
    # The default-language event: the one to filter by, and the capacity the service applies.
    canonical = EventPage.objects.filter(
        translation_key=OuterRef("translation_key"), locale_id=Locale.get_default().pk
    )
    annotations[CANONICAL_ANNOTATION] = Subquery(canonical.values("pk")[:1])
    annotations[CAPACITY_ANNOTATION] = Subquery(canonical.values("capacity")[:1])
    return pages.annotate(**annotations)


def annotated_registration_counts(page) -> tuple[RegistrationCounts, int] | None:
    """The counts `annotate_registration_counts` left on a page, with the event id to filter by."""
    if not hasattr(page, CANONICAL_ANNOTATION):
        return None
    counts = RegistrationCounts(
        capacity=getattr(page, CAPACITY_ANNOTATION),
        **{name: getattr(page, COUNT_ANNOTATION.format(name)) for name in COUNTED_STATUSES},
    )
    return counts, getattr(page, CANONICAL_ANNOTATION) or page.pk
