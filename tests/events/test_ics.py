"""iCalendar export: the per-event download and the subscribable feeds.

Every file is read by two independent parsers, icalendar and vobject (which resolves times
with dateutil from the file's own VTIMEZONE), and some properties are also checked on the raw
bytes, as a calendar client receives them.
"""

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from wagtail.models import PageViewRestriction

from events.choices import EventFormat, EventMode, EventStatus
from tests.events.conftest import SUMMER_START, WINTER_START
from tests.factories import BERLIN, EventPageFactory, translate_page
from tests.helpers import count_queries, parse, publish

UTC = datetime.UTC
CONTENT_TYPE = "text/calendar; charset=utf-8"
PRODID = "-//ism Mainz//Integration im Querschnitt//DE"
FEED = "/kalender/veranstaltungen.ics"
ONLINE_ACCESS = "https://konferenz.example.org/raum/geheim-4711?pwd=Kennwort123"


@dataclass
class Parsed:
    """One calendar file as bytes and as read by both parsers."""

    raw: bytes
    ical: icalendar.Calendar
    vcal: vobject.base.Component

    @property
    def ical_events(self) -> list:
        return self.ical.walk("VEVENT")

    @property
    def vobject_events(self) -> list:
        return self.vcal.contents.get("vevent", [])

    def uids(self) -> list[str]:
        first = [str(event["UID"]) for event in self.ical_events]
        second = [event.uid.value for event in self.vobject_events]
        assert first == second
        return first

    def summaries(self) -> list[str]:
        first = [str(event["SUMMARY"]) for event in self.ical_events]
        second = [event.summary.value for event in self.vobject_events]
        assert first == second
        return first

    def text(self, name: str, index: int = 0) -> str:
        """A text property of the index-th VEVENT, the same from both parsers."""
        first = str(self.ical_events[index][name])
        second = self.vobject_events[index].contents[name.lower()][0].value
        assert first == second
        return first

    def sequence(self, index: int = 0) -> int:
        first = int(self.ical_events[index]["SEQUENCE"])
        second = int(self.vobject_events[index].sequence.value)
        assert first == second
        return first


def parse_calendar(response) -> Parsed:
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    raw = response.content
    return Parsed(
        raw=raw,
        ical=icalendar.Calendar.from_ical(raw),
        vcal=vobject.readOne(raw.decode("utf-8")),
    )


def get_calendar(client, url: str) -> Parsed:
    return parse_calendar(client.get(url))


def event_ics_url(event, prefix: str = "") -> str:
    return f"{prefix}/kalender/veranstaltung/{event.pk}.ics"


def absolute(page) -> str:
    return f"http://localhost{page.url}"


@pytest.fixture
def winter_event(event_index, focus_area):
    return EventPageFactory(
        parent=event_index,
        title="Fachforum Vielfalt",
        slug="fachforum-vielfalt",
        teaser="Wie Kommunen Vielfalt steuern.",
        start=WINTER_START,
        end=WINTER_START + datetime.timedelta(hours=6),
        focus_areas=[focus_area],
    )


# --- headers and calendar properties -----------------------------------------------------------


def test_event_ics_is_a_published_calendar_download(client, winter_event):
    response = client.get(event_ics_url(winter_event))

    calendar = parse_calendar(response)
    assert response["Content-Disposition"] == 'attachment; filename="fachforum-vielfalt.ics"'
    assert str(calendar.ical["VERSION"]) == "2.0"
    assert str(calendar.ical["PRODID"]) == PRODID
    assert str(calendar.ical["METHOD"]) == "PUBLISH"
    assert calendar.vcal.version.value == "2.0"
    assert calendar.vcal.prodid.value == PRODID
    assert calendar.vcal.method.value == "PUBLISH"
    assert calendar.summaries() == ["Fachforum Vielfalt"]


@pytest.mark.parametrize(
    ("url", "filename"),
    [
        (FEED, "veranstaltungen.ics"),
        ("/kalender/format/fachforum.ics", "fachforum.ics"),
        ("/kalender/format/workshop.ics", "workshop.ics"),
        ("/kalender/bereich/steuerung.ics", "steuerung.ics"),
        ("/en/kalender/veranstaltungen.ics", "veranstaltungen.ics"),
        ("/en/kalender/format/fachforum.ics", "fachforum.ics"),
        ("/en/kalender/bereich/steuerung.ics", "steuerung.ics"),
    ],
)
def test_feeds_are_published_calendars_with_an_ics_file_name(
    client, winter_event, en_event_index, url, filename
):
    translate_page(winter_event, en_event_index.locale, title="Diversity forum")

    response = client.get(url)

    calendar = parse_calendar(response)
    assert response["Content-Disposition"] == f'inline; filename="{filename}"'
    assert str(calendar.ical["VERSION"]) == "2.0"
    assert str(calendar.ical["PRODID"]) == PRODID
    assert str(calendar.ical["METHOD"]) == "PUBLISH"
    assert calendar.vcal.method.value == "PUBLISH"


def test_empty_feed_is_a_valid_calendar_without_events(client, event_index):
    calendar = get_calendar(client, FEED)

    assert calendar.uids() == []
    assert str(calendar.ical["VERSION"]) == "2.0"


def test_calendar_urls_accept_only_reading(client, winter_event):
    for url in (FEED, event_ics_url(winter_event)):
        response = client.post(url)
        assert response.status_code == 405
        assert response["Allow"] == "GET, HEAD"
    head = client.head(FEED)
    assert head.status_code == 200
    assert head["Content-Type"] == CONTENT_TYPE


# --- UID and DTSTAMP ---------------------------------------------------------------------------


def test_every_event_has_one_uid_of_its_own(client, event_index):
    events = [
        EventPageFactory(parent=event_index, days=days, title=f"Termin {days}")
        for days in (3, 4, 5)
    ]

    calendar = get_calendar(client, FEED)

    assert calendar.uids() == [f"{event.translation_key}@querschnitt" for event in events]
    assert len(set(calendar.uids())) == 3
    assert len(re.findall(rb"\r\nUID:", calendar.raw)) == 3


def test_uid_is_the_same_in_the_german_and_the_english_export(client, winter_event, en_event_index):
    english = translate_page(winter_event, en_event_index.locale, title="Diversity forum")

    german_uids = get_calendar(client, event_ics_url(winter_event)).uids()
    english_uids = get_calendar(client, event_ics_url(english, "/en")).uids()
    english_feed = get_calendar(client, "/en" + FEED)

    assert german_uids == english_uids == [f"{winter_event.translation_key}@querschnitt"]
    assert english_feed.uids() == german_uids
    assert english_feed.summaries() == ["Diversity forum"]


def test_uid_does_not_change_when_title_and_slug_change(client, winter_event):
    uid_before = get_calendar(client, event_ics_url(winter_event)).uids()
    winter_event.title = "Fachforum Vielfalt und Teilhabe"
    winter_event.slug = "fachforum-vielfalt-und-teilhabe"
    winter_event.save_revision().publish()

    calendar = get_calendar(client, FEED)

    assert calendar.summaries() == ["Fachforum Vielfalt und Teilhabe"]
    assert calendar.uids() == uid_before


def test_every_event_has_a_utc_dtstamp(client, event_index):
    EventPageFactory(parent=event_index, days=3, title="Erster Termin")
    EventPageFactory(parent=event_index, days=4, title="Zweiter Termin")

    calendar = get_calendar(client, FEED)

    assert len(re.findall(rb"\r\nDTSTAMP:\d{8}T\d{6}Z\r\n", calendar.raw)) == 2
    for first, second in zip(calendar.ical_events, calendar.vobject_events, strict=True):
        assert first["DTSTAMP"].dt.utcoffset() == datetime.timedelta(0)
        assert second.dtstamp.value.utcoffset() == datetime.timedelta(0)


# --- times -------------------------------------------------------------------------------------


def test_vtimezone_for_berlin_uses_yearly_rules(client, winter_event):
    calendar = get_calendar(client, event_ics_url(winter_event))

    [timezone] = calendar.ical.walk("VTIMEZONE")
    assert str(timezone["TZID"]) == "Europe/Berlin"
    [daylight] = timezone.walk("DAYLIGHT")
    [standard] = timezone.walk("STANDARD")
    assert dict(daylight["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [3], "BYDAY": ["-1SU"]}
    assert dict(standard["RRULE"]) == {"FREQ": ["YEARLY"], "BYMONTH": [10], "BYDAY": ["-1SU"]}
    assert (daylight["TZOFFSETFROM"].td, daylight["TZOFFSETTO"].td) == (
        datetime.timedelta(hours=1),
        datetime.timedelta(hours=2),
    )
    assert (standard["TZOFFSETFROM"].td, standard["TZOFFSETTO"].td) == (
        datetime.timedelta(hours=2),
        datetime.timedelta(hours=1),
    )
    assert "RDATE" not in daylight
    assert "RDATE" not in standard
    vtimezone = calendar.vcal.vtimezone
    assert vtimezone.tzid.value == "Europe/Berlin"
    assert [rule.rrule.value for rule in vtimezone.contents["daylight"]] == [
        "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"
    ]
    assert [rule.rrule.value for rule in vtimezone.contents["standard"]] == [
        "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"
    ]


def utc_starts(calendar: Parsed) -> dict[str, datetime.datetime]:
    """DTSTART of the first VEVENT in UTC, resolved three ways."""
    dtstart = calendar.ical_events[0]["DTSTART"]
    local = dtstart.dt.replace(tzinfo=None)
    file_rules_ical = calendar.ical.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    file_rules_vobject = calendar.vcal.vtimezone.gettzinfo()
    vobject_start = calendar.vobject_events[0].dtstart
    assert dtstart.params["TZID"] == "Europe/Berlin"
    return {
        "icalendar (tz database)": dtstart.dt.astimezone(UTC),
        "icalendar (file's VTIMEZONE)": local.replace(tzinfo=file_rules_ical).astimezone(UTC),
        "vobject (file's VTIMEZONE)": vobject_start.value.replace(tzinfo=None)
        .replace(tzinfo=file_rules_vobject)
        .astimezone(UTC),
    }


def test_winter_event_starts_at_nine_utc_for_both_parsers(client, winter_event):
    calendar = get_calendar(client, event_ics_url(winter_event))

    assert b"DTSTART;TZID=Europe/Berlin:20270120T100000\r\n" in calendar.raw
    expected = datetime.datetime(2027, 1, 20, 9, 0, tzinfo=UTC)
    assert utc_starts(calendar) == dict.fromkeys(utc_starts(calendar), expected)


def test_summer_event_starts_at_eight_utc_for_both_parsers(client, event_index):
    event = EventPageFactory(
        parent=event_index, start=SUMMER_START, end=SUMMER_START + datetime.timedelta(hours=2)
    )

    calendar = get_calendar(client, event_ics_url(event))

    assert b"DTSTART;TZID=Europe/Berlin:20270714T100000\r\n" in calendar.raw
    assert b"DTEND;TZID=Europe/Berlin:20270714T120000\r\n" in calendar.raw
    expected = datetime.datetime(2027, 7, 14, 8, 0, tzinfo=UTC)
    assert utc_starts(calendar) == dict.fromkeys(utc_starts(calendar), expected)


def test_event_on_the_day_after_the_spring_switch_is_in_summer_time(client, event_index):
    # 28 March 2027 is the last Sunday in March; the Monday after is already CEST.
    start = datetime.datetime(2027, 3, 29, 10, 0, tzinfo=BERLIN)
    event = EventPageFactory(parent=event_index, start=start, end=start)

    calendar = get_calendar(client, event_ics_url(event))

    expected = datetime.datetime(2027, 3, 29, 8, 0, tzinfo=UTC)
    assert utc_starts(calendar) == dict.fromkeys(utc_starts(calendar), expected)


def test_times_are_exported_as_berlin_wall_clock_time(client, event_index):
    # Guard against exporting the stored UTC wall-clock time under the Berlin TZID.
    start = datetime.datetime(2027, 1, 20, 23, 30, tzinfo=ZoneInfo("UTC"))
    event = EventPageFactory(parent=event_index, start=start, end=start)

    calendar = get_calendar(client, event_ics_url(event))

    assert b"DTSTART;TZID=Europe/Berlin:20270121T003000\r\n" in calendar.raw


def test_one_day_all_day_event_has_dates_and_an_exclusive_end(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        all_day=True,
        start=datetime.datetime(2027, 3, 3, 0, 0, tzinfo=BERLIN),
        end=datetime.datetime(2027, 3, 3, 23, 59, tzinfo=BERLIN),
    )

    calendar = get_calendar(client, event_ics_url(event))

    assert b"DTSTART;VALUE=DATE:20270303\r\n" in calendar.raw
    assert b"DTEND;VALUE=DATE:20270304\r\n" in calendar.raw
    [ical_event] = calendar.ical_events
    [vobject_event] = calendar.vobject_events
    for start, end in [
        (ical_event["DTSTART"].dt, ical_event["DTEND"].dt),
        (vobject_event.dtstart.value, vobject_event.dtend.value),
    ]:
        assert type(start) is datetime.date
        assert type(end) is datetime.date
        assert (start, end) == (datetime.date(2027, 3, 3), datetime.date(2027, 3, 4))


def test_multi_day_all_day_event_ends_the_day_after_its_last_day(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        all_day=True,
        start=datetime.datetime(2027, 3, 3, 0, 0, tzinfo=BERLIN),
        end=datetime.datetime(2027, 3, 5, 0, 0, tzinfo=BERLIN),
    )

    calendar = get_calendar(client, event_ics_url(event))

    assert calendar.ical_events[0]["DTEND"].dt == datetime.date(2027, 3, 6)
    assert calendar.vobject_events[0].dtend.value == datetime.date(2027, 3, 6)


def test_all_day_event_late_in_the_berlin_day_keeps_its_berlin_date(client, event_index):
    # 00:30 in Berlin is still the day before in UTC (22:30): the date must be Berlin's.
    event = EventPageFactory(
        parent=event_index,
        all_day=True,
        start=datetime.datetime(2027, 7, 14, 0, 30, tzinfo=BERLIN),
        end=datetime.datetime(2027, 7, 14, 0, 30, tzinfo=BERLIN),
    )

    calendar = get_calendar(client, event_ics_url(event))

    assert calendar.vobject_events[0].dtstart.value == datetime.date(2027, 7, 14)
    assert calendar.ical_events[0]["DTEND"].dt == datetime.date(2027, 7, 15)


# --- status, texts, place, address -------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (EventStatus.SCHEDULED, "CONFIRMED"),
        (EventStatus.CANCELLED, "CANCELLED"),
        (EventStatus.POSTPONED, "TENTATIVE"),
    ],
)
def test_status_is_exported(client, event_index, status, expected):
    event = EventPageFactory(parent=event_index, days=5, title="Forum", status=status)

    calendar = get_calendar(client, event_ics_url(event))

    assert calendar.text("STATUS") == expected


def test_cancelled_event_stays_in_the_feed_marked_cancelled(client, event_index):
    EventPageFactory(parent=event_index, days=5, title="Abgesagt", status=EventStatus.CANCELLED)
    EventPageFactory(parent=event_index, days=6, title="Findet statt")

    calendar = get_calendar(client, FEED)

    assert calendar.summaries() == ["Abgesagt", "Findet statt"]
    assert [calendar.text("STATUS", index) for index in (0, 1)] == ["CANCELLED", "CONFIRMED"]


def test_description_is_plain_text_with_status_audience_and_link(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        days=5,
        title="Forum",
        teaser="Ein Forum für die Praxis & den Austausch.",
        status=EventStatus.CANCELLED,
        status_note="Ein Ersatztermin folgt.",
        target_audience="<p>Fachkräfte aus <strong>Verwaltung</strong></p>",
    )

    calendar = get_calendar(client, event_ics_url(event))

    description = calendar.text("DESCRIPTION")
    assert description == (
        "Abgesagt. Ein Ersatztermin folgt.\n\n"
        "Ein Forum für die Praxis & den Austausch.\n\n"
        "Zielgruppe: Fachkräfte aus Verwaltung\n\n"
        f"Weitere Informationen und Anmeldung: {absolute(event)}"
    )
    assert re.search(r"<[^>]*>", description) is None
    assert "&amp;" not in description


@pytest.mark.parametrize(
    ("mode", "fields", "expected"),
    [
        (
            EventMode.IN_PERSON,
            {"venue_name": "Rathaus\r\nRatssaal", "street": "Jockel-Fuchs-Platz 1\nHinterhaus"},
            "Rathaus Ratssaal, Jockel-Fuchs-Platz 1 Hinterhaus, 55116 Mainz",
        ),
        (
            EventMode.HYBRID,
            {"venue_name": "Rathaus", "street": "Markt 1"},
            "Rathaus, Markt 1, 55116 Mainz (auch online)",
        ),
        (
            EventMode.ONLINE,
            {"venue_name": "", "street": "", "postal_code": "", "city": ""},
            "Online",
        ),
    ],
)
def test_location_is_a_single_line(client, event_index, mode, fields, expected):
    event = EventPageFactory(parent=event_index, days=5, title="Forum", mode=mode, **fields)

    calendar = get_calendar(client, event_ics_url(event))

    assert calendar.text("LOCATION") == expected
    location_lines = [line for line in calendar.raw.split(b"\r\n") if line.startswith(b"LOCATION")]
    assert len(location_lines) == 1
    assert b"\\n" not in location_lines[0]


def test_url_is_the_event_pages_absolute_address(client, winter_event):
    calendar = get_calendar(client, event_ics_url(winter_event))

    assert (
        calendar.ical_events[0]["URL"]
        == "http://localhost/aktuell/veranstaltungen/fachforum-vielfalt/"
    )
    assert calendar.vobject_events[0].url.value == absolute(winter_event)


def test_english_export_links_the_english_page(client, winter_event, en_event_index):
    english = translate_page(winter_event, en_event_index.locale, title="Diversity forum")

    calendar = get_calendar(client, "/en" + FEED)

    assert calendar.vobject_events[0].url.value == absolute(english)
    assert absolute(english).startswith("http://localhost/en/")
    assert calendar.text("DESCRIPTION").endswith(
        f"More information and registration: {absolute(english)}"
    )


def test_online_access_is_never_exported(client, event_index, en_event_index):
    event = EventPageFactory(
        parent=event_index,
        days=5,
        title="Online-Forum",
        mode=EventMode.HYBRID,
        online_access=ONLINE_ACCESS,
    )
    english = translate_page(event, en_event_index.locale, title="Online forum")

    exports = [
        client.get(url).content
        for url in (
            event_ics_url(event),
            event_ics_url(english, "/en"),
            FEED,
            "/en" + FEED,
            "/kalender/format/fachforum.ics",
        )
    ]

    for content in exports:
        assert b"Online-Forum" in content or b"Online forum" in content
        assert b"geheim-4711" not in content
        assert b"konferenz.example.org" not in content


# --- RFC 5545 syntax ---------------------------------------------------------------------------


LONG_TITLE = (
    "Fachforum „Vielfalt gestalten“: Beteiligung von Zugewanderten und ihren "
    "Selbstorganisationen in Ämtern, Gremien und Ausschüssen – ein Überblick über Größe, "
    "Zuständigkeiten und Übergänge"
)
LONG_TEASER = " ".join(["Äußerst ausführliche Übersicht über Maßnahmen und Prüfaufträge."] * 12)


def test_every_line_is_folded_to_75_octets_and_ends_with_crlf(client, event_index):
    EventPageFactory(parent=event_index, days=5, title=LONG_TITLE, teaser=LONG_TEASER)
    EventPageFactory(parent=event_index, days=6, title="Kurz")

    raw = client.get(FEED).content

    assert raw.endswith(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert [line for line in lines if len(line) > 75] == []
    assert [line for line in lines if b"\n" in line or b"\r" in line] == []
    assert len([line for line in lines if line.startswith(b" ")]) > 10
    for line in lines:
        line.decode("utf-8")  # folding never splits a multi-byte character
    calendar = get_calendar(client, FEED)
    assert calendar.summaries() == [LONG_TITLE, "Kurz"]
    assert calendar.text("DESCRIPTION").startswith(LONG_TEASER)


def test_commas_semicolons_backslashes_and_newlines_round_trip(client, event_index):
    title = "Vielfalt, Teilhabe; Beteiligung \\ Kooperation"
    teaser = "Erste Zeile, mit Komma; und Semikolon.\nZweite Zeile \\ mit Backslash."
    event = EventPageFactory(parent=event_index, days=5, title=title, teaser=teaser)

    calendar = get_calendar(client, event_ics_url(event))

    assert b"SUMMARY:Vielfalt\\, Teilhabe\\; Beteiligung \\\\ Kooperation\r\n" in calendar.raw
    assert calendar.summaries() == [title]
    assert calendar.text("DESCRIPTION").startswith(teaser + "\n\n")


# --- which events each feed contains -----------------------------------------------------------


def test_feed_holds_upcoming_events_and_six_months_of_past_ones(client, event_index):
    EventPageFactory(parent=event_index, days=-400, title="Vor über einem Jahr")
    EventPageFactory(parent=event_index, days=-200, title="Vor 200 Tagen")
    EventPageFactory(parent=event_index, days=-170, title="Vor 170 Tagen")
    EventPageFactory(parent=event_index, days=-1, title="Gestern")
    EventPageFactory(parent=event_index, days=30, title="In 30 Tagen")
    EventPageFactory(parent=event_index, days=400, title="In über einem Jahr")

    calendar = get_calendar(client, FEED)

    assert calendar.summaries() == ["Vor 170 Tagen", "Gestern", "In 30 Tagen", "In über einem Jahr"]


@pytest.fixture
def varied_events(event_index, focus_area, other_focus_area):
    return {
        "forum": EventPageFactory(
            parent=event_index, days=3, title="Fachforum Steuerung", focus_areas=[focus_area]
        ),
        "workshop": EventPageFactory(
            parent=event_index,
            days=4,
            title="Workshop Kooperation",
            event_format=EventFormat.WORKSHOP,
            focus_areas=[other_focus_area],
        ),
        "both": EventPageFactory(
            parent=event_index,
            days=5,
            title="Peer-Learning für beide",
            event_format=EventFormat.PEER_LEARNING,
            focus_areas=[focus_area, other_focus_area],
        ),
    }


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("fachforum", ["Fachforum Steuerung"]),
        ("workshop", ["Workshop Kooperation"]),
        ("peer-learning", ["Peer-Learning für beide"]),
        ("online-veranstaltung", []),
    ],
)
def test_format_feed_holds_only_that_format(client, varied_events, slug, expected):
    calendar = get_calendar(client, f"/kalender/format/{slug}.ics")

    assert calendar.summaries() == expected


@pytest.mark.parametrize(
    ("slug", "expected"),
    [
        ("steuerung", ["Fachforum Steuerung", "Peer-Learning für beide"]),
        ("kooperation", ["Workshop Kooperation", "Peer-Learning für beide"]),
    ],
)
def test_focus_area_feed_holds_only_its_events(client, varied_events, slug, expected):
    calendar = get_calendar(client, f"/kalender/bereich/{slug}.ics")

    assert calendar.summaries() == expected


@pytest.mark.parametrize(
    "url",
    [
        "/kalender/format/unbekannt.ics",
        "/kalender/format/FACHFORUM.ics",
        "/kalender/bereich/unbekannt.ics",
        "/en/kalender/format/unbekannt.ics",
        "/en/kalender/bereich/unbekannt.ics",
        "/kalender/veranstaltung/999999.ics",
    ],
)
def test_unknown_feed_or_event_is_not_found(client, varied_events, url):
    response = client.get(url)

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_ics_of_a_page_that_is_not_an_event_is_not_found(client, event_index):
    response = client.get(f"/kalender/veranstaltung/{event_index.pk}.ics")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def make_hidden(event, kind: str) -> None:
    if kind == "unpublished":
        event.unpublish()
    elif kind == "private":
        PageViewRestriction.objects.create(
            page=event, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )


@pytest.mark.parametrize("kind", ["draft", "unpublished", "private"])
@pytest.mark.parametrize("days", [5, -5], ids=["upcoming", "past"])
def test_hidden_events_are_in_no_export_and_have_no_download(
    client, event_index, focus_area, kind, days
):
    EventPageFactory(parent=event_index, days=6, title="Öffentlich", focus_areas=[focus_area])
    hidden = EventPageFactory(
        parent=event_index,
        days=days,
        title="Verborgen",
        focus_areas=[focus_area],
        published=kind != "draft",
    )
    make_hidden(hidden, kind)

    for url in (FEED, "/kalender/format/fachforum.ics", "/kalender/bereich/steuerung.ics"):
        calendar = get_calendar(client, url)
        assert calendar.summaries() == ["Öffentlich"], url
        assert f"{hidden.translation_key}".encode() not in calendar.raw
    assert client.get(event_ics_url(hidden)).status_code == 404


def test_events_below_a_private_event_index_are_in_no_export(client, event_index):
    event = EventPageFactory(parent=event_index, days=5, title="Intern")
    PageViewRestriction.objects.create(
        page=event_index, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    assert get_calendar(client, FEED).summaries() == []
    assert client.get(event_ics_url(event)).status_code == 404


# --- languages ---------------------------------------------------------------------------------


def test_english_urls_export_english_translations_and_the_german_only_events(
    client, varied_events, en_event_index
):
    english_locale = en_event_index.locale
    translate_page(varied_events["forum"], english_locale, title="Forum on steering")
    english_workshop = translate_page(
        varied_events["workshop"], english_locale, title="Workshop on cooperation"
    )

    feed = get_calendar(client, "/en" + FEED)
    format_feed = get_calendar(client, "/en/kalender/format/workshop.ics")
    focus_feed = get_calendar(client, "/en/kalender/bereich/steuerung.ics")
    single = get_calendar(client, event_ics_url(english_workshop, "/en"))

    # An English subscriber still learns of every event; the untranslated one links the German page.
    assert feed.summaries() == [
        "Forum on steering",
        "Workshop on cooperation",
        "Peer-Learning für beide",
    ]
    assert feed.ical_events[2]["URL"] == absolute(varied_events["both"])
    assert format_feed.summaries() == ["Workshop on cooperation"]
    assert focus_feed.summaries() == ["Forum on steering", "Peer-Learning für beide"]
    assert single.summaries() == ["Workshop on cooperation"]
    assert get_calendar(client, FEED).summaries() == [
        "Fachforum Steuerung",
        "Workshop Kooperation",
        "Peer-Learning für beide",
    ]


# --- subscriptions -----------------------------------------------------------------------------


def feed_links(response) -> list[dict]:
    soup = parse(response)
    items = soup.select(".calendar-feeds .calendar-feeds__item")
    return [
        {
            "label": item.select_one(".calendar-feeds__label").get_text(strip=True),
            "hrefs": [link["href"] for link in item.select("a")],
        }
        for item in items
    ]


def test_event_index_offers_webcal_subscriptions_for_every_feed(
    client, event_index, focus_area, other_focus_area
):
    EventPageFactory(parent=event_index, days=5, title="Fachforum", focus_areas=[focus_area])

    links = feed_links(client.get(event_index.url))

    paths = [
        FEED,
        "/kalender/format/fachforum.ics",
        "/kalender/format/peer-learning.ics",
        "/kalender/format/workshop.ics",
        "/kalender/format/online-veranstaltung.ics",
        "/kalender/bereich/steuerung.ics",
        "/kalender/bereich/kooperation.ics",
    ]
    assert [link["label"] for link in links] == [
        "Alle Veranstaltungen",
        "Fachforum",
        "Peer-Learning-Treffen",
        "Workshop",
        "Online-Veranstaltung",
        "Steuerung",
        "Kooperation",
    ]
    assert [link["hrefs"] for link in links] == [
        [f"webcal://testserver{path}", path] for path in paths
    ]
    for path in paths:
        assert get_calendar(client, path).vcal.method.value == "PUBLISH"


def test_english_event_index_offers_english_webcal_subscriptions(
    client, en_event_index, focus_area, other_focus_area
):
    links = feed_links(client.get(en_event_index.url))

    assert [link["hrefs"][0] for link in links] == [
        "webcal://testserver/en/kalender/veranstaltungen.ics",
        "webcal://testserver/en/kalender/format/fachforum.ics",
        "webcal://testserver/en/kalender/format/peer-learning.ics",
        "webcal://testserver/en/kalender/format/workshop.ics",
        "webcal://testserver/en/kalender/format/online-veranstaltung.ics",
        "webcal://testserver/en/kalender/bereich/steuerung.ics",
        "webcal://testserver/en/kalender/bereich/kooperation.ics",
    ]


# --- query count -------------------------------------------------------------------------------


def test_feed_query_count_does_not_grow_with_the_number_of_events(
    client, event_index, en_event_index, focus_area, add_live_events, django_assert_num_queries
):
    first = EventPageFactory(
        parent=event_index, days=5, title="Erster Termin", focus_areas=[focus_area]
    )
    translate_page(first, en_event_index.locale, title="First date")
    urls = [
        FEED,
        "/kalender/format/fachforum.ics",
        "/kalender/bereich/steuerung.ics",
        f"/en{FEED}",
        "/en/kalender/bereich/steuerung.ics",
    ]
    for url in urls:
        client.get(url)  # fills the caches (site root paths, content types)
    queries_for_one = {url: count_queries(client, url) for url in urls}
    add_live_events(event_index, 99, days=6, focus_areas=[focus_area])

    for url in urls:
        with django_assert_num_queries(queries_for_one[url]):
            response = client.get(url)
        assert len(parse_calendar(response).uids()) == 100


# --- conditional requests ---------------------------------------------------------------------


def test_feeds_answer_304_until_an_event_changes(client, winter_event, monkeypatch):
    from django.utils import timezone

    first = client.get(FEED)
    later = timezone.now() + datetime.timedelta(minutes=5)  # another DTSTAMP
    monkeypatch.setattr(timezone, "now", lambda: later)
    unchanged = client.get(FEED, headers={"If-None-Match": first["ETag"]})
    single = client.get(event_ics_url(winter_event))
    single_again = client.get(
        event_ics_url(winter_event), headers={"If-None-Match": single["ETag"]}
    )
    publish(winter_event, title="Fachforum Vielfalt (neuer Raum)")
    changed = client.get(FEED, headers={"If-None-Match": first["ETag"]})

    assert first.status_code == 200 and first["ETag"]
    assert (unchanged.status_code, unchanged.content) == (304, b"")
    assert single_again.status_code == 304
    assert changed.status_code == 200
    assert "neuer Raum" in changed.content.decode()
    assert changed["ETag"] != first["ETag"]
