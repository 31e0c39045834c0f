"""The municipality members' portal in a real browser over the demo content: the pages under
the accessibility gate, and a member's path by keyboard only (log in, write a case, save it,
fix an error, look at it)."""

import pytest

from home.demo.content import DEFAULT_DEMO_PASSWORD

from .conftest import WIDTHS, assert_accessible, assert_meaningful_structure, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

MEMBER = "andernach@demo.querschnitt.example"


def log_in_by_keyboard(page, email: str = MEMBER) -> None:
    page.locator("#id_login").focus()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    page.keyboard.type(DEFAULT_DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/portal/")


@pytest.mark.parametrize("width", WIDTHS)
def test_log_in_page_passes_the_gate(open_page, width):
    page = open_page("/portal/konto/login/", viewport=WIDTHS[width])
    save_screenshot(page, f"portal-login-{width}")

    assert_accessible(page, f"portal log-in at {width} width")
    assert_meaningful_structure(page, "portal log-in", lang="de")


def test_a_member_works_on_a_case_by_keyboard_and_every_page_passes_the_gate(open_page):
    page = open_page("/portal/konto/login/")
    log_in_by_keyboard(page)

    assert_accessible(page, "Meine Kommune")
    assert_meaningful_structure(page, "Meine Kommune", lang="de")
    assert "Was auf Sie wartet" in page.locator("main").inner_text()

    page.get_by_role("link", name="Neuen Fall anlegen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/portal/faelle/neu/")
    page.get_by_role("button", name="Entwurf speichern").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#error-summary")

    assert_accessible(page, "case form with errors")
    assert "Titel" in page.locator("#error-summary").inner_text()

    page.locator("#id_title").focus()
    page.keyboard.type("Tastatur-Fall: Vereine und Verwaltung")
    page.get_by_role("button", name="Speichern und weiter").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/bearbeiten/?schritt=2")

    assert "Ihr Entwurf ist gespeichert." in page.locator("[role=status]").inner_text()
    assert_accessible(page, "case form, step 2")
    page.locator("#id_situation").focus()
    page.keyboard.type("Die Absprachen zwischen Vereinen und Verwaltung halten nicht.")
    page.get_by_role("button", name="Speichern und weiter").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/bearbeiten/?schritt=3")
    assert_accessible(page, "case form, step 3 with attachments")

    page.get_by_role("button", name="Speichern und zur Übersicht").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Tastatur-Fall')")

    assert_accessible(page, "a case")
    assert_meaningful_structure(page, "a case", lang="de")
    assert "Vor dem Einreichen fehlt noch" in page.locator("main").inner_text()


def test_an_invitation_page_passes_the_gate(open_page):
    page = open_page("/portal/konto/login/")
    log_in_by_keyboard(page)
    page.get_by_role("link", name="Einladung zur Beratung beantworten", exact=False).first.click()
    page.wait_for_url("**/portal/einladungen/**")

    assert_accessible(page, "an invitation")
    assert_meaningful_structure(page, "an invitation", lang="de")
    assert page.get_by_role("button", name="Ja, ich berate gern mit").is_visible()


def log_in_as(open_page, email: str, path: str):
    page = open_page("/portal/konto/login/")
    log_in_by_keyboard(page, email)
    page.goto(page.url.split("/portal/")[0] + path)
    return page


def test_the_consultation_pages_pass_the_gate(open_page):
    from peer_learning.models import Case

    closed = Case.objects.get(status="closed")
    current = Case.objects.get(status="in_consultation", feedback__status="draft")

    page = log_in_as(
        open_page, "andernach@demo.querschnitt.example", f"/portal/faelle/{current.pk}/beitrag/"
    )
    assert_accessible(page, "feedback form with a draft")
    assert_meaningful_structure(page, "feedback form", lang="de")

    page = log_in_as(open_page, "cuxhaven@demo.querschnitt.example", f"/portal/faelle/{closed.pk}/")
    assert "Synthese der Fachbegleitung" in page.locator("main").inner_text()
    assert_accessible(page, "a closed case with released advice")

    page.goto(page.url.replace(f"/faelle/{closed.pk}/", f"/faelle/{closed.pk}/dossier/"))
    assert_accessible(page, "the dossier")
    page.emulate_media(media="print")
    assert not page.locator(".site-footer").is_visible()
    assert not page.locator(".portal-nav").is_visible()
    assert_accessible(page, "the dossier in print layout")
    page.emulate_media(media="screen")

    page.goto(
        page.url.replace(f"/faelle/{closed.pk}/dossier/", f"/faelle/{closed.pk}/nachverfolgung/")
    )
    page.get_by_role("button", name="Nachverfolgung abschließen").click()
    page.wait_for_selector("#error-summary")
    assert_accessible(page, "the follow-up form with an error")
    assert_meaningful_structure(page, "the follow-up form", lang="de")


def test_the_released_and_the_followed_up_case_pass_the_gate(open_page):
    from peer_learning.models import Case

    released = Case.objects.get(status="feedback_released")
    followed_up = Case.objects.get(status="follow_up")

    page = log_in_as(
        open_page, "andernach@demo.querschnitt.example", f"/portal/faelle/{released.pk}/"
    )
    assert "Ihre Antwort auf diese Idee" in page.locator("main").inner_text()
    assert_accessible(page, "a released case with ideas to answer")
    assert_meaningful_structure(page, "a released case", lang="de")

    page.goto(page.url.replace(f"/faelle/{released.pk}/", f"/faelle/{followed_up.pk}/"))
    assert "Was aus der Beratung geworden ist" in page.locator("main").inner_text()
    assert_accessible(page, "a followed-up case seen by a peer")


@pytest.mark.parametrize("width", WIDTHS)
def test_praxiswissen_pages_pass_the_gate(open_page, width):
    from peer_learning.models import PraxiswissenPage

    for path in ("/praxiswissen/", PraxiswissenPage.objects.get().url):
        page = open_page(path, viewport=WIDTHS[width])
        assert_accessible(page, f"{path} at {width} width")
        assert_meaningful_structure(page, path, lang="de")


def test_notices_and_concepts_pass_the_gate(open_page):
    from peer_learning.models import Concept

    concept = Concept.objects.filter(published_at__isnull=False).first()
    page = log_in_as(open_page, "andernach@demo.querschnitt.example", "/portal/benachrichtigungen/")
    assert_accessible(page, "notice preferences")
    assert_meaningful_structure(page, "notice preferences", lang="de")
    for path in ("/portal/konzepte/", f"/portal/konzepte/{concept.pk}/", "/portal/konzepte/neu/"):
        page.goto(page.url.split("/portal/")[0] + path)
        assert_accessible(page, path)
