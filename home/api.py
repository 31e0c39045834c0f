"""News („Aktuell“) over the API, and what every router of ours shares: the list envelope,
error bodies, language handling and absolute URLs.

Mounted at /api/v3/news/ by HomeConfig.ready(), beside Wagtail's own /api/v3/pages/, so one
schema and one docs page describe everything. Live, public pages only.
"""

import contextlib
import datetime
from http import HTTPStatus
from typing import Annotated, Literal

from django.conf import settings
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja import Path as PathParam
from wagtail.api.v3.errors import ProblemDetail
from wagtail.models import Page

from .api_schemas import BodyBlock, FocusAreaSchema, ImageSchema, body_blocks, image_data
from .links import absolute_url
from .models import (
    FocusArea,
    NewsPage,
    in_active_language,
    localized_focus_areas,
    with_localized_focus_areas,
)

LIST_LIMIT_MAX = 50
# Page ids fit a 32-bit integer: larger ones are refused as invalid (422), not looked up.
PageId = Annotated[int, PathParam(..., ge=1, le=2_147_483_647)]


def problems(*statuses: int) -> dict:
    """`openapi_extra` documenting refusals as Wagtail sends them: application/problem+json
    (ninja would only say application/json)."""
    schema = {"$ref": "#/components/schemas/ProblemDetail"}
    return {
        "responses": {
            str(status): {
                "description": HTTPStatus(status).phrase,
                "content": {"application/problem+json": {"schema": schema}},
            }
            for status in statuses
        }
    }


LanguageCode = Literal[tuple(code for code, _name in settings.LANGUAGES)]  # type: ignore[valid-type]


class PageLinkSchema(Schema):
    id: int
    locale: LanguageCode
    title: str
    url: str


@contextlib.contextmanager
def requested_language(code: str | None):
    """Answer in `code`, or in the language Accept-Language asked for (LocaleMiddleware)."""
    if code:
        with translation.override(code):
            yield
    else:
        yield


def focus_area_data(area: FocusArea) -> dict:
    return {
        "slug": area.slug,
        "title": area.title,
        "short_title": area.short_title,
        "number": area.number,
    }


def page_links(pages, *, request) -> dict[str, list[dict]]:
    """The live versions of each page in every language, by translation key: one query for
    all of `pages`."""
    keys = {page.translation_key for page in pages}
    found = (
        Page.objects.live()
        .public()
        .filter(translation_key__in=keys)
        .select_related("locale")
        .defer_streamfields()
        .order_by("locale__language_code", "pk")
    )
    links: dict[str, list[dict]] = {}
    for page in found:
        links.setdefault(page.translation_key, []).append(page_link(page, request=request))
    return links


def page_link(page: Page, *, request) -> dict:
    """A page as PageLinkSchema (its locale loaded with it)."""
    return {
        "id": page.pk,
        "locale": page.locale.language_code,
        "title": page.title,
        "url": absolute_url(page.get_url(request) or "", request),
    }


def form_errors(form) -> list[dict]:
    """A Django form's errors as problem-detail entries, one per message; `loc` names the
    field (`__all__` for the form as a whole), as Wagtail's validation errors do."""
    return [
        {"type": error.code or "invalid", "loc": [field], "msg": str(message)}
        for field, errors in form.errors.as_data().items()
        for error in errors
        for message in error.messages
    ]


# --- News ----------------------------------------------------------------------------------

router = Router(tags=["Aktuell"])


class NewsSchema(Schema):
    id: int
    title: str
    locale: LanguageCode
    url: str
    detail_url: str
    date: datetime.date
    teaser: str
    image: ImageSchema | None
    focus_areas: list[FocusAreaSchema]
    translations: list[PageLinkSchema]


class NewsDetailSchema(NewsSchema):
    body: list[BodyBlock]
    related_pages: list[PageLinkSchema]


class NewsList(Schema):
    count: int
    items: list[NewsSchema]


class NewsFilters(Schema):
    focus_area: str | None = Field(None, description="Slug of a Gestaltungsbereich.")
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    locale: LanguageCode | None = Field(
        None,
        description="Language of the items: translated where a translation is published, "
        "else German (see each item's `locale`). Default: the request's Accept-Language.",
    )
    limit: int = Field(20, ge=1, le=LIST_LIMIT_MAX)
    offset: int = Field(0, ge=0, le=100_000)


def news_data(page: NewsPage, *, links: dict, request) -> dict:
    return {
        "id": page.pk,
        "title": page.title,
        "locale": page.locale.language_code,
        "url": absolute_url(page.get_url(request) or "", request),
        "detail_url": absolute_url(reverse("wagtailapi_v3:news_detail", args=[page.pk]), request),
        "date": page.date,
        "teaser": page.teaser,
        "image": image_data(page.image, alt=page.image_alt, request=request)
        if page.image
        else None,
        "focus_areas": [focus_area_data(area) for area in page.localized_focus_areas],
        "translations": links.get(page.translation_key, []),
    }


@router.get(
    "/",
    response={200: NewsList, 422: ProblemDetail},
    openapi_extra=problems(422),
    url_name="news_list",
    summary="Aktuell",
    operation_id="news_list",
    auth=None,
)
def list_news(request: HttpRequest, filters: Query[NewsFilters]):
    """Live, public news, newest first (date, then id)."""
    with requested_language(filters.locale):
        news = NewsPage.objects.for_listing().select_related("locale")
        news = news.filter(locale__language_code=settings.LANGUAGE_CODE)
        if filters.focus_area:
            news = news.filter(focus_areas__slug=filters.focus_area).distinct()
        if filters.date_from:
            news = news.filter(date__gte=filters.date_from)
        if filters.date_to:
            news = news.filter(date__lte=filters.date_to)
        count = news.count()
        page = list(news[filters.offset : filters.offset + filters.limit])
        page = in_active_language(page, NewsPage.objects.for_listing().select_related("locale"))
        page = with_localized_focus_areas(page)
        links = page_links(page, request=request)
        items = [news_data(item, links=links, request=request) for item in page]
    return {"count": count, "items": items}


@router.get(
    "/{news_id}/",
    response={200: NewsDetailSchema, 404: ProblemDetail, 422: ProblemDetail},
    openapi_extra=problems(404, 422),
    url_name="news_detail",
    summary="Nachricht",
    operation_id="news_detail",
    auth=None,
)
def get_news(request: HttpRequest, news_id: PageId):
    """One live, public news item in its own language, with its content as typed blocks."""
    page = NewsPage.objects.for_listing().select_related("locale").filter(pk=news_id).first()
    if page is None:
        raise Http404
    with translation.override(page.locale.language_code):
        page.localized_focus_areas = localized_focus_areas(page.focus_areas.all())
        links = page_links([page], request=request)
        data = news_data(page, links=links, request=request)
        related = page.live_related_pages()
        data["body"] = body_blocks(page.body, request=request)
        data["related_pages"] = [page_link(item, request=request) for item in related]
    return data
