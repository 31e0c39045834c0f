from collections.abc import Callable
from typing import ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from . import blocks
from .api_schemas import BodyField
from .choices import FederalState, MunicipalityKind
from .links import localized_pages
from .locales import active_locale, default_locale
from .page_cache import CachedPageMixin
from .pagination import paginate
from .panels import SameLanguageChoicesPanel

INTRO_FEATURES = ["bold", "italic", "link"]


# --- Taxonomies ---------------------------------------------------------------------------


class FocusAreaQuerySet(models.QuerySet):
    def for_active_locale(self) -> list["FocusArea"]:
        """The Gestaltungsbereiche in the active language, else in the default language."""
        areas = self.select_related("locale", "page")
        active = list(areas.filter(locale=active_locale()))
        return active or list(areas.filter(locale=default_locale()))


class FocusArea(TranslatableMixin, models.Model):
    """A Gestaltungsbereich: the topic taxonomy shared by news, events and cases."""

    number = models.PositiveSmallIntegerField(_("Nummer"), help_text=_("Reihenfolge, 1 bis 4."))
    title = models.CharField(_("Bezeichnung"), max_length=200)
    short_title = models.CharField(_("Kurzbezeichnung"), max_length=80)
    slug = models.SlugField(
        _("Kürzel in Adressen"),
        max_length=80,
        help_text=_("Wird in Filteradressen verwendet und ist in allen Sprachen gleich."),
    )
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Seite zum Gestaltungsbereich"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("number"),
        FieldPanel("title"),
        FieldPanel("short_title"),
        FieldPanel("slug"),
        FieldPanel("summary"),
        FieldPanel("page"),
    ]
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("short_title"),
        TranslatableField("summary"),
        SynchronizedField("slug"),
        SynchronizedField("number"),
        SynchronizedField("page"),
    ]

    objects = FocusAreaQuerySet.as_manager()

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("Gestaltungsbereich")
        verbose_name_plural = _("Gestaltungsbereiche")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["locale", "slug"], name="unique_focus_area_slug"),
        ]

    def __str__(self):
        return self.short_title or self.title


def localized_focus_areas(areas, *, by_key=None) -> list[FocusArea]:
    """Map focus areas (possibly in another language) to their version in the active language."""
    if by_key is None:
        by_key = {area.translation_key: area for area in FocusArea.objects.for_active_locale()}
    return [by_key.get(area.translation_key, area) for area in areas]


def with_localized_focus_areas(pages) -> list:
    """Attach `localized_focus_areas` to each page (whose `focus_areas` are prefetched), with
    one query for all of them."""
    pages = list(pages)
    by_key = {area.translation_key: area for area in FocusArea.objects.for_active_locale()}
    for page in pages:
        page.localized_focus_areas = localized_focus_areas(page.focus_areas.all(), by_key=by_key)
    return pages


def in_active_language(pages, translations) -> list:
    """Each page in the active language where a live translation exists, else as it is.

    Listings are built from the pages in the default language (German first: every item
    exists there), so an English visitor sees the whole list, translated items in English
    and the others in German (marked as German by the templates). `translations` is the
    queryset to read the translations from, with the listing's own prefetches and
    annotations. One query, and none when the active language is the default.
    """
    pages = list(pages)
    active = translation.get_language()
    if not pages or active == settings.LANGUAGE_CODE:
        return pages
    found = translations.filter(
        locale__language_code=active,
        translation_key__in=[page.translation_key for page in pages],
    )
    by_key = {page.translation_key: page for page in found}
    return [by_key.get(page.translation_key, page) for page in pages]


def default_language_version(page):
    """The page in the default language (a listing's source), or the page itself."""
    if page.locale.language_code == settings.LANGUAGE_CODE:
        return page
    original = (
        type(page)
        .objects.filter(
            translation_key=page.translation_key, locale__language_code=settings.LANGUAGE_CODE
        )
        .first()
    )
    return original or page


class Municipality(models.Model):
    """A partner municipality (Projektstandort). Names are proper names: not translated."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=MunicipalityKind.choices)
    state = models.CharField(_("Bundesland"), max_length=30, choices=FederalState.choices)
    slug = models.SlugField(_("Kürzel"), unique=True)
    website = models.URLField(_("Website"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)
    # Only partner municipalities take part in peer learning; others may come to Fachforen.
    is_partner = models.BooleanField(_("Partnerkommune"), default=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("state"),
        FieldPanel("slug"),
        FieldPanel("website"),
        FieldPanel("sort_order"),
        FieldPanel("is_partner"),
    ]

    class Meta:
        verbose_name = _("Partnerkommune")
        verbose_name_plural = _("Partnerkommunen")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


# --- Pages ------------------------------------------------------------------------------


class SectionPageQuerySet(PageQuerySet):
    def for_active_locale(self):
        """The live, public page of this kind in the active language, else the default one."""
        pages = self.live().public()
        return (
            pages.filter(locale=active_locale()).first()
            or pages.filter(locale=default_locale()).first()
        )


SectionPageManager = PageManager.from_queryset(SectionPageQuerySet)


class NewsPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Live, public news with what a card shows, newest first."""
        return (
            self.live()
            .public()
            .select_related("image")
            .prefetch_related("image__renditions", "focus_areas")
            .order_by("-date", "-pk")
        )

    def latest(self, *, limit: int) -> list:
        news = self.for_listing().filter(locale__language_code=settings.LANGUAGE_CODE)
        news = in_active_language(news[:limit], NewsPage.objects.for_listing())
        return with_localized_focus_areas(news)


class HomePage(CachedPageMixin, Page):
    intro = RichTextField(_("Einleitung"), features=INTRO_FEATURES)
    focus_areas_heading = models.CharField(
        _("Überschrift Gestaltungsbereiche"), max_length=200, default="Vier Gestaltungsbereiche"
    )
    focus_areas_intro = models.TextField(_("Einleitung Gestaltungsbereiche"), blank=True)
    municipalities_heading = models.CharField(
        _("Überschrift Projektstandorte"), max_length=200, default="Sechs Projektstandorte"
    )
    municipalities_intro = models.TextField(_("Einleitung Projektstandorte"), blank=True)
    municipalities_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Seite „Projektstandorte“"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(blocks.BodyStreamBlock(), verbose_name=_("Weitere Inhalte"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("focus_areas_heading"), FieldPanel("focus_areas_intro")],
            heading=_("Gestaltungsbereiche"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("municipalities_heading"),
                FieldPanel("municipalities_intro"),
                PageChooserPanel("municipalities_page"),
            ],
            heading=_("Projektstandorte"),
        ),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ContentPage",
        "home.NewsIndexPage",
        "peer_learning.PraxiswissenIndexPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Startseite")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        areas = FocusArea.objects.for_active_locale()
        for area, page in zip(areas, localized_pages(*(area.page for area in areas)), strict=True):
            area.link_page = page
        context["focus_areas"] = areas
        context["municipalities"] = Municipality.objects.all()
        context["latest_news"] = NewsPage.objects.latest(limit=3)
        context["news_index"] = NewsIndexPage.objects.for_active_locale()
        return context


class ContentPage(CachedPageMixin, Page):
    """Generic page: about the project, the Gestaltungsbereiche, sites and the legal pages."""

    intro = models.TextField(_("Einleitung"), blank=True, max_length=600)
    body = StreamField(blocks.BodyStreamBlock(), verbose_name=_("Inhalt"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body", serializer=BodyField())]
    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("Inhaltsseite")


class NewsIndexPage(CachedPageMixin, RoutablePageMixin, Page):
    """ "Aktuell": what is current: the next events first (with the events index below this
    page), then the news, with RSS and Atom feeds."""

    intro = models.TextField(_("Einleitung"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage", "events.EventIndexPage"]
    max_count_per_parent = 1

    objects = SectionPageManager()

    class Meta:
        verbose_name = _("Aktuelles (Nachrichten und Veranstaltungen)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        focus_areas = FocusArea.objects.for_active_locale()
        selected = next(
            (area for area in focus_areas if area.slug == request.GET.get("bereich")), None
        )
        context["focus_areas"] = focus_areas
        context["selected_focus_area"] = selected
        context["unknown_filter"] = bool(request.GET.get("bereich")) and selected is None
        news_page = paginate(
            self.news(focus_area=selected),
            request.GET.get("page"),
            per_page=settings.NEWS_PAGE_SIZE,
        )
        news_page.object_list = with_localized_focus_areas(
            in_active_language(news_page.object_list, NewsPage.objects.for_listing())
        )
        context["news_page"] = news_page
        return context

    def news(self, *, focus_area: FocusArea | None = None):
        """The news below this page in the default language (see in_active_language)."""
        news = NewsPage.objects.for_listing().child_of(default_language_version(self))
        if focus_area is not None:
            # Pages may point to the focus area in any language: match across translations.
            news = news.filter(focus_areas__translation_key=focus_area.translation_key).distinct()
        return news

    # The feeds are views (home.feeds); they plug themselves in here when the app is ready
    # (HomeConfig.ready), so that the model layer never imports the view layer.
    feed_views: ClassVar[dict[str, Callable]] = {}

    @path("")
    def index(self, request):
        return self.render(request)

    @path("feed/rss/", name="rss")
    def rss_feed(self, request):
        return self.feed_views["rss"](self, request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return self.feed_views["atom"](self, request)


class NewsPage(CachedPageMixin, Page):
    date = models.DateField(_("Datum"), default=timezone.localdate)
    teaser = models.TextField(
        _("Anreißer"),
        max_length=400,
        help_text=_("Zwei bis drei Sätze für Übersichten, Feeds und Suchmaschinen."),
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Bild"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("Alternativtext des Bildes"),
        max_length=300,
        blank=True,
        help_text=_(
            "Beschreibt, was auf dem Bild zu sehen ist. Pflicht, wenn ein Bild gewählt ist."
        ),
    )
    body = StreamField(blocks.BodyStreamBlock(), verbose_name=_("Inhalt"))
    focus_areas = ParentalManyToManyField(
        FocusArea, verbose_name=_("Gestaltungsbereiche"), blank=True, related_name="news_pages"
    )

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("teaser"),
        MultiFieldPanel([FieldPanel("image"), FieldPanel("image_alt")], heading=_("Bild")),
        FieldPanel("body"),
        SameLanguageChoicesPanel("focus_areas", widget=forms.CheckboxSelectMultiple),
        InlinePanel("related_links", label=_("Verwandte Seiten")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    # For Wagtail's /api/v3/pages/; /api/v3/news/ has the image renditions and more.
    api_fields = [
        APIField("date"),
        APIField("teaser"),
        APIField("body", serializer=BodyField()),
    ]
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types: list[str] = []

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    class Meta:
        verbose_name = _("Nachricht")
        verbose_name_plural = _("Nachrichten")

    def clean(self):
        super().clean()
        if self.image_id and not self.image_alt.strip():
            raise ValidationError(
                {"image_alt": _("Bitte beschreiben Sie das Bild in einem Alternativtext.")}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["focus_areas"] = localized_focus_areas(self.focus_areas.all())
        context["related_pages"] = self.live_related_pages()
        return context

    def live_related_pages(self) -> list[Page]:
        links = self.related_links.select_related("related_page")
        return localized_pages(*(link.related_page for link in links if link.related_page.live))


class NewsPageRelatedLink(Orderable):
    page = ParentalKey(NewsPage, on_delete=models.CASCADE, related_name="related_links")
    related_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("Seite"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("related_page")]

    class Meta(Orderable.Meta):
        verbose_name = _("Verwandte Seite")
        verbose_name_plural = _("Verwandte Seiten")


# --- Site-wide settings ----------------------------------------------------------------


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    organisation = models.CharField(
        _("Träger"), max_length=200, default="Institut für Sozialpädagogische Forschung Mainz gGmbH"
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    email = models.EmailField(_("E-Mail"), blank=True)
    phone = models.CharField(_("Telefon"), max_length=50, blank=True)
    imprint_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Impressum"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Datenschutzerklärung"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("Erklärung zur Barrierefreiheit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    footer_links = StreamField(
        [("link", blocks.FooterLinkBlock())],
        verbose_name=_("Weitere Links im Fußbereich"),
        blank=True,
    )
    funders = StreamField(
        [("funder", blocks.FunderBlock())], verbose_name=_("Förderer"), blank=True
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldPanel("street"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [
                PageChooserPanel("imprint_page"),
                PageChooserPanel("privacy_page"),
                PageChooserPanel("accessibility_page"),
                FieldPanel("footer_links"),
            ],
            heading=_("Pflichtseiten und Links"),
        ),
        FieldPanel("funders"),
    ]

    class Meta:
        verbose_name = _("Website-Einstellungen")
