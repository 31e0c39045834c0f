"""Event page types: where they may be created, the admin form, and the public event page."""

import datetime
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from events.choices import EventFormat, EventMode, EventStatus
from events.models import CalendarState, EventIndexPage, EventPage
from home.models import ContentPage, HomePage, NewsIndexPage, NewsPage
from tests import base_site
from tests.events.conftest import (
    SUMMER_START,
    WINTER_START,
    build_event_form_data,
    list_block,
)
from tests.factories import (
    BERLIN,
    EventPageFactory,
    translate_page,
)
from tests.helpers import parse, text_of

END_BEFORE_START = "Das Ende muss nach dem Beginn liegen."
CITY_REQUIRED = "Bitte geben Sie für Präsenz- und Hybridveranstaltungen den Ort an."
ONLINE_ACCESS = "https://konferenz.example.org/raum/geheim-4711?pwd=Kennwort123"


def fact(soup, label: str) -> str:
    """The text of the event fact (Termin, Ort, ...) with the given label."""
    for row in soup.select(".event-facts__row"):
        if row.dt.get_text(strip=True) == label:
            return text_of(row.dd)
    raise AssertionError(f"no event fact {label!r}")


def json_ld(response) -> dict:
    script = parse(response).select_one('script[type="application/ld+json"]')
    return json.loads(script.string)


def query_of(url: str) -> dict[str, str]:
    return {key: values[0] for key, values in parse_qs(urlsplit(url).query).items()}


# --- page type rules ---------------------------------------------------------------------------


class TestEventPageTypeRules(WagtailPageTestCase):
    def test_event_index_is_allowed_only_below_aktuell(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {NewsIndexPage})
        self.assertCanCreateAt(NewsIndexPage, EventIndexPage)
        self.assertCanNotCreateAt(Page, EventIndexPage)
        self.assertCanNotCreateAt(HomePage, EventIndexPage)
        self.assertCanNotCreateAt(ContentPage, EventIndexPage)
        self.assertCanNotCreateAt(EventIndexPage, EventIndexPage)
        self.assertCanNotCreateAt(EventPage, EventIndexPage)

    def test_event_index_holds_only_event_pages(self):
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})
        self.assertCanNotCreateAt(EventIndexPage, ContentPage)

    def test_event_page_is_allowed_only_below_the_event_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())
        self.assertCanCreateAt(EventIndexPage, EventPage)
        self.assertCanNotCreateAt(Page, EventPage)
        self.assertCanNotCreateAt(HomePage, EventPage)
        self.assertCanNotCreateAt(ContentPage, EventPage)
        self.assertCanNotCreateAt(NewsIndexPage, EventPage)
        self.assertCanNotCreateAt(EventPage, EventPage)

    def test_aktuell_holds_the_event_index_besides_the_news(self):
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage, EventIndexPage})


class TestEventIndexMaxCount(WagtailPageTestCase):
    def test_second_event_index_below_aktuell_is_refused(self):
        news_index = base_site.get("news_index")
        assert EventIndexPage.objects.child_of(news_index).exists()

        assert EventIndexPage.can_create_at(news_index) is False


# --- creating event pages in the admin ---------------------------------------------------------


class TestCreateEventPagesInAdmin(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = base_site.get("home")
        cls.event_index = base_site.get("event_index")
        cls.focus_area = base_site.get("focus_area")

    def setUp(self):
        self.login()

    def add_url(self) -> str:
        return f"/admin/pages/add/events/eventpage/{self.event_index.pk}/"

    def test_event_index_is_created_below_aktuell_without_one(self):
        self.event_index.delete()
        data = nested_form_data({"title": "Veranstaltungen", "intro": "Fachforen und mehr."})

        self.assertCanCreate(base_site.get("news_index"), EventIndexPage, data)

        assert EventIndexPage.objects.get().intro == "Fachforen und mehr."

    def test_event_page_with_programme_and_focus_area_is_created_and_published(self):
        data = build_event_form_data(
            programme=_programme_form_data(),
            target_audience="Fachkräfte aus Verwaltung und Zivilgesellschaft",
        )
        data["focus_areas"] = [self.focus_area.pk]

        self.assertCanCreate(self.event_index, EventPage, data)

        event = EventPage.objects.get(slug="fachforum-vielfalt")
        assert event.live is True
        assert event.start == WINTER_START
        assert event.end == datetime.datetime(2027, 1, 20, 16, 0, tzinfo=BERLIN)
        assert (event.event_format, event.mode, event.status) == (
            "fachforum",
            EventMode.IN_PERSON,
            EventStatus.SCHEDULED,
        )
        assert event.city == "Mainz"
        assert list(event.focus_areas.all()) == [self.focus_area]
        day = event.programme[0].value
        assert day["day"] == datetime.date(2027, 1, 20)
        assert [item["title"] for item in day["items"]] == ["Begrüßung", "Fachimpuls"]
        assert day["items"][1]["speakers"] == "Dr. Erika Muster"
        state = CalendarState.objects.get(translation_key=event.translation_key)
        assert state.sequence == 0

    def test_end_before_start_is_refused_with_german_message(self):
        data = build_event_form_data(start="2027-01-20 16:00", end="2027-01-20 10:00")
        data["action-publish"] = "action-publish"

        response = self.client.post(self.add_url(), data)

        assert response.status_code == 200
        assert response.context["form"].errors["end"] == [END_BEFORE_START]
        assert EventPage.objects.exists() is False

    def test_in_person_and_hybrid_events_without_city_are_refused_with_german_message(self):
        for mode in (EventMode.IN_PERSON, EventMode.HYBRID):
            with self.subTest(mode=mode):
                data = build_event_form_data(mode=mode, city="")
                data["action-publish"] = "action-publish"

                response = self.client.post(self.add_url(), data)

                assert response.status_code == 200
                assert response.context["form"].errors["city"] == [CITY_REQUIRED]
                assert EventPage.objects.exists() is False

    def test_online_event_without_city_is_created(self):
        data = build_event_form_data(
            mode=EventMode.ONLINE, venue_name="", street="", postal_code="", city=""
        )

        self.assertCanCreate(self.event_index, EventPage, data)

        assert EventPage.objects.get().mode == EventMode.ONLINE


def _programme_form_data() -> dict:
    agenda = [
        {
            "start_time": "10:00",
            "end_time": "10:30",
            "title": "Begrüßung",
            "speakers": "",
            "description": "",
        },
        {
            "start_time": "10:30",
            "end_time": "11:15",
            "title": "Fachimpuls",
            "speakers": "Dr. Erika Muster",
            "description": "",
        },
    ]
    return streamfield([("day", {"day": "2027-01-20", "items": list_block(agenda)})])


# --- the public event page ---------------------------------------------------------------------


PROGRAMME = [
    (
        "day",
        {
            "day": datetime.date(2027, 1, 20),
            "items": [
                {
                    "start_time": datetime.time(10, 0),
                    "end_time": datetime.time(10, 30),
                    "title": "Begrüßung und Einführung",
                    "speakers": "Projektteam ism",
                    "description": "",
                },
                {
                    "start_time": datetime.time(10, 30),
                    "end_time": datetime.time(11, 15),
                    "title": "Vielfalt als Querschnittsaufgabe",
                    "speakers": "Dr. Erika Muster, Stadt Andernach",
                    "description": "Impuls mit Diskussion.",
                },
            ],
        },
    )
]


@pytest.fixture
def winter_event(event_index, focus_area):
    return EventPageFactory(
        parent=event_index,
        title="Fachforum Vielfalt",
        teaser="Wie Kommunen Vielfalt als Querschnittsaufgabe steuern.",
        start=WINTER_START,
        end=WINTER_START + datetime.timedelta(hours=2),
        mode=EventMode.HYBRID,
        venue_name="Rathaus, Ratssaal",
        street="Jockel-Fuchs-Platz 1",
        postal_code="55116",
        city="Mainz",
        online_access=ONLINE_ACCESS,
        focus_areas=[focus_area],
        programme=PROGRAMME,
        target_audience="Fachkräfte aus Verwaltung und Zivilgesellschaft",
    )


def test_event_page_shows_title_teaser_german_date_venue_and_focus_area(client, winter_event):
    response = client.get(winter_event.url)

    soup = parse(response)
    assert response.status_code == 200
    assert text_of(soup.h1) == "Fachforum Vielfalt"
    assert text_of(soup.select_one(".article__header .lead")) == (
        "Wie Kommunen Vielfalt als Querschnittsaufgabe steuern."
    )
    assert text_of(soup.select_one(".article__meta")) == "Fachforum · Hybrid"
    assert fact(soup, "Termin") == "Mittwoch, 20. Januar 2027, 10:00–12:00 Uhr"
    assert [time["datetime"] for time in soup.select(".event-facts time")] == [
        "2027-01-20T10:00:00+01:00",
        "2027-01-20T12:00:00+01:00",
    ]
    # Without a registration on this site there is no confirmation to bring access data.
    assert fact(soup, "Veranstaltungsort") == (
        "Rathaus, Ratssaal Jockel-Fuchs-Platz 1 55116 Mainz Auch online möglich."
    )
    assert fact(soup, "Gestaltungsbereiche") == "Steuerung"
    assert fact(soup, "Zielgruppe") == "Fachkräfte aus Verwaltung und Zivilgesellschaft"


def test_summer_event_date_is_shown_in_berlin_summer_time(client, event_index):
    event = EventPageFactory(
        parent=event_index, start=SUMMER_START, end=SUMMER_START + datetime.timedelta(hours=6)
    )

    soup = parse(client.get(event.url))

    assert fact(soup, "Termin") == "Mittwoch, 14. Juli 2027, 10:00–16:00 Uhr"
    assert soup.select_one(".event-facts time")["datetime"] == "2027-07-14T10:00:00+02:00"


def test_multi_day_and_all_day_events_show_their_days(client, event_index):
    two_days = EventPageFactory(
        parent=event_index,
        start=datetime.datetime(2027, 3, 3, 10, 0, tzinfo=BERLIN),
        end=datetime.datetime(2027, 3, 4, 15, 0, tzinfo=BERLIN),
    )
    all_day = EventPageFactory(
        parent=event_index,
        all_day=True,
        start=datetime.datetime(2027, 3, 3, 0, 0, tzinfo=BERLIN),
        end=datetime.datetime(2027, 3, 3, 23, 59, tzinfo=BERLIN),
    )

    assert fact(parse(client.get(two_days.url)), "Termin") == (
        "Mittwoch, 3. März 2027, 10:00 Uhr – Donnerstag, 4. März 2027, 15:00 Uhr"
    )
    assert fact(parse(client.get(all_day.url)), "Termin") == "Mittwoch, 3. März 2027, ganztägig"


def test_event_page_shows_the_programme_items_with_times_and_speakers(client, winter_event):
    soup = parse(client.get(winter_event.url))

    programme = soup.select_one(".programme")
    assert text_of(programme.select_one(".programme-day__title")) == "Mittwoch, 20. Januar 2027"
    assert [text_of(item) for item in programme.select(".agenda__item")] == [
        "10:00–10:30 Uhr Begrüßung und Einführung Projektteam ism",
        "10:30–11:15 Uhr Vielfalt als Querschnittsaufgabe Dr. Erika Muster, Stadt Andernach "
        "Impuls mit Diskussion.",
    ]


def test_scheduled_event_shows_no_status_notice(client, winter_event):
    soup = parse(client.get(winter_event.url))

    assert soup.select(".status-notice") == []


def test_cancelled_event_says_so_with_the_note(client, event_index):
    event = EventPageFactory(
        parent=event_index, status=EventStatus.CANCELLED, status_note="Ein Ersatztermin folgt."
    )

    soup = parse(client.get(event.url))

    notice = soup.select_one(".status-notice--cancelled")
    assert text_of(notice) == "Diese Veranstaltung ist abgesagt. Ein Ersatztermin folgt."
    assert soup.select(".status-notice--postponed") == []


def test_postponed_event_says_so_with_the_note(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        status=EventStatus.POSTPONED,
        status_note="Der neue Termin wird bald bekannt gegeben.",
    )

    soup = parse(client.get(event.url))

    notice = soup.select_one(".status-notice--postponed")
    assert text_of(notice) == (
        "Diese Veranstaltung wird verschoben. Der neue Termin wird bald bekannt gegeben."
    )
    assert soup.select(".status-notice--cancelled") == []


def calendar_links(response) -> dict[str, str]:
    section = parse(response).select_one(".add-to-calendar")
    assert text_of(section.h2) == "Zum Kalender hinzufügen"
    links = section.select("a")
    return {
        "ics": links[0]["href"],
        "google": links[1]["href"],
        "outlook": links[2]["href"],
        "labels": [text_of(link) for link in links],
    }


def test_add_to_calendar_offers_ics_google_and_outlook(client, winter_event):
    links = calendar_links(client.get(winter_event.url))

    assert links["labels"] == [
        "iCal-Datei (Outlook, Apple, Thunderbird)",
        "Google Kalender (externe Seite)",
        "Outlook.com (externe Seite)",
    ]
    assert links["ics"] == f"/kalender/veranstaltung/{winter_event.pk}.ics"
    download = client.get(links["ics"])
    assert download.status_code == 200
    assert download["Content-Type"] == "text/calendar; charset=utf-8"
    assert f"UID:{winter_event.translation_key}@querschnitt".encode() in download.content


def test_google_calendar_link_carries_title_utc_dates_and_place(client, winter_event):
    link = calendar_links(client.get(winter_event.url))["google"]

    assert link.startswith("https://calendar.google.com/calendar/render?")
    query = query_of(link)
    assert query["action"] == "TEMPLATE"
    assert query["text"] == "Fachforum Vielfalt"
    assert query["dates"] == "20270120T090000Z/20270120T110000Z"
    assert query["ctz"] == "Europe/Berlin"
    assert query["location"] == (
        "Rathaus, Ratssaal, Jockel-Fuchs-Platz 1, 55116 Mainz (auch online)"
    )
    assert f"http://localhost{winter_event.url}" in query["details"]


def test_google_calendar_link_for_summer_event_uses_summer_offset(client, event_index):
    event = EventPageFactory(
        parent=event_index, start=SUMMER_START, end=SUMMER_START + datetime.timedelta(hours=2)
    )

    query = query_of(calendar_links(client.get(event.url))["google"])

    assert query["dates"] == "20270714T080000Z/20270714T100000Z"


def test_outlook_link_carries_title_and_berlin_times(client, winter_event):
    link = calendar_links(client.get(winter_event.url))["outlook"]

    assert link.startswith("https://outlook.live.com/calendar/0/deeplink/compose?")
    query = query_of(link)
    assert query["subject"] == "Fachforum Vielfalt"
    assert query["startdt"] == "2027-01-20T10:00:00+01:00"
    assert query["enddt"] == "2027-01-20T12:00:00+01:00"
    assert query["allday"] == "false"


def test_calendar_links_of_an_all_day_event_use_dates_with_exclusive_end(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        all_day=True,
        start=datetime.datetime(2027, 3, 3, 0, 0, tzinfo=BERLIN),
        end=datetime.datetime(2027, 3, 3, 23, 59, tzinfo=BERLIN),
    )

    links = calendar_links(client.get(event.url))

    assert query_of(links["google"])["dates"] == "20270303/20270304"
    outlook = query_of(links["outlook"])
    assert (outlook["startdt"], outlook["enddt"], outlook["allday"]) == (
        "2027-03-03",
        "2027-03-04",
        "true",
    )


def test_json_ld_describes_a_scheduled_hybrid_event(client, winter_event):
    data = json_ld(client.get(winter_event.url))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Event"
    assert data["name"] == "Fachforum Vielfalt"
    assert data["startDate"] == "2027-01-20T10:00:00+01:00"
    assert data["endDate"] == "2027-01-20T12:00:00+01:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert data["url"] == f"http://localhost{winter_event.url}"
    assert data["location"] == [
        {
            "@type": "Place",
            "name": "Rathaus, Ratssaal",
            "address": {
                "@type": "PostalAddress",
                "streetAddress": "Jockel-Fuchs-Platz 1",
                "postalCode": "55116",
                "addressLocality": "Mainz",
                "addressCountry": "DE",
            },
        },
        {"@type": "VirtualLocation", "url": f"http://localhost{winter_event.url}"},
    ]


def test_json_ld_marks_a_cancelled_event(client, event_index):
    event = EventPageFactory(parent=event_index, status=EventStatus.CANCELLED)

    data = json_ld(client.get(event.url))

    assert data["eventStatus"] == "https://schema.org/EventCancelled"


def test_json_ld_marks_a_postponed_event(client, event_index):
    event = EventPageFactory(parent=event_index, status=EventStatus.POSTPONED)

    data = json_ld(client.get(event.url))

    assert data["eventStatus"] == "https://schema.org/EventPostponed"


def test_json_ld_survives_markup_in_the_title(client, event_index):
    event = EventPageFactory(
        parent=event_index, title="Forum </script><script>alert(1)</script> & mehr"
    )

    response = client.get(event.url)

    assert json_ld(response)["name"] == "Forum </script><script>alert(1)</script> & mehr"
    assert b"<script>alert(1)" not in response.content


def test_online_access_is_never_shown_on_the_public_event_page(client, winter_event):
    response = client.get(winter_event.url)

    content = response.content.decode()
    assert response.status_code == 200
    assert "konferenz.example.org" not in content
    assert "geheim-4711" not in content
    assert "Kennwort123" not in content


def test_online_access_is_never_shown_on_the_english_event_page(
    client, winter_event, en_event_index
):
    english = translate_page(winter_event, en_event_index.locale, title="Diversity forum")

    response = client.get(english.url)

    assert response.status_code == 200
    assert "Diversity forum" in response.content.decode()
    assert "geheim-4711" not in response.content.decode()


def test_english_event_page_writes_dates_the_english_way(client, winter_event, en_event_index):
    english = translate_page(winter_event, en_event_index.locale, title="Diversity forum")

    soup = parse(client.get(english.url))

    assert fact(soup, "Date") == "Wednesday, 20 January 2027, 10:00–12:00"


def test_english_event_page_calls_the_place_venue_and_marks_german_footer_links(
    client, winter_event, en_event_index, legal_pages
):
    english = translate_page(winter_event, en_event_index.locale, title="Diversity forum")

    soup = parse(client.get(english.url))

    assert "Venue" in [dt.get_text(strip=True) for dt in soup.select(".event-facts__row dt")]
    assert "Town" not in soup.select_one(".event-facts").get_text()
    footer_links = soup.select(".site-footer__links li")
    assert footer_links, "the base site links its German legal pages"
    for item in footer_links:
        assert item.a["hreflang"] == "de"
        note = item.select_one(".language-note")
        assert (text_of(note), note["lang"]) == ("only in German", "en")


ONLINE_ONLY = {
    "mode": EventMode.ONLINE,
    "venue_name": "",
    "street": "",
    "postal_code": "",
    "city": "",
}


def test_online_event_says_access_details_come_with_the_confirmation(client, event_index):
    event = EventPageFactory(
        parent=event_index, registration_enabled=True, online_access=ONLINE_ACCESS, **ONLINE_ONLY
    )

    response = client.get(event.url)

    soup = parse(response)
    assert fact(soup, "Veranstaltungsort") == (
        "Online. Die Zugangsdaten erhalten Sie mit der Anmeldebestätigung."
    )
    assert json_ld(response)["location"] == [
        {"@type": "VirtualLocation", "url": f"http://localhost{event.url}"}
    ]
    assert "geheim-4711" not in response.content.decode()


def test_a_closed_peer_learning_meeting_says_who_it_is_for_instead_of_a_registration(
    client, event_index
):
    event = EventPageFactory(
        parent=event_index,
        event_format=EventFormat.PEER_LEARNING,
        online_access=ONLINE_ACCESS,
        **ONLINE_ONLY,
    )

    soup = parse(client.get(event.url))

    assert fact(soup, "Veranstaltungsort") == "Online. Die Zugangsdaten kommen mit der Einladung."
    assert fact(soup, "Teilnahme").startswith("Nur für die Partnerkommunen des Projekts.")
    assert "Anmeldebestätigung" not in text_of(soup.main)
    assert client.get(event.url + "anmelden/").status_code == 404


def test_an_online_event_without_registration_promises_no_access_data(client, event_index):
    event = EventPageFactory(parent=event_index, online_access=ONLINE_ACCESS, **ONLINE_ONLY)

    assert fact(parse(client.get(event.url)), "Veranstaltungsort") == "Online"
