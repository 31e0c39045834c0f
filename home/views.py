from django.conf import settings
from django.http import HttpResponse, HttpResponsePermanentRedirect, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page

from .links import site_url
from .locales import active_locale
from .pagination import paginate
from .wagtail_patches import paths_private_q

SEARCH_PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200


def _clean_query(raw: str) -> str:
    # The database search backends raise on control characters (PostgreSQL rejects NUL) and on
    # double quotes (SQLite FTS5 reads them as an unterminated phrase): turn them into spaces.
    cleaned = "".join(char if char.isprintable() and char != '"' else " " for char in raw)
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH].strip()


def search(request):
    query = _clean_query(request.GET.get("q", ""))
    results = None
    if query:
        pages = Page.objects.live().filter(locale=active_locale())
        # public(), in the form search backends understand (home.wagtail_patches).
        pages = pages.exclude(paths_private_q(pages)).specific()
        results = paginate(pages.search(query), request.GET.get("page"), per_page=SEARCH_PAGE_SIZE)
        Query.get(query).add_hit()
    return TemplateResponse(
        request, "home/search_results.html", {"search_query": query, "search_results": results}
    )


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked log-in (AXES_LOCKOUT_CALLABLE), in the site's language."""
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
    }
    response = render(request, "account/lockout.html", context, status=429)
    response["Retry-After"] = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    return response


def server_error(request):
    """The 500 page. Says that the team was told only when errors are reported (ADMINS or
    SENTRY_DSN). Renders without the database or context processors: they may be what broke."""
    template = loader.get_template("500.html")
    context = {"error_reported": error_reporting_configured()}
    return HttpResponseServerError(template.render(context))


def error_reporting_configured() -> bool:
    return bool(settings.ADMINS or getattr(settings, "SENTRY_DSN", ""))


# Paths with personal or private content: no search engine needs them.
ROBOTS_DISALLOW = ("/admin/", "/anmeldung/", "/en/anmeldung/", "/suche/", "/en/suche/")


@require_safe
@cache_control(public=True, max_age=24 * 3600)
def robots_txt(request):
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW)]
    lines.append(f"Sitemap: {site_url('/sitemap.xml')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the icon lives with the static
    files (under its hashed name in production)."""
    return HttpResponsePermanentRedirect(static("icons/favicon.ico"))
