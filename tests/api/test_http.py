"""The API as HTTP: validators and 304s on public reads, CORS for configured origins only,
a limit on anonymous requests, writes only with a token (acting with its holder's
permissions), and no personal data in any public response."""

import json

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import APIToken

from events.models import EventPage
from peer_learning.models import Case, Membership
from tests.factories import EventPageFactory, MunicipalityFactory, NewsPageFactory

pytestmark = pytest.mark.django_db

EVENTS = "/api/v3/events/"
ORIGIN = "https://www.andernach.example"


@pytest.fixture
def event(event_index):
    return EventPageFactory(
        parent=event_index,
        title="Fachforum mit Plätzen",
        registration_enabled=True,
        capacity=10,
        mode="hybrid",
        online_access="Zugang: https://konferenz.example.org/raum-4711",
    )


# --- caching ------------------------------------------------------------------------------


def test_public_reads_carry_validators_and_answer_304(client, event):
    first = client.get(EVENTS)
    again = client.get(EVENTS, headers={"If-None-Match": first["ETag"]})

    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert first["Cache-Control"] == "public, max-age=60"
    assert "Accept-Language" in first["Vary"]
    assert (again.status_code, again.content) == (304, b"")


def test_a_new_registration_changes_the_validator(client, event):
    before = client.get(EVENTS)
    client.post(
        f"{EVENTS}{event.pk}/registrations/",
        json.dumps(
            {
                "name": "Alex Beispiel",
                "email": "alex@example.org",
                "organisation": "Stadt Mainz",
                "municipality": "Mainz",
                "participation_mode": "online",
                "privacy_consent": True,
            }
        ),
        content_type="application/json",
    )

    after = client.get(EVENTS, headers={"If-None-Match": before["ETag"]})

    assert after.status_code == 200
    assert after.json()["items"][0]["registration"]["seats_left"] == 9
    assert after["ETag"] != before["ETag"]


def test_the_language_changes_the_validator(client, event):
    german = client.get(EVENTS)
    english = client.get(EVENTS, headers={"Accept-Language": "en"})

    assert german["Content-Language"] == "de" and english["Content-Language"] == "en"
    assert german["ETag"] != english["ETag"]  # "Fachforum" is "Expert forum" in English


def test_writes_and_errors_are_not_cached(client, event):
    refused = client.post(f"{EVENTS}{event.pk}/registrations/", "{}", "application/json")

    assert "public" not in refused.get("Cache-Control", "")


# --- CORS ---------------------------------------------------------------------------------


def test_cors_only_for_configured_origins_and_only_for_the_api(client, event, settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]

    allowed = client.options(
        EVENTS,
        headers={"Origin": ORIGIN, "Access-Control-Request-Method": "GET"},
    )
    other = client.get(EVENTS, headers={"Origin": "https://evil.example"})
    page = client.get(event.url, headers={"Origin": ORIGIN})

    assert allowed["Access-Control-Allow-Origin"] == ORIGIN
    assert "Access-Control-Allow-Credentials" not in allowed
    assert "Access-Control-Allow-Origin" not in other
    assert "Access-Control-Allow-Origin" not in page


def test_no_cors_without_configured_origins(client, event):
    response = client.get(EVENTS, headers={"Origin": ORIGIN})

    assert "Access-Control-Allow-Origin" not in response


# --- limits and tokens --------------------------------------------------------------------


def make_token(user) -> str:
    _instance, plaintext = APIToken.create_token(user=user, name="Test")
    return plaintext


def test_anonymous_requests_are_limited_per_address(client, event, settings):
    settings.API_ANONYMOUS_RATE_LIMIT = 3
    admin = get_user_model().objects.create_superuser("api-admin", "api@example.org", "x")
    token = make_token(admin)

    answers = [client.get(EVENTS).status_code for _ in range(4)]
    other_address = client.get(EVENTS, REMOTE_ADDR="10.0.0.2")
    with_token = client.get(EVENTS, headers={"Authorization": f"Bearer {token}"})
    refused = client.get(EVENTS)

    assert answers == [200, 200, 200, 429]
    assert refused["Retry-After"] == "60"
    assert refused.json()["detail"].startswith("Zu viele Anfragen")
    assert refused["Content-Type"] == "application/problem+json"
    assert other_address.status_code == 200
    assert with_token.status_code == 200
    assert with_token["Cache-Control"] == "private, no-store"


def test_writes_need_a_token_and_act_with_its_holders_permissions(client, news_index):
    user_model = get_user_model()
    nobody = user_model.objects.create_user("ohne-rechte", "ohne@example.org", "x")
    admin = user_model.objects.create_superuser("api-admin", "api@example.org", "x")
    page = {"meta": {"type": "home.NewsPage", "parent_id": news_index.pk}, "title": "Per API"}

    def create(token=None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return client.post(
            "/api/v3/pages/", json.dumps(page), content_type="application/json", headers=headers
        )

    anonymous = create()
    without_rights = create(make_token(nobody))
    invalid = create("wagtail_" + "x" * 40)
    refused = news_index.get_children().filter(title="Per API").exists()
    with_rights = create(make_token(admin))

    assert anonymous.status_code == 401
    assert invalid.status_code == 401
    assert without_rights.status_code == 403
    assert not refused
    assert with_rights.status_code == 201
    created = news_index.get_children().get(title="Per API")
    assert not created.live  # a draft until someone publishes it
    assert client.get(f"/api/v3/pages/{created.pk}/").status_code == 404


def test_drafts_are_only_for_token_holders_who_may_edit(client, news_index):
    news = NewsPageFactory(parent=news_index, title="Veröffentlicht")
    news.title = "Entwurf einer Änderung"
    news.save_revision()
    admin = get_user_model().objects.create_superuser("api-admin", "api@example.org", "x")

    public = client.get(f"/api/v3/pages/{news.pk}/", {"version": "draft"})
    editor = client.get(
        f"/api/v3/pages/{news.pk}/",
        {"version": "draft"},
        headers={"Authorization": f"Bearer {make_token(admin)}"},
    )

    assert public.json()["title"] == "Veröffentlicht"
    assert editor.json()["title"] == "Entwurf einer Änderung"


# --- no personal data -----------------------------------------------------------------------


def test_no_personal_or_portal_data_in_any_public_response(client, event, news_index):
    NewsPageFactory(parent=news_index, title="Eine Nachricht")
    person = get_user_model().objects.create_user(
        "kollegin@kommune.example", "kollegin@kommune.example", "x"
    )
    municipality = MunicipalityFactory(name="Stadt Geheimstadt", slug="geheimstadt")
    Membership.objects.create(user=person, municipality=municipality)
    Case.objects.create(
        municipality=municipality, title="Vertraulicher Fall über Personalnot", created_by=person
    )
    client.post(
        f"{EVENTS}{event.pk}/registrations/",
        json.dumps(
            {
                "name": "Renate Registriert",
                "email": "renate@example.org",
                "organisation": "Landkreis",
                "municipality": "Landkreis",
                "participation_mode": "online",
                "privacy_consent": True,
            }
        ),
        content_type="application/json",
    )
    event_page = EventPage.objects.get(pk=event.pk)
    schema = client.get("/api/v3/openapi.json").json()
    paths = [
        path.replace("{event_id}", str(event_page.pk))
        .replace("{news_id}", str(news_index.get_children().first().pk))
        .replace("{page_id}", str(event_page.pk))
        for path, operations in schema["paths"].items()
        if "get" in operations
        and "{"
        not in path.replace("{event_id}", "").replace("{news_id}", "").replace("{page_id}", "")
    ]

    seen = []
    for path in paths:
        response = client.get(path)
        assert response.status_code < 500, path
        seen.append(response.content.decode())
    everything = "\n".join(seen)

    assert f"/api/v3/events/{event_page.pk}/" in paths
    for secret in (
        "renate@example.org",
        "Renate Registriert",
        "kollegin@kommune.example",
        "Vertraulicher Fall",
        "Geheimstadt",
        "konferenz.example.org",
        "online_access",
    ):
        assert secret not in everything, secret
    assert not [path for path in schema["paths"] if "portal" in path or "case" in path]


def test_wagtails_pages_endpoint_shows_our_fields_with_typed_blocks(client, event):
    detail = client.get(f"/api/v3/pages/{event.pk}/").json()
    schema = client.get("/api/v3/openapi.json").json()["components"]["schemas"]
    body = json.dumps(schema["EventPageSchema"]["properties"]["body"])

    assert detail["meta"]["type"] == "events.EventPage"
    assert detail["teaser"] == event.teaser and detail["city"] == "Mainz"
    assert detail["body"] == [] or detail["body"][0]["type"]
    assert "online_access" not in detail and "konferenz.example.org" not in json.dumps(detail)
    assert "HeadingBlockSchema" in body and "ParagraphBlockSchema" in body
    assert "online_access" not in schema["EventPageSchema"]["properties"]


def test_the_docs_come_from_our_own_static_files(client):
    from tests.helpers import parse

    response = client.get("/api/v3/docs/")
    page = parse(response)
    sources = [tag.get("src") or tag.get("href") for tag in page.select("script[src], link[href]")]

    assert response.status_code == 200
    assert sources and all(source.startswith("/static/") for source in sources), sources
    assert client.get("/api/v3/openapi.json").json()["info"]["version"]
