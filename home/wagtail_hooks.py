from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import FocusArea, Municipality


class FocusAreaViewSet(SnippetViewSet):
    model = FocusArea
    icon = "tag"
    menu_label = _("Gestaltungsbereiche")
    list_display = ["number", "title", "slug", "page"]
    search_fields = ["title", "short_title", "summary"]
    ordering = ["number"]


class MunicipalityViewSet(SnippetViewSet):
    model = Municipality
    icon = "home"
    menu_label = _("Partnerkommunen")
    list_display = ["name", "kind", "state", "website"]
    list_filter = ["kind", "state"]
    search_fields = ["name"]
    list_export = ["name", "kind", "state", "website"]


class TaxonomyGroup(SnippetViewSetGroup):
    menu_label = _("Stammdaten")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (FocusAreaViewSet, MunicipalityViewSet)


register_snippet(TaxonomyGroup)
