"""Reads for events, for the view layer, e-mails and the admin. Listings run a fixed number of
queries, whatever the number of events or registrations.

The pages' own reads are queryset methods (events/models.py); this module builds on them.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from home import page_cache
from home.locales import default_locale
from home.models import FocusArea, in_active_language, with_localized_focus_areas

from .availability import SETTINGS_FIELDS, Availability, availability, is_open
from .choices import CONFIRMED_STATUSES, SEAT_STATUSES, EventStatus, RegistrationStatus
from .models import (
    NOT_ANNOTATED,
    CalendarState,
    EventIndexPage,
    EventPage,
    Registration,
    annotated_availability,
)

FEED_HISTORY = timedelta(days=183)  # feeds keep about six months of past events


def upcoming_events(*, limit: int) -> list[EventPage]:
    """The next events that take place (a cancelled one does not take a place in the list)."""
    events = (
        EventPage.objects.listed()
        .upcoming()
        .exclude(status=EventStatus.CANCELLED)
        .with_registration_state()
    )
    events = in_active_language(events[:limit], EventPage.objects.for_cards())
    return with_localized_focus_areas(events)


def event_index_for_active_locale() -> EventIndexPage | None:
    return EventIndexPage.objects.for_active_locale()


# --- iCalendar -------------------------------------------------------------------------------


def events_for_calendar_feed(*, event_format: str = "", focus_area: str = "") -> list[EventPage]:
    """Published public events, upcoming ones and about six months back, each in the active
    language where it is translated."""
    events = EventPage.objects.listed().filter(end__gte=timezone.now() - FEED_HISTORY)
    events = events.order_by("start", "pk")
    if event_format:
        events = events.filter(event_format=event_format)
    if focus_area:
        events = events.filter(focus_areas__slug=focus_area).distinct()
    return in_active_language(events, EventPage.objects.live().public())


def calendar_sequences(events) -> dict:
    keys = [event.translation_key for event in events]
    return dict(
        CalendarState.objects.filter(translation_key__in=keys).values_list(
            "translation_key", "sequence"
        )
    )


def focus_area_by_slug(slug: str) -> FocusArea | None:
    return next((a for a in FocusArea.objects.for_active_locale() if a.slug == slug), None)


# --- registrations --------------------------------------------------------------------------------


def canonical_event(event: EventPage) -> EventPage:
    """The event's page in the default language: registrations hang off this one."""
    default = default_locale()
    if event.locale_id == default.pk:
        return event
    return (
        EventPage.objects.filter(translation_key=event.translation_key, locale=default).first()
        or event
    )


def seats_taken(event: EventPage) -> int:
    return event.registrations.filter(status__in=SEAT_STATUSES).count()


def registration_is_open(event: EventPage, *, now=None) -> bool:
    settings = {name: getattr(event, name) for name in SETTINGS_FIELDS}
    return is_open(settings, now=now or timezone.now())


def availability_for(page: EventPage, *, now=None) -> Availability | None:
    """None when the event takes no registrations at all.

    Registrations belong to the event in the default language, so that page's settings and
    seats count, whichever translation is shown. Uses what a listing annotated
    (EventPageQuerySet.with_registration_state) when it is there, else at most three queries.
    """
    now = now or timezone.now()
    found = annotated_availability(page, now=now)
    if found is NOT_ANNOTATED:
        event = canonical_event(page)
        settings = {name: getattr(event, name) for name in SETTINGS_FIELDS}
        found = (
            availability(settings, seats_taken=seats_taken(event), now=now)
            if settings["registration_enabled"]
            else None
        )
    # A cached page that shows this is stale when a seat is taken or given back, and when the
    # registration opens, closes or the event is over.
    moments = [page.start, page.end]
    if found is not None:
        moments += [found.opens_at, found.closes_at]
    page_cache.depends_on(
        page_cache.event_tag(page.translation_key),
        until=min((moment for moment in moments if moment and moment > now), default=None),
    )
    return found


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


def events_with_registrations(pages) -> list[EventPage]:
    """The events among `pages` and the pages below them that people are registered for (in
    the default language, where registrations belong; anonymised ones do not count)."""
    default = default_locale()
    events = EventPage.objects.none()
    for page in pages:
        if page.locale_id == default.pk:
            events |= EventPage.objects.descendant_of(page, inclusive=True)
    registered = Registration.objects.filter(anonymised_at__isnull=True).values("event")
    return list(events.filter(pk__in=registered).order_by("path"))


def waiting_list_position(registration: Registration) -> int:
    """1 for the first person on the waiting list, in order of registration."""
    earlier = registration.event.registrations.filter(
        status=RegistrationStatus.WAITLISTED, created_at__lte=registration.created_at
    ).exclude(created_at=registration.created_at, pk__gt=registration.pk)
    return earlier.count()


# --- counts for organisers ------------------------------------------------------------------------

# For organisers, people who came were confirmed too.
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

    `event` is the default-language page (see `canonical_event`): its capacity is the
    one the registration service applies.
    """
    totals = Registration.objects.filter(event__translation_key=event.translation_key).aggregate(
        **{
            name: Count("pk", filter=Q(status__in=statuses))
            for name, statuses in COUNTED_STATUSES.items()
        }
    )
    return RegistrationCounts(capacity=event.capacity, **totals)


def order_by_date(pages):
    """Events (as pages) upcoming first, soonest first; then past ones, latest first."""
    now = timezone.now()
    return pages.order_by(
        Case(When(eventpage__end__lt=now, then=Value(1)), default=Value(0)),
        Case(When(eventpage__end__gte=now, then=F("eventpage__start"))).asc(nulls_last=True),
        F("eventpage__start").desc(),
        "path",
    )


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
        translation_key=OuterRef("translation_key"), locale_id=default_locale().pk
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
