"""Deleting an event would delete its registrations without telling anyone: the admin refuses
it while people are registered and says what to do instead (cancel the event)."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from events import services
from events.models import EventPage, Registration
from tests.factories import EventPageFactory, translate_page


def register(event, email: str):
    data = {"name": "Kim Beispiel", "email": email, "organisation": "Stadt", "municipality": "X"}
    return services.register_for_event(event=event, data=data, language="de")


@pytest.fixture
def event(event_index):
    event = EventPageFactory(
        parent=event_index, title="Fachforum Vielfalt", registration_enabled=True
    )
    register(event, "kim@example.org")
    return event


def messages_of(response) -> str:
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.get_text(" ").split())


def delete_url(page) -> str:
    return reverse("wagtailadmin_pages:delete", args=[page.pk])


@pytest.mark.parametrize("method", ["get", "post"])
def test_deleting_an_event_with_registrations_is_refused_with_a_way_out(
    admin_client, event, method
):
    response = getattr(admin_client, method)(delete_url(event))

    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_pages:edit", args=[event.pk])
    shown = messages_of(admin_client.get(response["Location"]))
    assert "Für die Veranstaltung „Fachforum Vielfalt“ gibt es Anmeldungen" in shown
    assert "Status auf „Abgesagt“" in shown
    assert EventPage.objects.filter(pk=event.pk).exists()
    assert Registration.objects.filter(event=event).count() == 1


def test_deleting_the_events_index_with_registered_events_below_is_refused(
    admin_client, event, event_index
):
    response = admin_client.post(delete_url(event_index))

    assert response.status_code == 302
    assert EventPage.objects.filter(pk=event.pk).exists()


def test_bulk_deleting_events_with_registrations_is_refused(admin_client, event, event_index):
    empty = EventPageFactory(parent=event_index, title="Ohne Anmeldungen")
    url = (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
        + f"?id={event.pk}&id={empty.pk}"
    )

    response = admin_client.post(url)

    assert response.status_code == 302
    assert set(
        EventPage.objects.filter(pk__in=[event.pk, empty.pk]).values_list("pk", flat=True)
    ) == {
        event.pk,
        empty.pk,
    }


def test_an_event_without_registrations_can_be_deleted(admin_client, event_index):
    empty = EventPageFactory(parent=event_index, title="Ohne Anmeldungen")

    response = admin_client.post(delete_url(empty))

    assert response.status_code == 302
    assert not EventPage.objects.filter(pk=empty.pk).exists()


def test_an_event_whose_registrations_are_anonymised_can_be_deleted(admin_client, event):
    Registration.objects.filter(event=event).update(anonymised_at="2026-01-01T00:00:00Z")

    admin_client.post(delete_url(event))

    assert not EventPage.objects.filter(pk=event.pk).exists()


def test_the_english_translation_of_a_registered_event_can_be_deleted(
    admin_client, event, en_event_index
):
    english = translate_page(event, en_event_index.locale, title="Expert forum")

    admin_client.post(delete_url(english))

    assert not EventPage.objects.filter(pk=english.pk).exists()
    assert EventPage.objects.filter(pk=event.pk).exists()
