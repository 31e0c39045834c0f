"""Addresses the site gives out: from the Wagtail Site's root URL (Settings → Sites), not from
the host a request happened to come in on, and the page in every language."""

from wagtail.models import Page, Site

from .locales import active_locale, default_locale


def site_root_url() -> str:
    """The public address of the default site, e.g. "https://querschnitt.ism-mz.de"."""
    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def site_url(path: str) -> str:
    return site_root_url().rstrip("/") + path


def absolute_url(path: str, request) -> str:
    """`path` on the site's public address (the default Wagtail Site, looked up once per
    request), whichever host the request came in on: what the API hands out."""
    if "://" in path:
        return path
    root = getattr(request, "_site_root_url", None)
    if root is None:
        root = site_root_url()
        if request is not None:
            request._site_root_url = root
    return root.rstrip("/") + path


def live_translations(page: Page, request=None) -> list[Page]:
    """The live versions of `page` in every language (itself included), default language
    first. One query, remembered for the request (the language switcher and the page head
    both ask)."""
    cache = getattr(request, "_live_translations", None) if request is not None else None
    if cache is not None and page.translation_key in cache:
        return cache[page.translation_key]
    default = default_locale().pk
    pages = sorted(
        Page.objects.live()
        .public()
        .filter(translation_key=page.translation_key)
        .select_related("locale")
        .defer_streamfields(),
        key=lambda translation: (translation.locale_id != default, translation.locale_id),
    )
    if request is not None:
        if cache is None:
            cache = request._live_translations = {}
        cache[page.translation_key] = pages
    return pages


def localized_pages(*pages):
    """Each page in the active language where a live translation exists, else the page itself
    (None stays None). One query for all of them, none when all are in the active language."""
    locale = active_locale()
    missing = {
        page.translation_key for page in pages if page is not None and page.locale_id != locale.pk
    }
    translations = (
        {
            translation.translation_key: translation
            for translation in Page.objects.live().filter(
                translation_key__in=missing, locale=locale
            )
        }
        if missing
        else {}
    )
    return [
        None if page is None else translations.get(page.translation_key, page) for page in pages
    ]
