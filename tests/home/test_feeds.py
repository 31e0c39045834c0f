"""RSS and Atom feeds of "Aktuell", and their announcement in the page head."""

import datetime

import feedparser
import pytest

from home.models import NewsIndexPage
from home.selectors import FEED_SIZE
from tests.factories import NewsPageFactory
from tests.helpers import parse

FEEDS = [("feed/rss/", "rss20"), ("feed/atom/", "atom10")]


@pytest.fixture
def three_news(news_index, focus_area):
    return [
        NewsPageFactory(
            parent=news_index,
            title="Alt",
            teaser="Die älteste Meldung.",
            date=datetime.date(2025, 1, 1),
        ),
        NewsPageFactory(
            parent=news_index,
            title="Neu",
            teaser="Die neueste Meldung.",
            date=datetime.date(2025, 3, 1),
            focus_areas=[focus_area],
        ),
        NewsPageFactory(
            parent=news_index,
            title="Mittel",
            teaser="Eine mittlere Meldung.",
            date=datetime.date(2025, 2, 1),
        ),
    ]


@pytest.mark.parametrize(("route", "version"), FEEDS)
def test_feed_parses_without_errors_in_its_format(client, news_index, three_news, route, version):
    response = client.get(f"{news_index.url}{route}")

    feed = feedparser.parse(response.content)
    assert response.status_code == 200
    assert feed.version == version
    assert feed.bozo is False


@pytest.mark.parametrize(
    ("route", "content_type"),
    [
        ("feed/rss/", "application/rss+xml; charset=utf-8"),
        ("feed/atom/", "application/atom+xml; charset=utf-8"),
    ],
)
def test_feed_is_served_with_its_content_type(client, news_index, three_news, route, content_type):
    response = client.get(f"{news_index.url}{route}")

    assert response["Content-Type"] == content_type


@pytest.mark.parametrize(("route", "version"), FEEDS)
def test_feed_lists_newest_news_first_with_titles_teasers_and_links(
    client, news_index, three_news, route, version
):
    old, new, middle = three_news

    response = client.get(f"{news_index.url}{route}")

    feed = feedparser.parse(response.content)
    assert [entry.title for entry in feed.entries] == ["Neu", "Mittel", "Alt"]
    assert [entry.summary for entry in feed.entries] == [
        "Die neueste Meldung.",
        "Eine mittlere Meldung.",
        "Die älteste Meldung.",
    ]
    assert [entry.link for entry in feed.entries] == [
        "http://localhost" + new.url,
        "http://localhost" + middle.url,
        "http://localhost" + old.url,
    ]


@pytest.mark.parametrize(("route", "version"), FEEDS)
def test_feed_names_the_news_index_and_links_to_it(client, news_index, route, version):
    response = client.get(f"{news_index.url}{route}")

    feed = feedparser.parse(response.content)
    assert feed.feed.title == "Aktuell \N{EN DASH} Integration im Querschnitt"
    assert feed.feed.link == "http://localhost" + news_index.url
    assert feed.feed.language == "de"
    assert feed.entries == []


@pytest.mark.parametrize(("route", "version"), FEEDS)
def test_feed_entry_carries_its_focus_area_as_category(
    client, news_index, three_news, route, version
):
    response = client.get(f"{news_index.url}{route}")

    newest = feedparser.parse(response.content).entries[0]
    assert [tag.term for tag in newest.tags] == ["Steuerung"]


@pytest.mark.parametrize(("route", "version"), FEEDS)
def test_feed_leaves_out_unpublished_news(client, news_index, route, version):
    NewsPageFactory(parent=news_index, title="Veröffentlicht")
    NewsPageFactory(parent=news_index, title="Entwurf", published=False)

    response = client.get(f"{news_index.url}{route}")

    assert [entry.title for entry in feedparser.parse(response.content).entries] == [
        "Veröffentlicht"
    ]


def test_rss_feed_holds_at_most_the_newest_feed_size_items(client, news_index):
    for day in range(FEED_SIZE + 1):
        NewsPageFactory(
            parent=news_index,
            title=f"Meldung {day:02d}",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=day),
        )

    response = client.get(f"{news_index.url}feed/rss/")

    titles = [entry.title for entry in feedparser.parse(response.content).entries]
    assert len(titles) == FEED_SIZE
    assert titles[0] == f"Meldung {FEED_SIZE:02d}"
    assert "Meldung 00" not in titles


@pytest.mark.parametrize("url", ["/", "/aktuell/"])
def test_page_head_advertises_rss_and_atom_feeds(client, news_index, url):
    response = client.get(url)

    head = parse(response).head
    alternates = {link["type"]: link["href"] for link in head.select("link[rel=alternate][type]")}
    assert alternates == {
        "application/rss+xml": "/aktuell/feed/rss/",
        "application/atom+xml": "/aktuell/feed/atom/",
    }


def test_news_index_links_to_both_feeds_in_its_body(client, news_index):
    response = client.get(news_index.url)

    links = parse(response).select(".feed-links a")
    assert [(link.get_text(strip=True), link["href"]) for link in links] == [
        ("RSS-Feed", "/aktuell/feed/rss/"),
        ("Atom-Feed", "/aktuell/feed/atom/"),
    ]


def test_page_head_has_no_feed_links_without_a_news_index(client, home_page, news_index):
    news_index.delete()
    assert not NewsIndexPage.objects.exists()

    response = client.get("/")

    head = parse(response).head
    assert head.select("link[rel=alternate][type='application/rss+xml']") == []
