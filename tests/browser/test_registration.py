"""Registration in a real browser: the signed personal pages under the accessibility gate, the
form's error state, and registering and cancelling with the keyboard.

The signed links are made here from the demo registrations (`load_demo_content` registers
them), the same way the confirmation mail makes them.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from events.choices import RegistrationStatus
from events.demo import content as demo_content
from events.emails import registration_token
from events.models import Registration

from .conftest import (
    WIDTHS,
    assert_accessible,
    assert_meaningful_structure,
    horizontal_overflow,
    save_screenshot,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

FORM_PATH = "/aktuell/veranstaltungen/fachforum-vielfaltsmanagement/anmelden/"
SMALL_EVENT = demo_content.REGISTRATIONS[demo_content.SMALL_EVENT_KEY]

# (name, e-mail of a demo registration): confirmed in German, waiting in English, cancelled.
SIGNED_PAGES = [
    ("registration-confirmed-de", SMALL_EVENT[0].email),
    ("registration-waitlisted-en", SMALL_EVENT[7].email),
    ("registration-cancelled-de", "friederike.janssen@example.org"),
]


def signed_path(email: str) -> str:
    registration = Registration.objects.get(email=email)
    with translation.override(registration.language):
        return reverse("events:registration", kwargs={"token": registration_token(registration)})


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize(("name", "email"), SIGNED_PAGES, ids=[n for n, _ in SIGNED_PAGES])
def test_signed_registration_page_passes_the_gate(open_page, name, email, width):
    path = signed_path(email)
    page = open_page(path, viewport=WIDTHS[width])
    save_screenshot(page, f"{name}-{width}")

    assert_accessible(page, f"{name} at {width} width")
    assert_meaningful_structure(page, name, lang="en" if path.startswith("/en/") else "de")


@pytest.mark.parametrize(("name", "email"), SIGNED_PAGES, ids=[n for n, _ in SIGNED_PAGES])
def test_signed_registration_page_reflows_at_320_css_pixels(open_page, name, email):
    page = open_page(signed_path(email), viewport={"width": 320, "height": 800})

    assert horizontal_overflow(page) <= 0


def test_signed_pages_show_the_status_in_the_persons_language(open_page):
    waiting = open_page(signed_path(SMALL_EVENT[7].email))
    confirmed = open_page(signed_path(SMALL_EVENT[0].email))

    assert "Status: Waiting list" in waiting.locator("h2").all_inner_texts()
    assert "position 3" in waiting.locator(".registration-status").inner_text()
    assert "Status: Bestätigt" in confirmed.locator("h2").all_inner_texts()


@pytest.mark.parametrize("width", WIDTHS)
def test_invalid_link_page_passes_the_gate(open_page, width):
    page = open_page("/anmeldung/kein-gueltiger-link/", viewport=WIDTHS[width], status=404)
    save_screenshot(page, f"registration-invalid-de-{width}")

    assert_accessible(page, f"invalid link at {width} width")
    assert_meaningful_structure(page, "invalid link", lang="de")


@pytest.mark.parametrize("width", WIDTHS)
def test_form_with_errors_passes_the_gate_and_keeps_the_input(open_page, width):
    page = open_page(FORM_PATH, viewport=WIDTHS[width])
    page.locator("#id_name").fill("Kim Beispiel")
    page.locator("#id_email").fill("kein-at-zeichen")
    page.get_by_role("button", name="Verbindlich anmelden").click()
    page.wait_for_selector("#error-summary")
    save_screenshot(page, f"registration-errors-de-{width}")

    assert_accessible(page, f"form with errors at {width} width")
    assert page.title().startswith("Fehler:")
    assert page.evaluate("document.activeElement.id") == "error-summary"
    assert page.locator("#id_name").input_value() == "Kim Beispiel"
    assert page.locator("#id_email").input_value() == "kein-at-zeichen"
    summary = page.locator("#error-summary").inner_text()
    assert "Bitte geben Sie Ihre Organisation an." in summary
    # Each error in the summary leads to its field, and the field names its error.
    page.locator("#error-summary a", has_text="Organisation").click()
    assert page.evaluate("document.activeElement.name") == "organisation"
    described_by = page.locator("#id_organisation").get_attribute("aria-describedby")
    assert "id_organisation_error" in described_by.split()
    assert page.locator("#id_organisation").get_attribute("aria-invalid") == "true"


def test_register_and_cancel_with_the_keyboard_only(open_page):
    page = open_page(FORM_PATH)
    page.locator("#id_name").focus()
    page.keyboard.type("Robin Tastatur")
    page.keyboard.press("Tab")
    page.keyboard.type("robin.tastatur@example.org")
    page.keyboard.press("Tab")
    page.keyboard.type("Stadtverwaltung Andernach")
    page.keyboard.press("Tab")
    page.keyboard.type("Stadt Andernach")
    consent = page.get_by_role("checkbox", name="Datenschutz", exact=False)
    consent.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Verbindlich anmelden").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/anmelden/danke/")

    assert_accessible(page, "page after registering")
    assert (
        "Wir schicken eine E-Mail an robin.tastatur@example.org."
        in page.locator("main").inner_text()
    )
    # The personal link only comes by e-mail (the live server shares this process's mail outbox).
    [message] = [m for m in mail.outbox if m.to == ["robin.tastatur@example.org"]]
    link = re.search(r"http://[^/\s]+(/anmeldung/[^/\s]+/)", message.body)
    page = open_page(link[1])

    assert "Status: Bestätigt" in page.locator("h2").all_inner_texts()
    # Checked on the page, not in the database: on SQLite a read here would hold a table lock
    # that the live server's next write (the cancellation) runs into.
    facts = page.locator(".event-facts").inner_text()
    assert "robin.tastatur@example.org" in facts
    assert "Stadt Andernach" in facts

    page.get_by_role("link", name="Anmeldung stornieren …").focus()
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Ja, meine Anmeldung verbindlich stornieren").focus()
    assert_accessible(page, "signed page asking before it cancels")
    page.keyboard.press("Enter")
    page.wait_for_selector(".registration-status--cancelled")

    assert_accessible(page, "signed page after cancelling")
    assert "Ihre Anmeldung ist storniert." in page.locator("[role=status]").inner_text()
    registration = Registration.objects.get(email="robin.tastatur@example.org")
    assert (registration.status, registration.municipality) == (
        RegistrationStatus.CANCELLED,
        "Stadt Andernach",
    )


def test_english_form_with_errors_passes_the_gate_in_english(open_page):
    page = open_page("/en/current/events/expert-forum-cooperation-agreements/anmelden/")
    page.get_by_role("button", name="Submit registration").click()
    page.wait_for_selector("#error-summary")

    assert_accessible(page, "English form with errors")
    summary = page.locator("#error-summary").inner_text()
    assert "Your registration could not be saved" in summary
    assert "Please enter your name." in summary
    assert "Bitte" not in summary
    # Hybrid event: the participation mode is a group of radio buttons with a legend.
    assert page.get_by_role("group", name="How will you take part?").is_visible()
