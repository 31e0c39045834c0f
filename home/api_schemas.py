"""Typed API schemas for the StreamField blocks of `home.blocks`, and the converters that fill
them.

Wagtail's API types StreamField values as `Any`; here each block of `BodyStreamBlock` has its
own schema, `{"type": ..., "id": ..., "value": {...}}`, joined into a union discriminated on
`type`, so the OpenAPI schema lists every block. The converters return plain, JSON-ready dicts
that validate against these schemas.

OpenAPI components are keyed by class name across the whole API, and django-ninja overwrites
a name used twice without a word: class names here avoid those of `home.api`, `events.api`
and Wagtail's own routers (tests/home/test_api_schemas.py checks).
"""

import uuid
from typing import Annotated, Literal

from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpRequest
from ninja import Schema
from pydantic import Field
from rest_framework import serializers
from wagtail.images import get_image_model
from wagtail.images.models import SourceImageIOError
from wagtail.rich_text import RichText, expand_db_html

from .links import absolute_url, localized_pages

# The sizes the site's templates use, so the API shares their renditions: the news card
# (templates/includes/news_card.html) and the full-width image of the image block and the news
# page (templates/blocks/image_block.html, templates/home/news_page.html).
RENDITION_SPECS = {"card": "fill-640x360", "large": "width-960"}

TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"


# --- Shared parts -------------------------------------------------------------------------


class Rendition(Schema):
    url: str = Field(description="Absolute URL of the resized image.")
    width: int
    height: int


class ImageRenditions(Schema):
    card: Rendition = Field(description=f"Cropped to 640×360 ({RENDITION_SPECS['card']}).")
    large: Rendition = Field(description=f"At most 960 wide ({RENDITION_SPECS['large']}).")


class ImageWithRenditions(Schema):
    id: int
    title: str
    alt: str = Field(description="Alternative text; empty for a decorative image.")
    width: int = Field(description="Of the original image.")
    height: int = Field(description="Of the original image.")
    renditions: ImageRenditions


# Under another class name: Wagtail's images router (/api/v3/images/) has its own ImageSchema.
ImageSchema = ImageWithRenditions


class LinkedPage(Schema):
    id: int
    title: str
    url: str = Field(description="Absolute URL of the page.")


class DocumentLink(Schema):
    id: int
    title: str
    url: str = Field(description="Absolute download URL.")
    file_extension: str = Field(description='Without the dot, e.g. "pdf".')


class FocusAreaSchema(Schema):
    slug: str
    title: str
    short_title: str
    number: int


BlockId = Annotated[str, Field(description="The block's UUID, stable across revisions.")]
RichTextHtml = Annotated[
    str, Field(description="HTML; links to pages and documents are expanded to their URLs.")
]


# --- Block values -------------------------------------------------------------------------


class HeadingValue(Schema):
    text: str
    level: Literal["h2", "h3"]


class ImageValue(Schema):
    image: ImageWithRenditions
    caption: str
    credit: str


class QuoteValue(Schema):
    text: str
    author: str
    role: str


class LinkTarget(Schema):
    page: LinkedPage | None = Field(
        description="An internal page; null if none was chosen or it is not published."
    )
    url: str | None = Field(description="An external address; null if none was given.")


class CallToActionValue(Schema):
    title: str
    text: str
    link_text: str
    target: LinkTarget


class DownloadsValue(Schema):
    title: str
    documents: list[DocumentLink]


class AccordionItem(Schema):
    question: str
    answer: RichTextHtml


class AccordionValue(Schema):
    title: str
    items: list[AccordionItem]


class TableValue(Schema):
    caption: str
    first_row_is_header: bool
    first_col_is_header: bool
    rows: list[list[str]] = Field(description="Cells as plain text, row by row.")


# --- Blocks -------------------------------------------------------------------------------


class HeadingBlockSchema(Schema):
    type: Literal["heading"]
    id: BlockId
    value: HeadingValue


class ParagraphBlockSchema(Schema):
    type: Literal["paragraph"]
    id: BlockId
    value: RichTextHtml


class ImageBlockSchema(Schema):
    type: Literal["image"]
    id: BlockId
    value: ImageValue


class QuoteBlockSchema(Schema):
    type: Literal["quote"]
    id: BlockId
    value: QuoteValue


class CallToActionBlockSchema(Schema):
    type: Literal["call_to_action"]
    id: BlockId
    value: CallToActionValue


class DownloadsBlockSchema(Schema):
    type: Literal["downloads"]
    id: BlockId
    value: DownloadsValue


class AccordionBlockSchema(Schema):
    type: Literal["accordion"]
    id: BlockId
    value: AccordionValue


class TableBlockSchema(Schema):
    type: Literal["table"]
    id: BlockId
    value: TableValue


BodyBlock = Annotated[
    HeadingBlockSchema
    | ParagraphBlockSchema
    | ImageBlockSchema
    | QuoteBlockSchema
    | CallToActionBlockSchema
    | DownloadsBlockSchema
    | AccordionBlockSchema
    | TableBlockSchema,
    Field(discriminator="type"),
]


# --- Converters ---------------------------------------------------------------------------


def rendition_prefetch(lookup: str = "image") -> Prefetch:
    """For `prefetch_related`: the renditions `image_data` uses of the image at `lookup` ("" for
    images themselves), so a list of items costs one query for all their renditions."""
    renditions = (
        get_image_model()
        .get_rendition_model()
        .objects.filter(filter_spec__in=RENDITION_SPECS.values())
    )
    path = f"{lookup}__renditions" if lookup else "renditions"
    return Prefetch(path, queryset=renditions, to_attr="prefetched_renditions")


def image_data(image, *, alt: str, request: HttpRequest) -> dict | None:
    """The image with its two renditions (see RENDITION_SPECS), or None without an image or
    when its file is gone.

    Reuses renditions prefetched on the image (`rendition_prefetch()`, or
    `prefetch_related("image__renditions")`): no query then once they exist. Renditions still
    missing are made here, once.
    """
    if image is None:
        return None
    try:
        found = image.get_renditions(*RENDITION_SPECS.values())
    except SourceImageIOError:
        return None
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt,
        "width": image.width,
        "height": image.height,
        "renditions": {
            name: {
                "url": absolute_url(found[spec].url, request),
                "width": found[spec].width,
                "height": found[spec].height,
            }
            for name, spec in RENDITION_SPECS.items()
        },
    }


def page_data(page, *, request: HttpRequest) -> dict | None:
    """`{"id", "title", "url"}` of a live page, else None."""
    if page is None or not page.live:
        return None
    path = page.get_url(request)
    url = absolute_url(path, request) if path else ""
    if not url:  # not below any Site
        return None
    return {"id": page.pk, "title": page.title, "url": url}


def document_data(document, *, request: HttpRequest) -> dict | None:
    if document is None:
        return None
    return {
        "id": document.pk,
        "title": document.title,
        # Like every URL of the API: on the Site's public address.
        "url": absolute_url(document.url, request),
        "file_extension": document.file_extension.lower(),
    }


def rich_text_html(value) -> str:
    source = value.source if isinstance(value, RichText) else str(value or "")
    return expand_db_html(source)


def block_id(child) -> str:
    # Stored streams always have ids; only a value built in code and never saved lacks one.
    return child.id or str(uuid.uuid4())


def _heading(value, request):
    return {"text": value["text"], "level": value["level"]}


def _paragraph(value, request):
    return rich_text_html(value)


def _image(value, request):
    image = value["image"]
    if image is None:  # deleted from the library
        return None
    # Wagtail's ImageBlock gives the image itself, the block's alt text set on it; the
    # fallback to the image's own is Wagtail's too (Rendition.alt), as on the HTML page.
    alt = "" if image.decorative else (image.contextual_alt_text or image.default_alt_text)
    data = image_data(image, alt=alt, request=request)
    if data is None:
        return None
    return {"image": data, "caption": value["caption"], "credit": value["credit"]}


def _quote(value, request):
    return {"text": value["text"], "author": value["author"], "role": value["role"]}


def _call_to_action(value, request):
    target = value["target"]
    # In the active language where published, as the page template links it.
    [page] = localized_pages(target["page"])
    return {
        "title": value["title"],
        "text": value["text"],
        "link_text": value["link_text"],
        "target": {
            "page": page_data(page, request=request),
            "url": target["url"] or None,
        },
    }


def _downloads(value, request):
    documents = [document_data(document, request=request) for document in value["documents"]]
    return {"title": value["title"], "documents": [data for data in documents if data]}


def _accordion(value, request):
    return {
        "title": value["title"],
        "items": [
            {"question": item["question"], "answer": rich_text_html(item["answer"])}
            for item in value["items"]
        ],
    }


def _table(value, request):
    table = value["table"] or {}
    return {
        "caption": value["caption"],
        "first_row_is_header": bool(table.get("first_row_is_table_header")),
        "first_col_is_header": bool(table.get("first_col_is_header")),
        "rows": [
            ["" if cell is None else str(cell) for cell in row] for row in table.get("data") or []
        ],
    }


BODY_CONVERTERS = {
    "heading": _heading,
    "paragraph": _paragraph,
    "image": _image,
    "quote": _quote,
    "call_to_action": _call_to_action,
    "downloads": _downloads,
    "accordion": _accordion,
    "table": _table,
}


def stream_blocks(stream_value, converters: dict, *, request: HttpRequest) -> list[dict]:
    """`{"type", "id", "value"}` for each block of `stream_value`, its value made by
    `converters[type](value, request)`; a block whose converter returns None (its image or
    document was deleted) is left out."""
    blocks = []
    for child in stream_value or []:
        value = converters[child.block_type](child.value, request)
        if value is not None:
            blocks.append({"type": child.block_type, "id": block_id(child), "value": value})
    return blocks


def body_blocks(stream_value, *, request: HttpRequest) -> list[dict]:
    """A `BodyStreamBlock` value as JSON-ready dicts (see `BodyBlock`)."""
    children = list(stream_value or [])
    # The stream fetches its images in bulk, not their renditions: one query for all of them.
    images = [
        child.value["image"]
        for child in children
        if child.block_type == "image" and child.value["image"] is not None
    ]
    missing = [image for image in images if image._get_prefetched_renditions() is None]
    if missing:
        prefetch_related_objects(missing, rendition_prefetch(""))
    return stream_blocks(children, BODY_CONVERTERS, request=request)


# --- For Wagtail's own /api/v3/pages/ ---------------------------------------------------------


class BodyField(serializers.Field):
    """`APIField("body", serializer=BodyField())`: Wagtail's v3 types a StreamField as `Any`,
    but takes the type of a serializer's `to_representation` (its API v2 shim), so the pages
    endpoint describes our blocks too. No request there: URLs use the Site's address."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)

    def to_representation(self, value) -> list[BodyBlock]:
        return body_blocks(value, request=None)
