"""Reads of the home app for the view layer (template tags, feeds, search).

The pages' own reads are methods of their querysets (home/models.py), so that the models
never import this module; these functions add what views need around them. Every listing
here runs a fixed number of queries.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, ExpressionWrapper, Q
from wagtail.models import Page, Site

from . import memo
from .links import known_translations
from .locales import active_locale, default_locale
from .models import (
    NewsIndexPage,
    NewsPage,
    SiteSettings,
    first_of_each_section,
    in_active_language,
    section_page_types,
    sections_key,
    with_localized_focus_areas,
)

FEED_SIZE = 20


@dataclass
class Frame:
    """The pages that the frame around a page links to."""

    # The page and the home page in every language, live and public, the default one first.
    translations: list[Page]
    home_translations: list[Page]
    menu: list[Page]
    # Imprint, privacy and accessibility statement, in the active language where translated.
    legal_pages: list[Page | None]


def page_frame(request, page: Page | None) -> Frame:
    """The frame of `page` (None for views that are no Wagtail page), remembered for the
    request. One query reads the menu, the language switcher, the page head, the footer's
    legal pages, the pages that `page` links to by a ForeignKey of its own type, those pages'
    translations (for links.localized_pages) and the section pages (for
    SectionPageQuerySet.for_active_locale)."""
    remembered = getattr(request, "_page_frame", None)
    if remembered is not None and remembered[0] is page:
        return remembered[1]
    frame = _read_frame(request, page)
    if request is not None:
        request._page_frame = (page, frame)
    return frame


def _read_frame(request, page: Page | None) -> Frame:
    site = Site.find_for_request(request)
    root = site.root_page if site else None
    site_settings = SiteSettings.for_request(request) if site else None
    legal = (
        [site_settings.imprint_page, site_settings.privacy_page, site_settings.accessibility_page]
        if site_settings
        else [None, None, None]
    )
    links = _unread_page_links(page)
    active, default = active_locale().pk, default_locale().pk
    keys = {p.translation_key for p in [page, root, *legal] if p is not None}

    live = Q(translation_key__in=keys)
    if links:
        linked = Page.objects.filter(pk__in=list(links.values()))
        live |= Q(translation_key__in=linked.values("translation_key"))
    if root is not None:
        # The menu: the pages below the home page of every language (the right one is picked
        # below, once the home page in the active language is known).
        live |= Q(
            path__startswith=root.path[: -Page.steplen], depth=root.depth + 1, show_in_menus=True
        )
    section_types = section_page_types()
    read_sections = memo.active() and not memo.known(sections_key()) and section_types
    if read_sections:
        section_content_types = list(ContentType.objects.get_for_models(*section_types).values())
        live |= Q(content_type__in=section_content_types, locale__in=[active, default])
    wanted = Q(live=True) & live
    if links:
        wanted |= Q(pk__in=list(links.values()))
    pages = list(
        Page.objects.filter(wanted)
        .annotate(
            is_private=ExpressionWrapper(Page.objects.private_q(), output_field=BooleanField())
        )
        .order_by("path")
    )

    by_pk = {p.pk: p for p in pages}
    for field, pk in links.items():
        if pk in by_pk:
            field.set_cached_value(page, by_pk[pk])
    keys |= {by_pk[pk].translation_key for pk in links.values() if pk in by_pk}
    translations_by_key = {key: [] for key in keys}
    for p in pages:
        if p.live and p.translation_key in translations_by_key:
            translations_by_key[p.translation_key].append(p)
    for translations in translations_by_key.values():
        translations.sort(key=lambda p: (p.locale_id != default, p.locale_id))

    if read_sections:
        section_content_type_ids = {content_type.pk for content_type in section_content_types}
        sections = first_of_each_section(
            p.specific_deferred
            for p in pages
            if p.live
            and not p.is_private
            and p.content_type_id in section_content_type_ids
            and p.locale_id in (active, default)
        )
        memo.remember(sections_key(), lambda: sections)

    known = known_translations()
    for key, translations in translations_by_key.items():
        known[key] = next((p for p in translations if p.locale_id == active), None)

    def localized(target):
        if target is None or target.locale_id == active:
            return target
        return known[target.translation_key] or target

    def public_translations(target):
        if target is None:
            return []
        return [p for p in translations_by_key[target.translation_key] if not p.is_private]

    home = localized(root)
    return Frame(
        translations=public_translations(page),
        home_translations=public_translations(root),
        menu=[
            p
            for p in pages
            if home is not None
            and p.live
            and p.show_in_menus
            and p.depth == home.depth + 1
            and p.path.startswith(home.path)
            and not p.is_private
        ],
        legal_pages=[localized(p) for p in legal],
    )


def _unread_page_links(page: Page | None) -> dict:
    """{field: page id} of the ForeignKeys to pages that `page`'s own type declares
    (HomePage.municipalities_page), where set and not read yet."""
    if page is None:
        return {}
    return {
        field: getattr(page, field.attname)
        for field in type(page)._meta.concrete_fields
        if field.many_to_one
        and field.model is not Page
        and isinstance(field.related_model, type)
        and issubclass(field.related_model, Page)
        and getattr(page, field.attname) is not None
        and not field.is_cached(page)
    }


def news_index_for_active_locale() -> NewsIndexPage | None:
    return NewsIndexPage.objects.for_active_locale()


def news_for_feed(index: NewsIndexPage) -> list[NewsPage]:
    # A feed's items have no images: the listing without them.
    news = index.news().select_related(None).prefetch_related(None)[:FEED_SIZE]
    translations = NewsPage.objects.for_listing().select_related(None).prefetch_related(None)
    return with_localized_focus_areas(in_active_language(news, translations))
