"""`manage.py load_demo_content`: the demo site it builds, its English pages, idempotency."""

import datetime
from io import StringIO

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageLogEntry, Revision, Site
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from home import demo_content as content
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

DEMO_PASSWORD = "passwort-aus-der-umgebung"

pytestmark = pytest.mark.django_db


def load_demo_content() -> str:
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
    return load_demo_content()


@pytest.fixture
def de():
    return Locale.objects.get(language_code="de")


@pytest.fixture
def en():
    return Locale.objects.get(language_code="en")


def german_home() -> HomePage:
    return HomePage.objects.get(locale__language_code="de")


def page_text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


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
    }


# --- The German site ----------------------------------------------------------------------


def test_builds_the_german_page_tree_with_published_pages(demo):
    home = german_home()
    tree = [
        (page.depth - home.depth, page.title, type(page).__name__, page.show_in_menus)
        for page in home.get_descendants(inclusive=True).not_type(NewsPage).specific()
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
        (1, "Impressum", "ContentPage", False),
        (1, "Datenschutzerklärung", "ContentPage", False),
        (1, "Erklärung zur Barrierefreiheit", "ContentPage", False),
    ]
    descendants = home.get_descendants(inclusive=True)
    assert descendants.not_live().count() == 0
    assert all(page.revisions.count() >= 1 for page in descendants)
    assert descendants.filter(has_unpublished_changes=True).count() == 0
    assert NewsIndexPage.objects.get().slug == "aktuell"


def test_default_site_points_to_the_german_home_page_instead_of_wagtails_welcome_page(demo):
    site = Site.objects.get(is_default_site=True)

    assert (site.hostname, site.port, site.site_name) == (
        "localhost",
        80,
        "Integration im Querschnitt",
    )
    assert site.root_page.specific == german_home()
    assert german_home().slug == "home"
    assert not Page.objects.filter(title=content.WAGTAIL_WELCOME_TITLE).exists()


def test_at_least_ten_news_items_from_the_last_year_with_focus_areas(demo):
    today = timezone.localdate()
    news = list(NewsPage.objects.live().child_of(NewsIndexPage.objects.get()))

    assert len(news) >= 10
    assert all(today - datetime.timedelta(days=365) <= item.date <= today for item in news)
    assert all(1 <= item.focus_areas.count() <= 2 for item in news)
    assert all(item.teaser and len(item.body) >= 1 for item in news)
    with_image = [item for item in news if item.image_id]
    assert len(with_image) >= 2
    assert all(item.image_alt.strip() for item in with_image)
    assert sum(1 for item in news if item.related_links.exists()) >= 3


def test_focus_areas_exist_in_german_and_english_with_the_same_slugs(demo, de, en):
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


def test_municipalities_are_the_six_project_sites(demo):
    rows = list(Municipality.objects.values_list("name", "kind", "state"))

    assert rows == [
        ("Stadt Andernach", "city", "rheinland-pfalz"),
        ("Stadt Ludwigshafen am Rhein", "city", "rheinland-pfalz"),
        ("Stadt Salzgitter", "city", "niedersachsen"),
        ("Landkreis Cuxhaven", "district", "niedersachsen"),
        ("Landkreis Hildesheim", "district", "niedersachsen"),
        ("Landkreis Rotenburg (Wümme)", "district", "niedersachsen"),
    ]


def test_home_page_fields_and_site_settings_are_filled(demo):
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


# --- English pages through wagtail-localize -------------------------------------------------


def test_english_home_and_about_pages_are_live_translations_of_the_german_pages(demo, en):
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


def test_every_german_string_of_a_translated_object_has_an_english_translation(demo, en):
    sources = TranslationSource.objects.all()

    assert sources.count() == 6  # home, about, four focus areas
    for segment in StringSegment.objects.filter(source__in=sources).select_related("string"):
        translation = StringTranslation.objects.get(
            translation_of=segment.string, context=segment.context, locale=en
        )
        assert translation.data.strip(), segment.string.data
        assert not translation.has_error, segment.string.data


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


# --- Admin user ---------------------------------------------------------------------------


def test_admin_user_is_a_superuser_with_the_password_from_demo_password(demo):
    admin = get_user_model().objects.get(username="admin")

    assert (admin.email, admin.is_superuser, admin.is_staff) == ("admin@example.org", True, True)
    assert admin.check_password(DEMO_PASSWORD)


def test_admin_password_defaults_to_the_documented_demo_password(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    load_demo_content()

    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("querschnitt-demo")


def test_admin_password_changes_when_demo_password_changes(demo, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "ein-anderes-passwort")

    load_demo_content()

    admin = get_user_model().objects.get(username="admin")
    assert admin.check_password("ein-anderes-passwort")
    assert not admin.check_password(DEMO_PASSWORD)


# --- Idempotency ----------------------------------------------------------------------------


def test_second_run_changes_nothing(demo):
    before = database_state()

    output = load_demo_content()

    assert database_state() == before
    assert "already up to date" in output


def test_changed_demo_text_is_published_once_and_translated_again(demo, monkeypatch, en):
    about = ContentPage.objects.get(locale__language_code="de", slug="ueber-das-projekt")
    en_revisions = about.get_translation(en).revisions.count()
    home_revisions = german_home().revisions.count()
    new_intro = content.T("Eine neue Einleitung.", "A new introduction.")
    monkeypatch.setitem(content.ABOUT.fields, "intro", new_intro)

    load_demo_content()

    about.refresh_from_db()
    en_about = about.get_translation(en)
    assert (about.intro, about.revisions.count()) == ("Eine neue Einleitung.", 2)
    assert (en_about.intro, en_about.revisions.count()) == ("A new introduction.", en_revisions + 1)
    assert german_home().revisions.count() == home_revisions


# --- Refusal outside development ----------------------------------------------------------


def test_refuses_to_run_with_production_settings(settings):
    settings.SETTINGS_MODULE = "config.settings.production"

    with pytest.raises(CommandError, match="production settings"):
        load_demo_content()

    assert not HomePage.objects.exists()


def test_refuses_to_run_without_debug_outside_the_test_settings():
    # One override for both: a second, nested override would hide SETTINGS_MODULE again.
    with (
        override_settings(SETTINGS_MODULE="config.settings.staging", DEBUG=False),
        pytest.raises(CommandError, match="DEBUG"),
    ):
        load_demo_content()

    assert not get_user_model().objects.exists()


# --- Rendering (asserts on the demo texts, not on markup) ---------------------------------


def test_german_home_page_shows_the_municipalities_focus_areas_and_news(demo, client):
    text = page_text(client, "/")

    for municipality in content.MUNICIPALITIES:
        assert municipality["name"] in text
    assert "Vier Gestaltungsbereiche" in text
    assert "Kooperationsstrukturen für ein kommunales Vielfaltsmanagement" in text
    assert content.NEWS[0].title in text


def test_english_pages_show_english_texts(demo, client):
    home = page_text(client, "/en/")
    about = page_text(client, "/en/about-the-project/")

    assert "Integration concerns almost every department of a local authority" in home
    assert "Four fields of action" in home
    assert "Participation of immigrants and their self-organisations" in home
    assert "Frequently asked questions" in about
    assert "Who can take part in the expert forums?" in about
    for german in ("Häufige Fragen", "Worum es geht", "So arbeitet das Projekt", "Förderung"):
        assert german not in about


def test_legal_pages_show_their_demo_texts(demo, client):
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
