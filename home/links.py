"""Addresses the site gives out: from the Wagtail Site's root URL (Settings → Sites), not from
the host a request happened to come in on, and the page in every language."""

from wagtail.models import Page, Site

from . import memo
from .locales import active_locale


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


def localized_pages(*pages):
    """Each page in the active language where a live translation exists, else the page itself
    (None stays None). One query for all of them, none when all are in the active language or
    were asked for before in this request."""
    locale = active_locale()
    known = known_translations()
    missing = {
        page.translation_key
        for page in pages
        if page is not None and page.locale_id != locale.pk and page.translation_key not in known
    }
    if missing:
        found = Page.objects.live().filter(translation_key__in=missing, locale=locale)
        known.update(dict.fromkeys(missing))
        known.update((translation.translation_key, translation) for translation in found)
    return [
        page if page is None or page.locale_id == locale.pk else known[page.translation_key] or page
        for page in pages
    ]


def known_translations() -> dict:
    """{translation key: the live page in the active language, or None where there is none}
    for the pages looked up in this request (home.memo)."""
    return memo.remember(("translations", active_locale().pk), dict)
