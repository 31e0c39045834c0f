"""home/wagtail_hooks.py: links to pages in rich text."""

import pytest
from wagtail.rich_text import RichText

from tests.factories import ContentPageFactory, translate_page
from tests.helpers import count_queries, parse

pytestmark = pytest.mark.django_db


def linking_to(parent, targets, *, slug: str):
    """A content page with one paragraph for each of `targets`, each linking to it."""
    body = [
        ("paragraph", RichText(f'<p>Siehe <a linktype="page" id="{target.pk}">hier</a>.</p>'))
        for target in targets
    ]
    return ContentPageFactory(parent=parent, title="Mit Links", slug=slug, body=body)


def link_targets(response) -> list[str]:
    return [link["href"] for link in parse(response).select(".stream .rich-text a")]


def test_rich_text_links_lead_to_the_page_in_the_active_language(client, home_page, en_home_page):
    translated = ContentPageFactory(parent=home_page, title="Projekt", slug="projekt")
    german_only = ContentPageFactory(parent=home_page, title="Nur deutsch", slug="nur-deutsch")
    source = linking_to(home_page, [translated, german_only], slug="links")
    translate_page(translated, en_home_page.locale, title="Project")
    translate_page(source, en_home_page.locale, title="With links")

    german = client.get("/links/")
    english = client.get("/en/links/")

    assert link_targets(german) == ["/projekt/", "/nur-deutsch/"]
    assert link_targets(english) == ["/en/projekt/", "/nur-deutsch/"]


def test_each_linked_page_is_read_once_per_request(client, home_page):
    target = ContentPageFactory(parent=home_page, title="Projekt", slug="projekt")
    once = linking_to(home_page, [target], slug="einmal")
    thrice = linking_to(home_page, [target, target, target], slug="dreimal")
    for page in (once, thrice):
        client.get(page.url)  # fills the caches (site root paths, content types)

    assert count_queries(client, thrice.url) == count_queries(client, once.url)
