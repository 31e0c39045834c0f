"""Events over the headless API (/api/v3/events/): what a consuming site lists, filters and
shows, and registration by POST with the rules of the form. Only live, public events; no
registrations, no online access details."""

import datetime
import json

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from events.choices import EventFormat, EventMode, RegistrationStatus
from events.models import Registration
from tests.concurrency import needs_postgresql, run_in_parallel
from tests.factories import EventPageFactory, berlin_time, translate_page
from tests.helpers import after_commit

from .test_listing import create_hidden_events

pytestmark = pytest.mark.django_db

API = "/api/v3/events/"
ONLINE_ACCESS = "Zugang: https://konferenz.example.org/raum-4711 Kennwort Geheim-99"


def get(client, path=API, **params):
    headers = params.pop("headers", {})
    response = client.get(path, params, headers=headers)
    return response, (
        response.json() if response["Content-Type"].startswith("application/json") else None
    )


def errors(response) -> dict[str, list[str]]:
    """The messages of a problem-detail answer, by field."""
    assert response["Content-Type"] == "application/problem+json"
    found: dict[str, list[str]] = {}
    for error in response.json().get("errors", []):
        found.setdefault(error["loc"][-1], []).append(error["msg"])
    return found


def titles(body) -> list[str]:
    return [item["title"] for item in body["items"]]


def register(client, event, language="de", **fields):
    payload = {
        "name": "Alex Beispiel",
        "email": "alex@example.org",
        "organisation": "Stadt Mainz",
        "municipality": "Mainz",
        "privacy_consent": True,
        **fields,
    }
    with after_commit():  # the mails go out after the commit
        return client.post(
            f"{API}{event.pk}/registrations/",
            json.dumps(payload),
            content_type="application/json",
            headers={"Accept-Language": language},
        )


# --- listing and filters -------------------------------------------------------------------


def test_upcoming_events_soonest_first_in_a_stable_order(client, event_index):
    same_time = berlin_time(9)
    later = EventPageFactory(parent=event_index, days=20, title="Später")
    first = EventPageFactory(
        parent=event_index,
        title="Gleichzeitig A",
        start=same_time,
        end=same_time + datetime.timedelta(hours=2),
    )
    second = EventPageFactory(
        parent=event_index,
        title="Gleichzeitig B",
        start=same_time,
        end=same_time + datetime.timedelta(hours=2),
    )
    EventPageFactory(parent=event_index, days=-3, title="Vorbei")

    response, body = get(client)

    assert response.status_code == 200
    assert body["count"] == 3
    assert titles(body) == ["Gleichzeitig A", "Gleichzeitig B", "Später"]
    assert [item["id"] for item in body["items"]] == [first.pk, second.pk, later.pk]
    _, past = get(client, upcoming="false")
    assert titles(past) == ["Vorbei"]


def test_an_event_item_says_when_where_and_how_to_register(client, event_index, focus_area):
    event = EventPageFactory(
        parent=event_index,
        title="Fachforum Steuerung",
        start=datetime.datetime(2027, 1, 20, 10, 0, tzinfo=datetime.UTC),
        end=datetime.datetime(2027, 1, 20, 15, 0, tzinfo=datetime.UTC),
        focus_areas=[focus_area],
        registration_enabled=True,
        capacity=20,
        mode=EventMode.HYBRID,
        online_access=ONLINE_ACCESS,
    )

    response, body = get(client)
    [item] = body["items"]

    assert item["start"] == "2027-01-20T11:00:00+01:00"  # Berlin, winter time
    assert item["end"] == "2027-01-20T16:00:00+01:00"
    assert item["time_zone"] == "Europe/Berlin"
    assert item["format"] == {"value": "fachforum", "label": "Fachforum"}
    assert item["mode"] == {"value": "hybrid", "label": "Hybrid"}
    assert item["status"]["value"] == "scheduled"
    assert item["venue"] == {
        "name": "Rathaus, Ratssaal",
        "street": "Jockel-Fuchs-Platz 1",
        "postal_code": "55116",
        "city": "Mainz",
    }
    assert [area["slug"] for area in item["focus_areas"]] == ["steuerung"]
    assert item["registration"]["state"] == "open"
    assert (item["registration"]["capacity"], item["registration"]["seats_left"]) == (20, 20)
    assert item["registration"]["api_url"].endswith(f"/api/v3/events/{event.pk}/registrations/")
    assert item["registration"]["form_url"].endswith(event.url + "anmelden/")
    assert item["url"].startswith("http") and item["url"].endswith(event.url)
    assert item["ics_url"].endswith(f"/kalender/veranstaltung/{event.pk}.ics")
    assert item["webcal_url"].startswith("webcal://")
    assert item["webcal_url"].split("://")[1] == item["ics_url"].split("://")[1]
    assert [(t["id"], t["locale"]) for t in item["translations"]] == [(event.pk, "de")]
    assert "konferenz.example.org" not in response.content.decode()


@pytest.mark.parametrize(
    ("seats", "waiting_list", "taken", "state", "left"),
    [
        (2, True, 1, "open", 1),
        (1, True, 1, "waiting_list", 0),
        (1, False, 1, "full", 0),
    ],
)
def test_the_registration_state_follows_the_seats(
    client, event_index, seats, waiting_list, taken, state, left
):
    event = EventPageFactory(
        parent=event_index,
        registration_enabled=True,
        capacity=seats,
        waiting_list_enabled=waiting_list,
    )
    for number in range(taken):
        register(Client(), event, email=f"p{number}@example.org")

    _, body = get(client)
    [item] = body["items"]

    assert (item["registration"]["state"], item["registration"]["seats_left"]) == (state, left)
    assert "p0@example.org" not in json.dumps(body)


def test_closed_registration_and_events_without_registration(client, event_index):
    EventPageFactory(
        parent=event_index,
        days=5,
        title="Geschlossen",
        registration_enabled=True,
        registration_closes_at=berlin_time(-1),
    )
    EventPageFactory(parent=event_index, days=6, title="Ohne Anmeldung")

    _, body = get(client)

    assert [item["registration"] and item["registration"]["state"] for item in body["items"]] == [
        "closed",
        None,
    ]


@pytest.fixture
def varied(event_index, focus_area, other_focus_area):
    EventPageFactory(
        parent=event_index, days=10, title="Fachforum vor Ort", focus_areas=[focus_area]
    )
    EventPageFactory(
        parent=event_index,
        days=11,
        title="Workshop online",
        event_format=EventFormat.WORKSHOP,
        mode=EventMode.ONLINE,
        city="",
        focus_areas=[other_focus_area],
    )
    EventPageFactory(
        parent=event_index,
        days=40,
        title="Peer-Learning hybrid",
        event_format=EventFormat.PEER_LEARNING,
        mode=EventMode.HYBRID,
        focus_areas=[focus_area, other_focus_area],
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"format": "workshop"}, ["Workshop online"]),
        ({"mode": "hybrid"}, ["Peer-Learning hybrid"]),
        ({"focus_area": "steuerung"}, ["Fachforum vor Ort", "Peer-Learning hybrid"]),
        ({"focus_area": "kooperation", "mode": "online"}, ["Workshop online"]),
        ({"start_to": "DAY20"}, ["Fachforum vor Ort", "Workshop online"]),
        ({"start_from": "DAY20"}, ["Peer-Learning hybrid"]),
        ({"focus_area": "gibt-es-nicht"}, []),
    ],
)
def test_filters(client, varied, params, expected):
    day = (berlin_time(20)).date().isoformat()
    params = {key: value.replace("DAY20", day) for key, value in params.items()}

    response, body = get(client, **params)

    assert response.status_code == 200
    assert titles(body) == expected
    assert body["count"] == len(expected)


@pytest.mark.parametrize(
    "params",
    [
        {"format": "party"},
        {"limit": "51"},
        {"limit": "0"},
        {"offset": "-1"},
        {"start_from": "morgen"},
    ],
)
def test_invalid_filters_are_refused_with_a_client_error(client, varied, params):
    response = client.get(API, params)

    assert response.status_code in (400, 422)
    assert response.json()


def test_pagination_with_limit_and_offset(client, event_index, add_live_events):
    add_live_events(event_index, 7, days=3, spread=7, title="Reihe {number}")

    _, first = get(client, limit="3")
    _, second = get(client, limit="3", offset="3")
    _, last = get(client, limit="3", offset="6")

    assert first["count"] == second["count"] == last["count"] == 7
    assert titles(first) + titles(second) + titles(last) == [f"Reihe {n}" for n in range(7)]


def test_drafts_unpublished_and_private_events_never_appear(client, event_index):
    EventPageFactory(parent=event_index, days=5, title="Öffentlich")
    create_hidden_events(event_index, 3)
    hidden = event_index.get_children().exclude(title="Öffentlich")

    _, body = get(client)

    assert titles(body) == ["Öffentlich"]
    for page in hidden:
        assert client.get(f"{API}{page.pk}/").status_code == 404
        assert register(client, page).status_code == 404
    assert PageViewRestriction.objects.count() == 1


# --- languages ------------------------------------------------------------------------------


@pytest.fixture
def translated(event_index, en_event_index):
    german = EventPageFactory(
        parent=event_index, days=5, title="Fachforum", teaser="Deutsch.", registration_enabled=True
    )
    english = translate_page(german, en_event_index.locale, title="Expert forum", teaser="English.")
    only_german = EventPageFactory(parent=event_index, days=6, title="Nur deutsch")
    return german, english, only_german


def test_english_items_where_translated_german_elsewhere(client, translated):
    german, english, only_german = translated

    _, by_parameter = get(client, locale="en")
    _, by_header = get(client, headers={"Accept-Language": "en"})
    _, default = get(client)

    for body in (by_parameter, by_header):
        assert [(i["id"], i["title"], i["locale"]) for i in body["items"]] == [
            (english.pk, "Expert forum", "en"),
            (only_german.pk, "Nur deutsch", "de"),
        ]
        assert body["items"][0]["format"]["label"] == "Expert forum"
        assert "/en/" in body["items"][0]["url"]
        assert "/en/kalender/" in body["items"][0]["ics_url"]
    assert [i["title"] for i in default["items"]] == ["Fachforum", "Nur deutsch"]
    links = {(t["locale"], t["id"]) for t in default["items"][0]["translations"]}
    assert links == {("de", german.pk), ("en", english.pk)}
    # The English version registers into the German event, where the seats are.
    assert (
        by_header["items"][0]["registration"]["api_url"]
        == (default["items"][0]["registration"]["api_url"])
    )


def test_the_detail_of_a_translation_is_in_its_language(client, translated):
    _german, english, _only = translated

    response, body = get(client, f"{API}{english.pk}/")

    assert response.status_code == 200
    assert (body["title"], body["locale"], body["teaser"]) == ("Expert forum", "en", "English.")
    assert body["format"]["label"] == "Expert forum"


# --- detail -----------------------------------------------------------------------------------


def test_the_detail_has_the_description_as_typed_blocks(client, event_index):
    event = EventPageFactory(
        parent=event_index,
        title="Mit Programm",
        target_audience="Integrationsbeauftragte",
        body=json.dumps(
            [
                {"type": "heading", "value": {"text": "Worum es geht", "level": "h2"}},
                {"type": "paragraph", "value": "<p>Ein <b>Fachforum</b>.</p>"},
            ]
        ),
        online_access=ONLINE_ACCESS,
        mode=EventMode.HYBRID,
    )

    response, body = get(client, f"{API}{event.pk}/")

    assert response.status_code == 200
    assert body["target_audience"] == "Integrationsbeauftragte"
    assert [block["type"] for block in body["body"]] == ["heading", "paragraph"]
    assert body["body"][0]["value"]["text"] == "Worum es geht"
    assert "<b>Fachforum</b>" in body["body"][1]["value"]
    assert body["programme"] == [] and body["materials"] == []
    assert "konferenz.example.org" not in response.content.decode()


def test_unknown_event_answers_404_as_json(client):
    response = client.get(f"{API}999999/")

    assert response.status_code == 404
    assert response.json()


# --- queries ------------------------------------------------------------------------------------


def count_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(API, params)
    assert response.status_code == 200
    return len(queries)


def test_the_list_runs_the_same_queries_for_3_or_30_events(
    client, event_index, en_event_index, add_live_events, focus_area
):
    add_live_events(event_index, 3, days=3, focus_areas=[focus_area], registration_enabled=True)
    count_queries(client)  # Wagtail caches the sites' root paths on the first request
    few = count_queries(client, limit="50")
    few_en = count_queries(client, limit="50", locale="en")
    add_live_events(event_index, 27, days=5, focus_areas=[focus_area], registration_enabled=True)

    many = count_queries(client, limit="50")
    many_en = count_queries(client, limit="50", locale="en")

    assert (many, many_en) == (few, few_en)
    assert many <= 12


# --- registration -----------------------------------------------------------------------------


@pytest.fixture
def open_event(event_index):
    return EventPageFactory(
        parent=event_index,
        title="Offenes Fachforum",
        registration_enabled=True,
        capacity=2,
        waiting_list_enabled=True,
    )


def test_registering_over_the_api_mails_the_personal_link(client, open_event):
    response = register(client, open_event)

    assert response.status_code == 202
    assert "alex@example.org" in response.json()["message"]
    registration = Registration.objects.get()
    assert (registration.status, registration.language) == (RegistrationStatus.CONFIRMED, "de")
    [confirmation] = mail.outbox
    assert confirmation.to == ["alex@example.org"]
    assert "/anmeldung/" in confirmation.body
    assert "/anmeldung/" not in response.content.decode()  # the link only by mail


def test_registering_again_answers_the_same_and_mails_the_link_again(client, open_event):
    first = register(client, open_event)
    mail.outbox.clear()

    again = register(client, open_event, name="Jemand anderes")

    assert (first.status_code, again.status_code) == (202, 202)
    assert first.json() == again.json()
    assert Registration.objects.count() == 1
    [link] = mail.outbox
    assert link.to == ["alex@example.org"] and "/anmeldung/" in link.body


def test_errors_per_field_in_the_language_asked_for_and_nothing_stored(client, open_event):
    german = register(client, open_event, name="", email="kein-at", privacy_consent=False)
    english = register(
        client, open_event, language="en", name="", email="kein-at", privacy_consent=False
    )

    assert german.status_code == english.status_code == 422
    assert errors(german)["name"] == ["Bitte geben Sie Ihren Namen an."]
    assert errors(german)["email"][0].startswith("Bitte geben Sie eine gültige")
    assert errors(german)["privacy_consent"][0].startswith("Bitte willigen Sie")
    assert errors(english)["name"] == ["Please enter your name."]
    assert german.json()["detail"] == "Bitte prüfen Sie Ihre Angaben."
    assert not Registration.objects.exists()
    assert not mail.outbox


def test_the_form_rules_apply_single_line_fields_and_missing_fields(client, open_event):
    response = register(client, open_event, name="Alex\nBeispiel")
    missing = client.post(
        f"{API}{open_event.pk}/registrations/", "{}", content_type="application/json"
    )

    assert response.status_code == 422 and "name" in errors(response)
    assert missing.status_code in (400, 422)
    assert not Registration.objects.exists()


def test_full_without_waiting_list_and_closed_answer_409(client, event_index):
    full = EventPageFactory(
        parent=event_index, registration_enabled=True, capacity=1, waiting_list_enabled=False
    )
    closed = EventPageFactory(
        parent=event_index, registration_enabled=True, registration_closes_at=berlin_time(-1)
    )
    register(client, full, email="first@example.org")

    refused_full = register(client, full, email="second@example.org")
    refused_closed = register(client, closed)

    assert refused_full.status_code == refused_closed.status_code == 409
    assert refused_full.json()["detail"] == "Die Veranstaltung ist leider ausgebucht."
    assert refused_closed.json()["detail"] == (
        "Für diese Veranstaltung ist keine Anmeldung möglich."
    )
    assert Registration.objects.count() == 1


def test_an_event_without_registration_answers_404(client, event_index):
    event = EventPageFactory(parent=event_index)

    assert register(client, event).status_code == 404


def test_registrations_are_rate_limited_like_the_form(client, open_event, settings):
    settings.REGISTRATION_RATE_LIMIT = 2

    answers = [register(client, open_event).status_code for _ in range(3)]

    assert answers == [202, 202, 429]
    refused = register(client, open_event)
    assert "zu oft" in refused.json()["detail"]
    assert refused["Retry-After"] == "3600"


def test_the_waiting_list_fills_after_the_seats(client, open_event):
    answers = [
        register(client, open_event, email=f"p{number}@example.org").status_code
        for number in range(3)
    ]

    assert answers == [202, 202, 202]
    statuses = list(Registration.objects.order_by("pk").values_list("status", flat=True))
    assert statuses == ["confirmed", "confirmed", "waitlisted"]


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_parallel_registrations_over_the_api_never_confirm_more_than_the_seats(event_index):
    event = EventPageFactory(
        parent=event_index, registration_enabled=True, capacity=5, waiting_list_enabled=True
    )
    answers = []

    def post(number):
        response = register(Client(), event, email=f"person{number:02d}@example.org")
        answers.append(response.status_code)

    errors = run_in_parallel(post, range(20))

    assert errors == []
    assert sorted(answers) == [202] * 20
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert (statuses.count("confirmed"), statuses.count("waitlisted")) == (5, 15)
