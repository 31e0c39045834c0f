"""Site search at /suche/: published pages in the active language, robust against odd input."""

import pytest

from tests.factories import ContentPageFactory, NewsPageFactory, translate_page
from tests.helpers import parse, result_count


def result_titles(response) -> list[str]:
    return [title.get_text(strip=True) for title in parse(response).select(".search-result__title")]


@pytest.fixture
def about_page(home_page):
    return ContentPageFactory(
        parent=home_page,
        title="Über das Projekt",
        slug="projekt",
        intro="Querschnittsaufgabe Integrationsmanagement in sechs Kommunen.",
    )


def test_empty_query_shows_only_the_search_form(client, home_page):
    response = client.get("/suche/")

    soup = parse(response)
    assert response.status_code == 200
    assert soup.h1.get_text(strip=True) == "Suche"
    assert soup.select_one("#page-search")["name"] == "q"
    assert soup.select_one(".result-count") is None
    assert result_titles(response) == []


def test_whitespace_query_counts_as_empty(client, home_page):
    response = client.get("/suche/", {"q": "   "})

    assert response.status_code == 200
    assert parse(response).select_one(".result-count") is None


def test_search_finds_a_published_page_by_a_word_in_its_intro(client, about_page):
    response = client.get("/suche/", {"q": "Querschnittsaufgabe"})

    soup = parse(response)
    assert result_titles(response) == ["Über das Projekt"]
    assert soup.select_one(".search-result a")["href"] == "/projekt/"
    assert result_count(response) == "1 Treffer für „Querschnittsaufgabe“"
    assert soup.select_one("#page-search")["value"] == "Querschnittsaufgabe"


def test_search_finds_a_news_page_by_its_title_and_shows_its_teaser(client, news_index):
    NewsPageFactory(parent=news_index, title="Fachforum Wohnraum", teaser="Ein Rückblick.")

    response = client.get("/suche/", {"q": "Wohnraum"})

    soup = parse(response)
    assert result_titles(response) == ["Fachforum Wohnraum"]
    assert soup.select_one(".search-result p").get_text(strip=True) == "Ein Rückblick."


def test_search_leaves_out_unpublished_pages(client, home_page):
    ContentPageFactory(parent=home_page, title="Geheimer Entwurf Zwiebelturm", published=False)
    ContentPageFactory(parent=home_page, title="Öffentlicher Zwiebelturm")

    response = client.get("/suche/", {"q": "Zwiebelturm"})

    assert result_titles(response) == ["Öffentlicher Zwiebelturm"]


def test_search_without_hits_says_so(client, about_page):
    response = client.get("/suche/", {"q": "Raumfahrt"})

    assert response.status_code == 200
    assert result_titles(response) == []
    assert result_count(response) == "0 Treffer für „Raumfahrt“"
    assert "Keine Treffer." in response.content.decode()


def test_search_finds_only_pages_in_the_active_language(
    client, about_page, en_home_page, en_locale
):
    translate_page(
        about_page,
        en_locale,
        title="About the project",
        intro="Querschnittsaufgabe integration management in six municipalities.",
    )

    german = client.get("/suche/", {"q": "Querschnittsaufgabe"})
    english = client.get("/en/suche/", {"q": "Querschnittsaufgabe"})

    assert result_titles(german) == ["Über das Projekt"]
    assert result_titles(english) == ["About the project"]
    assert parse(english).select_one(".search-result a")["href"] == "/en/projekt/"


@pytest.mark.parametrize(
    "query",
    [
        "x" * 5000,
        "Integration " * 300,
        "\"'; DROP TABLE wagtailcore_page; --",
        "AND OR NOT",
        "((( ]]] ***",
        "-",
        "ä ö ü ß € 😀",
        "<script>alert(1)</script>",
        "%",
        "a:b title:Projekt",
    ],
)
def test_long_or_odd_queries_give_a_result_page(client, about_page, query):
    response = client.get("/suche/", {"q": query})

    assert response.status_code == 200
    assert parse(response).h1.get_text(strip=True) == "Suche"
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_query_with_a_null_character_gives_a_result_page(client, about_page):
    response = client.get("/suche/", {"q": "Projekt\x00"})

    assert response.status_code == 200
    assert parse(response).h1.get_text(strip=True) == "Suche"


def test_quoted_query_finds_the_page_as_if_unquoted(client, about_page):
    response = client.get("/suche/", {"q": '"Querschnittsaufgabe"'})

    assert response.status_code == 200
    assert result_titles(response) == ["Über das Projekt"]


def test_long_query_is_cut_to_200_characters_in_the_form(client, home_page):
    response = client.get("/suche/", {"q": "x" * 5000})

    assert parse(response).select_one("#page-search")["value"] == "x" * 200


def test_search_results_are_paginated_by_ten_and_links_keep_the_query(client, home_page):
    """The wiring to `home.pagination.paginate` (tests/home/test_pagination.py has the rest)."""
    for number in range(11):
        ContentPageFactory(parent=home_page, title=f"Leuchtturm {number}")

    first = client.get("/suche/", {"q": "Leuchtturm"})
    second = client.get("/suche/", {"q": "Leuchtturm", "page": "2"})
    malformed = client.get("/suche/", {"q": "Leuchtturm", "page": "abc"})

    assert len(result_titles(first)) == 10
    assert len(result_titles(second)) == 1
    assert parse(first).select_one("a[rel=next]")["href"] == "?q=Leuchtturm&page=2"
    assert set(result_titles(first) + result_titles(second)) == {
        f"Leuchtturm {number}" for number in range(11)
    }
    assert (malformed.status_code, result_titles(malformed)) == (200, result_titles(first))
