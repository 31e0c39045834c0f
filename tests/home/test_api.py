"""News („Aktuell“) over the headless API (/api/v3/news/): live, public items newest first,
filters, languages, images with renditions, the body as typed blocks, constant queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import PageViewRestriction

from tests.factories import NewsPageFactory, translate_page

pytestmark = pytest.mark.django_db

API = "/api/v3/news/"


def titles(response) -> list[str]:
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_live_public_news_newest_first(client, news_index):
    NewsPageFactory(parent=news_index, title="Älter", date=datetime.date(2026, 3, 1))
    NewsPageFactory(parent=news_index, title="Neuer", date=datetime.date(2026, 5, 1))
    NewsPageFactory(parent=news_index, title="Entwurf", published=False)
    private = NewsPageFactory(parent=news_index, title="Geschützt")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
    )

    response = client.get(API)

    assert titles(response) == ["Neuer", "Älter"]
    assert response.json()["count"] == 2
    assert client.get(f"{API}{private.pk}/").status_code == 404


def test_filters_by_focus_area_and_date(client, news_index, focus_area):
    NewsPageFactory(parent=news_index, title="März", date=datetime.date(2026, 3, 1))
    NewsPageFactory(
        parent=news_index,
        title="Mai Steuerung",
        date=datetime.date(2026, 5, 1),
        focus_areas=[focus_area],
    )

    assert titles(client.get(API, {"focus_area": "steuerung"})) == ["Mai Steuerung"]
    assert titles(client.get(API, {"date_from": "2026-04-01"})) == ["Mai Steuerung"]
    assert titles(client.get(API, {"date_to": "2026-04-01"})) == ["März"]
    assert client.get(API, {"date_to": "gestern"}).status_code in (400, 422)


def test_an_item_with_its_image_renditions_and_focus_areas(client, news_index, focus_area):
    image = get_image_model().objects.create(
        title="Fachforum", file=get_test_image_file("fachforum.png", size=(1200, 800))
    )
    news = NewsPageFactory(
        parent=news_index,
        title="Mit Bild",
        image=image,
        image_alt="Menschen im Gespräch",
        focus_areas=[focus_area],
    )

    [item] = client.get(API).json()["items"]

    assert item["id"] == news.pk and item["locale"] == "de"
    assert item["url"].endswith(news.url)
    assert item["image"]["alt"] == "Menschen im Gespräch"
    assert item["image"]["renditions"]["card"]["width"] == 640
    assert item["image"]["renditions"]["card"]["url"].startswith("http")
    assert [area["slug"] for area in item["focus_areas"]] == ["steuerung"]


def test_english_where_translated_and_the_detail_in_its_language(client, news_index, en_news_index):
    german = NewsPageFactory(parent=news_index, title="Auf Deutsch", date=datetime.date(2026, 5, 1))
    english = translate_page(german, en_news_index.locale, title="In English")
    NewsPageFactory(parent=news_index, title="Nur Deutsch", date=datetime.date(2026, 4, 1))

    listed = client.get(API, headers={"Accept-Language": "en"}).json()["items"]
    detail = client.get(f"{API}{english.pk}/").json()

    assert [(item["title"], item["locale"]) for item in listed] == [
        ("In English", "en"),
        ("Nur Deutsch", "de"),
    ]
    assert {(t["locale"], t["id"]) for t in listed[0]["translations"]} == {
        ("de", german.pk),
        ("en", english.pk),
    }
    assert (detail["title"], detail["locale"]) == ("In English", "en")
    assert detail["body"][0]["type"] == "paragraph"
    assert "Der ausführliche Text der Nachricht." in detail["body"][0]["value"]


def test_the_list_runs_the_same_queries_for_2_or_20_items(client, news_index, focus_area):
    image = get_image_model().objects.create(title="Bild", file=get_test_image_file())

    def add(count):
        for _ in range(count):
            NewsPageFactory(
                parent=news_index, image=image, image_alt="Ein Bild", focus_areas=[focus_area]
            )

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(API, {"limit": "50"}).status_code == 200
        return len(captured)

    add(2)
    queries()  # renditions are made once; Wagtail caches the site root paths
    few = queries()
    add(18)
    queries()
    many = queries()

    assert many == few <= 12
