"""The base template, footer, error pages and the security headers of public pages."""

import pytest
from bs4 import BeautifulSoup
from django.template.loader import render_to_string
from wagtail.models import PageViewRestriction

from config.middleware import CONTENT_SECURITY_POLICY
from home.models import SiteSettings
from tests.factories import ContentPageFactory, SiteSettingsFactory, translate_page
from tests.helpers import parse


def legal_links(response) -> list[tuple[str, str]]:
    links = parse(response).select(".site-footer__links a")
    return [(link.get_text(strip=True), link["href"]) for link in links]


def test_skip_link_is_the_first_link_and_targets_main(client, home_page):
    response = client.get("/")

    soup = parse(response)
    first_link = soup.body.find("a")
    assert first_link["href"] == "#main"
    assert first_link.get_text(strip=True) == "Zum Inhalt springen"
    assert soup.select("main#main") == [soup.main]


def test_html_element_declares_german(client, home_page):
    response = client.get("/")

    assert parse(response).html["lang"] == "de"


def test_title_combines_page_title_and_site_name(client, home_page):
    ContentPageFactory(parent=home_page, title="Über das Projekt", slug="projekt")

    response = client.get("/projekt/")

    assert parse(response).title.get_text(strip=True) == (
        "Über das Projekt \N{EN DASH} Integration im Querschnitt"
    )


def test_seo_title_and_search_description_are_used_in_the_head(client, home_page):
    ContentPageFactory(
        parent=home_page,
        title="Über das Projekt",
        slug="projekt",
        seo_title="Projekt Integration im Querschnitt",
        search_description="Kommunales Integrationsmanagement in sechs Kommunen.",
    )

    response = client.get("/projekt/")

    soup = parse(response)
    assert soup.title.get_text(strip=True) == (
        "Projekt Integration im Querschnitt \N{EN DASH} Integration im Querschnitt"
    )
    assert soup.select_one("meta[name=description]")["content"] == (
        "Kommunales Integrationsmanagement in sechs Kommunen."
    )


def test_breadcrumbs_lead_from_home_to_the_current_page(client, home_page):
    parent = ContentPageFactory(parent=home_page, title="Projekt", slug="projekt")
    ContentPageFactory(parent=parent, title="Standorte", slug="standorte")

    response = client.get("/projekt/standorte/")

    items = parse(response).select(".breadcrumbs__item")
    assert [item.get_text(strip=True) for item in items] == ["Startseite", "Projekt", "Standorte"]
    assert [link["href"] for link in parse(response).select(".breadcrumbs a")] == [
        "/",
        "/projekt/",
    ]
    assert items[-1].select_one("[aria-current=page]") is not None


def test_menu_and_language_links_leave_out_password_protected_pages(
    client, home_page, en_home_page
):
    about = ContentPageFactory(
        parent=home_page, title="Projekt", slug="projekt", show_in_menus=True
    )
    internal = ContentPageFactory(
        parent=home_page, title="Intern", slug="intern", show_in_menus=True
    )
    english_about = translate_page(about, en_home_page.locale, title="Project")
    for page in (internal, english_about):
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="geheim"
        )

    soup = parse(client.get("/projekt/"))

    assert [link.get_text(strip=True) for link in soup.select(".main-nav__link")] == ["Projekt"]
    assert soup.find_all("link", rel="alternate", hreflang=True) == []
    assert [link["href"] for link in soup.select(".language-switcher__link")] == ["/en/"]


def test_home_page_has_no_breadcrumbs(client, home_page):
    response = client.get("/")

    assert parse(response).select(".breadcrumbs") == []


def test_footer_links_to_legal_pages_chosen_in_site_settings(client, legal_pages):
    response = client.get("/")

    assert legal_links(response) == [
        ("Impressum", "/impressum/"),
        ("Datenschutz", "/datenschutz/"),
        ("Barrierefreiheit", "/barrierefreiheit/"),
    ]


def test_footer_shows_contact_details_from_site_settings(client, legal_pages):
    response = client.get("/")

    address = parse(response).select_one(".site-footer__address").get_text(" ", strip=True)
    assert "Institut für Sozialpädagogische Forschung Mainz gGmbH" in address
    assert "55116 Mainz" in address
    assert parse(response).select_one(".site-footer__address a")["href"] == (
        "mailto:kontakt@example.org"
    )


def test_footer_without_site_settings_has_no_legal_links_and_still_renders(client, home_page):
    SiteSettings.objects.filter(site=home_page.get_site()).delete()

    response = client.get("/")

    assert response.status_code == 200
    assert legal_links(response) == []


def test_footer_lists_extra_links_from_site_settings(client, home_page):
    contact = ContentPageFactory(parent=home_page, title="Kontakt", slug="kontakt")
    # Settings with this one link and no legal pages (instead of the base site's).
    SiteSettings.objects.filter(site=home_page.get_site()).delete()
    SiteSettingsFactory(
        site=home_page.get_site(),
        footer_links=[("link", {"page": contact, "label": ""})],
    )

    response = client.get("/")

    assert legal_links(response) == [("Kontakt", "/kontakt/")]


def test_footer_on_english_page_links_to_translated_legal_pages(
    client, legal_pages, en_home_page, en_locale
):
    translate_page(legal_pages["imprint"], en_locale, title="Legal notice")

    response = client.get("/en/")

    hrefs = [href for _label, href in legal_links(response)]
    assert hrefs == ["/en/impressum/", "/datenschutz/", "/barrierefreiheit/"]


def test_unknown_url_gives_german_404_page(client, home_page):
    response = client.get("/gibt-es-nicht/")

    soup = parse(response)
    assert response.status_code == 404
    assert soup.html["lang"] == "de"
    assert soup.h1.get_text(strip=True) == "Seite nicht gefunden"
    assert (
        soup.title.get_text(strip=True)
        == "Seite nicht gefunden \N{EN DASH} Integration im Querschnitt"
    )
    assert [a["href"] for a in soup.select("main a")] == ["/", "/suche/"]


def test_unknown_english_url_gives_404_page_in_english(client, en_home_page):
    response = client.get("/en/does-not-exist/")

    soup = parse(response)
    assert response.status_code == 404
    assert soup.html["lang"] == "en"
    assert [a["href"] for a in soup.select("main a")] == ["/en/", "/en/suche/"]


def test_500_page_renders_standalone_without_database_or_request():
    html = render_to_string("500.html")

    soup = BeautifulSoup(html, "html.parser")
    assert soup.h1.get_text(strip=True) == "Technischer Fehler"
    assert soup.html["lang"] == "de"
    assert soup.select_one("main#main a")["href"] == "/"


@pytest.mark.parametrize("url", ["/", "/suche/?q=Projekt", "/gibt-es-nicht/"])
def test_public_pages_send_the_content_security_policy(client, home_page, url):
    response = client.get(url)

    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_feeds_send_the_content_security_policy(client, news_index):
    response = client.get("/aktuell/feed/rss/")

    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("url", ["/admin/login/", "/admin/"])
def test_admin_pages_have_no_content_security_policy(client, home_page, url):
    response = client.get(url)

    assert response.status_code in (200, 302)
    assert "Content-Security-Policy" not in response


def test_admin_login_page_works_with_its_inline_scripts(client, home_page):
    response = client.get("/admin/login/")

    assert response.status_code == 200
    assert parse(response).select_one("form input[name=username]") is not None


def test_public_pages_send_the_other_security_headers(client, home_page):
    response = client.get("/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert response["Permissions-Policy"] == (
        "camera=(), microphone=(), geolocation=(), interest-cohort=()"
    )


def test_public_pages_have_no_inline_scripts_or_styles(client, legal_pages, news_index):
    response = client.get("/")

    soup = parse(response)
    assert [script for script in soup.find_all("script") if not script.get("src")] == []
    assert soup.find_all("style") == []
    assert soup.find_all(style=True) == []
