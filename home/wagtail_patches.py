"""Changes to Wagtail itself, applied once at start-up (HomeConfig.ready imports this module).
Each saves queries that every page view pays; remove one when Wagtail does the same.

- `PageQuerySet.public()` and `.not_public()` load every view restriction with a query of
  their own on every call, then filter by a list of paths. The same condition as a subquery
  costs no query: a page is private when a restricted page's path is a prefix of its own.
  Search backends cannot filter on a subquery: a queryset to search keeps Wagtail's
  condition, `queryset.exclude(paths_private_q(queryset))` (home.views.search).
- `Page.get_view_restrictions()`, which Wagtail checks before it serves a page, reads the
  page's ancestors, then their restrictions. A page that home.routing found knows its
  ancestors; when none of them is an alias (whose source's restrictions apply instead),
  the restrictions on the page and its ancestors are those on the pages whose paths begin
  its own: one query.
- `Locale.objects.get_for_language()` (behind `Locale.get_active()` and `.get_default()`,
  which routing and `.localized` call) queries on every call: it reads the locales that
  home.locales has loaded for the request.
"""

from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction
from wagtail.models.i18n import LocaleManager
from wagtail.query import PageQuerySet

from . import locales
from .routing import routed_ancestors

paths_private_q = PageQuerySet.private_q
wagtail_get_view_restrictions = Page.get_view_restrictions


def private_q(self) -> Q:
    restricted_above = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("path"), 1, Length("page__path"))
    )
    return Q(Exists(restricted_above))


def get_view_restrictions(self):
    ancestors = routed_ancestors(self)  # up to the home page; the tree's root is never an alias
    if ancestors is None or any(page.alias_of_id for page in [self, *ancestors]):
        return wagtail_get_view_restrictions(self)
    paths = [self.path[:end] for end in range(self.steplen, len(self.path) + 1, self.steplen)]
    return PageViewRestriction.objects.filter(page__path__in=paths)


def get_for_language(self, language_code):
    return locales.locale_for(language_code)


PageQuerySet.private_q = private_q
Page.get_view_restrictions = get_view_restrictions
LocaleManager.get_for_language = get_for_language
