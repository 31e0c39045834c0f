"""The organisers' admin reads as organisers think: local times, one language of
Gestaltungsbereiche per page, and events in the explorer by date, with the date."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from events import services
from events.models import Registration
from tests.factories import BERLIN, EventPageFactory, FocusAreaFactory, translate_page


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def inspect_fields(response) -> dict[str, str]:
    soup = parse(response)
    return {
        dt.get_text(strip=True): " ".join(dt.find_next("dd").get_text(" ").split())
        for dt in soup.select("dt")
    }


def test_registration_details_show_berlin_time_not_utc(admin_client, event_index):
    event = EventPageFactory(parent=event_index, registration_enabled=True)
    registration = services.register_for_event(
        event=event,
        data={"name": "Kim", "email": "k@example.org", "organisation": "X", "municipality": "Y"},
        language="de",
    )
    at = datetime.datetime(2027, 1, 20, 9, 5, tzinfo=datetime.UTC)  # 10:05 in Berlin (CET)
    Registration.objects.filter(pk=registration.pk).update(created_at=at, privacy_consent_at=at)

    fields = inspect_fields(admin_client.get(f"/admin/registrations/inspect/{registration.pk}/"))

    assert fields["Angemeldet am"] == "20. Januar 2027, 10:05 Uhr"
    assert fields["Einwilligung am"] == "20. Januar 2027, 10:05 Uhr"


@pytest.fixture
def areas(focus_area, other_focus_area, en_locale):
    """The base site's two Gestaltungsbereiche ("Steuerung", "Kooperation") in English too."""
    german = [focus_area, other_focus_area]
    english = [
        FocusAreaFactory.translation_of(
            german[0], locale=en_locale, title="Strategic steering", short_title="Steering"
        ),
        FocusAreaFactory.translation_of(
            german[1], locale=en_locale, title="Cooperation", short_title="Cooperation"
        ),
    ]
    return german, english


def focus_area_options(response) -> list[tuple[str, bool]]:
    boxes = parse(response).select('input[name="focus_areas"]')
    labels = {label.get("for"): label.get_text(strip=True) for label in parse(response)("label")}
    return [(labels.get(box["id"], ""), box.has_attr("checked")) for box in boxes]


def test_the_event_editor_offers_only_the_pages_language(
    admin_client, event_index, en_event_index, areas
):
    german_areas, _english_areas = areas
    event = EventPageFactory(parent=event_index, focus_areas=[german_areas[1]])
    english = translate_page(event, en_event_index.locale, title="Expert forum")

    german_form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk]))
    english_form = admin_client.get(reverse("wagtailadmin_pages:edit", args=[english.pk]))

    assert focus_area_options(german_form) == [("Steuerung", False), ("Kooperation", True)]
    # The copy still points to the German area; it shows ticked in English.
    assert focus_area_options(english_form) == [("Steering", False), ("Cooperation", True)]


def test_a_new_event_offers_the_areas_of_its_language(admin_client, event_index, areas):
    url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", event_index.pk])

    response = admin_client.get(url)

    assert [label for label, _ in focus_area_options(response)] == ["Steuerung", "Kooperation"]


def explorer_titles(response) -> list[str]:
    return [
        " ".join(cell.get_text(" ").split())
        for cell in parse(response).select("table.listing tbody td.title .title-wrapper a")
    ]


def test_the_explorer_lists_upcoming_events_by_date_then_past_ones_with_their_dates(
    admin_client, event_index
):
    def on(day, title):
        start = datetime.datetime(day.year, day.month, day.day, 10, tzinfo=BERLIN)
        return EventPageFactory(
            parent=event_index, title=title, start=start, end=start + datetime.timedelta(hours=2)
        )

    today = datetime.date.today()
    on(today + datetime.timedelta(days=40), "Später")
    on(today - datetime.timedelta(days=30), "Lange vorbei")
    on(today + datetime.timedelta(days=5), "Bald")
    on(today - datetime.timedelta(days=3), "Gerade vorbei")

    response = admin_client.get(reverse("wagtailadmin_explore", args=[event_index.pk]))

    titles = explorer_titles(response)
    assert [title.split(" (")[0] for title in titles] == [
        "Bald",
        "Später",
        "Gerade vorbei",
        "Lange vorbei",
    ]
    soon = today + datetime.timedelta(days=5)
    assert titles[0] == f"Bald ({soon:%d.%m.%Y})"
