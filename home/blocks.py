"""StreamField blocks shared by every page type (and, later, by events and cases)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.models import Page

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "h3", "h4"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Überschrift"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Ebene"),
        choices=[("h2", _("Zwischenüberschrift (H2)")), ("h3", _("Unterüberschrift (H3)"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Überschrift")
        template = "blocks/heading_block.html"
        preview_value = {"text": "Gemeinsam mehr erreichen", "level": "h2"}


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Bild"))
    caption = blocks.CharBlock(label=_("Bildunterschrift"), required=False, max_length=300)
    credit = blocks.CharBlock(label=_("Bildnachweis"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("Bild")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Zitat"))
    author = blocks.CharBlock(label=_("Person"), required=False, max_length=200)
    role = blocks.CharBlock(label=_("Funktion oder Organisation"), required=False, max_length=200)

    class Meta:
        icon = "openquote"
        label = _("Zitat")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Integration gelingt, wenn alle Fachbereiche an einem Tisch sitzen.",
            "author": "Teilnehmerin eines Fachforums",
        }


class LinkTargetBlock(blocks.StructBlock):
    """A link to an internal page or an external address, never both."""

    page = blocks.PageChooserBlock(label=_("Interne Seite"), required=False)
    url = blocks.URLBlock(label=_("Externe Adresse"), required=False)

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise blocks.StructBlockValidationError(
                block_errors={
                    "page": ValidationError(
                        _("Bitte wählen Sie entweder eine interne Seite oder eine externe Adresse.")
                    )
                }
            )
        return value


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), max_length=200)
    text = blocks.TextBlock(label=_("Text"), required=False)
    link_text = blocks.CharBlock(
        label=_("Linktext"),
        max_length=80,
        help_text=_("Sagt, wohin der Link führt, z. B. „Zu den Veranstaltungen“, nicht „hier“."),
    )
    target = LinkTargetBlock(label=_("Ziel"))

    class Meta:
        icon = "pick"
        label = _("Handlungsaufruf")
        template = "blocks/call_to_action_block.html"


class DownloadsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), required=False, default=_("Downloads"))
    documents = blocks.ListBlock(DocumentChooserBlock(label=_("Dokument")), label=_("Dokumente"))

    class Meta:
        icon = "doc-full"
        label = _("Downloads")
        template = "blocks/downloads_block.html"


class AccordionItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Frage oder Titel"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Antwort"), features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titel"), required=False)
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Einträge"))

    class Meta:
        icon = "list-ul"
        label = _("Aufklappbare Liste (FAQ)")
        template = "blocks/accordion_block.html"


class CaptionedTableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(
        label=_("Tabellenbeschriftung"),
        max_length=300,
        help_text=_("Beschreibt den Inhalt der Tabelle für alle, auch für Screenreader."),
    )
    table = TableBlock(
        label=_("Tabelle"),
        table_options={"startRows": 3, "startCols": 3, "colHeaders": False, "rowHeaders": False},
    )

    class Meta:
        icon = "table"
        label = _("Tabelle")
        template = "blocks/table_block.html"


class BodyStreamBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Text"), features=RICH_TEXT_FEATURES, template="blocks/paragraph_block.html"
    )
    image = CaptionedImageBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    downloads = DownloadsBlock()
    accordion = AccordionBlock()
    table = CaptionedTableBlock()

    class Meta:
        label = _("Inhalt")


class FooterLinkBlock(blocks.StructBlock):
    page = blocks.PageChooserBlock(label=_("Seite"))
    label = blocks.CharBlock(
        label=_("Linktext"),
        required=False,
        help_text=_("Leer lassen, um den Seitentitel zu zeigen."),
    )

    class Meta:
        icon = "link"
        label = _("Link")


class FunderBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=300)
    logo = ImageBlock(label=_("Logo"), required=False)
    url = blocks.URLBlock(label=_("Website"), required=False)

    class Meta:
        icon = "pick"
        label = _("Förderer")


def linked_pages(stream) -> list[Page]:
    """The pages that a StreamField value's blocks link to (PageChooserBlock), at any depth."""
    found = []

    def walk(value):
        if isinstance(value, Page):
            found.append(value)
        elif isinstance(value, dict):  # StructValue
            for child in value.values():
                walk(child)
        elif isinstance(value, blocks.StreamValue | blocks.list_block.ListValue | list):
            for child in value:
                walk(getattr(child, "value", child))

    walk(stream)
    return found
