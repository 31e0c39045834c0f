"""Praxiswissen: a facilitator turns a closed case (with the municipality's consent) or a
shared concept into a draft public page; an editor reviews and publishes it. No names, no
municipality, nothing before it is published."""

import pytest
from django.contrib.auth.models import Group, Permission

from peer_learning.models import Concept, PraxiswissenIndexPage, PraxiswissenPage
from tests.helpers import parse, text_of

from .test_consultation import ADVICE_A, consultation, give, release  # noqa: F401
from .test_portal import logged_in


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = False


@pytest.fixture
def praxiswissen_index(home_page):
    index = PraxiswissenIndexPage(
        title="Praxiswissen", slug="praxiswissen", intro="Was wir lernen."
    )
    home_page.add_child(instance=index)
    index.save_revision().publish()
    return index


@pytest.fixture
def closed_case(consultation, member, facilitator):  # noqa: F811
    case = consultation["case"]
    give(logged_in(consultation["hanna"]), case, ADVICE_A)
    release(facilitator, case)
    logged_in(member).post(f"/portal/faelle/{case.pk}/abschluss/", {"closing_statement": "Danke."})
    case.refresh_from_db()
    return case


def editor_rights(user):
    group, _ = Group.objects.get_or_create(name="Fachbegleitung Admin")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="facilitate"),
    )
    user.groups.add(group)


def test_without_consent_no_praxiswissen_is_made(closed_case, facilitator, praxiswissen_index):
    closed_case.publication_consent = False
    closed_case.save()

    response = logged_in(facilitator).post(
        f"/portal/faelle/{closed_case.pk}/praxiswissen/", follow=True
    )

    assert "deren Kommune der Veröffentlichung zugestimmt hat" in text_of(parse(response).main)
    assert not PraxiswissenPage.objects.exists()


def test_a_consented_case_becomes_a_draft_that_shows_nothing_until_published(
    closed_case, facilitator, praxiswissen_index, client, member
):
    closed_case.publication_consent = True
    closed_case.save()
    editor_rights(facilitator)

    response = logged_in(facilitator).post(f"/portal/faelle/{closed_case.pk}/praxiswissen/")

    page = PraxiswissenPage.objects.get()
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live
    assert client.get(praxiswissen_index.url).status_code == 200
    assert closed_case.title not in client.get(praxiswissen_index.url).content.decode()

    page.save_revision().publish()
    public = client.get(page.url)

    text = text_of(parse(public).main)
    assert "Steuerungsgruppe einrichten" in text
    for hidden in ("Stadt Andernach", "Ayla", "Hanna", "Hildesheim", member.email):
        assert hidden not in public.content.decode(), hidden
    listing = text_of(parse(client.get(praxiswissen_index.url)).main)
    assert page.title in listing


def test_a_shared_concept_becomes_a_draft_too(facilitator, praxiswissen_index, member):
    logged_in(member).post(
        "/portal/konzepte/neu/",
        {
            "title": "Lotsen im Bürgerbüro",
            "what_and_why": "Lots*innen begleiten.",
            "publication_consent": "on",
        },
    )
    editor_rights(facilitator)
    concept = Concept.objects.get()
    logged_in(facilitator).post(f"/portal/konzepte/{concept.pk}/praxiswissen/")

    page = PraxiswissenPage.objects.get()
    assert (page.title, page.live, page.source_concept) == ("Lotsen im Bürgerbüro", False, concept)
