"""home/routing.py: Wagtail's routing below the home page, in two queries whatever the depth."""

import pytest

from tests.factories import ContentPageFactory, NewsPageFactory
from tests.helpers import count_queries, parse

pytestmark = pytest.mark.django_db


def chain(parent, slugs: list[str], **fields):
    """Content pages one below the other, each slug a level; the last one."""
    for slug in slugs:
        parent = ContentPageFactory(parent=parent, title=slug.title(), slug=slug, **fields)
    return parent


def heading(response) -> str:
    return parse(response).h1.get_text(strip=True)


def test_a_deep_page_costs_the_queries_of_a_page_one_level_down(client, home_page):
    shallow = chain(home_page, ["eins"])
    deep = chain(home_page, ["a", "b", "c", "d", "e"])
    for page in (shallow, deep):
        client.get(page.url)  # fills the caches (site root paths, content types)

    assert count_queries(client, deep.url) == count_queries(client, shallow.url)
    assert heading(client.get(deep.url)) == "E"


def test_a_page_below_an_unpublished_page_is_served_as_by_wagtail(client, home_page):
    hidden = ContentPageFactory(parent=home_page, title="Entwurf", slug="entwurf")
    below = ContentPageFactory(parent=hidden, title="Darunter", slug="darunter")
    hidden.unpublish()

    assert client.get("/entwurf/").status_code == 404
    assert (client.get(below.url).status_code, heading(client.get(below.url))) == (
        200,
        "Darunter",
    )


def test_unknown_paths_are_not_found(client, home_page):
    chain(home_page, ["eins", "zwei"])

    assert client.get("/eins/drei/").status_code == 404
    assert client.get("/zwei/").status_code == 404
    assert client.get("/eins/zwei/drei/").status_code == 404


def test_the_sub_urls_of_a_routable_page_come_before_its_children(client, news_index):
    NewsPageFactory(parent=news_index, title="Eine Nachricht namens Feed", slug="feed")

    feed = client.get(f"{news_index.url}feed/rss/")
    child = client.get(f"{news_index.url}feed/")

    assert feed["Content-Type"].startswith("application/rss+xml")
    assert heading(child) == "Eine Nachricht namens Feed"


def test_breadcrumbs_list_the_ancestors_found_by_the_routing(client, home_page):
    page = chain(home_page, ["a", "b", "c"])

    response = client.get(page.url)

    crumbs = [link.get_text(strip=True) for link in parse(response).select(".breadcrumbs a")]
    assert crumbs == ["Startseite", "A", "B"]
