"""`manage.py load_demo_content`: the demo site it builds, its English pages, idempotency.

The command runs on a database as the migrations leave it (Wagtail's welcome page, German
only), not on the tests' base site: `migrated_database` and `demo` put that state back inside
the transaction, which is rolled back afterwards.

The tests that read the demo site share one build (the module-scoped `demo` fixture); each
test still runs in its own savepoint, so a test that runs the command again or changes data
leaves the next test the same site.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management.base import CommandError
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import (
    GroupPagePermission,
    Locale,
    ModelLogEntry,
    Page,
    PageLogEntry,
    Revision,
    Site,
)
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from events import services
from events.choices import EventFormat, EventMode, EventStatus, RegistrationStatus
from events.demo import content as event_content
from events.models import CalendarState, EventIndexPage, EventPage, Registration
from home.demo import content
from home.demo.builder import WAGTAIL_WELCOME_TITLE
from home.models import (
    ContentPage,
    FocusArea,
    HomePage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    NewsPageRelatedLink,
    SiteSettings,
)
from outbox.models import OutboundEmail
from tests import base_site
from tests.audit import transitions
from tests.base_site import DEMO_PASSWORD, load_demo_content
from tests.helpers import after_commit, parse

BERLIN = ZoneInfo("Europe/Berlin")

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, built once for this module and rolled back after its last test.

    pytest-django runs each test in a savepoint inside this transaction. (Tests in between
    that run the command themselves start from `migrated_database`.)
    """
    with base_site.demo_site(django_db_blocker) as output:
        yield output


@pytest.fixture
def migrated_database(db):
    """The database as the migrations leave it, until this test's transaction is rolled back."""
    base_site.restore(base_site.MIGRATIONS)


@pytest.fixture
def de():
    return Locale.objects.get(language_code="de")


@pytest.fixture
def en():
    return Locale.objects.get(language_code="en")


def german_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="de")


def german_events() -> list[EventPage]:
    return list(EventPage.objects.filter(locale__language_code="de").order_by("start", "pk"))


def upcoming(events) -> list[EventPage]:
    """Events the index lists as coming (not yet over), as `events.selectors` decides."""
    now = timezone.now()
    return [event for event in events if event.end >= now]


def page_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return parse(response).get_text(" ", strip=True)


def database_state() -> dict:
    user_model = get_user_model()
    models = (
        Page,
        Revision,
        PageLogEntry,
        FocusArea,
        Municipality,
        NewsPageRelatedLink,
        Locale,
        user_model,
        get_image_model(),
        Site,
        SiteSettings,
        TranslationSource,
        Translation,
        StringTranslation,
        EventPage,
        CalendarState,
        Registration,
        OutboundEmail,
        ModelLogEntry,
        Group,
        GroupPagePermission,
    )
    return {
        "counts": {model._meta.label: model.objects.count() for model in models},
        "pages": [
            (
                page.title,
                page.slug,
                page.url,
                page.locale.language_code,
                page.live,
                page.latest_revision_id,
                page.last_published_at,
            )
            for page in Page.objects.select_related("locale").order_by("path")
        ],
        "focus_areas": list(
            FocusArea.objects.order_by("pk").values_list(
                "locale__language_code", "slug", "number", "title", "summary", "page_id"
            )
        ),
        "municipalities": list(Municipality.objects.order_by("pk").values()),
        "sites": list(Site.objects.order_by("pk").values()),
        "site_settings": [
            (row.pk, row.email, row.imprint_page_id, row.funders.raw_data[:])
            for row in SiteSettings.objects.order_by("pk")
        ],
        "sources": list(
            TranslationSource.objects.order_by("pk").values_list("pk", "last_updated_at")
        ),
        "admin": list(user_model.objects.filter(username="admin").values()),
        "images": list(get_image_model().objects.order_by("pk").values_list("title", "file")),
        "events": [
            (
                event.pk,
                event.start,
                event.end,
                event.status,
                event.capacity,
                event.registration_opens_at,
                event.registration_closes_at,
                list(event.programme.raw_data),
                sorted(event.focus_areas.values_list("pk", flat=True)),
            )
            for event in EventPage.objects.order_by("pk")
        ],
        "calendar_states": list(CalendarState.objects.order_by("pk").values()),
        "registrations": list(
            Registration.objects.order_by("pk").values_list("event_id", "email", "status")
        ),
    }


# --- The German site ----------------------------------------------------------------------


class TestGermanSite:
    def test_builds_the_german_page_tree_with_published_pages(self, demo):
        home = german_home()
        tree = [
            (page.depth - home.depth, page.title, type(page).__name__, page.show_in_menus)
            for page in home.get_descendants(inclusive=True)
            .not_type(NewsPage, EventPage)
            .specific()
        ]

        assert tree == [
            (0, "Integration im Querschnitt", "HomePage", False),
            (1, "Über das Projekt", "ContentPage", True),
            (1, "Gestaltungsbereiche", "ContentPage", True),
            (2, "Organisation und Koordination in der Verwaltung", "ContentPage", True),
            (2, "Zusammenarbeit mit Akteuren in und außerhalb der Verwaltung", "ContentPage", True),
            (2, "Beteiligung von Zugewanderten", "ContentPage", True),
            (2, "Kommunales Vielfaltsmanagement", "ContentPage", True),
            (1, "Projektstandorte", "ContentPage", True),
            (1, "Aktuell", "NewsIndexPage", True),
            (2, "Veranstaltungen", "EventIndexPage", True),
            (1, "Impressum", "ContentPage", False),
            (1, "Datenschutzerklärung", "ContentPage", False),
            (1, "Erklärung zur Barrierefreiheit", "ContentPage", False),
            (1, "Praxiswissen", "PraxiswissenIndexPage", False),
            (
                2,
                "Integrationsaufgaben zwischen Landkreis und kreisangehörigen Gemeinden "
                "verbindlich aufteilen",
                "PraxiswissenPage",
                False,
            ),
        ]
        descendants = home.get_descendants(inclusive=True)
        assert descendants.not_live().count() == 0
        assert all(page.revisions.count() >= 1 for page in descendants)
        assert descendants.filter(has_unpublished_changes=True).count() == 0
        assert NewsIndexPage.objects.get(locale__language_code="de").slug == "aktuell"

    def test_default_site_points_to_the_german_home_page_instead_of_wagtails_welcome_page(
        self, demo
    ):
        site = Site.objects.get(is_default_site=True)

        # Where `make run` serves by default (SITE_URL unset).
        assert (site.hostname, site.port, site.site_name) == (
            "127.0.0.1",
            8000,
            "Integration im Querschnitt",
        )
        assert site.root_page.specific == german_home()
        assert german_home().slug == "home"
        assert not Page.objects.filter(title=WAGTAIL_WELCOME_TITLE).exists()

    def test_at_least_ten_news_items_from_the_last_year_with_focus_areas(self, demo):
        today = timezone.localdate()
        news = list(
            NewsPage.objects.live().child_of(NewsIndexPage.objects.get(locale__language_code="de"))
        )

        assert len(news) >= 10
        assert all(today - datetime.timedelta(days=365) <= item.date <= today for item in news)
        assert all(1 <= item.focus_areas.count() <= 2 for item in news)
        assert all(item.teaser and len(item.body) >= 1 for item in news)
        with_image = [item for item in news if item.image_id]
        assert len(with_image) >= 2
        assert all(item.image_alt.strip() for item in with_image)
        assert sum(1 for item in news if item.related_links.exists()) >= 3

    def test_focus_areas_exist_in_german_and_english_with_the_same_slugs(self, demo, de, en):
        german = list(FocusArea.objects.filter(locale=de).values_list("number", "slug", "page_id"))
        english = list(FocusArea.objects.filter(locale=en).values_list("number", "slug", "page_id"))

        assert german == [
            (1, "organisation", ContentPage.objects.get(slug="organisation").pk),
            (2, "akteure", ContentPage.objects.get(slug="akteure").pk),
            (3, "beteiligung", ContentPage.objects.get(slug="beteiligung").pk),
            (4, "vielfalt", ContentPage.objects.get(slug="vielfalt").pk),
        ]
        assert english == german
        assert list(FocusArea.objects.filter(locale=en).values_list("short_title", flat=True)) == [
            "Organisation and coordination",
            "Cooperation between actors",
            "Participation",
            "Diversity management",
        ]
        for area in FocusArea.objects.filter(locale=de):
            assert area.get_translation(en).translation_key == area.translation_key

    def test_municipalities_are_the_six_project_sites(self, demo):
        rows = list(Municipality.objects.values_list("name", "kind", "state"))

        assert rows == [
            ("Stadt Andernach", "city", "rheinland-pfalz"),
            ("Stadt Ludwigshafen am Rhein", "city", "rheinland-pfalz"),
            ("Stadt Salzgitter", "city", "niedersachsen"),
            ("Landkreis Cuxhaven", "district", "niedersachsen"),
            ("Landkreis Hildesheim", "district", "niedersachsen"),
            ("Landkreis Rotenburg (Wümme)", "district", "niedersachsen"),
        ]

    def test_home_page_fields_and_site_settings_are_filled(self, demo):
        home = german_home()
        site_settings = SiteSettings.objects.get(site=Site.objects.get(is_default_site=True))

        assert home.municipalities_page.title == "Projektstandorte"
        assert home.focus_areas_heading == "Vier Gestaltungsbereiche"
        assert "Integration im Querschnitt" in home.intro
        assert site_settings.organisation == (
            "Institut für Sozialpädagogische Forschung Mainz gGmbH (ism)"
        )
        assert (site_settings.street, site_settings.postal_code, site_settings.city) == (
            "Flachsmarktstraße 9",
            "55116",
            "Mainz",
        )
        assert site_settings.email.endswith("@example.org")
        assert [
            site_settings.imprint_page.title,
            site_settings.privacy_page.title,
            site_settings.accessibility_page.title,
        ] == ["Impressum", "Datenschutzerklärung", "Erklärung zur Barrierefreiheit"]
        funders = [block.value for block in site_settings.funders]
        assert [funder["name"] for funder in funders] == [f["name"] for f in content.FUNDERS]
        assert all(funder["logo"] is not None and funder["logo"].decorative for funder in funders)

    def test_admin_user_is_a_superuser_with_the_password_from_demo_password(self, demo):
        admin = get_user_model().objects.get(username="admin")

        assert (admin.email, admin.is_superuser, admin.is_staff) == (
            "admin@example.org",
            True,
            True,
        )
        assert admin.check_password(DEMO_PASSWORD)

    # Rendering (asserts on the demo texts, not on markup)

    def test_german_home_page_shows_the_municipalities_focus_areas_news_and_events(
        self, demo, client
    ):
        text = page_text(client, "/")

        for municipality in content.MUNICIPALITIES:
            assert municipality["name"] in text
        assert "Vier Gestaltungsbereiche" in text
        assert "Kooperationsstrukturen für ein kommunales Vielfaltsmanagement" in text
        assert content.NEWS[0].title in text
        assert upcoming(german_events())[0].title in text

    def test_main_menu_leads_to_current_events_and_news_through_aktuell(self, demo, client):
        soup = parse(client.get("/"))
        menu = [link.get_text(strip=True) for link in soup.select(".main-nav__link")]
        current = parse(client.get("/aktuell/"))

        assert menu == ["Über das Projekt", "Gestaltungsbereiche", "Projektstandorte", "Aktuell"]
        assert current.find("a", href="/aktuell/veranstaltungen/") is not None

    def test_legal_pages_show_their_demo_texts(self, demo, client):
        privacy = page_text(client, "/datenschutz/")
        accessibility = page_text(client, "/barrierefreiheit/")
        imprint = page_text(client, "/impressum/")

        assert "Demo-Inhalt" in privacy
        assert "180 Tage nach dem Ende der Veranstaltung" in privacy
        assert "Art. 6 Abs. 1 lit. a DSGVO" in privacy
        assert "Informationsfreiheit Rheinland-Pfalz" in privacy
        assert "axe-core" in accessibility
        assert "BITV 2.0" in accessibility
        assert "§ 16 Behindertengleichstellungsgesetz" in accessibility
        assert "Flachsmarktstraße 9" in imprint


# --- Events ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "limit"),
    [
        ("/", 15),
        ("/aktuell/", 15),
        ("/aktuell/rueckblick-fachforum-koordination/", 15),
        ("/aktuell/veranstaltungen/", 15),
        ("/aktuell/veranstaltungen/fachforum-vielfaltsmanagement/", 15),
        ("/impressum/", 12),
        ("/en/", 15),
        ("/en/current/events/", 15),
    ],
)
def test_pages_of_the_demo_site_stay_within_their_query_budget(
    demo, client, django_assert_max_num_queries, path, limit
):
    """At most 15 queries for a page, 12 for a simple content page: the frame around every
    page (menu, language switcher, head, footer) reads its pages in one query."""
    client.get(path)  # caches warm, as on a running server

    with django_assert_max_num_queries(limit):
        assert client.get(path).status_code == 200


def test_demo_page_keys_are_unique():
    keys = [spec.key for spec in [*content.PAGES, *event_content.PAGES]]

    assert len(keys) == len(set(keys))


class TestEvents:
    def test_veranstaltungen_is_a_published_event_index_below_aktuell(self, demo):
        index = EventIndexPage.objects.get(locale__language_code="de")

        assert (index.title, index.slug, index.url, index.show_in_menus, index.live) == (
            "Veranstaltungen",
            "veranstaltungen",
            "/aktuell/veranstaltungen/",
            True,
            True,
        )
        assert index.get_parent().specific == NewsIndexPage.objects.get(locale__language_code="de")
        assert "Fachforen" in index.intro

    def test_the_old_event_addresses_redirect_permanently(self, demo, client):
        for old, new in [
            ("/veranstaltungen/", "/aktuell/veranstaltungen/"),
            (
                "/veranstaltungen/workshop-ehrenamt-cuxhaven/",
                "/aktuell/veranstaltungen/workshop-ehrenamt-cuxhaven/",
            ),
            ("/en/events/", "/en/current/events/"),
            (
                "/en/events/expert-forum-cooperation-agreements/",
                "/en/current/events/expert-forum-cooperation-agreements/",
            ),
        ]:
            response = client.get(old)
            assert (response.status_code, response["Location"]) == (301, new), old

    def test_at_least_ten_published_events_over_the_past_and_next_six_months(self, demo):
        events = german_events()
        now = timezone.now()
        half_year = datetime.timedelta(days=183)
        index = EventIndexPage.objects.get(locale__language_code="de")

        assert len(events) >= 10
        assert all(event.get_parent().pk == index.pk for event in events)
        assert all(event.live and not event.has_unpublished_changes for event in events)
        assert all(now - half_year <= event.start <= now + half_year for event in events)
        assert sum(1 for event in events if event.end < now) >= 3
        assert sum(1 for event in events if event.start > now) >= 5

    def test_events_cover_every_format_and_mode_in_both_federal_states(self, demo):
        events = german_events()

        assert {event.event_format for event in events} == set(EventFormat.values)
        assert {event.mode for event in events} == set(EventMode.values)
        assert {"Hildesheim", "Cuxhaven", "Rotenburg (Wümme)", "Salzgitter", "Hannover"} <= {
            event.city for event in events
        }
        assert {"Mainz", "Ludwigshafen am Rhein", "Andernach"} <= {event.city for event in events}

    def test_every_event_has_teaser_audience_focus_areas_programme_and_contact(self, demo):
        for event in german_events():
            assert event.teaser and event.target_audience, event.slug
            assert 1 <= event.focus_areas.count() <= 2, event.slug
            assert all(area.locale.language_code == "de" for area in event.focus_areas.all())
            assert len(event.programme) >= 1, event.slug
            assert event.contact_email == "querschnitt@example.org"
            assert "Demo-Inhalt" in str(event.body)
            if event.mode != EventMode.ONLINE:
                assert event.venue_name and event.street and event.city, event.slug
            if event.mode == EventMode.IN_PERSON:
                assert event.online_access == "", event.slug
            else:
                assert event.online_access.startswith("Zugangslink: https://konferenz.example.org/")
                assert "(Demo)" in event.online_access

    def test_programme_items_have_titles_and_times_in_order(self, demo):
        for event in german_events():
            for day in event.programme:
                items = day.value["items"]
                assert all(item["title"] for item in items), event.slug
                timed = [item for item in items if item["start_time"]]
                assert [item["start_time"] for item in timed] == sorted(
                    item["start_time"] for item in timed
                ), event.slug
                assert all(item["end_time"] > item["start_time"] for item in timed), event.slug

    def test_exactly_one_cancelled_and_one_postponed_event_with_notes(self, demo):
        events = german_events()
        cancelled = [event for event in events if event.status == EventStatus.CANCELLED]
        postponed = [event for event in events if event.status == EventStatus.POSTPONED]

        assert len(cancelled) == 1
        assert len(postponed) == 1
        assert cancelled[0].status_note and postponed[0].status_note
        assert cancelled[0].start > timezone.now()

    def test_one_two_day_event_with_a_programme_day_for_each_day(self, demo):
        multi_day = [event for event in german_events() if event.is_multi_day]

        assert len(multi_day) == 1
        event = multi_day[0]
        first, last = event.local_start.date(), event.local_end.date()
        assert last - first == datetime.timedelta(days=1)
        assert [block.block_type for block in event.programme] == ["day", "day"]
        assert [block.value["day"] for block in event.programme] == [first, last]
        assert not event.all_day

    def test_one_all_day_event_on_a_single_local_day(self, demo, client):
        all_day = [event for event in german_events() if event.all_day]

        assert len(all_day) == 1
        event = all_day[0]
        assert event.local_start.date() == event.local_end.date()
        assert (event.local_start.time(), event.local_end.time()) == (
            datetime.time(0, 0),
            datetime.time(23, 59),
        )
        ics = client.get(reverse("events:event_ics", kwargs={"page_id": event.pk}))
        day = event.local_start.date()
        assert f"DTSTART;VALUE=DATE:{day:%Y%m%d}" in ics.content.decode()
        end = day + datetime.timedelta(days=1)
        assert f"DTEND;VALUE=DATE:{end:%Y%m%d}" in ics.content.decode()

    def test_times_are_local_times_in_berlin(self, demo):
        event = EventPage.objects.get(
            locale__language_code="de", slug="fachforum-vielfaltsmanagement"
        )

        assert event.start.astimezone(BERLIN).time() == datetime.time(10, 0)
        assert event.end.astimezone(BERLIN).time() == datetime.time(15, 0)

    def test_small_fachforum_has_five_seats_open_registration_and_a_waiting_list(self, demo):
        event = EventPage.objects.get(
            locale__language_code="de", slug=event_content.SMALL_EVENT_KEY
        )
        now = timezone.now()

        assert event.event_format == EventFormat.EXPERT_FORUM
        assert event.status == EventStatus.SCHEDULED
        assert event.capacity == 5
        assert (event.registration_enabled, event.waiting_list_enabled) == (True, True)
        assert event.registration_opens_at < now < event.registration_closes_at < event.start
        assert event.start - event.registration_closes_at <= datetime.timedelta(days=7)

    def test_small_fachforum_is_full_with_three_people_waiting_in_order(self, demo, client):
        event = EventPage.objects.get(
            locale__language_code="de", slug=event_content.SMALL_EVENT_KEY
        )
        people = event_content.REGISTRATIONS[event_content.SMALL_EVENT_KEY]

        rows = list(event.registrations.order_by("created_at", "pk").values_list("email", "status"))
        text = page_text(client, event.url)

        assert rows == [
            *((person.email, RegistrationStatus.CONFIRMED) for person in people[:5]),
            *((person.email, RegistrationStatus.WAITLISTED) for person in people[5:]),
        ]
        assert len(rows) == 8
        # Through the service: audited, and each person got the matching mail.
        assert all(
            transitions(registration)[0].actor == "registrant"
            for registration in event.registrations.all()
        )
        mails = OutboundEmail.objects.filter(related_type__model="registration")
        assert sorted(
            mails.filter(recipient__in=[p.email for p in people]).values_list(
                "recipient", "template"
            )
        ) == sorted(
            [(person.email, "registration_confirmed") for person in people[:5]]
            + [(person.email, "registration_waitlisted") for person in people[5:]]
        )
        assert mails.get(recipient=people[7].email).language == "en"
        assert "Alle Plätze sind vergeben." in text
        assert "Auf die Warteliste setzen" in text

    def test_other_events_have_a_few_registrations_one_of_them_cancelled(self, demo):
        others = {
            key: people
            for key, people in event_content.REGISTRATIONS.items()
            if key != event_content.SMALL_EVENT_KEY
        }
        assert sum(len(people) for people in others.values()) >= 3

        for key, people in others.items():
            event = EventPage.objects.get(locale__language_code="de", slug=key)
            expected = {
                person.email: (
                    RegistrationStatus.CANCELLED
                    if person.cancelled
                    else RegistrationStatus.CONFIRMED
                )
                for person in people
            }
            assert dict(event.registrations.values_list("email", "status")) == expected
        assert Registration.objects.filter(status=RegistrationStatus.CANCELLED).count() == 1
        assert OutboundEmail.objects.filter(template="registration_cancelled").count() == 1

    def test_most_upcoming_events_take_registrations_for_40_to_80_people(self, demo):
        coming = [event for event in upcoming(german_events()) if event.start > timezone.now()]
        with_registration = [event for event in coming if event.registration_enabled]

        assert len(with_registration) > len(coming) / 2
        assert all(
            40 <= event.capacity <= 80
            for event in with_registration
            if event.slug != event_content.SMALL_EVENT_KEY and not event.is_cancelled
        )

    def test_every_event_was_published_once_and_has_calendar_sequence_0(self, demo):
        events = list(EventPage.objects.all())

        assert {state.translation_key for state in CalendarState.objects.all()} == {
            event.translation_key for event in events
        }
        assert set(CalendarState.objects.values_list("sequence", flat=True)) == {0}
        german = [event for event in events if event.locale.language_code == "de"]
        assert all(event.revisions.count() == 1 for event in german)

    def test_event_index_lists_the_upcoming_events(self, demo, client):
        coming = upcoming(german_events())
        text = page_text(client, "/aktuell/veranstaltungen/")

        assert f"{len(coming)} kommende Veranstaltungen" in text
        for event in coming:
            assert event.title in text

    def test_event_pages_show_status_programme_and_seats_but_not_the_access_link(
        self, demo, client
    ):
        cancelled = page_text(client, "/aktuell/veranstaltungen/workshop-ehrenamt-cuxhaven/")
        small = page_text(client, f"/aktuell/veranstaltungen/{event_content.SMALL_EVENT_KEY}/")
        two_days = page_text(client, "/aktuell/veranstaltungen/fachforum-vielfaltsmanagement/")
        online = client.get("/aktuell/veranstaltungen/online-muslimische-gemeinden/")

        assert "Diese Veranstaltung ist abgesagt." in cancelled
        assert "weil die Referentin erkrankt ist" in cancelled
        assert "5 Plätze" in small
        assert "Drei Modelle der Koordination im Vergleich" in two_days
        assert "Rückblick auf den ersten Tag" in two_days
        assert online.status_code == 200
        assert "konferenz.example.org" not in online.content.decode()


# --- English pages through wagtail-localize -------------------------------------------------


class TestEnglishSite:
    def test_english_home_and_about_pages_are_live_translations_of_the_german_pages(self, demo, en):
        home = german_home()
        about = ContentPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
        en_home = home.get_translation(en)
        en_about = about.get_translation(en).specific

        assert (en_home.live, en_home.url) == (True, "/en/")
        assert (en_about.live, en_about.url, en_about.title) == (
            True,
            "/en/about-the-project/",
            "About the project",
        )
        assert en_about.get_parent().pk == en_home.pk
        assert en_home.translation_key == home.translation_key
        assert en_about.translation_key == about.translation_key
        for german in (home, about):
            assert Translation.objects.filter(
                source__object_id=german.translation_key, target_locale=en, enabled=True
            ).exists()

    def test_one_upcoming_event_and_the_event_index_are_translated(self, demo, en):
        index = EventIndexPage.objects.get(locale__language_code="de")
        german = EventPage.objects.get(
            locale__language_code="de", slug="fachforum-kooperationsvereinbarungen"
        )
        en_index = index.get_translation(en)
        english = EventPage.objects.get(locale=en)

        assert (en_index.live, en_index.url, en_index.title) == (
            True,
            "/en/current/events/",
            "Events",
        )
        assert en_index.get_parent().url == "/en/current/"
        assert (english.live, english.url) == (
            True,
            "/en/current/events/expert-forum-cooperation-agreements/",
        )
        assert english.get_parent().pk == en_index.pk
        assert english.translation_key == german.translation_key
        assert (english.start, english.end, english.mode, english.capacity) == (
            german.start,
            german.end,
            german.mode,
            german.capacity,
        )
        assert german.start > timezone.now()
        # Both languages share one calendar entry, and publishing the English one changed nothing.
        assert CalendarState.objects.get(translation_key=german.translation_key).sequence == 0

    def test_every_german_string_of_a_translated_object_has_an_english_translation(self, demo, en):
        sources = TranslationSource.objects.all()

        # home, about, news index, events index, one event, four focus areas
        assert sources.count() == 9
        for segment in StringSegment.objects.filter(source__in=sources).select_related("string"):
            translation = StringTranslation.objects.get(
                translation_of=segment.string, context=segment.context, locale=en
            )
            assert translation.data.strip(), segment.string.data
            assert not translation.has_error, segment.string.data

    def test_english_pages_show_english_texts(self, demo, client):
        home = page_text(client, "/en/")
        about = page_text(client, "/en/about-the-project/")

        assert "Integration concerns almost every department of a local authority" in home
        assert "Four fields of action" in home
        assert "Participation of immigrants and their self-organisations" in home
        assert "Frequently asked questions" in about
        assert "Who can take part in the expert forums?" in about
        for german in ("Häufige Fragen", "Worum es geht", "So arbeitet das Projekt", "Förderung"):
            assert german not in about

    def test_english_event_page_shows_english_texts(self, demo, client):
        text = page_text(client, "/en/current/events/expert-forum-cooperation-agreements/")
        index = page_text(client, "/en/current/events/")

        assert "Expert forum: Cooperation agreements with service providers" in text
        assert "Welcome and introduction" in text
        assert "Workshop: Improving your own agreements" in text
        assert "Begrüßung und Einführung" not in text
        assert "Expert forum: Cooperation agreements with service providers" in index


@pytest.mark.usefixtures("migrated_database")
def test_english_text_that_does_not_match_the_german_structure_stops_the_command(monkeypatch):
    broken_body = [
        content.paragraph(content.T("<p>Erster Absatz.</p><p>Zweiter Absatz.</p>", "<p>One.</p>"))
    ]
    monkeypatch.setitem(content.ABOUT.fields, "body", broken_body)

    with pytest.raises(CommandError, match="do not line up"):
        load_demo_content()

    # Everything ran in one transaction: nothing of the half-built site is left.
    assert not HomePage.objects.exists()
    assert not get_user_model().objects.filter(username="admin").exists()


# --- Running the command again --------------------------------------------------------------


class TestRolesAndOutbox:
    def test_demo_accounts_have_the_demo_password_and_their_groups(self, demo, client):
        user_model = get_user_model()
        groups = {
            user.username: sorted(user.groups.values_list("name", flat=True))
            for user in user_model.objects.all()
        }

        portal = {
            f"{slug}@demo.querschnitt.example": []
            for slug in (
                "andernach",
                "ludwigshafen",
                "salzgitter",
                "cuxhaven",
                "hildesheim",
                "rotenburg-wuemme",
            )
        }
        assert groups == {
            "admin": [],
            "redaktion": ["Redaktion"],
            "organisation": ["Veranstaltungsorganisation"],
            **portal,
            "moderation@demo.querschnitt.example": ["Fachbegleitung"],
        }
        for username in groups:
            assert client.login(username=username, password=DEMO_PASSWORD), username

    def test_an_organiser_reads_the_demo_mails_and_sends_the_failed_one_again(
        self, demo, client, django_capture_on_commit_callbacks
    ):
        client.login(username="organisation", password=DEMO_PASSWORD)
        failed = OutboundEmail.objects.get(status="failed")
        listing = page_text(client, "/admin/outbox/?status=failed")  # the filter above the list

        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/admin/outbox/resend/{failed.pk}/")

        assert failed.recipient == "jan.petersen@example.org"
        assert (failed.attempts, failed.template) == (6, "registration_confirmed")
        assert "550" in failed.last_error
        assert failed.related_object.email == "jan.petersen@example.org"
        assert "Postausgang" in listing
        assert "Fehlgeschlagen" in listing
        assert "Anmeldebestätigung" in listing
        assert response.status_code == 302
        assert OutboundEmail.objects.get(pk=failed.pk).status == "sent"

    def test_an_editor_opens_neither_the_outbox_nor_the_registrations(self, demo, client):
        client.login(username="redaktion", password=DEMO_PASSWORD)

        assert client.get("/admin/").status_code == 200
        for url in ("/admin/outbox/", "/admin/registrations/"):
            response = client.get(url)
            assert (response.status_code, response["Location"]) == (302, "/admin/"), url

    def test_a_registrations_history_shows_each_change_and_who_made_it(self, demo, client):
        client.login(username="organisation", password=DEMO_PASSWORD)
        cancelled = Registration.objects.get(status=RegistrationStatus.CANCELLED)

        text = page_text(client, f"/admin/registrations/history/{cancelled.pk}/")

        assert "Angelegt mit Status „Bestätigt“ (angemeldete Person)" in text
        assert "Status: „Bestätigt“ → „Storniert“ (angemeldete Person)" in text


class TestRerun:
    def test_second_run_changes_nothing(self, demo):
        before = database_state()

        output = load_demo_content()

        assert database_state() == before
        assert "already up to date" in output

    def test_site_url_sets_the_address_that_mails_feeds_calendars_and_sitemap_give_out(
        self, demo, client, settings
    ):
        settings.SITE_URL = "http://localhost:8611"
        load_demo_content()
        event = EventPage.objects.get(
            locale__language_code="de", slug=event_content.SMALL_EVENT_KEY
        )

        mail.outbox = []
        with after_commit():
            services.send_registration_link(event=event, email=event.registrations.first().email)
        feed = client.get("/aktuell/feed/rss/").content.decode()
        calendar = client.get("/kalender/veranstaltungen.ics").content.decode()
        sitemap = client.get("/sitemap.xml").content.decode()

        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("localhost", 8611)
        [message] = mail.outbox
        assert "http://localhost:8611/anmeldung/" in message.body
        assert "<link>http://localhost:8611/aktuell/</link>" in feed
        assert "URL:http://localhost:8611/aktuell/veranstaltungen/" in calendar
        assert "<loc>http://localhost:8611/</loc>" in sitemap
        for name, text in [
            ("mail", message.body),
            ("feed", feed),
            ("ics", calendar),
            ("sitemap", sitemap),
        ]:
            for other in ("127.0.0.1:8000", "testserver"):
                assert other not in text, (
                    name,
                    other,
                    text[text.find(other) - 200 : text.find(other) + 50],
                )

    def test_run_on_a_later_day_keeps_news_and_event_dates(self, demo, monkeypatch):
        before = database_state()
        later = timezone.localdate() + datetime.timedelta(days=45)
        # The command reads "today" from here; only the dates of new pages would follow it.
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)

        output = load_demo_content()

        assert database_state() == before
        assert "already up to date" in output

    def test_changed_demo_text_is_published_once_and_translated_again(self, demo, monkeypatch, en):
        about = ContentPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
        en_revisions = about.get_translation(en).revisions.count()
        home_revisions = german_home().revisions.count()
        new_intro = content.T("Eine neue Einleitung.", "A new introduction.")
        monkeypatch.setitem(content.ABOUT.fields, "intro", new_intro)

        load_demo_content()

        about.refresh_from_db()
        en_about = about.get_translation(en)
        assert (about.intro, about.revisions.count()) == ("Eine neue Einleitung.", 2)
        assert (en_about.intro, en_about.revisions.count()) == (
            "A new introduction.",
            en_revisions + 1,
        )
        assert german_home().revisions.count() == home_revisions

    def test_changed_event_time_is_published_once_and_raises_its_calendar_sequence(
        self, demo, monkeypatch
    ):
        spec = next(
            spec for spec in event_content.PAGES if spec.key == event_content.SMALL_EVENT_KEY
        )
        event = EventPage.objects.get(locale__language_code="de", slug=spec.key)
        first_day = event.local_start.date()
        monkeypatch.setitem(spec.fields, "end", event_content.EventDay(0, datetime.time(14, 0)))

        load_demo_content()

        event.refresh_from_db()
        state = CalendarState.objects.get(translation_key=event.translation_key)
        assert event.local_start.date() == first_day
        assert event.end.astimezone(BERLIN).time() == datetime.time(14, 0)
        assert (event.revisions.count(), state.sequence) == (2, 1)
        others = CalendarState.objects.exclude(translation_key=event.translation_key)
        assert set(others.values_list("sequence", flat=True)) == {0}

    def test_admin_password_changes_when_demo_password_changes(self, demo, monkeypatch):
        monkeypatch.setenv("DEMO_PASSWORD", "ein-anderes-passwort")

        load_demo_content()

        admin = get_user_model().objects.get(username="admin")
        assert admin.check_password("ein-anderes-passwort")
        assert not admin.check_password(DEMO_PASSWORD)


@pytest.mark.usefixtures("migrated_database")
def test_admin_password_defaults_to_the_documented_demo_password(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    load_demo_content()

    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("querschnitt-demo")


# --- Refusal outside development ----------------------------------------------------------


@pytest.mark.usefixtures("migrated_database")
def test_refuses_to_run_with_production_settings(settings):
    settings.SETTINGS_MODULE = "config.settings.production"

    with pytest.raises(CommandError, match="production settings"):
        load_demo_content()

    assert not HomePage.objects.exists()


@pytest.mark.usefixtures("migrated_database")
def test_refuses_to_run_without_debug_outside_the_test_settings():
    # One override for both: a second, nested override would hide SETTINGS_MODULE again.
    with (
        override_settings(SETTINGS_MODULE="config.settings.staging", DEBUG=False),
        pytest.raises(CommandError, match="DEBUG"),
    ):
        load_demo_content()

    assert not get_user_model().objects.exists()
