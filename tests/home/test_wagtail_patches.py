"""home/wagtail_patches.py: Wagtail's answers about private pages and locales, in fewer queries."""

import pytest
from django.utils import translation
from wagtail.models import Locale, Page, PageViewRestriction

from home import locales
from home.wagtail_patches import wagtail_get_view_restrictions
from tests.factories import ContentPageFactory
from tests.helpers import parse

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home_page):
    """ "Intern" (password-protected) with "Unterseite" below it, and "Offen" beside it."""
    intro = "Alle drei handeln vom Zitronenfalter."
    internal = ContentPageFactory(parent=home_page, title="Intern", slug="intern", intro=intro)
    below = ContentPageFactory(parent=internal, title="Unterseite", slug="unterseite", intro=intro)
    public = ContentPageFactory(parent=home_page, title="Offen", slug="offen", intro=intro)
    PageViewRestriction.objects.create(
        page=internal, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )
    return {"internal": internal, "below": below, "public": public}


def titles(queryset) -> set[str]:
    return {page.title for page in queryset}


def test_public_leaves_out_a_restricted_page_and_its_descendants(pages):
    candidates = Page.objects.filter(pk__in=[page.pk for page in pages.values()])

    assert titles(candidates.public()) == {"Offen"}
    assert titles(candidates.not_public()) == {"Intern", "Unterseite"}


def test_public_costs_no_query_of_its_own(pages, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert "Offen" in titles(Page.objects.live().public())
    with django_assert_num_queries(1):
        assert "Unterseite" in titles(Page.objects.live().not_public())


def test_search_leaves_out_restricted_pages(client, pages):
    response = client.get("/suche/", {"q": "Zitronenfalter"})

    found = [link.get_text(strip=True) for link in parse(response).select(".search-result__title")]
    assert found == ["Offen"]


def asks_for_a_password(response) -> bool:
    return parse(response).select_one("form input[name=password]") is not None


def test_a_page_below_a_restricted_page_asks_for_the_password(client, pages):
    below = client.get(pages["below"].url)
    beside = client.get(pages["public"].url)

    assert (below.status_code, asks_for_a_password(below)) == (200, True)
    assert "Unterseite" not in below.content.decode()
    assert (beside.status_code, asks_for_a_password(beside)) == (200, False)


def test_an_alias_of_a_restricted_page_asks_for_the_password_of_its_source(client, pages):
    alias = pages["internal"].create_alias(parent=pages["public"], update_slug="kopie")

    assert asks_for_a_password(client.get(alias.url))


def test_a_routed_page_has_the_view_restrictions_wagtail_finds(rf, pages, home_page):
    aliases = [
        pages[name].create_alias(parent=pages["public"], update_slug=f"kopie-{name}")
        for name in ["internal", "below"]
    ]
    for page in [pages["below"], pages["public"], home_page, *aliases]:
        routed = Page.find_for_request(rf.get(page.url), page.url)

        assert set(routed.get_view_restrictions()) == set(wagtail_get_view_restrictions(page))


def test_a_routed_page_reads_its_view_restrictions_in_one_query(
    rf, pages, django_assert_num_queries
):
    routed = Page.find_for_request(rf.get(pages["below"].url), pages["below"].url)

    with django_assert_num_queries(1):
        assert len(routed.get_view_restrictions()) == 1


def test_wagtail_reads_the_locales_once(de_locale, en_locale, django_assert_num_queries):
    locales.clear()

    with django_assert_num_queries(1):
        assert Locale.get_default() == de_locale
        with translation.override("en"):
            assert Locale.get_active() == en_locale
        assert Locale.objects.get_for_language("de") == de_locale


def test_an_unknown_language_has_no_locale_as_in_wagtail(de_locale):
    with pytest.raises(LookupError):
        Locale.objects.get_for_language("xx")
    with translation.override("xx"):
        assert Locale.get_active() == de_locale
