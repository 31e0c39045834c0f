from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .audit import ACTOR_LABELS, TRANSITION_ACTION
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
