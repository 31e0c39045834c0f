from django.template.response import TemplateResponse
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Locale, Page

from .pagination import paginate

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
        pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
        results = paginate(pages.search(query), request.GET.get("page"), per_page=SEARCH_PAGE_SIZE)
        Query.get(query).add_hit()
    return TemplateResponse(
        request, "home/search_results.html", {"search_query": query, "search_results": results}
    )
