from django.core.exceptions import FieldDoesNotExist
from django.utils.html import escape
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler as WagtailPageLinkHandler
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import memo
from .audit import ACTOR_LABELS, TRANSITION_ACTION
from .links import localized_pages
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


class PageLinkHandler(WagtailPageLinkHandler):
    """Links to pages in rich text, as Wagtail writes them (the page in the active language).

    Wagtail reads the pages of each rich text on its own, in two queries (their base and
    their own type). Here each page is read once per request, with only the fields of Page,
    and its translation through localized_pages (registered below).
    """

    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list[Page | None]:
        ids = [attrs.get("id") for attrs in attrs_list]
        known = memo.remember("rich_text_pages", dict)
        missing = {str(pk) for pk in ids if pk is not None and str(pk) not in known}
        if missing:
            found = Page.objects.filter(id__in=missing).specific(defer=True)
            known.update(dict.fromkeys(missing))
            known.update((str(page.pk), page) for page in found)
        return [known.get(str(pk)) for pk in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        pages = localized_pages(*cls.get_many(attrs_list))
        return [f'<a href="{escape(page.url)}">' if page else "<a>" for page in pages]


@hooks.register("register_rich_text_features", order=1)  # after Wagtail's own
def register_page_links(features):
    features.register_link_type(PageLinkHandler)


def _state_label(log_entry, value: str) -> str:
    model = log_entry.content_type.model_class() if log_entry.content_type else None
    try:
        field = model._meta.get_field(log_entry.data.get("field", "status"))
    except (AttributeError, FieldDoesNotExist):
        return value
    return str(dict(field.flatchoices).get(value, value))


@hooks.register("register_log_actions")
def register_transition_log_action(actions):
    @actions.register_action(TRANSITION_ACTION)
    class TransitionLogFormatter(LogFormatter):
        """ "Status: „Warteliste“ → „Bestätigt“ (automatisch)", with the comment beside it."""

        label = _("Status geändert")

        def format_message(self, log_entry):
            data = log_entry.data
            new = _state_label(log_entry, data.get("new", ""))
            if data.get("old"):
                message = gettext("Status: „%(old)s“ → „%(new)s“") % {
                    "old": _state_label(log_entry, data["old"]),
                    "new": new,
                }
            else:
                message = gettext("Angelegt mit Status „%(new)s“") % {"new": new}
            actor = data.get("actor")
            if actor:
                message += f" ({ACTOR_LABELS.get(actor, actor)})"
            return message

        def format_comment(self, log_entry):
            return log_entry.data.get("comment", "")
