"""The shared page cache (home.page_cache, docs/page-cache.md): what it serves to whom, and
that every change the pages show reaches the next anonymous visitor."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from home import page_cache
from home.models import Municipality, NewsPage
from tests.factories import ContentPageFactory, MunicipalityFactory, NewsPageFactory
from tests.helpers import cache_state, card_titles, parse, publish, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def get_twice(client, url: str):
    first = client.get(url)
    second = client.get(url)
    assert (cache_state(first), cache_state(second)) == ("miss", "hit")
    return second


class TestWhatIsServedFromTheCache:
    def test_an_anonymous_visitor_gets_the_page_from_the_cache_without_a_query(
        self, client, home_page, news_index, django_assert_num_queries
    ):
        NewsPageFactory(parent=news_index, title="Fachtag in Hildesheim")
        first = client.get("/")

        with django_assert_num_queries(0):
            second = client.get("/")

        assert cache_state(first) == "miss" and cache_state(second) == "hit"
        assert second.content == first.content
        assert "Fachtag in Hildesheim" in text_of(parse(second))
        assert second["Content-Type"] == first["Content-Type"]
        assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
        assert second["X-Frame-Options"] == "SAMEORIGIN"

    def test_news_index_pages_and_filters_are_cached_apart(
        self, client, news_index, focus_area, other_focus_area
    ):
        NewsPageFactory(parent=news_index, title="Nur Bereich eins", focus_areas=[focus_area])
        NewsPageFactory(parent=news_index, title="Nur Bereich zwei", focus_areas=[other_focus_area])

        get_twice(client, "/aktuell/")
        filtered = get_twice(client, f"/aktuell/?bereich={focus_area.slug}")

        assert "Nur Bereich eins" in text_of(parse(filtered))
        assert "Nur Bereich zwei" not in text_of(parse(filtered))

    def test_unknown_query_parameters_bypass_the_cache(self, client, home_page):
        """Made-up query strings (tracking parameters, cache busting) cannot fill the cache."""
        response = client.get("/?utm_source=newsletter")

        assert response.status_code == 200
        assert cache_state(response) is None
        assert cache_state(client.get("/?page=1&page=2")) is None

    def test_logged_in_users_never_get_or_fill_the_shared_cache(
        self, client, admin_client, home_page
    ):
        get_twice(client, "/")

        own = admin_client.get("/")
        again = admin_client.get("/")

        assert cache_state(own) is None and cache_state(again) is None
        assert parse(own).select_one("wagtail-userbar, [data-wagtail-userbar]") is not None
        assert parse(client.get("/")).select_one("wagtail-userbar, [data-wagtail-userbar]") is None

    def test_a_visitor_with_messages_waiting_gets_their_own_page(self, client, home_page):
        request = RequestFactory().get("/")
        storage = CookieStorage(request)
        storage.add(constants.SUCCESS, "Ihre Anmeldung ist storniert.")
        carrier = HttpResponse()
        storage.update(carrier)
        get_twice(Client(), "/")

        client.cookies["messages"] = carrier.cookies["messages"].value
        response = client.get("/")

        assert response.status_code == 200
        assert cache_state(response) is None

    def test_search_results_and_the_portal_are_never_cached(self, client, home_page):
        for url in ("/suche/?q=Integration", "/portal/"):
            client.get(url)
            assert cache_state(client.get(url)) is None, url

    def test_a_page_behind_a_password_is_not_cached(self, client, home_page):
        page = ContentPageFactory(parent=home_page, title="Intern", slug="intern")
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )

        first = client.get("/intern/")
        second = client.get("/intern/")

        assert "Intern" not in text_of(parse(second).select_one("main") or parse(second))
        assert cache_state(first) == "miss" and cache_state(second) == "miss"

    def test_the_language_is_part_of_the_key(self, client, home_page, en_home_page):
        german = get_twice(client, "/")
        english = get_twice(client, "/en/")
        # A German path stays German whatever the browser prefers.
        preferred = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

        assert parse(german).html["lang"] == "de"
        assert parse(english).html["lang"] == "en"
        assert cache_state(preferred) == "hit"
        assert parse(preferred).html["lang"] == "de"


class TestInvalidation:
    def test_publishing_a_change_shows_on_the_page_and_in_the_listings(
        self, client, home_page, news_index
    ):
        news = NewsPageFactory(parent=news_index, title="Alter Titel")
        get_twice(client, "/")
        get_twice(client, news.url)

        publish(news, title="Neuer Titel")

        assert "Neuer Titel" in text_of(parse(client.get("/")))
        assert "Neuer Titel" in text_of(parse(client.get(news.url)))
        assert card_titles(client.get("/aktuell/")) == ["Neuer Titel"]

    def test_unpublishing_and_deleting_take_the_page_away(self, client, news_index):
        gone, deleted = (
            NewsPageFactory(parent=news_index, title="Zurückgezogen"),
            NewsPageFactory(parent=news_index, title="Gelöscht"),
        )
        urls = (gone.url, deleted.url)
        for url in urls:
            get_twice(client, url)
        get_twice(client, "/aktuell/")

        gone.unpublish()
        NewsPage.objects.get(pk=deleted.pk).delete()

        assert [client.get(url).status_code for url in urls] == [404, 404]
        listing = text_of(parse(client.get("/aktuell/")))
        assert "Zurückgezogen" not in listing and "Gelöscht" not in listing

    def test_moving_a_page_changes_its_address(self, client, home_page, news_index):
        news = NewsPageFactory(parent=news_index, title="Umzug", slug="umzug")
        target = ContentPageFactory(parent=home_page, title="Archiv", slug="archiv")
        get_twice(client, "/aktuell/umzug/")
        get_twice(client, "/aktuell/")

        news.move(target, pos="last-child")

        old = client.get("/aktuell/umzug/")
        assert (old.status_code, old["Location"]) == (301, "/archiv/umzug/")
        assert client.get("/archiv/umzug/").status_code == 200
        assert "Umzug" not in text_of(parse(client.get("/aktuell/")))

    def test_changing_a_snippet_shows_on_the_pages_that_list_it(self, client, home_page):
        municipality = MunicipalityFactory(name="Stadt Andernach")
        assert "Stadt Andernach" in text_of(parse(get_twice(client, "/")))

        municipality.name = "Stadt Andernach am Rhein"
        municipality.save()

        assert "Stadt Andernach am Rhein" in text_of(parse(client.get("/")))
        Municipality.objects.filter(pk=municipality.pk).get().delete()
        assert "Stadt Andernach" not in text_of(parse(client.get("/")))

    def test_an_image_in_use_flushes_the_cache_an_unused_one_does_not(self, client, news_index):
        image = get_image_model().objects.create(
            title="Foto", file=get_test_image_file(), description="Foto aus dem Ratssaal"
        )
        news = NewsPageFactory(parent=news_index, title="Mit Bild")
        publish(news, image=image, image_alt="Ein Saal voller Menschen")
        get_twice(client, news.url)

        unused = get_image_model().objects.create(title="Unbenutzt", file=get_test_image_file())
        unused.title = "Noch immer unbenutzt"
        unused.save()
        assert cache_state(client.get(news.url)) == "hit"

        image.focal_point_x, image.focal_point_y = 10, 10  # its crops change
        image.focal_point_width = image.focal_point_height = 5
        image.save()

        fresh = client.get(news.url)
        assert cache_state(fresh) == "miss"
        assert parse(fresh).select_one("main img[alt='Ein Saal voller Menschen']") is not None

    def test_saving_a_draft_leaves_the_cached_page(self, client, news_index):
        news = NewsPageFactory(parent=news_index, title="Veröffentlicht")
        get_twice(client, news.url)

        draft = NewsPage.objects.get(pk=news.pk)
        draft.title = "Nur ein Entwurf"
        draft.save_revision()

        response = client.get(news.url)
        assert cache_state(response) == "hit"
        assert "Nur ein Entwurf" not in text_of(parse(response))

    def test_a_lost_generation_never_brings_back_old_entries(self, client, news_index):
        news = NewsPageFactory(parent=news_index, title="Erste Fassung")
        get_twice(client, news.url)
        publish(news, title="Zweite Fassung")
        get_twice(client, news.url)

        page_cache.cache().delete(page_cache.GENERATION_KEY)  # evicted from Redis

        response = client.get(news.url)
        assert cache_state(response) == "miss"
        assert "Zweite Fassung" in text_of(parse(response))


class TestFrontendCache:
    def test_cacheable_pages_tell_a_cdn_how_long_to_keep_them(self, cdn, client, home_page):
        response = client.get("/")

        assert "public" in response["Cache-Control"]
        assert "s-maxage=600" in response["Cache-Control"]
        assert "max-age=0" in response["Cache-Control"]
        assert "Cookie" in response["Vary"]  # a proxy that honours it skips visitors' cookies

    def test_without_a_cdn_pages_carry_no_public_cache_header(self, client, home_page):
        assert "public" not in client.get("/").get("Cache-Control", "")

    def test_a_snippet_change_purges_every_live_page(
        self, cdn, home_page, news_index, django_capture_on_commit_callbacks
    ):
        news = NewsPageFactory(parent=news_index, title="Nachricht", slug="nachricht")

        with django_capture_on_commit_callbacks(execute=True):
            MunicipalityFactory(name="Landkreis Cuxhaven")

        assert {"http://localhost/", "http://localhost/aktuell/"} <= set(cdn)
        assert "http://localhost/aktuell/nachricht/" in cdn
        assert news.live


def test_a_page_that_reads_the_real_csrf_token_while_rendering_is_not_stored(rf, settings):
    def view(request):
        page_cache.allow(request)
        return HttpResponse(f"<p>{get_token(request)}</p>")

    middleware = page_cache.PageCacheMiddleware(view)
    first = middleware(rf.get("/seite/"))
    second = middleware(rf.get("/seite/"))

    assert (cache_state(first), cache_state(second)) == ("miss", "miss")
    assert first.content != second.content
