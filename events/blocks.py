from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock


class AgendaItemBlock(blocks.StructBlock):
    start_time = blocks.TimeBlock(label=_("Beginn"), required=False, format="%H:%M")
    end_time = blocks.TimeBlock(label=_("Ende"), required=False, format="%H:%M")
    title = blocks.CharBlock(label=_("Programmpunkt"), max_length=300)
    speakers = blocks.CharBlock(label=_("Mitwirkende"), required=False, max_length=500)
    description = blocks.TextBlock(label=_("Beschreibung"), required=False)

    class Meta:
        icon = "time"
        label = _("Programmpunkt")
        template = "blocks/agenda_item_block.html"
        preview_value = {
            "start_time": "10:00",
            "end_time": "10:30",
            "title": "Begrüßung und Einführung",
            "speakers": "Projektteam ism",
        }


class ProgrammeDayBlock(blocks.StructBlock):
    """One day of a (possibly multi-day) programme."""

    day = blocks.DateBlock(label=_("Tag"), required=False)
    items = blocks.ListBlock(AgendaItemBlock(), label=_("Programmpunkte"))

    class Meta:
        icon = "date"
        label = _("Programmtag")
        template = "blocks/programme_day_block.html"


class MaterialBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    description = blocks.CharBlock(
        label=_("Beschreibung"), required=False, max_length=200, help_text=_("z. B. „Folien“")
    )

    class Meta:
        icon = "doc-full"
        label = _("Material")
