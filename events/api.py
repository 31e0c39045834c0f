"""Events over the API (Wagtail's API v3, django-ninja): upcoming Fachforen and other events
with their registration state, and registration by POST through the same service, rules and
limits as the form on the site.

Mounted at /api/v3/events/ by EventsConfig.ready(), so Wagtail's schema and docs describe it.
Anonymous and public only: no registrations, no online access details, no e-mail addresses.
"""

import datetime
from typing import Literal

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from wagtail.api.v3.errors import ProblemDetail, problem_response

from home.api import (
    LIST_LIMIT_MAX,
    FocusAreaSchema,
    LanguageCode,
    PageId,
    PageLinkSchema,
    focus_area_data,
    form_errors,
    page_links,
    problems,
    requested_language,
)
from home.api_schemas import BodyBlock, body_blocks
from home.http import client_ip
from home.links import absolute_url
from home.models import in_active_language, with_localized_focus_areas

from . import filters, selectors, services
from .api_schemas import Material, ProgrammeDay, materials, programme_days
from .choices import EventFormat, EventMode, EventStatus
from .forms import RegistrationForm
from .models import EventPage

router = Router(tags=["Veranstaltungen"])

FormatCode = Literal[tuple(EventFormat.values)]  # type: ignore[valid-type]
ModeCode = Literal[tuple(EventMode.values)]  # type: ignore[valid-type]
StatusCode = Literal[tuple(EventStatus.values)]  # type: ignore[valid-type]
RegistrationState = Literal["open", "waiting_list", "full", "not_yet_open", "closed"]


class Choice(Schema):
    value: str
    label: str


class VenueSchema(Schema):
    name: str
    street: str
    postal_code: str
    city: str


class RegistrationInfo(Schema):
    state: RegistrationState = Field(
        description="open: Plätze frei; waiting_list: ausgebucht, Warteliste offen; full: "
        "ausgebucht ohne Warteliste; not_yet_open / closed: keine Anmeldung möglich."
    )
    capacity: int | None
    seats_left: int | None
    opens_at: datetime.datetime | None
    closes_at: datetime.datetime | None
    approval_required: bool
    form_url: str = Field(description="The registration form on the site.")
    api_url: str = Field(description="POST a registration here.")


class EventSchema(Schema):
    id: int
    title: str
    locale: LanguageCode
    url: str
    detail_url: str
    teaser: str
    start: datetime.datetime = Field(description="With the offset of `time_zone`.")
    end: datetime.datetime
    all_day: bool
    time_zone: str
    format: Choice
    mode: Choice
    status: Choice
    status_note: str
    venue: VenueSchema | None = Field(description="None for events held online only.")
    focus_areas: list[FocusAreaSchema]
    registration: RegistrationInfo | None = Field(
        description="None when the event takes no registrations."
    )
    ics_url: str
    webcal_url: str
    translations: list[PageLinkSchema]


class EventList(Schema):
    count: int
    items: list[EventSchema]


class EventDetailSchema(EventSchema):
    target_audience: str
    body: list[BodyBlock]
    programme: list[ProgrammeDay]
    materials: list[Material]


class EventFilters(Schema):
    upcoming: bool = Field(
        True, description="true: events not over yet, soonest first; false: past, newest first."
    )
    format: FormatCode | None = None
    mode: ModeCode | None = None
    focus_area: str | None = Field(None, description="Slug of a Gestaltungsbereich.")
    start_from: datetime.date | None = Field(None, description="Events ending on or after it.")
    start_to: datetime.date | None = Field(None, description="Events starting on or before it.")
    locale: LanguageCode | None = Field(
        None,
        description="Language of the items: translated where a translation is published, "
        "else German (see each item's `locale`). Default: the request's Accept-Language.",
    )
    limit: int = Field(20, ge=1, le=LIST_LIMIT_MAX)
    offset: int = Field(0, ge=0, le=100_000)


def _local(moment):
    return timezone.localtime(moment) if moment else None


def _choice(choices, value: str) -> dict:
    return {"value": value, "label": str(choices(value).label)}


def _calendar_urls(event: EventPage, request) -> tuple[str, str]:
    with translation.override(event.locale.language_code):
        path = reverse("events:event_ics", args=[event.pk])
    url = absolute_url(path, request)
    return url, "webcal://" + url.split("://", 1)[1]


def _registration(event: EventPage, canonical_pk: int, *, now, request) -> dict | None:
    availability = selectors.availability_for(event, now=now)
    if availability is None:
        return None
    page_url = event.get_url(request)
    form_url = page_url + event.reverse_subpage("register") if page_url else ""
    return {
        "state": availability.state,
        "capacity": availability.capacity,
        "seats_left": availability.seats_left,
        "opens_at": _local(availability.opens_at),
        "closes_at": _local(availability.closes_at),
        "approval_required": availability.approval_required,
        "form_url": absolute_url(form_url, request) if form_url else "",
        "api_url": absolute_url(
            reverse("wagtailapi_v3:events_register", args=[canonical_pk]), request
        ),
    }


def event_data(event: EventPage, *, links: dict, canonical_pks: dict, now, request) -> dict:
    ics_url, webcal_url = _calendar_urls(event, request)
    has_venue = event.mode != EventMode.ONLINE
    return {
        "id": event.pk,
        "title": event.title,
        "locale": event.locale.language_code,
        "url": absolute_url(event.get_url(request) or "", request),
        "detail_url": absolute_url(
            reverse("wagtailapi_v3:events_detail", args=[event.pk]), request
        ),
        "teaser": event.teaser,
        "start": timezone.localtime(event.start),
        "end": timezone.localtime(event.end),
        "all_day": event.all_day,
        "time_zone": settings.TIME_ZONE,
        "format": _choice(EventFormat, event.event_format),
        "mode": _choice(EventMode, event.mode),
        "status": _choice(EventStatus, event.status),
        "status_note": event.status_note,
        "venue": {
            "name": event.venue_name,
            "street": event.street,
            "postal_code": event.postal_code,
            "city": event.city,
        }
        if has_venue
        else None,
        "focus_areas": [focus_area_data(area) for area in event.localized_focus_areas],
        "registration": _registration(
            event, canonical_pks.get(event.translation_key, event.pk), now=now, request=request
        ),
        "ics_url": ics_url,
        "webcal_url": webcal_url,
        "translations": links.get(event.translation_key, []),
    }


def _listed_events(query: EventFilters):
    """The events the site's own listing shows for the same filters (EventPage.matching),
    narrowed to the date range."""
    same_as_the_site = filters.EventFilters(
        event_format=query.format or "",
        mode=query.mode or "",
        focus_area=query.focus_area or "",
        archive=not query.upcoming,
    )
    events = EventPage.objects.listed().select_related("locale").matching(same_as_the_site)
    if query.start_from:
        events = events.filter(end__date__gte=query.start_from)
    if query.start_to:
        events = events.filter(start__date__lte=query.start_to)
    return events


def _items(events: list[EventPage], *, request) -> list[dict]:
    """A page of events (German, as listed) in the active language, all at once:
    translations, URLs, focus areas and registration state are each read in one query for
    all items."""
    canonical_pks = {event.translation_key: event.pk for event in events}
    events = in_active_language(events, EventPage.objects.for_cards().select_related("locale"))
    events = with_localized_focus_areas(events)
    links = page_links(events, request=request)
    now = timezone.now()
    return [
        event_data(event, links=links, canonical_pks=canonical_pks, now=now, request=request)
        for event in events
    ]


@router.get(
    "/",
    response={200: EventList, 422: ProblemDetail},
    openapi_extra=problems(422),
    url_name="events_list",
    summary="Veranstaltungen",
    operation_id="events_list",
    auth=None,
)
def list_events(request: HttpRequest, query: Query[EventFilters]):
    """Live, public events, upcoming ones first (or past ones with `upcoming=false`), in a
    stable order (start, then id)."""
    with requested_language(query.locale):
        events = _listed_events(query).with_registration_state()
        count = events.count()
        page = list(events[query.offset : query.offset + query.limit])
        items = _items(page, request=request)
    return {"count": count, "items": items}


def _public_event(event_id: int) -> EventPage:
    event = (
        EventPage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related("focus_areas")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        raise Http404
    return event


@router.get(
    "/{event_id}/",
    response={200: EventDetailSchema, 404: ProblemDetail, 422: ProblemDetail},
    openapi_extra=problems(404, 422),
    url_name="events_detail",
    summary="Veranstaltung",
    operation_id="events_detail",
    auth=None,
)
def get_event(request: HttpRequest, event_id: PageId):
    """One live, public event in its own language, with its description and programme."""
    event = _public_event(event_id)
    with translation.override(event.locale.language_code):
        [event] = with_localized_focus_areas([event])
        links = page_links([event], request=request)
        canonical = selectors.canonical_event(event)
        data = event_data(
            event,
            links=links,
            canonical_pks={event.translation_key: canonical.pk},
            now=None,
            request=request,
        )
        data.update(
            target_audience=event.target_audience,
            body=body_blocks(event.body, request=request),
            programme=programme_days(event.programme, request=request),
            materials=materials(event.materials, request=request),
        )
    return data


class RegistrationIn(Schema):
    name: str = Field(max_length=10_000)
    email: str = Field(max_length=10_000)
    organisation: str = Field("", max_length=10_000)
    municipality: str = Field("", max_length=10_000)
    role: str = Field("", max_length=10_000)
    participation_mode: Literal["", "praesenz", "online"] = Field(
        "", description="Only for hybrid events: on site (praesenz) or online."
    )
    accessibility_needs: str = Field("", max_length=10_000)
    dietary_needs: str = Field("", max_length=10_000, description="Where catering is offered.")
    privacy_consent: bool = Field(
        description="The registrant agrees to the privacy notice (required: true)."
    )
    participant_list_consent: bool = False


class AcceptedSchema(Schema):
    message: str


def _refused(status: int, message: str):
    return problem_response(status=status, detail=message)


@router.post(
    "/{event_id}/registrations/",
    response={
        202: AcceptedSchema,
        400: ProblemDetail,
        404: ProblemDetail,
        409: ProblemDetail,
        422: ProblemDetail,
        429: ProblemDetail,
    },
    openapi_extra=problems(400, 404, 409, 422, 429),
    url_name="events_register",
    summary="Anmelden",
    operation_id="events_register",
    auth=None,
)
def register(request: HttpRequest, event_id: PageId, payload: RegistrationIn):
    """Register a person for an event. The answer is the same whether the address was new or
    already registered: the personal link (to see, change or cancel the registration) goes
    only to that mailbox, as on the site.

    Refusals are problem details (RFC 9457) like Wagtail's own: `422` with `errors`, one
    `{"loc": [field], "msg": ...}` per message in the language of Accept-Language; `409` when
    the event is closed or full without waiting list; `429` over the rate limit."""
    page = _public_event(event_id)
    event = selectors.canonical_event(page)
    if not event.registration_enabled:
        raise Http404
    data = payload.dict()
    data = {key: value for key, value in data.items() if value not in ("", False)}
    form = RegistrationForm(data=data, event=event)
    if not form.is_valid():
        return problem_response(
            status=422, detail=_("Bitte prüfen Sie Ihre Angaben."), errors=form_errors(form)
        )
    address = form.cleaned_data["email"]
    if services.registration_rate_limited(client_ip(request), address):
        response = _refused(
            429,
            _(
                "Sie haben das Formular in kurzer Zeit zu oft abgeschickt. Bitte versuchen Sie "
                "es in einer Stunde noch einmal."
            ),
        )
        response["Retry-After"] = str(services.RATE_LIMIT_WINDOW)
        return response
    try:
        services.register_for_event(
            event=page, data=form.registration_data(), language=translation.get_language()
        )
    except services.RegistrationError as error:
        if error.code != services.ALREADY_REGISTERED:
            return _refused(409, str(error.message))
        services.send_registration_link(event=page, email=address)
    return 202, {
        "message": _(
            "Vielen Dank! Wir haben eine E-Mail an %(email)s geschickt. Darin finden Sie den "
            "Link zu Ihrer Anmeldung."
        )
        % {"email": address}
    }
