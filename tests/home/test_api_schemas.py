"""Typed API schemas of the StreamField blocks (home.api_schemas, events.api_schemas): every
block converts to JSON that validates against its schema, and the schemas name every block."""

import datetime
import json

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from ninja import NinjaAPI, Schema
from pydantic import TypeAdapter
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.rich_text import RichText

import events.api_schemas
import home.api_schemas
from events.api_schemas import Material, ProgrammeDay, materials, programme_days
from events.models import EventPage
from home.api_schemas import (
    BODY_CONVERTERS,
    BodyBlock,
    FocusAreaSchema,
    ImageSchema,
    body_blocks,
    image_data,
    rendition_prefetch,
)
from home.blocks import BodyStreamBlock
from home.models import ContentPage, NewsPage
from tests.factories import ContentPageFactory, EventPageFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

BODY = TypeAdapter(list[BodyBlock])
PROGRAMME = TypeAdapter(list[ProgrammeDay])
MATERIALS = TypeAdapter(list[Material])


@pytest.fixture
def request_(rf):
    return rf.get("/api/v3/news/")


def make_image(title="Fachforum", size=(1200, 800)):
    return get_image_model().objects.create(
        title=title, file=get_test_image_file(f"{title.lower()}.png", size=size)
    )


def make_document(title="Programm", filename="Programm.PDF"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=filename)
    )


def same(image):
    return type(image).objects.get(pk=image.pk)


def image_value(image, alt="", *, decorative=False, caption="", credit=""):
    return {
        "image": {"image": image, "alt_text": alt, "decorative": decorative},
        "caption": caption,
        "credit": credit,
    }


def call_to_action(page=None, url=""):
    return {
        "title": "Mitmachen",
        "text": "Werden Sie Teil des Netzwerks.",
        "link_text": "Zum Projekt",
        "target": {"page": page, "url": url},
    }


def content_page(parent, body) -> ContentPage:
    """The page as read from the database, so the stream is converted as in a request."""
    page = ContentPageFactory(parent=parent, body=body)
    return ContentPage.objects.get(pk=page.pk)


def json_ready(data):
    assert json.loads(json.dumps(data)) == data
    return data


def union_tags(adapter: TypeAdapter) -> set[str]:
    """The `type` values a `list[<discriminated union>]` schema accepts."""
    return set(adapter.json_schema()["items"]["discriminator"]["mapping"])


# --- the body -----------------------------------------------------------------------------


@pytest.fixture
def body_page(home_page):
    target = ContentPageFactory(parent=home_page, title="Über das Projekt", slug="projekt")
    draft = ContentPageFactory(parent=home_page, title="Entwurf", slug="entwurf", published=False)
    image = make_image()
    document = make_document()
    page = content_page(
        home_page,
        [
            ("heading", {"text": "Ziele", "level": "h3"}),
            (
                "paragraph",
                RichText(f'<p>Mehr <a linktype="page" id="{target.pk}">über uns</a>.</p>'),
            ),
            ("image", image_value(image, "Menschen im Saal", caption="Auftakt", credit="ism")),
            # Another instance: ImageBlock puts the block's alt text on the image object.
            ("image", image_value(same(image), "wird nicht gezeigt", decorative=True)),
            ("quote", {"text": "Gemeinsam geht es.", "author": "Eine Teilnehmerin", "role": ""}),
            ("call_to_action", call_to_action(page=target)),
            ("call_to_action", call_to_action(page=draft)),
            ("call_to_action", call_to_action(url="https://example.org/mitmachen")),
            ("downloads", {"title": "Unterlagen", "documents": [document]}),
            (
                "accordion",
                {
                    "title": "Häufige Fragen",
                    "items": [
                        {
                            "question": "Wer kann teilnehmen?",
                            "answer": RichText(
                                f'<p>Alle <a linktype="page" id="{target.pk}">Kommunen</a>.</p>'
                            ),
                        }
                    ],
                },
            ),
            (
                "table",
                {
                    "caption": "Termine",
                    "table": {
                        "data": [["Ort", "Datum"], ["Mainz", None]],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_header_choice": "row",
                    },
                },
            ),
        ],
    )
    return {"page": page, "target": target, "image": image, "document": document}


def test_every_body_block_converts_to_json_that_validates(body_page, request_):
    page, target, image, document = body_page.values()

    blocks = json_ready(body_blocks(page.body, request=request_))

    BODY.validate_python(blocks)
    assert [block["type"] for block in blocks] == [
        "heading",
        "paragraph",
        "image",
        "image",
        "quote",
        "call_to_action",
        "call_to_action",
        "call_to_action",
        "downloads",
        "accordion",
        "table",
    ]
    assert [block["id"] for block in blocks] == [child.id for child in page.body]
    (
        heading,
        paragraph,
        picture,
        decorative,
        quote,
        to_page,
        to_draft,
        to_url,
        downloads,
        accordion,
        table,
    ) = (block["value"] for block in blocks)

    assert heading == {"text": "Ziele", "level": "h3"}
    assert target.url == "/projekt/"
    assert paragraph == '<p>Mehr <a href="/projekt/">über uns</a>.</p>'

    assert picture["caption"] == "Auftakt"
    assert picture["credit"] == "ism"
    assert {key: picture["image"][key] for key in ("id", "title", "alt", "width", "height")} == {
        "id": image.pk,
        "title": "Fachforum",
        "alt": "Menschen im Saal",
        "width": 1200,
        "height": 800,
    }
    card, large = picture["image"]["renditions"]["card"], picture["image"]["renditions"]["large"]
    assert card["url"].startswith("http://localhost/media/images/")
    assert ".fill-640x360" in card["url"]
    assert (card["width"], card["height"]) == (640, 360)
    assert large["url"].startswith("http://localhost/media/images/")
    assert ".width-960" in large["url"]
    assert (large["width"], large["height"]) == (960, 640)
    assert decorative["image"]["alt"] == ""

    assert quote == {"text": "Gemeinsam geht es.", "author": "Eine Teilnehmerin", "role": ""}

    assert to_page == {
        "title": "Mitmachen",
        "text": "Werden Sie Teil des Netzwerks.",
        "link_text": "Zum Projekt",
        "target": {
            "page": {
                "id": target.pk,
                "title": "Über das Projekt",
                "url": "http://localhost/projekt/",
            },
            "url": None,
        },
    }
    assert to_draft["target"] == {"page": None, "url": None}
    assert to_url["target"] == {"page": None, "url": "https://example.org/mitmachen"}

    assert downloads == {
        "title": "Unterlagen",
        "documents": [
            {
                "id": document.pk,
                "title": "Programm",
                "url": f"http://localhost/documents/{document.pk}/{document.filename}",
                "file_extension": "pdf",
            }
        ],
    }
    assert accordion == {
        "title": "Häufige Fragen",
        "items": [
            {
                "question": "Wer kann teilnehmen?",
                "answer": '<p>Alle <a href="/projekt/">Kommunen</a>.</p>',
            }
        ],
    }
    assert table == {
        "caption": "Termine",
        "first_row_is_header": True,
        "first_col_is_header": False,
        "rows": [["Ort", "Datum"], ["Mainz", ""]],
    }


def test_blocks_whose_image_or_document_was_deleted_are_left_out(body_page, request_):
    page = body_page["page"]
    body_page["image"].delete()
    body_page["document"].delete()

    blocks = body_blocks(ContentPage.objects.get(pk=page.pk).body, request=request_)

    BODY.validate_python(blocks)
    assert "image" not in [block["type"] for block in blocks]
    downloads = next(block["value"] for block in blocks if block["type"] == "downloads")
    assert downloads == {"title": "Unterlagen", "documents": []}


def test_empty_body_gives_an_empty_list(request_):
    assert body_blocks(None, request=request_) == []


def test_body_schema_names_every_block_of_the_body_stream_block():
    assert union_tags(BODY) == set(BodyStreamBlock().child_blocks)
    assert set(BODY_CONVERTERS) == set(BodyStreamBlock().child_blocks)


def test_openapi_schema_lists_every_block_as_its_own_component():
    api = NinjaAPI(urls_namespace="test_api_schemas")

    @api.get("/body", response=list[BodyBlock])
    def body(request):
        return []

    schema = api.get_openapi_schema(path_prefix="/")
    items = schema["paths"]["/body"]["get"]["responses"][200]["content"]["application/json"][
        "schema"
    ]["items"]
    mapping = items["discriminator"]["mapping"]
    assert set(mapping) == set(BodyStreamBlock().child_blocks)
    components = schema["components"]["schemas"]
    for ref in mapping.values():
        assert ref.removeprefix("#/components/schemas/") in components


def test_our_schema_names_are_not_taken_by_other_schemas_of_the_api():
    """django-ninja keys OpenAPI components by class name and silently keeps the last one: a
    schema named like one of Wagtail's (its images router has an `ImageSchema`) or of our
    routers would describe the other's responses."""
    from wagtail.api.v3.urls import api

    components = api.get_openapi_schema(path_prefix="/api/v3/")["components"]["schemas"]
    ours = [
        value
        for module in (home.api_schemas, events.api_schemas)
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, Schema) and value is not Schema
    ]
    assert "ImageWithRenditions" in components
    for schema in ours:
        if schema.__name__ in components:
            assert set(components[schema.__name__]["properties"]) == set(schema.model_fields), (
                schema.__name__
            )


# --- images -------------------------------------------------------------------------------


def test_image_data_without_image_is_none(request_):
    assert image_data(None, alt="", request=request_) is None


def test_image_data_whose_file_is_gone_is_none(request_):
    image = make_image()
    image.file.storage.delete(image.file.name)

    assert image_data(image, alt="Saal", request=request_) is None


def test_image_data_keeps_the_image_smaller_than_the_large_size(request_):
    data = image_data(make_image(size=(800, 600)), alt="Saal", request=request_)

    ImageSchema.model_validate(data)
    assert data["renditions"]["large"]["width"] == 800
    assert data["renditions"]["large"]["height"] == 600
    assert (data["renditions"]["card"]["width"], data["renditions"]["card"]["height"]) == (
        640,
        360,
    )


@pytest.mark.parametrize(
    "prefetch",
    [
        pytest.param(lambda news: news.prefetch_related(rendition_prefetch()), id="ours"),
        pytest.param(lambda news: news.prefetch_related("image__renditions"), id="all"),
    ],
)
def test_twenty_news_images_cost_one_query_for_all_renditions(
    news_index, request_, django_assert_num_queries, prefetch
):
    for number in range(20):
        NewsPageFactory(
            parent=news_index,
            image=make_image(f"Bild {number}", size=(700, 400)),
            image_alt=f"Bild {number}",
        )

    def images():
        news = NewsPage.objects.filter(image__isnull=False).select_related("image")
        return [
            image_data(page.image, alt=page.image_alt, request=request_) for page in prefetch(news)
        ]

    first = images()  # makes the renditions
    cache.clear()  # Wagtail's rendition cache: the prefetch alone must do
    with django_assert_num_queries(2):  # the news with their images, then all renditions
        again = images()

    assert again == first
    assert len(again) == 20
    assert len({image["renditions"]["card"]["url"] for image in again}) == 20


def test_body_images_cost_one_query_for_all_renditions(home_page, request_):
    images = [make_image(f"Bild {number}", size=(700, 400)) for number in range(3)]
    page = content_page(home_page, [("image", image_value(image, "Saal")) for image in images])
    first = body_blocks(page.body, request=request_)  # makes the renditions

    page = ContentPage.objects.get(pk=page.pk)
    cache.clear()  # without Wagtail's rendition cache, one query per image otherwise
    with CaptureQueriesContext(connection) as queries:
        again = body_blocks(page.body, request=request_)

    assert len(queries.captured_queries) == 2  # the images, then their renditions
    assert again == first


# --- focus areas --------------------------------------------------------------------------


def test_focus_area_schema_reads_a_focus_area(focus_area):
    assert FocusAreaSchema.model_validate(focus_area).model_dump() == {
        "slug": "steuerung",
        "title": "Strategische Steuerung",
        "short_title": focus_area.short_title,
        "number": focus_area.number,
    }


# --- events -------------------------------------------------------------------------------


def test_programme_and_materials_convert_to_json_that_validates(event_index, request_):
    document = make_document("Folien zum Auftakt", "folien.pptx")
    event = EventPageFactory(
        parent=event_index,
        programme=[
            (
                "day",
                {
                    "day": datetime.date(2027, 1, 20),
                    "items": [
                        {
                            "start_time": datetime.time(9, 5),
                            "end_time": datetime.time(10, 30),
                            "title": "Begrüßung",
                            "speakers": "Projektteam ism",
                            "description": "Worum es geht.",
                        },
                        {
                            "start_time": None,
                            "end_time": None,
                            "title": "Ausklang",
                            "speakers": "",
                            "description": "",
                        },
                    ],
                },
            ),
            ("day", {"day": None, "items": []}),
        ],
        materials=[("material", {"document": document, "description": "Folien"})],
    )
    event = EventPage.objects.get(pk=event.pk)

    days = json_ready(programme_days(event.programme, request=request_))
    files = json_ready(materials(event.materials, request=request_))

    PROGRAMME.validate_python(days)
    MATERIALS.validate_python(files)
    assert [(day["type"], day["id"]) for day in days] == [
        ("day", child.id) for child in event.programme
    ]
    assert [day["value"] for day in days] == [
        {
            "day": "2027-01-20",
            "items": [
                {
                    "start_time": "09:05",
                    "end_time": "10:30",
                    "title": "Begrüßung",
                    "speakers": "Projektteam ism",
                    "description": "Worum es geht.",
                },
                {
                    "start_time": None,
                    "end_time": None,
                    "title": "Ausklang",
                    "speakers": "",
                    "description": "",
                },
            ],
        },
        {"day": None, "items": []},
    ]
    assert [(item["type"], item["id"]) for item in files] == [
        ("material", child.id) for child in event.materials
    ]
    assert files[0]["value"] == {
        "document": {
            "id": document.pk,
            "title": "Folien zum Auftakt",
            "url": f"http://localhost/documents/{document.pk}/{document.filename}",
            "file_extension": "pptx",
        },
        "description": "Folien",
    }


def test_materials_whose_document_was_deleted_are_left_out(event_index, request_):
    document = make_document()
    event = EventPageFactory(
        parent=event_index, materials=[("material", {"document": document, "description": ""})]
    )
    document.delete()

    assert materials(EventPage.objects.get(pk=event.pk).materials, request=request_) == []


def test_programme_times_must_be_hours_and_minutes():
    day = {"day": None, "items": [{"start_time": "9:05", "end_time": None, "title": "x"}]}
    day["items"][0].update(speakers="", description="")

    with pytest.raises(ValueError, match="pattern"):
        PROGRAMME.validate_python([{"type": "day", "id": "x", "value": day}])


@pytest.mark.parametrize(("adapter", "field"), [(PROGRAMME, "programme"), (MATERIALS, "materials")])
def test_event_schemas_name_every_block_of_their_stream(adapter, field):
    assert union_tags(adapter) == set(EventPage._meta.get_field(field).stream_block.child_blocks)
