"""What search engines and link previews read: description from the teaser, canonical URL,
hreflang between translations, Open Graph, robots.txt, icons, and a sitemap with the English
pages on the configured host."""

import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.contrib.staticfiles import finders
from wagtail.models import Site

from tests.factories import ContentPageFactory, NewsPageFactory, translate_page


@pytest.fixture
def about(home_page):
    return ContentPageFactory(
        parent=home_page, title="Über das Projekt", slug="projekt", intro="Worum es <b>geht</b>."
    )


@pytest.fixture
def en_about(about, en_home_page, en_locale):
    return translate_page(about, en_locale, title="About the project", intro="What it is about.")


def head(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser").head


def meta(soup, **attrs) -> str | None:
    tag = soup.find("meta", attrs=attrs)
    return tag["content"] if tag else None


def test_a_page_has_description_canonical_and_hreflang_to_its_translation(client, about, en_about):
    soup = head(client.get("/projekt/"))

    assert meta(soup, name="description") == "Worum es geht."
    assert soup.find("link", rel="canonical")["href"] == "http://localhost/projekt/"
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup.find_all("link", rel="alternate", hreflang=True)
    }
    assert alternates == {
        "de": "http://localhost/projekt/",
        "en": "http://localhost/en/projekt/",
        "x-default": "http://localhost/projekt/",
    }


def test_a_page_without_translation_names_no_other_language(client, about):
    soup = head(client.get("/projekt/"))

    assert soup.find_all("link", rel="alternate", hreflang=True) == []


def test_news_share_as_articles_with_the_teaser(client, news_index):
    NewsPageFactory(
        parent=news_index, title="Neues Netzwerk", slug="netzwerk", teaser="Kurz gesagt."
    )

    soup = head(client.get("/aktuell/netzwerk/"))

    assert meta(soup, property="og:type") == "article"
    assert meta(soup, property="og:title") == "Neues Netzwerk"
    assert meta(soup, property="og:description") == "Kurz gesagt."
    assert meta(soup, property="og:url") == "http://localhost/aktuell/netzwerk/"
    assert meta(soup, property="og:locale") == "de_DE"
    assert meta(soup, name="description") == "Kurz gesagt."


def test_the_english_page_says_it_is_english(client, en_about):
    soup = head(client.get("/en/projekt/"))

    assert meta(soup, property="og:locale") == "en_GB"
    assert soup.find("link", rel="canonical")["href"] == "http://localhost/en/projekt/"


def test_favicon_and_touch_icon_come_from_the_sites_own_files(client, home_page):
    soup = head(client.get("/"))
    favicon = client.get("/favicon.ico")

    assert soup.find("link", rel="apple-touch-icon")["href"].endswith("icons/apple-touch-icon.png")
    assert {link["href"].rsplit("/", 1)[-1] for link in soup.find_all("link", rel="icon")} == {
        "favicon.ico",
        "favicon.svg",
    }
    assert favicon.status_code == 301
    assert favicon["Location"].endswith("/icons/favicon.ico")
    assert finders.find("icons/favicon.ico") and finders.find("icons/apple-touch-icon.png")


def test_robots_txt_keeps_private_paths_out_and_names_the_sitemap(client, home_page):
    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /anmeldung/" in lines
    assert "Disallow: /admin/" in lines
    assert lines[-1] == "Sitemap: http://localhost/sitemap.xml"


def test_the_sitemap_lists_german_and_english_pages_on_the_configured_host(client, about, en_about):
    Site.objects.filter(is_default_site=True).update(hostname="querschnitt.example.org", port=443)

    response = client.get("/sitemap.xml")

    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [loc.text for loc in ET.fromstring(response.content).findall(".//s:loc", namespace)]
    assert "https://querschnitt.example.org/projekt/" in urls
    assert "https://querschnitt.example.org/en/projekt/" in urls
    assert "https://querschnitt.example.org/en/" in urls
    assert all(url.startswith("https://querschnitt.example.org/") for url in urls)
