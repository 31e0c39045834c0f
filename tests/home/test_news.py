"""News („Aktuell“): ordering, pagination, the Gestaltungsbereich filter, a fixed query count."""

import datetime

from tests.factories import NewsPageFactory, translate_page
from tests.helpers import card_titles, count_queries, parse

UNKNOWN_FILTER_NOTICE = (
    "Diesen Gestaltungsbereich gibt es nicht. Es werden alle Nachrichten gezeigt."
)


def create_news(news_index, count: int, **kwargs) -> list:
    """`count` news items dated 1 Jan 2025 onwards, titled "Nachricht 01" ... in date order."""
    return [
        NewsPageFactory(
            parent=news_index,
            title=f"Nachricht {number:02d}",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=number),
            **kwargs,
        )
        for number in range(1, count + 1)
    ]


def test_news_index_lists_newest_first(client, news_index):
    NewsPageFactory(parent=news_index, title="Mittel", date=datetime.date(2025, 2, 1))
    NewsPageFactory(parent=news_index, title="Neu", date=datetime.date(2025, 3, 1))
    NewsPageFactory(parent=news_index, title="Alt", date=datetime.date(2025, 1, 1))

    response = client.get(news_index.url)

    assert card_titles(response) == ["Neu", "Mittel", "Alt"]


def test_news_index_lists_only_published_news(client, news_index):
    NewsPageFactory(parent=news_index, title="Veröffentlicht")
    NewsPageFactory(parent=news_index, title="Entwurf", published=False)

    response = client.get(news_index.url)

    assert card_titles(response) == ["Veröffentlicht"]


def test_filter_by_focus_area_shows_only_its_news(client, news_index, focus_area, other_focus_area):
    NewsPageFactory(parent=news_index, title="Zur Steuerung", focus_areas=[focus_area])
    NewsPageFactory(parent=news_index, title="Zur Kooperation", focus_areas=[other_focus_area])
    NewsPageFactory(parent=news_index, title="Ohne Bereich")

    response = client.get(news_index.url, {"bereich": "steuerung"})

    soup = parse(response)
    assert card_titles(response) == ["Zur Steuerung"]
    assert soup.select_one("#filter-focus-area option[selected]")["value"] == "steuerung"
    assert (
        soup.select_one(".result-count").get_text(" ", strip=True)
        == "1 Nachricht \N{EN DASH} Steuerung"
    )
    assert UNKNOWN_FILTER_NOTICE not in response.content.decode()


def test_filter_lists_every_focus_area_as_an_option(
    client, news_index, focus_area, other_focus_area
):
    response = client.get(news_index.url)

    options = parse(response).select("#filter-focus-area option")
    assert [(option["value"], option.get_text(strip=True)) for option in options] == [
        ("", "Alle Gestaltungsbereiche"),
        ("steuerung", "Steuerung"),
        ("kooperation", "Kooperation"),
    ]


def test_unknown_focus_area_shows_all_news_with_a_german_notice(client, news_index, focus_area):
    NewsPageFactory(parent=news_index, title="Zur Steuerung", focus_areas=[focus_area])
    NewsPageFactory(parent=news_index, title="Ohne Bereich", date=datetime.date(2020, 1, 1))

    response = client.get(news_index.url, {"bereich": "unknown"})

    assert response.status_code == 200
    assert card_titles(response) == ["Zur Steuerung", "Ohne Bereich"]
    assert parse(response).select_one(".notice").get_text(strip=True) == UNKNOWN_FILTER_NOTICE


def test_focus_area_without_news_says_so(client, news_index, focus_area):
    NewsPageFactory(parent=news_index, title="Ohne Bereich")

    response = client.get(news_index.url, {"bereich": "steuerung"})

    assert response.status_code == 200
    assert card_titles(response) == []
    assert "Zu dieser Auswahl gibt es noch keine Nachrichten." in response.content.decode()


def test_news_index_is_paginated_and_page_links_keep_the_focus_area_filter(
    client, news_index, focus_area
):
    """The wiring to `home.pagination.paginate` (tests/home/test_pagination.py has the rest)."""
    create_news(news_index, 11, focus_areas=[focus_area])
    NewsPageFactory(parent=news_index, title="Ohne Bereich", date=datetime.date(2020, 1, 1))

    first = client.get(news_index.url)
    second = client.get(news_index.url, {"page": "2"})
    filtered = client.get(news_index.url, {"bereich": "steuerung", "page": "2"})
    malformed = client.get(news_index.url, {"page": "abc"})

    assert card_titles(first) == [f"Nachricht {n:02d}" for n in range(11, 1, -1)]
    assert parse(first).select_one(".result-count").get_text(strip=True) == "12 Nachrichten"
    assert parse(first).select_one("a[rel=next]")["href"] == "?page=2"
    assert card_titles(second) == ["Nachricht 01", "Ohne Bereich"]
    current = parse(second).select_one(".pagination [aria-current=page]")
    assert current.get_text(" ", strip=True) == "Seite 2"
    assert parse(second).select_one("a[rel=prev]")["href"] == "?page=1"
    assert card_titles(filtered) == ["Nachricht 01"]
    assert [link["href"] for link in parse(filtered).select(".pagination a")] == [
        "?bereich=steuerung&page=1",
        "?bereich=steuerung&page=1",
        "?bereich=steuerung&page=2",
    ]
    assert (malformed.status_code, card_titles(malformed)) == (200, card_titles(first))


def test_news_card_shows_date_teaser_and_focus_area(client, news_index, focus_area):
    news = NewsPageFactory(
        parent=news_index,
        title="Auftakt",
        date=datetime.date(2025, 3, 14),
        teaser="Das Projekt beginnt.",
        focus_areas=[focus_area],
    )

    response = client.get(news_index.url)

    card = parse(response).select_one(".card-list .news-card")
    assert card.select_one("time")["datetime"] == "2025-03-14"
    assert card.select_one(".card__link")["href"] == news.url
    assert [tag.get_text(strip=True) for tag in card.select(".tag")] == ["Steuerung"]
    assert "Das Projekt beginnt." in card.get_text()


def test_news_index_query_count_does_not_grow_with_the_number_of_news(
    client, news_index, focus_area, other_focus_area, django_assert_num_queries
):
    create_news(news_index, 1, focus_areas=[focus_area, other_focus_area])
    client.get(news_index.url)  # fills the caches (site root paths, content types)
    queries_for_one = count_queries(client, news_index.url)
    create_news(news_index, 29, focus_areas=[focus_area, other_focus_area])

    with django_assert_num_queries(queries_for_one):
        response = client.get(news_index.url)

    assert len(card_titles(response)) == 10


def test_filtered_news_index_query_count_does_not_grow_with_the_number_of_news(
    client, news_index, focus_area, django_assert_num_queries
):
    url = f"{news_index.url}?bereich=steuerung"
    create_news(news_index, 1, focus_areas=[focus_area])
    client.get(url)
    queries_for_one = count_queries(client, url)
    create_news(news_index, 29, focus_areas=[focus_area])

    with django_assert_num_queries(queries_for_one):
        response = client.get(url)

    assert len(card_titles(response)) == 10


def test_feed_query_counts_do_not_grow_with_the_number_of_news(
    client, news_index, focus_area, django_assert_num_queries
):
    feeds = {f"{news_index.url}feed/rss/": "<item>", f"{news_index.url}feed/atom/": "<entry>"}
    create_news(news_index, 1, focus_areas=[focus_area])
    for url in feeds:
        client.get(url)  # fills the caches (site root paths, content types)
    queries_for_one = {url: count_queries(client, url) for url in feeds}
    create_news(news_index, 29, focus_areas=[focus_area])

    for url, item in feeds.items():
        with django_assert_num_queries(queries_for_one[url]):
            response = client.get(url)
        assert response.content.decode().count(item) == 20


def test_english_listings_query_counts_do_not_grow_with_the_number_of_news(
    client, en_home_page, news_index, en_news_index, focus_area, django_assert_num_queries
):
    """Translated items in English, the others in German, each list in a fixed number of
    queries."""
    english = en_news_index.locale
    urls = [en_news_index.url, f"{en_news_index.url}feed/rss/", en_home_page.url]
    for news in create_news(news_index, 1, focus_areas=[focus_area]):
        translate_page(news, english, title=f"English {news.title}")
    for url in urls:
        client.get(url)  # fills the caches (site root paths, content types)
    queries_for_one = {url: count_queries(client, url) for url in urls}
    news = create_news(news_index, 29, focus_areas=[focus_area])
    for item in news[-3:]:
        translate_page(item, english, title=f"English {item.title}")

    responses = {}
    for url in urls:
        with django_assert_num_queries(queries_for_one[url]):
            responses[url] = client.get(url)

    assert card_titles(responses[en_news_index.url])[:4] == [
        "English Nachricht 29",
        "English Nachricht 28",
        "English Nachricht 27",
        "Nachricht 26 only in German",
    ]
    assert len(card_titles(responses[en_news_index.url])) == 10


def test_home_page_query_count_does_not_grow_with_the_number_of_news(
    client, home_page, news_index, focus_area, django_assert_num_queries
):
    create_news(news_index, 1, focus_areas=[focus_area])
    client.get("/")
    queries_for_one = count_queries(client, "/")
    create_news(news_index, 29, focus_areas=[focus_area])

    with django_assert_num_queries(queries_for_one):
        response = client.get("/")

    assert len(parse(response).select("#news-heading ~ ul .card__title")) == 3
