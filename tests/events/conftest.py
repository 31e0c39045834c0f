import datetime

import pytest
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, streamfield

from events.choices import EventFormat, EventMode
from events.models import EventPage
from tests.factories import BERLIN, EventPageFactory, berlin_time, translate_page

WINTER_START = datetime.datetime(2027, 1, 20, 10, 0, tzinfo=BERLIN)  # CET, UTC+1
SUMMER_START = datetime.datetime(2027, 7, 14, 10, 0, tzinfo=BERLIN)  # CEST, UTC+2


@pytest.fixture
def en_event_index(event_index, en_news_index):
    """The English translation of "Veranstaltungen" (not part of the base site: tests check
    the fallback to the German events where it is missing)."""
    return translate_page(event_index, en_news_index.locale, title="Events")


@pytest.fixture
def event_defaults() -> dict:
    """The fields `make_event` sets unless told otherwise: open for registration, two seats and
    a waiting list. A test module overrides this fixture to change them for all its events."""
    return {"registration_enabled": True, "capacity": 2, "waiting_list_enabled": True}


@pytest.fixture
def make_event(event_index, event_defaults):
    """Make published events below "Veranstaltungen" (see EventPageFactory for the rest)."""

    def make(**fields) -> EventPage:
        return EventPageFactory(parent=event_index, **{**event_defaults, **fields})

    return make


@pytest.fixture
def add_live_events():
    """Create many live events quickly (query counts, pagination): straight into the tree,
    without revisions (listings and feeds read only live pages) and without a CalendarState."""

    def add(event_index, count: int, *, days: int, spread: int = 20, focus_areas=(), **fields):
        """`count` six-hour events at 10:00, `days` from today onwards, cycling over `spread`
        days. `title` may be a format string using {days}, {number} and {day}."""
        title = fields.pop("title", "Reihe {days} {number:03d}")
        for number in range(count):
            day = days + number % spread
            start = berlin_time(day)
            values = {
                "teaser": "Eine Veranstaltung der Reihe.",
                "event_format": EventFormat.EXPERT_FORUM,
                "mode": EventMode.IN_PERSON,
                "city": "Mainz",
                **fields,
            }
            event_index.add_child(
                instance=EventPage(
                    title=title.format(days=days, number=number, day=day),
                    start=start,
                    end=start + datetime.timedelta(hours=6),
                    focus_areas=list(focus_areas),
                    live=True,
                    first_published_at=timezone.now(),
                    **values,
                )
            )

    return add


def list_block(items: list) -> dict:
    """ListBlock form data (the counterpart of Wagtail's `streamfield()` helper)."""
    data = {
        str(index): {"value": value, "deleted": "", "order": str(index), "id": ""}
        for index, value in enumerate(items)
    }
    data["count"] = str(len(items))
    return data


def build_event_form_data(**overrides) -> dict:
    """POST data of the EventPage admin form: an in-person Fachforum on 20 January 2027."""
    fields = {
        "title": "Fachforum Vielfalt",
        "slug": "fachforum-vielfalt",
        "teaser": "Wie Kommunen Vielfalt steuern.",
        "start": "2027-01-20 10:00",
        "end": "2027-01-20 16:00",
        "status": "scheduled",
        "status_note": "",
        "event_format": "fachforum",
        "mode": "praesenz",
        "target_audience": "",
        "venue_name": "Rathaus, Ratssaal",
        "street": "Jockel-Fuchs-Platz 1",
        "postal_code": "55116",
        "city": "Mainz",
        "online_access": "",
        "body": streamfield([]),
        "programme": streamfield([]),
        "materials": streamfield([]),
        "contact_name": "",
        "contact_email": "",
        "contact_phone": "",
        "capacity": "",
        "registration_opens_at": "",
        "registration_closes_at": "",
        "waiting_list_enabled": "on",
    }
    fields.update(overrides)
    return nested_form_data(fields)


@pytest.fixture
def event_form_data():
    return build_event_form_data
