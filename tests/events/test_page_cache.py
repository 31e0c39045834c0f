"""Event pages in the shared page cache (home.page_cache): seats, forms and tokens."""

import datetime
import threading
import time

import pytest
from django.conf import settings
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events import services
from events.tokens import registration_token
from home import page_cache
from tests.concurrency import needs_postgresql, run_in_parallel
from tests.factories import EventPageFactory
from tests.helpers import after_commit, cache_state, parse, register, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]


def registration_status(response) -> str:
    return text_of(parse(response).select_one(".registration-box__status"))


def card_state(response, title: str) -> str:
    for card in parse(response).select(".card-list > li, .card-list article"):
        if title in text_of(card):
            return text_of(card.select_one(".event-card__registration"))
    raise AssertionError(f"no card {title!r}")


class TestSeats:
    def test_taking_the_last_seat_shows_on_the_cached_event_page_and_listing(
        self, client, make_event
    ):
        event = make_event(title="Fachforum Sprachmittlung", capacity=2)
        register(event, "erste@kommune.example")
        client.get(event.url)
        client.get("/aktuell/veranstaltungen/")
        cached = client.get(event.url)
        listing = client.get("/aktuell/veranstaltungen/")
        assert cache_state(cached) == cache_state(listing) == "hit"
        assert registration_status(cached) == "Noch 1 Platz frei."
        assert card_state(listing, "Fachforum Sprachmittlung").startswith("Plätze frei")

        with after_commit():
            register(event, "zweite@kommune.example")

        page = client.get(event.url)
        listing = client.get("/aktuell/veranstaltungen/")
        assert cache_state(page) == "miss"
        assert registration_status(page).startswith("Alle Plätze sind vergeben.")
        assert card_state(listing, "Fachforum Sprachmittlung") == "Ausgebucht – Warteliste"

    def test_another_events_registration_leaves_the_page_cached(self, client, make_event):
        event, other = make_event(title="Eins"), make_event(title="Zwei")
        client.get(event.url)

        register(other, "jemand@kommune.example")

        assert cache_state(client.get(event.url)) == "hit"

    def test_a_cancellation_gives_the_seat_back_on_the_cached_page(self, client, make_event):
        event = make_event(capacity=1, waiting_list_enabled=False)
        registration = register(event, "erste@kommune.example")
        client.get(event.url)
        assert registration_status(client.get(event.url)).startswith(
            "Die Veranstaltung ist ausgebucht."
        )

        services.cancel_by_registrant(registration)

        assert registration_status(client.get(event.url)) == "Noch 1 Platz frei."

    def test_the_page_leaves_the_cache_when_registration_closes(self, client, make_event):
        closes = timezone.now() + datetime.timedelta(seconds=1.5)
        event = make_event(registration_closes_at=closes)
        client.get(event.url)
        assert cache_state(client.get(event.url)) == "hit"

        time.sleep(max((closes - timezone.now()).total_seconds(), 0) + 0.1)

        response = client.get(event.url)
        assert cache_state(response) == "miss"
        assert registration_status(response).startswith("Anmeldung geschlossen.")


class TestForms:
    def test_each_visitor_gets_their_own_csrf_token_and_the_form_works(self, make_event):
        event = make_event(title="Fachforum mit Formular")
        first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)

        filled = first.get(event.url)
        served = second.get(event.url)

        assert (cache_state(filled), cache_state(served)) == ("miss", "hit")
        tokens = [
            parse(response).select_one(".send-link input[name=csrfmiddlewaretoken]")["value"]
            for response in (filled, served)
        ]
        assert tokens[0] != tokens[1]
        assert page_cache.CSRF_PLACEHOLDER not in served.content.decode()
        assert settings.CSRF_COOKIE_NAME in served.cookies
        assert served["Cache-Control"] == "private"

        register(event, "bekannt@kommune.example")
        mail.outbox.clear()
        with after_commit():
            answer = second.post(
                event.url + "anmelden/link/",
                {"email": "bekannt@kommune.example", "csrfmiddlewaretoken": tokens[1]},
            )
        assert answer.status_code == 303
        assert [message.to for message in mail.outbox] == [["bekannt@kommune.example"]]

    def test_another_visitors_token_is_refused(self, make_event):
        event = make_event()
        first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
        token = parse(first.get(event.url)).select_one("input[name=csrfmiddlewaretoken]")
        second.get(event.url)

        answer = second.post(
            event.url + "anmelden/link/",
            {"email": "a@kommune.example", "csrfmiddlewaretoken": token["value"]},
        )

        assert answer.status_code == 403

    def test_the_registration_form_is_never_cached(self, client, make_event):
        event = make_event()
        url = event.url + "anmelden/"

        responses = [client.get(url), client.get(url)]

        assert [cache_state(response) for response in responses] == ["miss", "miss"]
        assert all(
            page_cache.CSRF_PLACEHOLDER not in response.content.decode() for response in responses
        )
        assert parse(responses[1]).select_one("input[name=csrfmiddlewaretoken]")["value"]

    def test_the_personal_registration_page_is_never_cached(self, client, make_event):
        event = make_event()
        registration = register(event, "person@kommune.example")
        url = reverse("events:registration", kwargs={"token": registration_token(registration)})

        responses = [client.get(url), client.get(url)]

        assert [response.status_code for response in responses] == [200, 200]
        assert [cache_state(response) for response in responses] == ["miss", "miss"]
        assert "person@kommune.example" in responses[1].content.decode()
        # Another visitor of the cached event page sees nothing of it.
        assert "person@kommune.example" not in Client().get(event.url).content.decode()


class TestFrontendCache:
    def test_a_registration_purges_the_event_page_and_the_pages_above_it(
        self, cdn, make_event, django_capture_on_commit_callbacks
    ):
        event = make_event(slug="fachforum-cdn")
        make_event(slug="anderes-fachforum")

        with django_capture_on_commit_callbacks(execute=True):
            register(event, "cdn@kommune.example")

        assert sorted(cdn) == [
            "http://localhost/",
            "http://localhost/aktuell/",
            "http://localhost/aktuell/veranstaltungen/",
            "http://localhost/aktuell/veranstaltungen/fachforum-cdn/",
        ]

    def test_a_cdn_keeps_a_listing_no_longer_than_until_registration_closes(
        self, cdn, client, make_event
    ):
        make_event(registration_closes_at=timezone.now() + datetime.timedelta(seconds=90))

        response = client.get("/aktuell/veranstaltungen/")

        assert cache_state(response) == "miss"
        max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
        assert 0 < max_age <= 90


@needs_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_page_rendered_while_a_registration_commits_does_not_stay(event_index):
    """A visitor's request renders the page after the registration's row is written but
    before it commits, so it still counts the seat as free, and stores that under the tag
    the registration has just renewed. The renewal after the commit makes it stale."""
    event = EventPageFactory(
        parent=event_index, registration_enabled=True, capacity=1, waiting_list_enabled=True
    )
    Client().get(event.url)
    written, rendered = threading.Event(), threading.Event()
    seen = []

    def registrant(_):
        with transaction.atomic():
            register(event, "letzter-platz@kommune.example")
            written.set()
            rendered.wait(timeout=30)

    def visitor(_):
        written.wait(timeout=30)
        seen.append(registration_status(Client().get(event.url)))
        rendered.set()

    errors = run_in_parallel(lambda job: job(None), [registrant, visitor])

    assert errors == []
    assert seen == ["Noch 1 Platz frei."]  # the uncommitted registration was not visible
    assert registration_status(Client().get(event.url)).startswith("Alle Plätze sind vergeben.")
