"""factory_boy factories: locales, pages, taxonomies, site settings, events and registrations.

Pages are created as children of a `parent` and published through a revision, so they carry
`first_published_at` and a live revision like pages an editor published in the admin.
"""

import datetime
import uuid
from zoneinfo import ZoneInfo

import factory
from django.utils import timezone
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Revision, Site
from wagtail.rich_text import RichText
from wagtail.signals import page_published
from wagtail.test.utils.wagtail_factories import PageFactory

from events import services
from events.choices import EventFormat, EventMode, ParticipationMode
from events.models import EventIndexPage, EventPage, Registration
from home.choices import FederalState, MunicipalityKind
from home.models import (
    ContentPage,
    FocusArea,
    HomePage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    SiteSettings,
)

BERLIN = ZoneInfo("Europe/Berlin")


class LocaleFactory(DjangoModelFactory):
    language_code = "en"

    class Meta:
        model = Locale
        django_get_or_create = ("language_code",)


class PublishedPageFactory(PageFactory):
    """Adds the page below `parent` and publishes it; `published=False` leaves a draft.

    A published page gets what publishing it in the admin leaves behind: live, first and last
    publication time, one revision that is its latest and live revision, the "wagtail.publish"
    log entry, and the `page_published` signal (events record their calendar state on it). It
    is saved once, not three times as by `save_revision().publish()`: each save indexes the
    page for search and for references again. Tests of publishing itself publish for real.
    """

    published = True

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        if not kwargs.pop("published"):
            instance = super()._create(model_class, *args, live=False, **kwargs)
            instance.save_revision()
            return instance
        now = timezone.now()
        kwargs.setdefault("first_published_at", now)
        kwargs.setdefault("last_published_at", now)
        instance = super()._create(
            model_class, *args, live=True, has_unpublished_changes=False, **kwargs
        )
        revision = Revision.objects.create(
            content_object=instance,
            base_content_type=instance.get_base_content_type(),
            content=instance.serializable_data(),
            object_str=str(instance),
        )
        Page.objects.filter(pk=instance.pk).update(
            latest_revision=revision,
            live_revision=revision,
            latest_revision_created_at=revision.created_at,
        )
        instance.refresh_from_db()
        log(instance=instance, action="wagtail.publish", revision=revision, content_changed=True)
        page_published.send(sender=model_class, instance=instance, revision=revision)
        return instance


class HomePageFactory(PublishedPageFactory):
    title = "Integration im Querschnitt"
    slug = "start"
    intro = "<p>Kommunales Integrationsmanagement gemeinsam gestalten.</p>"

    class Meta:
        model = HomePage


class ContentPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Inhaltsseite {n}")
    intro = "Eine kurze Einleitung."
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>Der Haupttext der Seite.</p>"))]
    )

    class Meta:
        model = ContentPage


class NewsIndexPageFactory(PublishedPageFactory):
    title = "Aktuell"
    slug = "aktuell"
    intro = "Neuigkeiten aus dem Projekt."

    class Meta:
        model = NewsIndexPage


class NewsPageFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Nachricht {n}")
    slug = factory.LazyAttributeSequence(lambda obj, n: f"{slugify(obj.title)}-{n}")
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    teaser = factory.LazyAttribute(lambda obj: f"Anreißer zu {obj.title}.")
    body = factory.LazyFunction(
        lambda: [("paragraph", RichText("<p>Der ausführliche Text der Nachricht.</p>"))]
    )

    # ClusterableModel accepts the ParentalManyToManyField in the constructor, so the relation
    # is saved with the page and its first revision.
    focus_areas = factory.LazyFunction(list)

    class Meta:
        model = NewsPage


class FocusAreaFactory(DjangoModelFactory):
    """A Gestaltungsbereich in the default language; see `translation_of` for its translations."""

    locale = factory.LazyFunction(Locale.get_default)
    translation_key = factory.LazyFunction(uuid.uuid4)
    number = factory.Sequence(lambda n: n % 4 + 1)
    title = factory.Sequence(lambda n: f"Gestaltungsbereich {n}")
    short_title = factory.Sequence(lambda n: f"Bereich {n}")
    slug = factory.Sequence(lambda n: f"bereich-{n}")
    summary = "Worum es in diesem Bereich geht."

    class Meta:
        model = FocusArea

    @classmethod
    def translation_of(cls, area: FocusArea, *, locale: Locale, **kwargs) -> FocusArea:
        """The same Gestaltungsbereich in another language: shared key, slug, number and page."""
        return cls(
            locale=locale,
            translation_key=area.translation_key,
            slug=area.slug,
            number=area.number,
            page=area.page,
            **kwargs,
        )


class MunicipalityFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Musterstadt {n}")
    kind = MunicipalityKind.CITY
    state = FederalState.RHINELAND_PALATINATE
    slug = factory.LazyAttribute(lambda obj: slugify(obj.name))
    sort_order = factory.Sequence(lambda n: n)

    class Meta:
        model = Municipality


class SiteSettingsFactory(DjangoModelFactory):
    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    organisation = "Institut für Sozialpädagogische Forschung Mainz gGmbH"
    street = "Flachsmarktstraße 9"
    postal_code = "55116"
    city = "Mainz"
    email = "kontakt@example.org"

    class Meta:
        model = SiteSettings
        django_get_or_create = ("site",)


def translate_page(page: Page, locale: Locale, **fields) -> Page:
    """Copy `page` (whose parent must already be translated) into `locale` and publish it."""
    translation = page.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


# --- events -------------------------------------------------------------------------------


def berlin_time(days_from_now: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A wall-clock time in Berlin `days_from_now` days from today (negative: in the past)."""
    day = timezone.localdate() + datetime.timedelta(days=days_from_now)
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=BERLIN)


class EventIndexPageFactory(PublishedPageFactory):
    title = "Veranstaltungen"
    slug = "veranstaltungen"
    intro = "Fachforen, Peer-Learning-Treffen und Workshops."

    class Meta:
        model = EventIndexPage


class EventPageFactory(PublishedPageFactory):
    """An in-person Fachforum in Mainz, 10:00 to 16:00 in four weeks, unless told otherwise.

    `days=n` moves it to n days from today (negative: into the past), still 10:00 to 16:00.
    """

    class Params:
        days = 28

    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    slug = factory.LazyAttributeSequence(lambda obj, n: f"{slugify(obj.title)}-{n}")
    teaser = factory.LazyAttribute(lambda obj: f"Anreißer zu {obj.title}.")
    start = factory.LazyAttribute(lambda obj: berlin_time(obj.days))
    end = factory.LazyAttribute(lambda obj: obj.start + datetime.timedelta(hours=6))
    event_format = EventFormat.EXPERT_FORUM
    mode = EventMode.IN_PERSON
    venue_name = "Rathaus, Ratssaal"
    street = "Jockel-Fuchs-Platz 1"
    postal_code = "55116"
    city = "Mainz"
    focus_areas = factory.LazyFunction(list)

    class Meta:
        model = EventPage


class RegistrationFactory(factory.Factory):
    """A registration made through `events.services.register_for_event`, as the public form
    makes it: the service decides the status (seat, waiting list, approval), writes the audit
    entry and queues the mail. `event` is required; the e-mail address follows the first name.

    Tests that only need a registration in some state register and then move it with
    `services.set_registration_state`, so no registration exists that the rules forbid. At a
    hybrid event the form asks how people take part; here they take part online unless the
    test says otherwise (`participation_mode="praesenz"`).
    """

    event = None
    language = "de"
    name = "Alex Beispiel"
    email = factory.LazyAttribute(lambda obj: f"{obj.name.split()[0].lower()}@example.org")
    organisation = "Stadt Mainz"
    municipality = "Mainz"

    class Meta:
        model = Registration

    @classmethod
    def _create(cls, model_class, *, event, language, **data):
        if event.mode == EventMode.HYBRID:
            data.setdefault("participation_mode", ParticipationMode.ONLINE)
        return services.register_for_event(event=event, data=data, language=language)
