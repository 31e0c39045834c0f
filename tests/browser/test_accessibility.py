"""Accessibility gate (WCAG 2.1 AA / BITV 2.0) for every page type, both languages, two widths.

To put a new page under the gate, add one line to PAGES.
"""

import pytest

from .conftest import (
    WIDTHS,
    assert_accessible,
    assert_meaningful_structure,
    horizontal_overflow,
    save_screenshot,
)

# django_db makes pytest-django create the test database; the demo data itself is committed
# once per session by the demo_server fixture.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

# (name, path): one entry per page type and language of the demo site.
PAGES = [
    ("home-de", "/"),
    ("content-de", "/ueber-das-projekt/"),
    ("focus-areas-de", "/gestaltungsbereiche/"),
    ("focus-area-de", "/gestaltungsbereiche/organisation/"),
    ("sites-de", "/projektstandorte/"),
    ("news-index-de", "/aktuell/"),
    ("news-index-filtered-de", "/aktuell/?bereich=beteiligung"),
    ("news-page-de", "/aktuell/rueckblick-fachforum-koordination/"),
    ("search-de", "/suche/?q=Integration"),
    ("imprint-de", "/impressum/"),
    ("privacy-de", "/datenschutz/"),
    ("accessibility-de", "/barrierefreiheit/"),
    ("events-de", "/aktuell/veranstaltungen/"),
    ("events-filtered-de", "/aktuell/veranstaltungen/?format=fachforum&modus=hybrid"),
    ("events-archive-de", "/aktuell/veranstaltungen/?zeitraum=archiv"),
    ("event-de", "/aktuell/veranstaltungen/fachforum-vielfaltsmanagement/"),
    ("event-cancelled-de", "/aktuell/veranstaltungen/workshop-ehrenamt-cuxhaven/"),
    ("event-all-day-de", "/aktuell/veranstaltungen/hospitationstag-salzgitter/"),
    ("event-full-de", "/aktuell/veranstaltungen/fachforum-kleine-runde/"),
    ("registration-form-de", "/aktuell/veranstaltungen/fachforum-vielfaltsmanagement/anmelden/"),
    ("registration-waitlist-de", "/aktuell/veranstaltungen/fachforum-kleine-runde/anmelden/"),
    (
        "registration-closed-de",
        "/aktuell/veranstaltungen/fachforum-koordination-hannover/anmelden/",
    ),
    (
        "registration-not-yet-open-de",
        "/aktuell/veranstaltungen/workshop-interkulturelle-oeffnung/anmelden/",
    ),
    (
        "registration-thanks-de",
        "/aktuell/veranstaltungen/fachforum-vielfaltsmanagement/anmelden/danke/",
    ),
    ("send-link-de", "/aktuell/veranstaltungen/fachforum-vielfaltsmanagement/anmelden/link/"),
    ("home-en", "/en/"),
    ("news-index-en", "/en/current/"),
    ("events-en", "/en/current/events/"),
    ("event-en", "/en/current/events/expert-forum-cooperation-agreements/"),
    ("registration-form-en", "/en/current/events/expert-forum-cooperation-agreements/anmelden/"),
    ("content-en", "/en/about-the-project/"),
    ("search-en", "/en/suche/?q=integration"),
]

# The signed registration pages need a token made at run time: see test_registration.py.


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_page_has_no_wcag_violations(open_page, name, path, width):
    # The desktop page stays loaded for test_page_structure_is_meaningful, which only reads it.
    page = open_page(path, viewport=WIDTHS[width], share=width == "desktop")
    save_screenshot(page, f"{name}-{width}")

    assert_accessible(page, f"{path} at {width} width")


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_page_structure_is_meaningful(open_page, name, path):
    page = open_page(path, share=True)

    assert_meaningful_structure(page, path, lang="en" if path.startswith("/en/") else "de")


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_page_reflows_at_320_css_pixels(open_page, name, path):
    """WCAG 1.4.10 / 200 % and 400 % zoom: no horizontal scrolling, nothing cut off."""
    page = open_page(path, viewport={"width": 320, "height": 800})

    overflow = horizontal_overflow(page)

    assert overflow <= 0, f"{path} scrolls horizontally by {overflow}px at 320px"


def test_desktop_at_200_percent_zoom_keeps_navigation_and_content(open_page):
    # 1280 px at 200 % zoom lays out like a 640 px wide window.
    page = open_page("/", viewport={"width": 640, "height": 900})

    assert horizontal_overflow(page) <= 0
    assert page.get_by_role("button", name="Menü").is_visible()
    assert page.locator("h1").is_visible()
