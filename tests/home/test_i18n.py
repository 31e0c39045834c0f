"""German at unprefixed URLs, English under /en/, the language switcher, localized taxonomies."""

import datetime

import feedparser
import pytest

from tests.factories import (
    ContentPageFactory,
    FocusAreaFactory,
    NewsPageFactory,
    translate_page,
)
from tests.helpers import parse


def switcher_links(response) -> list[tuple[str, str, str]]:
    links = parse(response).select(".language-switcher a")
    return [(link["hreflang"], link["href"], link.get_text(strip=True)) for link in links]


@pytest.fixture
def about_page(home_page):
    return ContentPageFactory(
        parent=home_page, title="Über das Projekt", slug="projekt", intro="Worum es geht."
    )


@pytest.fixture
def en_about_page(about_page, en_home_page, en_locale):
    return translate_page(
        about_page, en_locale, title="About the project", intro="What it is about."
    )


def test_home_page_at_root_url_is_german(client, home_page):
    response = client.get("/")

    soup = parse(response)
    assert response.status_code == 200
    assert soup.html["lang"] == "de"
    assert soup.h1.get_text(strip=True) == "Integration im Querschnitt"


def test_accept_language_english_still_gets_german_at_root_url(client, en_home_page):
    response = client.get("/", headers={"accept-language": "en"})

    soup = parse(response)
    assert response.status_code == 200
    assert soup.html["lang"] == "de"
    assert soup.h1.get_text(strip=True) == "Integration im Querschnitt"


def test_english_home_page_is_served_under_en_prefix(client, en_home_page):
    response = client.get("/en/")

    soup = parse(response)
    assert response.status_code == 200
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "Integration across departments"


def test_translated_page_is_served_in_english_under_en_prefix(client, en_about_page):
    response = client.get("/en/projekt/")

    soup = parse(response)
    assert en_about_page.url == "/en/projekt/"
    assert soup.html["lang"] == "en"
    assert soup.h1.get_text(strip=True) == "About the project"
    assert soup.select_one("p.lead").get_text(strip=True) == "What it is about."


def test_german_page_stays_german_at_its_unprefixed_url(client, en_about_page):
    response = client.get("/projekt/")

    soup = parse(response)
    assert soup.html["lang"] == "de"
    assert soup.h1.get_text(strip=True) == "Über das Projekt"


def test_switcher_on_german_page_links_to_its_english_translation(client, en_about_page):
    response = client.get("/projekt/")

    assert switcher_links(response) == [("en", "/en/projekt/", "English")]


def test_switcher_on_german_page_without_translation_links_to_english_home(
    client, about_page, en_home_page
):
    response = client.get("/projekt/")

    assert switcher_links(response) == [("en", "/en/", "English")]


def test_switcher_on_german_page_ignores_an_unpublished_translation(
    client, about_page, en_home_page, en_locale
):
    draft = about_page.copy_for_translation(en_locale)
    draft.unpublish()

    response = client.get("/projekt/")

    assert switcher_links(response) == [("en", "/en/", "English")]


def test_switcher_on_english_page_links_back_to_the_german_page(client, en_about_page):
    response = client.get("/en/projekt/")

    assert switcher_links(response) == [("de", "/projekt/", "Deutsch")]


def test_switcher_on_german_home_links_to_english_home(client, en_home_page):
    response = client.get("/")

    assert switcher_links(response) == [("en", "/en/", "English")]


def test_switcher_on_search_page_links_to_the_english_search(client, en_home_page):
    response = client.get("/suche/")

    assert switcher_links(response) == [("en", "/en/suche/", "English")]


def test_main_menu_lists_pages_of_the_active_language(client, en_about_page, about_page):
    about_page.show_in_menus = True
    about_page.save_revision().publish()
    en_about_page.show_in_menus = True
    en_about_page.save_revision().publish()

    german = client.get("/projekt/")
    english = client.get("/en/")

    german_menu = [(a["href"], a.get_text(strip=True)) for a in parse(german).select(".main-nav a")]
    english_menu = [
        (a["href"], a.get_text(strip=True)) for a in parse(english).select(".main-nav a")
    ]
    assert german_menu == [("/projekt/", "Über das Projekt")]
    assert english_menu == [("/en/projekt/", "About the project")]
    assert parse(german).select_one(".main-nav a")["aria-current"] == "page"


@pytest.fixture
def english_focus_area(focus_area, en_locale):
    return FocusAreaFactory.translation_of(
        focus_area, locale=en_locale, title="Strategic steering", short_title="Steering"
    )


def test_focus_area_translation_shares_key_slug_and_number(focus_area, english_focus_area):
    assert english_focus_area.translation_key == focus_area.translation_key
    assert english_focus_area.slug == focus_area.slug == "steuerung"
    assert english_focus_area.number == focus_area.number
    assert english_focus_area.get_translation(focus_area.locale) == focus_area


def test_english_home_page_shows_english_focus_areas(client, en_home_page, english_focus_area):
    response = client.get("/en/")

    titles = [title.get_text(strip=True) for title in parse(response).select(".focus-area h3")]
    assert titles == ["Strategic steering"]


def test_english_home_page_falls_back_to_german_focus_areas_without_translations(
    client, en_home_page, focus_area, other_focus_area
):
    response = client.get("/en/")

    titles = [title.get_text(strip=True) for title in parse(response).select(".focus-area h3")]
    assert titles == ["Strategische Steuerung", "Kooperation der Fachbereiche"]


@pytest.fixture
def english_news(news_index, en_home_page, en_locale, focus_area, english_focus_area):
    """A German news item tagged with the German focus area, and its English translation."""
    german = NewsPageFactory(
        parent=news_index,
        title="Fachforum in Mainz",
        slug="fachforum",
        date=datetime.date(2025, 3, 1),
        focus_areas=[focus_area],
    )
    NewsPageFactory(parent=news_index, title="Nur auf Deutsch", date=datetime.date(2025, 4, 1))
    en_index = translate_page(news_index, en_locale, title="News")
    english = translate_page(german, en_locale, title="Specialist forum in Mainz")
    return {"index": en_index, "page": english, "german": german}


def test_english_news_index_lists_english_news_and_marks_german_only_items(client, english_news):
    response = client.get("/en/aktuell/")

    cards = parse(response).select(".card-list .news-card")
    links = [card.select_one(".card__link") for card in cards]
    assert [link.get_text(strip=True) for link in links] == [
        "Nur auf Deutsch",
        "Specialist forum in Mainz",
    ]
    assert [tag.get_text(strip=True) for tag in cards[1].select(".tag")] == ["Steering"]
    assert (cards[0].get("lang"), links[0].get("hreflang"), cards[1].get("lang")) == (
        "de",
        "de",
        None,
    )
    note = cards[0].select_one(".language-note")
    assert (note.get_text(strip=True), note["lang"]) == ("only in German", "en")


def test_english_news_index_filters_by_slug_across_translations(client, english_news):
    response = client.get("/en/aktuell/", {"bereich": "steuerung"})

    soup = parse(response)
    titles = [title.get_text(strip=True) for title in soup.select(".card-list .card__title")]
    assert titles == ["Specialist forum in Mainz"]
    assert soup.select_one("#filter-focus-area option[selected]").get_text(strip=True) == (
        "Steering"
    )


def test_english_news_page_shows_english_focus_area(client, english_news):
    response = client.get(english_news["page"].url)

    soup = parse(response)
    assert soup.h1.get_text(strip=True) == "Specialist forum in Mainz"
    assert [tag.get_text(strip=True) for tag in soup.select(".article__header .tag")] == [
        "Steering"
    ]


def test_english_home_page_shows_the_latest_news_in_english_where_translated(client, english_news):
    response = client.get("/en/")

    titles = [
        link.get_text(strip=True) for link in parse(response).select(".news-card .card__link")
    ]
    assert titles == ["Nur auf Deutsch", "Specialist forum in Mainz"]


def test_english_pages_advertise_the_english_feeds(client, english_news):
    response = client.get("/en/")

    head = parse(response).head
    assert head.select_one("link[type='application/rss+xml']")["href"] == "/en/aktuell/feed/rss/"


def test_english_feed_lists_english_news_where_translated_and_declares_english(
    client, english_news
):
    response = client.get("/en/aktuell/feed/rss/")

    feed = feedparser.parse(response.content)
    assert feed.feed.language == "en"
    assert [entry.title for entry in feed.entries] == [
        "Nur auf Deutsch",
        "Specialist forum in Mainz",
    ]
    assert [tag.term for tag in feed.entries[1].tags] == ["Steering"]
