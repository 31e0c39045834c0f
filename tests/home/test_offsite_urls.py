"""No URL the site builds from the request path leaves the site (language switcher on pages
that are not Wagtail pages: 404, search, registration pages)."""

from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup


def switcher_links(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [a["href"] for a in soup.select(".language-switcher__link")]


@pytest.mark.parametrize(
    "path",
    ["//evil.example/", "//evil.example/aktuell/", "/\\evil.example/", "///evil.example/x/"],
)
def test_switcher_on_the_404_page_of_a_protocol_relative_path_stays_on_the_site(
    client, en_home_page, path
):
    response = client.get("/", PATH_INFO=path)

    assert response.status_code == 404
    links = switcher_links(response)
    assert links, "the 404 page offers the other language"
    for href in links:
        # A path on this host: browsers read "//host/" and "/\\host/" as another host.
        assert href.startswith("/") and not href.startswith(("//", "/\\")), href
        assert urlsplit(href).netloc == "", href


def test_switcher_on_the_404_page_keeps_the_path_under_the_other_language(client, en_home_page):
    response = client.get("/gibt-es-nicht/")

    assert response.status_code == 404
    assert switcher_links(response) == ["/en/gibt-es-nicht/"]
