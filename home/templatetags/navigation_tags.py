from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language
from wagtail.models import Page

from home import links, selectors
from home.locales import language_code_of
from home.routing import routed_ancestors

register = template.Library()


def local_path(path: str) -> str:
    """The request's path as a path on this site: "//evil.example/x" would be read as another
    host by browsers and by translate_url, so leading slashes collapse into one."""
    return "/" + path.lstrip("/\\")


def local_url(url: str) -> str | None:
    """`url` if it stays on this site (a path), else None."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or not url.startswith("/") or url.startswith("//"):
        return None
    return url


def _frame(context) -> selectors.Frame:
    page = context.get("page")
    return selectors.page_frame(context.get("request"), page if isinstance(page, Page) else None)


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    current_path = context["page"].path if isinstance(context.get("page"), Page) else ""
    items = []
    for item in _frame(context).menu:
        if current_path == item.path:
            state = "page"
        elif current_path.startswith(item.path):
            state = "true"  # a page below this menu item
        else:
            state = ""
        items.append({"page": item, "current": state})
    return {"menu_items": items}


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"ancestors": [], "page": page}
    ancestors = routed_ancestors(page)
    if ancestors is None:
        ancestors = list(page.get_ancestors().filter(depth__gt=1))
    return {"ancestors": ancestors, "page": page}


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Link to the same page in each other language, or to that language's home page."""
    request = context["request"]
    page = context.get("page")
    frame = _frame(context)
    current = get_language()
    languages = []
    translations = {language_code_of(t.locale_id): t for t in frame.translations}
    homes = {language_code_of(t.locale_id): t for t in frame.home_translations}
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        url = None
        if code in translations:
            url = translations[code].get_url(request)
        if url is None and not isinstance(page, Page):
            url = local_url(translate_url(local_path(request.get_full_path()), code))
        if url is None and code in homes:
            url = homes[code].get_url(request)
        if url is None:
            url = translate_url("/", code)
        languages.append({"code": code, "name": name, "url": url})
    return {"languages": languages}


@register.simple_tag
def other_language(page) -> str:
    """The language code of `page` when it is not the language of the page being shown (an
    untranslated German item on an English page), else "". No query (home.locales)."""
    if page is None or not getattr(page, "locale_id", None):
        return ""
    code = language_code_of(page.locale_id)
    return code if code and code != get_language() else ""


@register.simple_tag
def news_index():
    return selectors.news_index_for_active_locale()


@register.simple_tag(takes_context=True)
def legal_pages(context) -> list[Page | None]:
    """Imprint, privacy and accessibility statement in the active language where translated."""
    return _frame(context).legal_pages


@register.simple_tag
def localized_page(page):
    """The page in the active language where it exists, else the page itself."""
    return links.localized_pages(page)[0]


@register.simple_tag(takes_context=True)
def page_query(context, number):
    """The current query string with only the page number replaced (keeps active filters)."""
    query = context["request"].GET.copy()
    query["page"] = number
    return "?" + query.urlencode()
