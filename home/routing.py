"""Wagtail's routing of a URL path below the home page, in two queries whatever its depth.

`Page.route` goes down one level at a time with two queries per level (the child, then the
child as its own page type). Here one query reads every page that could lie on the path, and
only the page that is served is read as its own type. Each level still routes the way its page
type does: a RoutablePageMixin page answers its own sub-URLs first, and a page type with a
route() of its own is handed the rest of the path.
"""

from django.http import Http404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page
from wagtail.url_routing import RouteResult


def route(page: Page, request, path_components: list[str]) -> RouteResult:
    """What `page.route(request, path_components)` returns with Wagtail's own `Page.route`
    and `RoutablePageMixin.route`; `page` is a specific page."""
    if not path_components:
        return Page.route(page, request, path_components)
    candidates = Page.objects.filter(
        path__startswith=page.path,
        depth__gt=page.depth,
        depth__lte=page.depth + len(path_components),
        slug__in=set(path_components),
    )
    children = {(child.path[: -Page.steplen], child.slug): child for child in candidates}
    parent = page
    for position, slug in enumerate(path_components):
        child = children.get((parent.path, slug))
        if child is None:
            raise Http404
        # As Page.route does: breadcrumbs read the ancestors from here.
        child._cached_parent_obj = parent
        rest = path_components[position + 1 :]
        if rest and not _routes_like_page(child, rest):
            return child.specific.route(request, rest)
        parent = child
    return parent.specific.route(request, [])


def _routes_like_page(page: Page, rest: list[str]) -> bool:
    """Whether `page` passes `rest` on to its children as `Page.route` does."""
    model = page.specific_class
    if model is None or model.route is Page.route:
        return True
    if model.route is not RoutablePageMixin.route:
        return False  # a route() of its own
    if not page.live:
        return True  # RoutablePageMixin answers sub-URLs of live pages only
    try:
        model.get_resolver().resolve("/" + "/".join(rest) + "/")
    except Http404:
        return True
    return False


def routed_ancestors(page: Page) -> list[Page] | None:
    """The page's ancestors below the tree's root, home page first, as route() above left them
    on each page (its parent); None when the page was not reached that way (a preview)."""
    ancestors = []
    while page.depth > 2:
        page = page.__dict__.get("_cached_parent_obj")
        if page is None:
            return None
        ancestors.append(page)
    return ancestors[::-1]
