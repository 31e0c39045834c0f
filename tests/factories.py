"""factory_boy factories for the home app: locales, pages, taxonomies and site settings.

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
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText
from wagtail.test.utils.wagtail_factories import PageFactory

from events.choices import EventFormat, EventMode
from events.models import EventIndexPage, EventPage
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
    """Adds the page below `parent` and publishes it; `published=False` leaves a draft."""

    published = True

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        published = kwargs.pop("published")
        if not published:
            kwargs["live"] = False
        instance = super()._create(model_class, *args, **kwargs)
        revision = instance.save_revision()
        if published:
            revision.publish()
            instance.refresh_from_db()
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


def create_home_site() -> HomePage:
    """Replace Wagtail's welcome page with the German HomePage as root of the default Site.

    The migrations leave a root page (depth 1), a welcome page below it and a default Site
    pointing to that welcome page.
    """
    root = Page.get_first_root_node()
    # Deleting the welcome page also deletes the Site (its root_page cascades).
    for page in root.get_children():
        page.delete()
    home = HomePageFactory(parent=root, locale=Locale.get_default())
    Site.objects.create(
        hostname="localhost",
        port=80,
        site_name="Integration im Querschnitt",
        root_page=home,
        is_default_site=True,
    )
    return home


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
    """An in-person Fachforum in Mainz, 10:00 to 16:00 in four weeks, unless told otherwise."""

    title = factory.Sequence(lambda n: f"Veranstaltung {n}")
    slug = factory.LazyAttributeSequence(lambda obj, n: f"{slugify(obj.title)}-{n}")
    teaser = factory.LazyAttribute(lambda obj: f"Anreißer zu {obj.title}.")
    start = factory.LazyFunction(lambda: berlin_time(28))
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
