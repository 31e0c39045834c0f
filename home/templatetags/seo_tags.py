"""What search engines and link previews read in a page's head: description, canonical URL,
the page in other languages (hreflang), Open Graph."""

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.models import Page

from home.locales import language_code_of
from home.selectors import page_frame

register = template.Library()

OG_LOCALES = {"de": "de_DE", "en": "en_GB"}


def description_of(page) -> str:
    """The search description if editors wrote one, else the teaser or introduction."""
    for name in ("search_description", "teaser", "intro"):
        value = getattr(page, name, "") or ""
        text = " ".join(strip_tags(str(value)).split())
        if text:
            return Truncator(text).chars(200)
    return ""


@register.inclusion_tag("includes/seo_head.html", takes_context=True)
def seo_head(context):
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page) or request is None:
        return {"page": None}
    alternates = [
        {
            "language": language_code_of(translation.locale_id),
            "url": translation.get_full_url(request),
        }
        for translation in page_frame(request, page).translations
    ]
    if len(alternates) < 2:
        alternates = []  # hreflang is only for pages that exist in more than one language
    image = getattr(page, "image", None)
    return {
        "page": page,
        "title": page.seo_title or page.title,
        "description": description_of(page),
        "canonical_url": page.get_full_url(request),
        "alternates": alternates,
        # The default language's version (listed first) for everyone else.
        "default_url": alternates[0]["url"] if alternates else None,
        "og_type": "article" if hasattr(page, "date") else "website",
        "og_locale": OG_LOCALES.get(language_code_of(page.locale_id), ""),
        "image": image,
        "site_root": _site_root_url(page, request) if image else "",
    }


def _site_root_url(page, request) -> str:
    """The root URL of the page's site, from Wagtail's cached site root paths (page.get_site()
    reads the Site again)."""
    url_parts = page.get_url_parts(request)
    return url_parts[1] if url_parts else ""
