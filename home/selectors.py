"""Reads for the home app. Every listing here runs a fixed number of queries."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from wagtail.models import Locale, Page

from .models import FocusArea, Municipality, NewsIndexPage, NewsPage


def focus_areas_for_active_locale() -> list[FocusArea]:
    """The Gestaltungsbereiche in the active language, falling back to the default language."""
    areas = FocusArea.objects.select_related("locale", "page")
    active = list(areas.filter(locale=Locale.get_active()))
    if active:
        return active
    return list(areas.filter(locale=Locale.get_default()))


def localized_focus_areas(areas, *, by_key=None) -> list[FocusArea]:
    """Map focus areas (possibly in another language) to their version in the active language."""
    if by_key is None:
        by_key = {area.translation_key: area for area in focus_areas_for_active_locale()}
    return [by_key.get(area.translation_key, area) for area in areas]


def with_localized_focus_areas(news_pages) -> list[NewsPage]:
    """Attach `localized_focus_areas` to each page, with one query for all of them."""
    news_pages = list(news_pages)
    by_key = {area.translation_key: area for area in focus_areas_for_active_locale()}
    for news_page in news_pages:
        news_page.localized_focus_areas = localized_focus_areas(
            news_page.focus_areas.all(), by_key=by_key
        )
    return news_pages


def municipalities():
    return Municipality.objects.all()


def news_index_for_active_locale() -> NewsIndexPage | None:
    return (
        NewsIndexPage.objects.live().public().filter(locale=Locale.get_active()).first()
        or NewsIndexPage.objects.live().public().filter(locale=Locale.get_default()).first()
    )


def _news_queryset():
    return (
        NewsPage.objects.live()
        .public()
        .select_related("image")
        .prefetch_related("image__renditions", Prefetch("focus_areas"))
        .order_by("-date", "-pk")
    )


def news_for_index(index: NewsIndexPage, *, focus_area: FocusArea | None = None):
    news = _news_queryset().child_of(index)
    if focus_area is not None:
        # Pages may point to the focus area in any language: match across translations.
        news = news.filter(focus_areas__translation_key=focus_area.translation_key).distinct()
    return news


def content_locale(index_model) -> Locale:
    """The active language if it has its own section of this kind, else the default language.

    English visitors then see the German news or events instead of an empty list while a
    section is not translated yet.
    """
    active = Locale.get_active()
    if index_model.objects.live().public().filter(locale=active).exists():
        return active
    return Locale.get_default()


def latest_news(*, limit: int = 3) -> list[NewsPage]:
    news = _news_queryset().filter(locale=content_locale(NewsIndexPage))
    return with_localized_focus_areas(news[:limit])


def related_pages(news_page: NewsPage) -> list[Page]:
    pages = [link.related_page for link in news_page.related_links.select_related("related_page")]
    return [page.localized for page in pages if page.live]


def paginate(items, page_number, *, per_page: int):
    """Return a page of items; a missing, malformed or too large number never raises."""
    paginator = Paginator(items, per_page)
    try:
        return paginator.page(page_number or 1)
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        # Past the end: the last page; zero or negative: the first.
        return paginator.page(1 if int(page_number) < 1 else paginator.num_pages)
