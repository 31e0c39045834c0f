"""The event index ("Veranstaltungen"), the home page's next events and the link from "Aktuell"."""

import datetime

import pytest
from django.utils import timezone
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from events.choices import EventFormat, EventMode, EventStatus
from home.templatetags.date_tags import day_date, weekday_date
from tests.factories import (
    BERLIN,
    EventPageFactory,
    NewsPageFactory,
    berlin_time,
    translate_page,
)
from tests.helpers import card_titles, count_queries, parse, register, result_count, text_of

INVALID_CHOICE_NOTICE = "Einen Teil Ihrer Auswahl gibt es nicht; er wurde nicht berücksichtigt."


def notice(response) -> str | None:
    element = parse(response).select_one(".notice")
    return text_of(element) if element else None


def first_of_month(months_ahead: int) -> datetime.date:
    today = timezone.localdate()
    index = today.year * 12 + today.month - 1 + months_ahead
    return datetime.date(index // 12, index % 12 + 1, 1)


# --- upcoming events and the archive -----------------------------------------------------------


@pytest.fixture
def upcoming_and_past(event_index):
    """Three upcoming and three past events, created out of order."""
    return {
        "in_30": EventPageFactory(parent=event_index, days=30, title="In 30 Tagen"),
        "past_40": EventPageFactory(parent=event_index, days=-40, title="Vor 40 Tagen"),
        "in_10": EventPageFactory(parent=event_index, days=10, title="In 10 Tagen"),
        "past_5": EventPageFactory(parent=event_index, days=-5, title="Vor 5 Tagen"),
        "in_20": EventPageFactory(parent=event_index, days=20, title="In 20 Tagen"),
        "past_400": EventPageFactory(parent=event_index, days=-400, title="Vor 400 Tagen"),
    }


def test_event_index_lists_upcoming_events_soonest_first(client, event_index, upcoming_and_past):
    response = client.get(event_index.url)

    assert response.status_code == 200
    assert card_titles(response) == ["In 10 Tagen", "In 20 Tagen", "In 30 Tagen"]
    assert result_count(response) == "3 kommende Veranstaltungen"
    assert notice(response) is None


def test_event_index_links_the_most_recent_past_events_and_the_archive(
    client, event_index, upcoming_and_past
):
    soup = parse(client.get(event_index.url))

    section = soup.select_one("#archive-heading").parent
    assert [text_of(link) for link in section.select(".plain-list a")] == [
        "Vor 5 Tagen",
        "Vor 40 Tagen",
        "Vor 400 Tagen",
    ]
    assert section.select_one(".link-arrow")["href"] == f"{event_index.url}?zeitraum=archiv"


def test_archive_lists_past_events_newest_first(client, event_index, upcoming_and_past):
    response = client.get(event_index.url, {"zeitraum": "archiv"})

    assert response.status_code == 200
    assert card_titles(response) == ["Vor 5 Tagen", "Vor 40 Tagen", "Vor 400 Tagen"]
    assert result_count(response) == "3 vergangene Veranstaltungen"
    assert text_of(parse(response).h1) == "Veranstaltungen – Archiv"


def test_running_event_is_still_listed_as_upcoming(client, event_index):
    event_index_child = EventPageFactory(
        parent=event_index,
        title="Läuft gerade",
        start=timezone.now() - datetime.timedelta(days=1),
        end=timezone.now() + datetime.timedelta(days=1),
    )

    response = client.get(event_index.url)

    assert card_titles(response) == [event_index_child.title]
    assert card_titles(client.get(event_index.url, {"zeitraum": "archiv"})) == []


def test_all_day_event_stays_upcoming_until_its_day_is_over(client, home_page, event_index):
    # "Ganztägig": start and end give only the days (the field's help text), so an editor may
    # well enter 00:00 for both. The iCalendar export then says "all of today".
    midnight = berlin_time(0, hour=0)
    EventPageFactory(
        parent=event_index, title="Heute ganztägig", all_day=True, start=midnight, end=midnight
    )

    assert card_titles(client.get(event_index.url)) == ["Heute ganztägig"]
    assert card_titles(client.get(event_index.url, {"zeitraum": "archiv"})) == []
    assert home_event_titles(client.get(home_page.url)) == ["Heute ganztägig"]


def test_event_card_shows_date_format_mode_city_status_and_focus_area(
    client, event_index, focus_area
):
    event = EventPageFactory(
        parent=event_index,
        title="Abgesagtes Forum",
        teaser="Das Forum fällt aus.",
        start=datetime.datetime(2027, 1, 20, 10, 0, tzinfo=BERLIN),
        end=datetime.datetime(2027, 1, 20, 12, 0, tzinfo=BERLIN),
        status=EventStatus.CANCELLED,
        status_note="Ein Ersatztermin folgt",
        focus_areas=[focus_area],
    )

    card = parse(client.get(event_index.url)).select_one(".card-list .event-card")

    assert "event-card--cancelled" in card["class"]
    assert text_of(card.select_one(".card__meta")) == "Mittwoch, 20. Januar 2027, 10:00–12:00 Uhr"
    assert card.select_one(".card__link")["href"] == event.url
    assert text_of(card.select_one(".status-badge")) == "Abgesagt: Ein Ersatztermin folgt"
    assert text_of(card.select_one(".event-card__facts")) == "Fachforum · In Präsenz · Mainz"
    assert [text_of(tag) for tag in card.select(".tag")] == ["Steuerung"]
    assert "Das Forum fällt aus." in text_of(card)


# --- filters -----------------------------------------------------------------------------------


@pytest.fixture
def varied_events(event_index, focus_area, other_focus_area):
    return [
        EventPageFactory(
            parent=event_index, days=10, title="Fachforum vor Ort", focus_areas=[focus_area]
        ),
        EventPageFactory(
            parent=event_index,
            days=11,
            title="Workshop online",
            event_format=EventFormat.WORKSHOP,
            mode=EventMode.ONLINE,
            city="",
            focus_areas=[other_focus_area],
        ),
        EventPageFactory(
            parent=event_index,
            days=12,
            title="Peer-Learning hybrid",
            event_format=EventFormat.PEER_LEARNING,
            mode=EventMode.HYBRID,
            focus_areas=[focus_area, other_focus_area],
        ),
        EventPageFactory(
            parent=event_index,
            days=-10,
            title="Vergangener Workshop",
            event_format=EventFormat.WORKSHOP,
        ),
    ]


def test_filter_by_format_shows_only_that_format(client, event_index, varied_events):
    response = client.get(event_index.url, {"format": "workshop"})

    soup = parse(response)
    assert card_titles(response) == ["Workshop online"]
    assert soup.select_one("#filter-format option[selected]")["value"] == "workshop"
    assert result_count(response) == "1 kommende Veranstaltung"
    assert notice(response) is None


def test_filter_by_format_in_the_archive_shows_past_events_of_that_format(
    client, event_index, varied_events
):
    response = client.get(event_index.url, {"format": "workshop", "zeitraum": "archiv"})

    assert card_titles(response) == ["Vergangener Workshop"]


def test_filter_by_focus_area_shows_only_its_events(client, event_index, varied_events):
    response = client.get(event_index.url, {"bereich": "kooperation"})

    soup = parse(response)
    assert card_titles(response) == ["Workshop online", "Peer-Learning hybrid"]
    assert soup.select_one("#filter-focus-area option[selected]")["value"] == "kooperation"


def test_filter_by_mode_shows_only_that_mode(client, event_index, varied_events):
    response = client.get(event_index.url, {"modus": "hybrid"})

    assert card_titles(response) == ["Peer-Learning hybrid"]
    assert parse(response).select_one("#filter-mode option[selected]")["value"] == "hybrid"


def test_filters_combine(client, event_index, varied_events):
    response = client.get(event_index.url, {"bereich": "steuerung", "modus": "praesenz"})

    assert card_titles(response) == ["Fachforum vor Ort"]


def test_filter_without_matches_says_so(client, event_index, varied_events):
    response = client.get(event_index.url, {"format": "online-veranstaltung"})

    assert response.status_code == 200
    assert card_titles(response) == []
    assert "Zu dieser Auswahl gibt es keine Veranstaltungen." in text_of(parse(response))


@pytest.fixture
def month_events(event_index):
    """Events in the months two and three ahead, one of them across the turn of the month."""
    month_a, month_b = first_of_month(2), first_of_month(3)
    last_day_a = month_b - datetime.timedelta(days=1)

    def at(day: datetime.date, hour: int) -> datetime.datetime:
        return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=BERLIN)

    EventPageFactory(
        parent=event_index,
        title="Mitte des ersten Monats",
        start=at(month_a.replace(day=15), 10),
        end=at(month_a.replace(day=15), 16),
    )
    EventPageFactory(
        parent=event_index,
        title="Über den Monatswechsel",
        start=at(last_day_a, 10),
        end=at(month_b, 16),
    )
    EventPageFactory(
        parent=event_index,
        title="Mitte des zweiten Monats",
        start=at(month_b.replace(day=15), 10),
        end=at(month_b.replace(day=15), 16),
    )
    EventPageFactory(
        parent=event_index,
        title="Später",
        start=at(first_of_month(5), 10),
        end=at(first_of_month(5), 16),
    )
    return month_a, month_b


def test_filter_by_month_shows_events_of_that_month(client, event_index, month_events):
    month_a, _month_b = month_events

    response = client.get(event_index.url, {"monat": f"{month_a:%Y-%m}"})

    assert card_titles(response) == ["Mitte des ersten Monats", "Über den Monatswechsel"]
    assert parse(response).select_one("#filter-month option[selected]")["value"] == (
        f"{month_a:%Y-%m}"
    )
    assert notice(response) is None


def test_event_across_the_turn_of_the_month_appears_in_both_months(
    client, event_index, month_events
):
    _month_a, month_b = month_events

    response = client.get(event_index.url, {"monat": f"{month_b:%Y-%m}"})

    assert card_titles(response) == ["Über den Monatswechsel", "Mitte des zweiten Monats"]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("format", "xx"),
        ("modus", "zu-fuss"),
        ("bereich", "unbekannt"),
        ("monat", "2027-13"),
        ("monat", "2027-00"),
        ("monat", "abc"),
        ("monat", "1999-01"),
        ("monat", "2027-1"),
    ],
)
def test_unknown_filter_value_is_ignored_with_a_german_notice(
    client, event_index, varied_events, name, value
):
    response = client.get(event_index.url, {name: value})

    assert response.status_code == 200
    assert notice(response) == INVALID_CHOICE_NOTICE
    assert card_titles(response) == ["Fachforum vor Ort", "Workshop online", "Peer-Learning hybrid"]


def test_unknown_filter_value_keeps_the_valid_ones(client, event_index, varied_events):
    response = client.get(event_index.url, {"format": "workshop", "monat": "abc"})

    assert response.status_code == 200
    assert notice(response) == INVALID_CHOICE_NOTICE
    assert card_titles(response) == ["Workshop online"]


def test_unknown_filter_value_in_the_archive_gives_the_notice(client, event_index, varied_events):
    response = client.get(event_index.url, {"zeitraum": "archiv", "format": "xx"})

    assert response.status_code == 200
    assert notice(response) == INVALID_CHOICE_NOTICE
    assert card_titles(response) == ["Vergangener Workshop"]


# --- pagination --------------------------------------------------------------------------------


@pytest.fixture
def eleven_workshops(event_index, add_live_events):
    """One Fachforum tomorrow, then "Workshop 02" ... "Workshop 12" on the following days."""
    EventPageFactory(parent=event_index, days=1, title="Ein Fachforum")
    add_live_events(
        event_index,
        11,
        days=2,
        title="Workshop {day:02d}",
        event_format=EventFormat.WORKSHOP,
    )


def test_event_index_is_paginated_and_page_links_keep_the_filters(
    client, event_index, eleven_workshops
):
    """The wiring to `home.pagination.paginate` (tests/home/test_pagination.py has the rest)."""
    workshops = {"format": "workshop"}

    first = client.get(event_index.url, workshops)
    second = client.get(event_index.url, {**workshops, "page": "2"})
    malformed = client.get(event_index.url, {**workshops, "page": "abc"})
    too_large = client.get(event_index.url, {**workshops, "page": "9999"})

    assert card_titles(first) == [f"Workshop {day:02d}" for day in range(2, 12)]
    assert parse(first).select_one("a[rel=next]")["href"] == "?format=workshop&page=2"
    assert card_titles(second) == ["Workshop 12"]
    assert result_count(second) == "11 kommende Veranstaltungen"
    assert [link["href"] for link in parse(second).select(".pagination a")] == [
        "?format=workshop&page=1",
        "?format=workshop&page=1",
        "?format=workshop&page=2",
    ]
    assert (malformed.status_code, card_titles(malformed)) == (200, card_titles(first))
    assert (too_large.status_code, card_titles(too_large)) == (200, ["Workshop 12"])
    assert notice(malformed) is None
    assert notice(too_large) is None


# --- what never appears ------------------------------------------------------------------------


def create_hidden_events(event_index, days: int) -> None:
    """A draft, an unpublished and a private (password-protected) event on the given day."""
    start = berlin_time(days)
    times = {"start": start, "end": start + datetime.timedelta(hours=6)}
    EventPageFactory(parent=event_index, title="Entwurf", published=False, **times)
    unpublished = EventPageFactory(parent=event_index, title="Zurückgezogen", **times)
    unpublished.unpublish()
    private = EventPageFactory(parent=event_index, title="Geschützt", **times)
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )


def test_drafts_unpublished_and_private_events_are_never_listed(client, event_index, home_page):
    EventPageFactory(parent=event_index, days=5, title="Öffentlich")
    EventPageFactory(parent=event_index, days=-5, title="Öffentlich vergangen")
    create_hidden_events(event_index, 3)
    create_hidden_events(event_index, -3)

    upcoming = client.get(event_index.url)
    archive = client.get(event_index.url, {"zeitraum": "archiv"})
    home = client.get(home_page.url)

    assert card_titles(upcoming) == ["Öffentlich"]
    assert result_count(upcoming) == "1 kommende Veranstaltung"
    assert [text_of(link) for link in parse(upcoming).select(".plain-list a")] == [
        "Öffentlich vergangen"
    ]
    assert card_titles(archive) == ["Öffentlich vergangen"]
    assert home_event_titles(home) == ["Öffentlich"]


# --- languages ---------------------------------------------------------------------------------


def test_english_event_index_lists_translations_and_marks_german_only_events(
    client, event_index, en_event_index
):
    translated = EventPageFactory(parent=event_index, days=5, title="Fachforum Vielfalt")
    german_only = EventPageFactory(parent=event_index, days=6, title="Nur auf Deutsch")
    english = translate_page(translated, en_event_index.locale, title="Diversity forum")

    response = client.get(en_event_index.url)

    cards = parse(response).select(".card-list .event-card")
    assert [text_of(card.select_one(".card__link")) for card in cards] == [
        "Diversity forum",
        "Nur auf Deutsch",
    ]
    assert [card.select_one(".card__link")["href"] for card in cards] == [
        english.url,
        german_only.url,
    ]
    assert cards[0].get("lang") is None
    assert cards[1]["lang"] == "de"
    assert cards[1].select_one(".card__link")["hreflang"] == "de"
    note = cards[1].select_one(".language-note")
    assert (text_of(note), note["lang"]) == ("only in German", "en")
    assert card_titles(client.get(event_index.url)) == ["Fachforum Vielfalt", "Nur auf Deutsch"]


# --- home page and "Aktuell" -------------------------------------------------------------------


def home_event_titles(response) -> list[str]:
    soup = parse(response)
    return [text_of(title) for title in soup.select("#upcoming-events-heading ~ ul .card__title")]


def test_home_page_shows_the_next_three_upcoming_events(client, home_page, event_index):
    EventPageFactory(parent=event_index, days=40, title="In 40 Tagen")
    EventPageFactory(parent=event_index, days=10, title="In 10 Tagen")
    EventPageFactory(parent=event_index, days=-1, title="Gestern")
    EventPageFactory(parent=event_index, days=30, title="In 30 Tagen")
    EventPageFactory(parent=event_index, days=20, title="In 20 Tagen")

    response = client.get(home_page.url)

    soup = parse(response)
    assert home_event_titles(response) == ["In 10 Tagen", "In 20 Tagen", "In 30 Tagen"]
    section = soup.select_one("#upcoming-events-heading").parent
    assert section.select_one(".link-arrow")["href"] == event_index.url
    assert text_of(section.select_one(".link-arrow")) == "Alle Veranstaltungen und Fachforen"


def test_home_page_without_upcoming_events_says_so(client, home_page, event_index):
    EventPageFactory(parent=event_index, days=-1, title="Gestern")

    response = client.get(home_page.url)

    assert home_event_titles(response) == []
    section = parse(response).select_one("#upcoming-events-heading").parent
    assert "Zurzeit sind keine Veranstaltungen geplant." in text_of(section)


def test_english_home_page_shows_english_events(client, event_index, en_event_index):
    english_home = en_event_index.get_parent()
    translate_page(
        EventPageFactory(parent=event_index, days=5, title="Fachforum"),
        en_event_index.locale,
        title="Forum",
    )

    response = client.get(english_home.url)

    assert home_event_titles(response) == ["Forum"]


def test_aktuell_shows_upcoming_events_before_the_news_and_links_to_all_events(
    client, news_index, event_index
):
    EventPageFactory(parent=event_index, days=3, title="Bald")
    NewsPageFactory(parent=news_index, title="Neuigkeit")

    soup = parse(client.get(news_index.url))

    headings = [text_of(heading) for heading in soup.select("main h2")]
    assert headings.index("Nächste Veranstaltungen") < headings.index("Nachrichten")
    events = soup.select_one("#upcoming-events-heading").parent
    assert [text_of(title) for title in events.select(".card__title")] == ["Bald"]
    assert events.select_one(".link-arrow")["href"] == event_index.url
    assert event_index.url == "/aktuell/veranstaltungen/"


def test_old_event_urls_lead_to_the_new_place(client, event_index):
    event = EventPageFactory(parent=event_index, days=3, slug="forum")
    Redirect.add_redirect("/veranstaltungen", redirect_to=event_index, is_permanent=True)

    response = client.get("/veranstaltungen/", follow=True)

    assert response.redirect_chain == [(event_index.url, 301)]
    assert event.url.startswith(event_index.url)


# --- query counts ------------------------------------------------------------------------------


def test_listing_query_counts_are_the_same_for_one_and_for_a_hundred_events(
    client,
    home_page,
    en_home_page,
    event_index,
    en_event_index,
    focus_area,
    other_focus_area,
    add_live_events,
    django_assert_num_queries,
):
    areas = [focus_area, other_focus_area]
    upcoming = EventPageFactory(parent=event_index, days=5, title="Kommend", focus_areas=areas)
    past = EventPageFactory(parent=event_index, days=-30, title="Vergangen", focus_areas=areas)
    # English pages list these two in English and all others in German.
    translate_page(upcoming, en_event_index.locale, title="Upcoming")
    translate_page(past, en_event_index.locale, title="Past")
    pages = {
        "upcoming": (event_index.url, {}),
        "filtered": (event_index.url, {"format": "fachforum", "bereich": "steuerung"}),
        "archive": (event_index.url, {"zeitraum": "archiv"}),
        "home": (home_page.url, {}),
        "english upcoming": (en_event_index.url, {}),
        "english filtered": (en_event_index.url, {"bereich": "steuerung"}),
        "english archive": (en_event_index.url, {"zeitraum": "archiv"}),
        "english home": (en_home_page.url, {}),
    }
    for url, query in pages.values():
        client.get(url, query)  # fills the caches (site root paths, content types)
    queries_for_one = {name: count_queries(client, *page) for name, page in pages.items()}
    add_live_events(event_index, 99, days=6, focus_areas=areas)
    add_live_events(event_index, 99, days=-50, focus_areas=areas)

    responses = {}
    for name, (url, query) in pages.items():
        with django_assert_num_queries(queries_for_one[name]):
            responses[name] = client.get(url, query)

    assert result_count(responses["upcoming"]) == "100 kommende Veranstaltungen"
    assert len(card_titles(responses["upcoming"])) == 10
    assert result_count(responses["filtered"]) == "100 kommende Veranstaltungen"
    assert result_count(responses["archive"]) == "100 vergangene Veranstaltungen"
    assert len(card_titles(responses["archive"])) == 10
    assert len(home_event_titles(responses["home"])) == 3
    assert card_titles(responses["english upcoming"])[0] == "Upcoming"
    assert len(card_titles(responses["english upcoming"])) == 10
    assert len(card_titles(responses["english archive"])) == 10
    assert home_event_titles(responses["english home"])[0] == "Upcoming"


# --- what a card says about registering ---------------------------------------------------------


def card_states(response) -> dict[str, str]:
    return {
        text_of(card.select_one(".card__link")): text_of(
            card.select_one(".event-card__registration")
        )
        if card.select_one(".event-card__registration")
        else ""
        for card in parse(response).select(".card-list .event-card")
    }


def test_cards_say_whether_and_until_when_people_can_register(client, event_index):
    closes = berlin_time(10, 12)
    EventPageFactory(
        parent=event_index,
        days=20,
        title="Offen",
        registration_enabled=True,
        capacity=30,
        registration_closes_at=closes,
    )
    full = EventPageFactory(
        parent=event_index,
        days=21,
        title="Warteliste",
        registration_enabled=True,
        capacity=1,
        waiting_list_enabled=True,
    )
    register(full, email="erste@kommune.example")
    EventPageFactory(
        parent=event_index,
        days=22,
        title="Später",
        registration_enabled=True,
        registration_opens_at=berlin_time(5, 9),
    )
    EventPageFactory(
        parent=event_index,
        days=23,
        title="Peer-Learning",
        event_format=EventFormat.PEER_LEARNING,
    )
    EventPageFactory(parent=event_index, days=24, title="Ohne Anmeldung")

    states = card_states(client.get(event_index.url))

    assert states == {
        "Offen": f"Plätze frei · Anmeldeschluss {day_date(closes)}",
        "Warteliste": "Ausgebucht – Warteliste",
        "Später": f"Anmeldung ab {day_date(berlin_time(5, 9))}",
        "Peer-Learning": "Nur für die Partnerkommunen",
        "Ohne Anmeldung": "",
    }


def test_home_page_cards_show_the_registration_state_and_skip_cancelled_events(
    client, home_page, event_index
):
    EventPageFactory(parent=event_index, days=3, title="Abgesagt", status=EventStatus.CANCELLED)
    for days in (4, 5, 6):
        EventPageFactory(
            parent=event_index, days=days, title=f"In {days} Tagen", registration_enabled=True
        )

    response = client.get(home_page.url)

    assert home_event_titles(response) == ["In 4 Tagen", "In 5 Tagen", "In 6 Tagen"]
    states = [
        text_of(state)
        for state in parse(response).select(
            "#upcoming-events-heading ~ ul .event-card__registration"
        )
    ]
    assert states == ["Plätze frei"] * 3


def test_multi_day_cards_keep_weekday_and_times(client, event_index):
    start = berlin_time(30, 9)
    EventPageFactory(
        parent=event_index,
        title="Zwei Tage",
        start=start,
        end=start + datetime.timedelta(days=1, hours=7),
    )

    date_line = text_of(parse(client.get(event_index.url)).select_one(".event-card .card__meta"))

    first = timezone.localtime(start)
    second = first + datetime.timedelta(days=1)
    assert date_line.startswith(f"{weekday_date(first).split(',')[0]}, ")
    assert weekday_date(second).split(",")[0] in date_line
    assert "9:00" in date_line or "09:00" in date_line
    assert "16:00" in date_line


def test_event_index_offers_no_past_events_section_when_there_are_none(client, event_index):
    EventPageFactory(parent=event_index, days=3, title="Bald")

    soup = parse(client.get(event_index.url))

    assert soup.select_one("#archive-heading") is None
