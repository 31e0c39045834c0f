import uuid
from collections.abc import Callable
from datetime import datetime
from typing import ClassVar

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home import page_cache
from home.api_schemas import BodyField
from home.blocks import BodyStreamBlock
from home.models import (
    FocusArea,
    SectionPageManager,
    children_of_default_language_version,
    in_active_language,
    localized_focus_areas,
    with_focus_area_ids,
    with_localized_focus_areas,
)
from home.page_cache import CachedPageMixin
from home.pagination import paginate
from home.panels import SameLanguageChoicesPanel
from home.text import validate_multi_line, validate_single_line

from . import blocks, presentation
from .availability import SETTINGS_FIELDS, availability
from .choices import (
    CONFIRMED_STATUSES,
    SEAT_STATUSES,
    EventFormat,
    EventMode,
    EventStatus,
    ParticipationMode,
    RegistrationStatus,
)
from .filters import EventFilters, filter_options


def not_over_yet() -> models.Q:
    """Events still running: all-day events count until the end of their last day."""
    now = timezone.now()
    start_of_today = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return models.Q(end__gte=now) | models.Q(all_day=True, end__gte=start_of_today)


def _month_bounds(month):
    tz = timezone.get_current_timezone()
    first = datetime(month.year, month.month, 1, tzinfo=tz)
    following = datetime(month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=tz)
    return first, following


REGISTRATION_ANNOTATION = "_registration_{}"
NOT_ANNOTATED = object()


def annotated_availability(page, *, now):
    """The availability from what `with_registration_state` left on the page, without a query;
    NOT_ANNOTATED when the page did not come from such a queryset."""
    values = getattr(page, REGISTRATION_ANNOTATION.format("seats_taken"), NOT_ANNOTATED)
    if values is NOT_ANNOTATED:
        return NOT_ANNOTATED
    settings = {
        name: getattr(page, REGISTRATION_ANNOTATION.format(name)) for name in SETTINGS_FIELDS
    }
    if settings["registration_enabled"] is None:  # no page in the default language
        settings = {name: getattr(page, name) for name in SETTINGS_FIELDS}
    return availability(settings, seats_taken=values or 0, now=now)


class EventPageQuerySet(PageQuerySet):
    def with_registration_state(self):
        """Annotate each event with the registration settings of its default-language page and
        the seats taken there, so that a listing shows "Plätze frei", "ausgebucht" or
        "geschlossen" for every card in this one query."""
        canonical = EventPage.objects.filter(
            translation_key=OuterRef("translation_key"),
            locale__language_code=settings.LANGUAGE_CODE,
        )
        seats = (
            Registration.objects.filter(
                event__translation_key=OuterRef("translation_key"),
                event__locale__language_code=settings.LANGUAGE_CODE,
                status__in=SEAT_STATUSES,
            )
            .order_by()
            .values("event__translation_key")
            .annotate(total=Count("pk"))
            .values("total")
        )
        annotations = {
            REGISTRATION_ANNOTATION.format(name): Subquery(canonical.values(name)[:1])
            for name in SETTINGS_FIELDS
        }
        annotations[REGISTRATION_ANNOTATION.format("seats_taken")] = Coalesce(
            Subquery(seats, output_field=models.IntegerField()), 0
        )
        return self.annotate(**annotations)

    def listed(self):
        """Live, public events in the default language, where every event exists; listings
        swap in the visitor's language afterwards (see home.models.in_active_language)."""
        events = self.live().public().filter(locale__language_code=settings.LANGUAGE_CODE)
        return with_focus_area_ids(events)

    def for_cards(self):
        """What an event card shows: the Gestaltungsbereiche and the registration state."""
        return with_focus_area_ids(self.live().public()).with_registration_state()

    def upcoming(self):
        return self.filter(not_over_yet()).order_by("start", "pk")

    def past(self):
        return self.exclude(not_over_yet()).order_by("-start", "-pk")

    def matching(self, filters: EventFilters):
        events = self.past() if filters.archive else self.upcoming()
        if filters.event_format:
            events = events.filter(event_format=filters.event_format)
        if filters.mode:
            events = events.filter(mode=filters.mode)
        if filters.focus_area:
            events = events.filter(focus_areas__slug=filters.focus_area).distinct()
        if filters.month:
            first, following = _month_bounds(filters.month)
            events = events.filter(start__lt=following, end__gte=first)
        return events


class EventIndexPage(CachedPageMixin, Page):
    """ "Veranstaltungen": upcoming events first, then the archive; filters and calendar feeds."""

    intro = models.TextField(_("Einleitung"), blank=True, max_length=600)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    # Below „Aktuell“, where people look for what is current (news and events).
    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    objects = SectionPageManager()

    class Meta:
        verbose_name = _("Veranstaltungsübersicht")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        focus_areas = FocusArea.objects.for_active_locale()
        filters = EventFilters.from_query(request.GET, focus_areas=focus_areas)
        context["filters"] = filters
        context["filter_options"] = filter_options(focus_areas=focus_areas)
        context["archive"] = filters.archive
        events_page = paginate(
            self.events().matching(filters),
            request.GET.get("page"),
            per_page=settings.EVENTS_PAGE_SIZE,
        )
        events_page.object_list = with_localized_focus_areas(
            in_active_language(events_page.object_list, EventPage.objects.for_cards())
        )
        context["events_page"] = events_page
        if not filters.archive:
            context["recent_past_events"] = in_active_language(
                self.events().past()[:3], EventPage.objects.live().public()
            )
        context["calendar_feeds"] = presentation.calendar_feeds(focus_areas=focus_areas)
        return context

    def events(self):
        """The events below this page in the default language (see in_active_language)."""
        events = children_of_default_language_version(EventPage.objects.listed(), self)
        return events.with_registration_state()

    def get_admin_default_ordering(self):
        # Keep the order the explorer hook gives: upcoming events by date, then past ones.
        return "ord"


class EventPage(RoutablePageMixin, Page):
    teaser = models.TextField(
        _("Anreißer"),
        max_length=400,
        help_text=_("Zwei bis drei Sätze für Übersichten, Kalender und Suchmaschinen."),
    )
    start = models.DateTimeField(_("Beginn"))
    end = models.DateTimeField(_("Ende"))
    all_day = models.BooleanField(
        _("Ganztägig"),
        default=False,
        help_text=_("Ohne Uhrzeiten; Beginn und Ende geben dann nur die Tage an."),
    )
    event_format = models.CharField(_("Format"), max_length=30, choices=EventFormat.choices)
    mode = models.CharField(_("Durchführung"), max_length=20, choices=EventMode.choices)
    status = models.CharField(
        _("Status"), max_length=20, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    status_note = models.CharField(
        _("Hinweis zum Status"),
        max_length=300,
        blank=True,
        help_text=_("z. B. der neue Termin einer verschobenen Veranstaltung."),
    )
    venue_name = models.CharField(_("Veranstaltungsort"), max_length=200, blank=True)
    street = models.CharField(_("Straße und Hausnummer"), max_length=200, blank=True)
    postal_code = models.CharField(_("Postleitzahl"), max_length=10, blank=True)
    city = models.CharField(_("Ort"), max_length=100, blank=True)
    online_access = models.TextField(
        _("Zugangsdaten für die Online-Teilnahme"),
        blank=True,
        help_text=_(
            "Link und Einwahldaten. Werden nie öffentlich gezeigt, nur bestätigten "
            "Teilnehmer*innen (Bestätigung, Erinnerung, persönliche Anmeldeseite)."
        ),
    )
    focus_areas = ParentalManyToManyField(
        FocusArea, verbose_name=_("Gestaltungsbereiche"), blank=True, related_name="events"
    )
    target_audience = models.TextField(_("Zielgruppe"), blank=True, max_length=600)
    body = StreamField(BodyStreamBlock(), verbose_name=_("Beschreibung"), blank=True)
    programme = StreamField(
        [("day", blocks.ProgrammeDayBlock())], verbose_name=_("Programm"), blank=True
    )
    materials = StreamField(
        [("material", blocks.MaterialBlock())], verbose_name=_("Downloads"), blank=True
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=50, blank=True)

    # Registration settings, used by the registration feature.
    registration_enabled = models.BooleanField(_("Anmeldung möglich"), default=False)
    capacity = models.PositiveIntegerField(
        _("Plätze"), null=True, blank=True, help_text=_("Leer lassen für unbegrenzt.")
    )
    registration_opens_at = models.DateTimeField(_("Anmeldung ab"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("Anmeldung bis"), null=True, blank=True)
    waiting_list_enabled = models.BooleanField(_("Warteliste"), default=True)
    approval_required = models.BooleanField(_("Freigabe durch das Projektteam"), default=False)
    catering_offered = models.BooleanField(_("Mit Verpflegung"), default=False)

    content_panels = Page.content_panels + [
        FieldPanel("teaser"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("all_day"),
                FieldRowPanel([FieldPanel("status"), FieldPanel("status_note")]),
            ],
            heading=_("Termin und Status"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event_format"), FieldPanel("mode")]),
                SameLanguageChoicesPanel("focus_areas", widget=forms.CheckboxSelectMultiple),
                FieldPanel("target_audience"),
            ],
            heading=_("Art der Veranstaltung"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("street"),
                FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
                FieldPanel("online_access"),
            ],
            heading=_("Ort und Zugang"),
        ),
        FieldPanel("body"),
        FieldPanel("programme"),
        FieldPanel("materials"),
        MultiFieldPanel(
            [FieldPanel("contact_name"), FieldPanel("contact_email"), FieldPanel("contact_phone")],
            heading=_("Kontakt"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("registration_enabled"),
                FieldPanel("capacity"),
                FieldRowPanel(
                    [FieldPanel("registration_opens_at"), FieldPanel("registration_closes_at")]
                ),
                FieldPanel("waiting_list_enabled"),
                FieldPanel("approval_required"),
                FieldPanel("catering_offered"),
            ],
            heading=_("Anmeldung"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("teaser"),
        index.SearchField("body"),
        index.SearchField("city"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    # Time, place, access and registration settings are the same event in every language.
    # Translators cannot override them: a translation that kept an old address or access link
    # would send people to the wrong place. (Dates, numbers, choices and switches are always
    # copied from the German page.)
    override_translatable_fields = [
        SynchronizedField("street", overridable=False),
        SynchronizedField("postal_code", overridable=False),
        SynchronizedField("city", overridable=False),
        SynchronizedField("online_access", overridable=False),
        SynchronizedField("contact_name", overridable=False),
        SynchronizedField("contact_phone", overridable=False),
        SynchronizedField("contact_email", overridable=False),
    ]
    parent_page_types = ["events.EventIndexPage"]
    subpage_types: list[str] = []

    objects = PageManager.from_queryset(EventPageQuerySet)()

    # For Wagtail's /api/v3/pages/ (never `online_access` or the contact's details);
    # /api/v3/events/ has the registration state, calendar URLs and more.
    api_fields = [
        APIField("teaser"),
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("event_format"),
        APIField("mode"),
        APIField("status"),
        APIField("status_note"),
        APIField("venue_name"),
        APIField("street"),
        APIField("postal_code"),
        APIField("city"),
        APIField("target_audience"),
        APIField("body", serializer=BodyField()),
    ]

    class Meta:
        verbose_name = _("Veranstaltung")
        verbose_name_plural = _("Veranstaltungen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=EventStatus.values), name="event_status_known"
            ),
        ]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("Das Ende muss nach dem Beginn liegen.")})
        if self.mode in (EventMode.IN_PERSON, EventMode.HYBRID) and not self.city:
            raise ValidationError(
                {"city": _("Bitte geben Sie für Präsenz- und Hybridveranstaltungen den Ort an.")}
            )
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes < opens:
            raise ValidationError(
                {
                    "registration_closes_at": _(
                        "Der Anmeldeschluss muss nach dem Anmeldebeginn liegen."
                    )
                }
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["focus_areas"] = localized_focus_areas(self.focus_areas.all())
        context["calendar_links"] = presentation.calendar_links(self, request)
        context["json_ld"] = presentation.event_json_ld(self, request)
        return context

    # --- routes: the registration form below the page --------------------------------------
    # The form handling lives in events.views, which plugs its views in here when the app is
    # ready (EventsConfig.ready): the model layer never imports the view layer.

    registration_views: ClassVar[dict[str, Callable]] = {}

    @path("")
    def index_route(self, request, *args, **kwargs):
        # The page itself may come from the shared cache; the form and its answers never do.
        page_cache.allow(request)
        return super().index_route(request, *args, **kwargs)

    @path("anmelden/", name="register")
    def registration_form(self, request):
        return self.registration_views["register"](request, self)

    @path("anmelden/danke/", name="register_thanks")
    def registration_thanks(self, request):
        return self.registration_views["thanks"](request, self)

    @path("anmelden/link/", name="send_link")
    def send_link(self, request):
        return self.registration_views["send_link"](request, self)

    # --- helpers used by templates, exports and the registration feature -------------------

    def get_admin_display_title(self):
        """The title with the date, so organisers tell events apart in lists and choosers."""
        title = super().get_admin_display_title()
        if not self.start:
            return title
        return f"{title} ({date_format(self.local_start, 'SHORT_DATE_FORMAT')})"

    @property
    def calendar_uid(self) -> str:
        # The translation key is shared by every language version and never changes.
        return f"{self.translation_key}@querschnitt"

    @property
    def local_start(self):
        return timezone.localtime(self.start)

    @property
    def local_end(self):
        return timezone.localtime(self.end)

    @property
    def is_multi_day(self) -> bool:
        return self.local_start.date() != self.local_end.date()

    @property
    def is_past(self) -> bool:
        if self.all_day:
            return self.local_end.date() < timezone.localdate()
        return self.end < timezone.now()

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    @property
    def location_line(self) -> str:
        place = ", ".join(
            part
            for part in (self.venue_name, self.street, f"{self.postal_code} {self.city}".strip())
            if part
        )
        if self.mode == EventMode.ONLINE:
            return str(_("Online"))
        if self.mode == EventMode.HYBRID and place:
            return _("%(place)s (auch online)") % {"place": place}
        return place


class CalendarState(models.Model):
    """What the last publication of an event said, shared by all its translations: the
    iCalendar SEQUENCE and fingerprint, and the capacity.

    Kept outside the page so that publishing an older revision can never lower SEQUENCE, and
    so that a publication can tell whether it added seats.
    """

    translation_key = models.UUIDField(unique=True, default=uuid.uuid4)
    sequence = models.PositiveIntegerField(default=0)
    fingerprint = models.CharField(max_length=64, blank=True)
    # None: unlimited. Only meaningful once capacity_recorded is set.
    capacity = models.PositiveIntegerField(null=True, blank=True)
    capacity_recorded = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Kalenderstand")
        verbose_name_plural = _("Kalenderstände")

    def __str__(self):
        return f"{self.translation_key} (SEQUENCE {self.sequence})"


class Registration(models.Model):
    """A person's registration for an event. Belongs to the event in every language.

    Rows point at the event's page in the default language; the language the person used is
    kept in `language` for all e-mails.
    """

    event = models.ForeignKey(
        EventPage,
        verbose_name=_("Veranstaltung"),
        on_delete=models.CASCADE,
        related_name="registrations",
    )
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(
        _("Status"), max_length=20, choices=RegistrationStatus.choices, db_index=True
    )
    name = models.CharField(_("Name"), max_length=200, validators=[validate_single_line])
    email = models.EmailField(_("E-Mail"), validators=[validate_single_line])
    organisation = models.CharField(
        _("Organisation"), max_length=200, validators=[validate_single_line]
    )
    municipality = models.CharField(
        _("Kommune oder Behörde"), max_length=200, validators=[validate_single_line]
    )
    role = models.CharField(
        _("Funktion"), max_length=200, blank=True, validators=[validate_single_line]
    )
    participation_mode = models.CharField(
        _("Teilnahme"), max_length=20, choices=ParticipationMode.choices, blank=True
    )
    accessibility_needs = models.TextField(
        _("Barrierefreiheit"), blank=True, max_length=1000, validators=[validate_multi_line]
    )
    dietary_needs = models.CharField(
        _("Verpflegung"), blank=True, max_length=300, validators=[validate_single_line]
    )
    privacy_consent_version = models.CharField(_("Version der Datenschutzhinweise"), max_length=20)
    privacy_consent_at = models.DateTimeField(_("Einwilligung am"))
    participant_list_consent = models.BooleanField(_("Auf der Teilnehmendenliste"), default=False)
    language = models.CharField(_("Sprache"), max_length=10, default="de")
    email_unreachable = models.BooleanField(_("E-Mail nicht zustellbar"), default=False)
    reminder_sent_at = models.DateTimeField(_("Erinnerung versendet am"), null=True, blank=True)
    created_at = models.DateTimeField(_("Angemeldet am"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(_("Anonymisiert am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Anmeldung")
        verbose_name_plural = _("Anmeldungen")
        ordering = ["created_at", "pk"]
        constraints = [
            # One active registration per address and event, enforced by the database.
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=~models.Q(status="cancelled") & models.Q(anonymised_at__isnull=True),
                name="unique_active_registration_per_email",
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=RegistrationStatus.values),
                name="registration_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.name} – {self.event.title}"

    @property
    def holds_seat(self) -> bool:
        return self.status in SEAT_STATUSES

    @property
    def is_confirmed(self) -> bool:
        """Confirmed or attended: gets the calendar file (and, online, the access details)."""
        return self.status in CONFIRMED_STATUSES

    @property
    def takes_part_online(self) -> bool:
        """Online events, and hybrid ones for people who chose to join online: only they need
        the access details."""
        mode = self.event.mode
        return mode == EventMode.ONLINE or (
            mode == EventMode.HYBRID and self.participation_mode == ParticipationMode.ONLINE
        )
