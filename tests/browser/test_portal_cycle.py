"""The consultation's whole cycle in a real browser, by the three roles, over the demo's
current case (it runs after tests/browser/test_portal.py, which looks at that case halfway):
a peer hands in, the facilitator writes the synthesis and releases it, the municipality
answers an idea, plans an action and closes the case."""

import pytest

from .conftest import assert_accessible
from .test_portal import log_in_as

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_peer_facilitator_and_municipality_take_a_case_through_the_consultation(
    open_page, settings
):
    # The demo's facilitator has no authenticator app; the MFA rule has its own tests.
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = False
    # The way a peer goes, and no database read here: on SQLite a read in this test's
    # transaction would lock the tables the live server writes to.
    peer = log_in_as(open_page, "andernach@demo.querschnitt.example", "/portal/")
    # The assignment (not „Beratungsbeitrag schreiben: …“ under „Was auf Sie wartet“).
    peer.get_by_role(
        "link", name="Fachbereiche für ein gemeinsames Vielfaltsmanagement gewinnen", exact=True
    ).click()
    peer.get_by_role("link", name="Den Fall lesen").click()
    peer.wait_for_load_state()
    case_path = "/portal/" + peer.url.split("/portal/", 1)[1]
    peer.get_by_role("link", name="Ihren Beitrag weiterschreiben").click()
    peer.wait_for_load_state()
    method = peer.locator("#id_method_section")
    method.focus()
    peer.keyboard.type("Kopfstand: Wir laden niemanden ein. Umgekehrt: alle früh einbinden.")
    peer.get_by_role("button", name="Beitrag abgeben").click()
    peer.wait_for_load_state()
    assert peer.url.endswith(case_path), peer.locator("main").inner_text()[:600]
    assert "Ihr Beitrag ist abgegeben" in peer.locator("main").inner_text()
    assert_accessible(peer, "a peer's case page after handing in")

    facilitator = log_in_as(
        open_page, "moderation@demo.querschnitt.example", f"{case_path}synthese/"
    )
    facilitator.locator("#id_insights").fill("Die Fachbereiche brauchen einen gemeinsamen Auftrag.")
    facilitator.locator("#id_recommendations").fill(
        "Auftrag der Verwaltungsspitze einholen\nFeste Ansprechpersonen benennen\nQuartalsrunde"
    )
    assert_accessible(facilitator, "the synthesis form")
    facilitator.get_by_role("button", name="Synthese speichern").click()
    facilitator.wait_for_url(f"**{case_path}")
    facilitator.get_by_role("button", name="Beratung freigeben").click()
    facilitator.wait_for_load_state()
    assert "ist freigegeben" in facilitator.locator("main").inner_text()

    municipality = log_in_as(open_page, "cuxhaven@demo.querschnitt.example", case_path)
    text = municipality.locator("main").inner_text()
    assert "Synthese der Fachbegleitung" in text
    assert "Feste Ansprechpersonen benennen" in text
    assert_accessible(municipality, "released advice for the municipality")
    first_idea = municipality.locator("form.idea-response").first
    first_idea.get_by_label("greifen wir auf").check()
    first_idea.get_by_role("button", name="Antwort speichern").click()
    municipality.wait_for_load_state()
    municipality.locator("#id_what").fill("Auftrag einholen")
    municipality.locator("#id_responsible_role").fill("Integrationsbeauftragte")
    municipality.get_by_role("button", name="Maßnahme speichern").click()
    municipality.wait_for_load_state()
    municipality.get_by_role("link", name="Fall mit Stellungnahme abschließen").click()
    municipality.locator("#id_closing_statement").fill("Wir gehen es mit der Spitze an.")
    assert_accessible(municipality, "closing the case")
    municipality.get_by_role("button", name="Fall abschließen").click()
    municipality.wait_for_load_state()

    text = municipality.locator("main").inner_text()
    assert "abgeschlossen" in text
    assert "Auftrag einholen" in text and "Wir gehen es mit der Spitze an." in text
