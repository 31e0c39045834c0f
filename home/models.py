from collections.abc import Callable
from typing import ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin, get_page_models
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from . import blocks, memo, routing
from .api_schemas import BodyField
from .choices import FederalState, MunicipalityKind
from .links import localized_pages
from .locales import active_locale, default_locale, language_code_of
from .page_cache import CachedPageMixin
from .pagination import paginate
from .panels import SameLanguageChoicesPanel

INTRO_FEATURES = ["bold", "italic", "link"]


# --- Taxonomies ---------------------------------------------------------------------------


class FocusAreaQuerySet(models.QuerySet):
    def for_active_locale(self) -> list["FocusArea"]:
        """The Gestaltungsbereiche in the active language, else in the default language.
        One query for those of every language, remembered for the request (filters, cards
        and pages all ask)."""
        if self.query.has_filters():
            return _in_active_locale(list(self.select_related("locale", "page")))
        return _in_active_locale(all_focus_areas())


def all_focus_areas() -> list["FocusArea"]:
    """The Gestaltungsbereiche of every language, read once per request."""
    return memo.remember(
        "focus_areas", lambda: list(FocusArea.objects.select_related("locale", "page"))
    )


def _in_active_locale(areas) -> list["FocusArea"]:
    active, default = active_locale().pk, default_locale().pk
    return [area for area in areas if area.locale_id == active] or [
        area for area in areas if area.locale_id == default
    ]


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


class _JoinedIds(models.Aggregate):
    """Ids joined by commas: GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""

    function = "GROUP_CONCAT"
    output_field = models.CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            function="STRING_AGG",
            template="%(function)s(CAST(%(expressions)s AS text), ',')",
            **extra_context,
        )


FOCUS_AREA_IDS = "focus_area_ids"


def with_focus_area_ids(pages):
    """Annotate each page with the ids of its Gestaltungsbereiche (`focus_areas`), so that a
    listing needs no query of its own for them (see with_localized_focus_areas)."""
    field = pages.model._meta.get_field("focus_areas")
    page_field, area_field = field.m2m_field_name(), field.m2m_reverse_field_name()
    ids = (
        field.remote_field.through.objects.filter(**{page_field: models.OuterRef("pk")})
        .order_by()
        .values(page_field)
        .annotate(ids=_JoinedIds(area_field))
        .values("ids")
    )
    return pages.annotate(**{FOCUS_AREA_IDS: models.Subquery(ids)})


def with_localized_focus_areas(pages) -> list:
    """Attach `localized_focus_areas` to each page, from the ids that `with_focus_area_ids`
    left on it, else from its `focus_areas` (prefetched, for a fixed number of queries)."""
    pages = list(pages)
    every = all_focus_areas()
    by_key = {area.translation_key: area for area in _in_active_locale(every)}
    by_id = {area.pk: area for area in every}
    for page in pages:
        if FOCUS_AREA_IDS in page.__dict__:
            ids = page.__dict__[FOCUS_AREA_IDS]
            found = (by_id.get(int(pk)) for pk in ids.split(",")) if ids else ()
            areas = sorted(filter(None, found), key=lambda area: area.number)
        else:
            areas = page.focus_areas.all()
        page.localized_focus_areas = localized_focus_areas(areas, by_key=by_key)
    return pages


def in_active_language(pages, translations) -> list:
    """Each page in the active language where a live translation exists, else as it is.

    Listings are built from the pages in the default language (German first: every item
    exists there), so an English visitor sees the whole list, translated items in English
    and the others in German (marked as German by the templates). `translations` is the
    queryset to read the translations from, with the listing's own prefetches and
    annotations; it admits every page of the listing (both are live and public).

    No query when the active language is the default. Else a listing given as a queryset is
    read together with its translations in one query (a list: one query for the
    translations), and the prefetches of both querysets run once, for the list as shown.
    """
    active = translation.get_language()
    if active == settings.LANGUAGE_CODE:
        return list(pages)
    lookups = list(translations._prefetch_related_lookups)
    translations = translations.prefetch_related(None)
    shown = None
    if isinstance(pages, models.QuerySet):
        lookups += [lookup for lookup in pages._prefetch_related_lookups if lookup not in lookups]
        pages = pages.prefetch_related(None)
        shown = _listed_with_translations(pages, translations, language=active)
    if shown is None:
        pages = list(pages)
        found = translations.filter(
            locale__language_code=active,
            translation_key__in=[page.translation_key for page in pages],
        )
        by_key = {page.translation_key: page for page in found} if pages else {}
        shown = [by_key.get(page.translation_key, page) for page in pages]
    models.prefetch_related_objects(shown, *lookups)
    return shown


def _listed_with_translations(pages, translations, *, language) -> list | None:
    """The listing `pages` with each page swapped for its translation, from one query for
    the listing's rows and their translations; None for a listing whose order that query
    cannot repeat (DISTINCT, or ordered by something else than the model's fields)."""
    ordering = pages.query.order_by
    if pages.query.distinct or not ordering:
        return None
    for name in ordering:
        try:
            name = name.removeprefix("-")
            if name != "pk":
                pages.model._meta.get_field(name)
        except (AttributeError, FieldDoesNotExist):
            return None
    listed = pages.values("pk")
    rows = (
        translations.filter(
            models.Q(pk__in=listed)
            | models.Q(
                locale__language_code=language,
                translation_key__in=pages.values("translation_key"),
            )
        )
        .annotate(
            in_listing=models.Case(
                models.When(pk__in=listed, then=models.Value(True)),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )
        .order_by(*ordering)
    )
    rows = list(rows)
    by_key = {
        row.translation_key: row for row in rows if language_code_of(row.locale_id) == language
    }
    return [by_key.get(row.translation_key, row) for row in rows if row.in_listing]


def children_of_default_language_version(pages, page):
    """`pages` below the version of `page` in the default language (a listing's source), or
    below `page` itself where there is none; that version is a subquery, not a query."""
    if language_code_of(page.locale_id) == settings.LANGUAGE_CODE:
        return pages.child_of(page)
    original = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale=default_locale())
        .order_by("path")
    )
    path = Coalesce(models.Subquery(original.values("path")[:1]), models.Value(page.path))
    depth = Coalesce(models.Subquery(original.values("depth")[:1]), models.Value(page.depth))
    return pages.filter(path__startswith=path, depth=depth + 1)


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
        """The live, public page of this kind in the active language, else the default one.

        The pages of every section ("Aktuell", "Veranstaltungen") are read together in one
        query, once per request: the page head, the home page and lists all link to them.
        They come with the fields of Page only (a field of their own costs a query).
        """
        if self.query.has_filters():
            pages = self.live().public().filter(locale__in=_section_locales())
            sections = first_of_each_section(pages.order_by("path"))
        else:
            sections = memo.remember(sections_key(), _read_sections)
        for locale_id in _section_locales():
            if (self.model, locale_id) in sections:
                return sections[self.model, locale_id]
        return None


def section_page_types() -> list[type[Page]]:
    """The page types with one page per language that many pages link to: those whose
    manager is a SectionPageManager ("Aktuell", "Veranstaltungen")."""
    return [m for m in get_page_models() if isinstance(m._default_manager, SectionPageManager)]


def sections_key() -> tuple:
    """The memo key of the section pages for the active language (home.memo)."""
    return ("sections", active_locale().pk)


def first_of_each_section(pages) -> dict:
    """{(page type, locale id): the first of `pages` of that type in that locale}."""
    found = {}
    for page in pages:
        found.setdefault((type(page), page.locale_id), page)
    return found


def _section_locales() -> list[int]:
    return [active_locale().pk, default_locale().pk]


def _read_sections() -> dict:
    pages = Page.objects.live().public().exact_type(*section_page_types())
    pages = pages.filter(locale__in=_section_locales()).order_by("path")
    return first_of_each_section(pages.specific(defer=True))


SectionPageManager = PageManager.from_queryset(SectionPageQuerySet)


class NewsPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Live, public news with what a card shows, newest first."""
        news = self.live().public().select_related("image").prefetch_related("image__renditions")
        return with_focus_area_ids(news).order_by("-date", "-pk")

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

    def route(self, request, path_components):
        # Every URL of a site starts here: the whole path in two queries (home.routing).
        return routing.route(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        areas = FocusArea.objects.for_active_locale()
        # One query for every page linked from here in another language: the blocks' links
        # find theirs again in the template (localized_page).
        links = localized_pages(*(area.page for area in areas), *blocks.linked_pages(self.body))
        for area, page in zip(areas, links[: len(areas)], strict=True):
            area.link_page = page
        context["focus_areas"] = areas
        context["municipalities"] = Municipality.objects.all()
        context["latest_news"] = NewsPage.objects.latest(limit=3)
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
        news = children_of_default_language_version(NewsPage.objects.for_listing(), self)
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
    # Every page's footer links them: read with the settings (BaseSiteSetting.base_queryset).
    select_related = ("imprint_page", "privacy_page", "accessibility_page")

    class Meta:
        verbose_name = _("Website-Einstellungen")
