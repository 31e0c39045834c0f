"""Implemented concepts: a municipality shows the network what it put in place; others ask
questions and mark it as relevant. Without the owner's consent nobody else sees it."""

from django.core import mail

from peer_learning.models import Concept
from tests.helpers import after_commit, parse, text_of

from .test_portal import logged_in, main_text

FORM = {
    "title": "Lotsenprojekt im Bürgerbüro",
    "what_and_why": "Lots*innen begleiten Neuzugewanderte durch die Ämter.",
    "how": "Mit dem Ehrenamtsbüro, in drei Sprachen.",
    "contact": "Integrationsbüro Andernach",
}


def test_a_concept_without_consent_stays_with_its_municipality(member, colleague, peer):
    response = logged_in(member).post("/portal/konzepte/neu/", FORM, follow=True)

    concept = Concept.objects.get()
    assert "Nur für Ihre Kommune sichtbar" in main_text(response)
    assert logged_in(colleague).get(f"/portal/konzepte/{concept.pk}/").status_code == 200
    assert logged_in(peer).get(f"/portal/konzepte/{concept.pk}/").status_code == 404
    assert "Lotsenprojekt" not in main_text(logged_in(peer).get("/portal/konzepte/"))


def test_with_consent_other_municipalities_read_ask_and_mark_it_relevant(
    member, colleague, peer, outsider
):
    logged_in(member).post("/portal/konzepte/neu/", {**FORM, "publication_consent": "on"})
    concept = Concept.objects.get()
    client = logged_in(peer)

    assert "Lotsenprojekt im Bürgerbüro" in main_text(client.get("/portal/konzepte/"))
    with after_commit():
        asked = client.post(
            f"/portal/konzepte/{concept.pk}/",
            {"action": "ask", "text": "Wie gewinnen Sie die Lots*innen?"},
            follow=True,
        )
    client.post(f"/portal/konzepte/{concept.pk}/", {"action": "relevant"})

    assert "Ihre Frage ist an die Kommune weitergegeben." in main_text(asked)
    assert "Wie gewinnen Sie die Lots*innen?" in main_text(asked)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, colleague.email])
    assert "Wie gewinnen Sie die Lots*innen?" in mail.outbox[0].body
    assert list(concept.relevant_for.values_list("slug", flat=True)) == ["hildesheim"]
    assert logged_in(outsider).get(f"/portal/konzepte/{concept.pk}/").status_code == 404


def test_an_empty_question_is_refused_in_german_and_nothing_is_sent(member, peer):
    logged_in(member).post("/portal/konzepte/neu/", {**FORM, "publication_consent": "on"})
    concept = Concept.objects.get()

    response = logged_in(peer).post(
        f"/portal/konzepte/{concept.pk}/", {"action": "ask", "text": " "}
    )

    errors = [text_of(e) for e in parse(response).select(".form-field__error")]
    assert errors == ["Dieses Feld muss ausgefüllt werden."]
    assert concept.questions.count() == 0
    assert mail.outbox == []


def test_only_the_own_municipality_edits_a_concept(member, peer):
    logged_in(member).post("/portal/konzepte/neu/", {**FORM, "publication_consent": "on"})
    concept = Concept.objects.get()

    response = logged_in(peer).post(
        f"/portal/konzepte/{concept.pk}/bearbeiten/", {**FORM, "title": "Gekapert"}
    )

    assert response.status_code == 404
    concept.refresh_from_db()
    assert concept.title == "Lotsenprojekt im Bürgerbüro"
