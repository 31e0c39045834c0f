"""Page types: where they may be created, creating them through the admin, rendering them."""

import datetime

from django.utils.html import strip_tags
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page
from wagtail.rich_text import RichText
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from events.models import EventIndexPage
from home.models import ContentPage, HomePage, NewsIndexPage, NewsPage
from tests import base_site
from tests.factories import (
    ContentPageFactory,
    FocusAreaFactory,
    MunicipalityFactory,
    NewsPageFactory,
)
from tests.helpers import parse

ALT_TEXT_REQUIRED = "Bitte beschreiben Sie das Bild in einem Alternativtext."


def texts(elements) -> list[str]:
    return [element.get_text(" ", strip=True) for element in elements]


class TestPageTypeRules(WagtailPageTestCase):
    def test_home_page_is_created_only_at_the_tree_root(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_home_page_allows_content_pages_the_news_index_and_praxiswissen_below_it(self):
        from peer_learning.models import PraxiswissenIndexPage

        self.assertAllowedSubpageTypes(
            HomePage, {ContentPage, NewsIndexPage, PraxiswissenIndexPage}
        )

    def test_content_page_lives_below_the_home_page_or_another_content_page(self):
        self.assertAllowedParentPageTypes(ContentPage, {HomePage, ContentPage})
        self.assertAllowedSubpageTypes(ContentPage, {ContentPage})

    def test_aktuell_lives_below_the_home_page_and_holds_news_and_the_events_index(self):
        self.assertAllowedParentPageTypes(NewsIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(NewsIndexPage, {NewsPage, EventIndexPage})

    def test_news_page_lives_only_below_the_news_index_and_has_no_children(self):
        self.assertAllowedParentPageTypes(NewsPage, {NewsIndexPage})
        self.assertAllowedSubpageTypes(NewsPage, set())

    def test_allowed_parent_and_child_pairs(self):
        self.assertCanCreateAt(Page, HomePage)
        self.assertCanCreateAt(HomePage, ContentPage)
        self.assertCanCreateAt(HomePage, NewsIndexPage)
        self.assertCanCreateAt(ContentPage, ContentPage)
        self.assertCanCreateAt(NewsIndexPage, NewsPage)

    def test_refused_parent_and_child_pairs(self):
        self.assertCanNotCreateAt(Page, ContentPage)
        self.assertCanNotCreateAt(Page, NewsIndexPage)
        self.assertCanNotCreateAt(Page, NewsPage)
        self.assertCanNotCreateAt(HomePage, HomePage)
        self.assertCanNotCreateAt(HomePage, NewsPage)
        self.assertCanNotCreateAt(ContentPage, HomePage)
        self.assertCanNotCreateAt(ContentPage, NewsIndexPage)
        self.assertCanNotCreateAt(ContentPage, NewsPage)
        self.assertCanNotCreateAt(NewsIndexPage, ContentPage)
        self.assertCanNotCreateAt(NewsIndexPage, NewsIndexPage)
        self.assertCanNotCreateAt(NewsPage, NewsPage)
        self.assertCanNotCreateAt(NewsPage, ContentPage)


class TestMaxCounts(WagtailPageTestCase):
    def test_second_home_page_in_the_same_language_is_refused(self):
        root = Page.get_first_root_node()
        assert HomePage.objects.child_of(root).filter(locale__language_code="de").exists()

        assert HomePage.can_create_at(root) is False

    def test_second_news_index_below_the_home_page_is_refused(self):
        home = base_site.get("home")
        assert NewsIndexPage.objects.child_of(home).exists()

        assert NewsIndexPage.can_create_at(home) is False


class TestCreateHomePageInAdmin(WagtailPageTestCase):
    def setUp(self):
        self.login()
        # As on a new site: no HomePage yet (the base site's, in both languages, goes).
        for home in HomePage.objects.all():
            home.delete()

    def test_home_page_is_created_below_the_root(self):
        root = Page.get_first_root_node()
        data = nested_form_data(
            {
                "title": "Integration im Querschnitt",
                "slug": "start",
                "intro": rich_text("<p>Kommunales Integrationsmanagement.</p>"),
                "focus_areas_heading": "Vier Gestaltungsbereiche",
                "municipalities_heading": "Sechs Projektstandorte",
                "body": streamfield([]),
            }
        )

        self.assertCanCreate(root, HomePage, data)

        home = HomePage.objects.get(slug="start")
        assert home.live is True
        assert strip_tags(home.intro) == "Kommunales Integrationsmanagement."


class TestCreatePagesInAdmin(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = base_site.get("home")
        cls.news_index = base_site.get("news_index")

    def setUp(self):
        self.login()

    def test_content_page_with_heading_and_text_is_created(self):
        data = nested_form_data(
            {
                "title": "Über das Projekt",
                "intro": "Worum es geht.",
                "body": streamfield(
                    [
                        ("heading", {"text": "Ziele", "level": "h2"}),
                        ("paragraph", rich_text("<p>Gemeinsam gestalten.</p>")),
                    ]
                ),
            }
        )

        self.assertCanCreate(self.home, ContentPage, data)

        page = ContentPage.objects.get(slug="uber-das-projekt")
        assert page.intro == "Worum es geht."
        assert [block.block_type for block in page.body] == ["heading", "paragraph"]
        assert page.body[0].value["text"] == "Ziele"

    def test_news_index_page_is_created_below_a_home_page_without_one(self):
        self.news_index.delete()
        data = nested_form_data({"title": "Aktuell", "intro": "Neues aus dem Projekt."})

        self.assertCanCreate(self.home, NewsIndexPage, data)

        assert NewsIndexPage.objects.get().intro == "Neues aus dem Projekt."

    def test_news_page_with_image_alt_text_and_related_link_is_created(self):
        image = get_image_model().objects.create(title="Fachforum", file=get_test_image_file())
        focus_area = FocusAreaFactory()
        data = nested_form_data(
            {
                "title": "Erstes Fachforum",
                "date": "2025-03-14",
                "teaser": "Rückblick auf das erste Fachforum.",
                "image": image.pk,
                "image_alt": "Teilnehmende an Stehtischen",
                "body": streamfield([("paragraph", rich_text("<p>Ein voller Saal.</p>"))]),
                "related_links": inline_formset([{"related_page": self.home.pk}]),
            }
        )
        # A multiple-choice field posts one value per choice, not nested keys.
        data["focus_areas"] = [focus_area.pk]

        self.assertCanCreate(self.news_index, NewsPage, data)

        news = NewsPage.objects.get(slug="erstes-fachforum")
        assert news.date == datetime.date(2025, 3, 14)
        assert news.image == image
        assert news.image_alt == "Teilnehmende an Stehtischen"
        assert list(news.focus_areas.all()) == [focus_area]
        assert [link.related_page_id for link in news.related_links.all()] == [self.home.pk]

    def test_news_page_with_image_but_no_alt_text_is_refused_with_german_message(self):
        image = get_image_model().objects.create(title="Fachforum", file=get_test_image_file())
        data = nested_form_data(
            {
                "title": "Ohne Alternativtext",
                "slug": "ohne-alternativtext",
                "date": "2025-03-14",
                "teaser": "Ein Bild ohne Beschreibung.",
                "image": image.pk,
                "image_alt": "  ",
                "body": streamfield([("paragraph", rich_text("<p>Text.</p>"))]),
                "related_links": inline_formset([]),
                "action-publish": "action-publish",
            }
        )
        add_url = f"/admin/pages/add/home/newspage/{self.news_index.pk}/"

        response = self.client.post(add_url, data)

        assert response.status_code == 200
        assert response.context["form"].errors["image_alt"] == [ALT_TEXT_REQUIRED]
        assert NewsPage.objects.filter(slug="ohne-alternativtext").exists() is False


# --- Rendering ---------------------------------------------------------------------------


def test_home_page_shows_title_intro_focus_areas_municipalities_and_latest_news(
    client, home_page, news_index, focus_area, other_focus_area
):
    MunicipalityFactory(name="Mainz", sort_order=1)
    MunicipalityFactory(name="Landkreis Göttingen", sort_order=2)
    for day in range(1, 5):
        NewsPageFactory(parent=news_index, title=f"Meldung {day}", date=datetime.date(2025, 5, day))

    response = client.get("/")

    soup = parse(response)
    assert response.status_code == 200
    assert soup.h1.get_text(strip=True) == "Integration im Querschnitt"
    assert soup.select_one(".hero__intro").get_text(strip=True) == (
        "Kommunales Integrationsmanagement gemeinsam gestalten."
    )
    assert texts(soup.select(".focus-area .card__title")) == [
        "Strategische Steuerung",
        "Kooperation der Fachbereiche",
    ]
    assert texts(soup.select(".municipality__name")) == ["Mainz", "Landkreis Göttingen"]
    assert texts(soup.select("#news-heading ~ ul .card__title")) == [
        "Meldung 4",
        "Meldung 3",
        "Meldung 2",
    ]
    assert soup.find("a", string="Alle Nachrichten unter „Aktuell“")["href"] == "/aktuell/"


def test_home_page_without_news_says_there_are_none(client, home_page):
    response = client.get("/")

    assert response.status_code == 200
    assert "Zurzeit gibt es keine Nachrichten." in response.content.decode()


def test_content_page_shows_title_intro_and_body(client, home_page):
    ContentPageFactory(
        parent=home_page,
        title="Über das Projekt",
        slug="projekt",
        intro="Worum es geht.",
        body=[
            ("heading", {"text": "Ziele", "level": "h2"}),
            ("paragraph", RichText("<p>Gemeinsam mehr erreichen.</p>")),
        ],
    )

    response = client.get("/projekt/")

    soup = parse(response)
    assert response.status_code == 200
    assert soup.h1.get_text(strip=True) == "Über das Projekt"
    assert soup.select_one("p.lead").get_text(strip=True) == "Worum es geht."
    assert soup.select_one(".stream h2").get_text(strip=True) == "Ziele"
    assert soup.select_one(".stream .rich-text").get_text(strip=True) == (
        "Gemeinsam mehr erreichen."
    )


def test_news_index_shows_title_intro_and_news_cards(client, news_index):
    NewsPageFactory(parent=news_index, title="Auftakt in Mainz", teaser="Das Projekt beginnt.")

    response = client.get("/aktuell/")

    soup = parse(response)
    assert response.status_code == 200
    assert soup.h1.get_text(strip=True) == "Aktuell"
    assert soup.select_one("p.lead").get_text(strip=True) == "Neuigkeiten aus dem Projekt."
    assert texts(soup.select(".card-list .card__title")) == ["Auftakt in Mainz"]
    assert texts(soup.select(".card-list .card__body > p:not(.card__meta)")) == [
        "Das Projekt beginnt."
    ]


def test_news_page_shows_date_title_teaser_body_focus_areas_and_related_pages(
    client, home_page, news_index, focus_area
):
    about = ContentPageFactory(parent=home_page, title="Über das Projekt")
    news = NewsPageFactory(
        parent=news_index,
        title="Erstes Fachforum",
        slug="erstes-fachforum",
        date=datetime.date(2025, 3, 14),
        teaser="Rückblick auf das erste Fachforum.",
        body=[("paragraph", RichText("<p>Ein voller Saal.</p>"))],
        focus_areas=[focus_area],
    )
    news.related_links.create(related_page=about)
    news.save_revision().publish()

    response = client.get("/aktuell/erstes-fachforum/")

    soup = parse(response)
    assert response.status_code == 200
    assert soup.h1.get_text(strip=True) == "Erstes Fachforum"
    assert soup.select_one("time")["datetime"] == "2025-03-14"
    assert soup.select_one("p.lead").get_text(strip=True) == "Rückblick auf das erste Fachforum."
    assert soup.select_one(".stream .rich-text").get_text(strip=True) == "Ein voller Saal."
    assert texts(soup.select(".article__header .tag")) == ["Steuerung"]
    assert [(a["href"], a.get_text(strip=True)) for a in soup.select(".related a")] == [
        (about.url, "Über das Projekt")
    ]


def test_news_page_renders_its_image_with_the_alt_text(client, news_index):
    image = get_image_model().objects.create(title="Fachforum", file=get_test_image_file())
    NewsPageFactory(
        parent=news_index,
        slug="mit-bild",
        image=image,
        image_alt="Teilnehmende an Stehtischen",
    )

    response = client.get("/aktuell/mit-bild/")

    assert response.status_code == 200
    assert parse(response).select_one(".article__image img")["alt"] == (
        "Teilnehmende an Stehtischen"
    )


class TestPagesAreRenderable(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = base_site.get("home")
        cls.content_page = ContentPageFactory(parent=cls.home)
        cls.news_index = base_site.get("news_index")
        cls.news_page = NewsPageFactory(parent=cls.news_index)

    def test_every_page_type_renders(self):
        for page in [self.home, self.content_page, self.news_index, self.news_page]:
            with self.subTest(page=type(page).__name__):
                self.assertPageIsRenderable(page)

    def test_news_index_feed_routes_render(self):
        self.assertPageIsRenderable(self.news_index, route_path="feed/rss/")
        self.assertPageIsRenderable(self.news_index, route_path="feed/atom/")

    def test_unknown_news_index_route_is_a_404(self):
        self.assertPageIsRenderable(self.news_index, route_path="feed/json/", accept_404=True)
        response = self.client.get("/aktuell/feed/json/")
        assert response.status_code == 404
