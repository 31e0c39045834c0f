"""iCalendar SEQUENCE: raised by publishing a change of time, place or status, never lowered.

Read from the exported .ics, as calendar clients see it; the concurrency test at the end needs
PostgreSQL's row locks.
"""

import datetime

import icalendar
import pytest
import vobject

from events.choices import EventMode, EventStatus
from events.models import CalendarState, EventPage
from events.services import record_event_publication
from outbox.models import OutboundEmail
from tests.concurrency import needs_postgresql, run_in_parallel
from tests.events.conftest import WINTER_START
from tests.factories import EventPageFactory, translate_page
from tests.helpers import after_commit, publish, register

HOUR = datetime.timedelta(hours=1)


def exported_sequence(client, event, prefix: str = "") -> int:
    """SEQUENCE of the event in its .ics download and in the feed, read by both parsers."""
    values = set()
    for url in (
        f"{prefix}/kalender/veranstaltung/{event.pk}.ics",
        f"{prefix}/kalender/veranstaltungen.ics",
    ):
        response = client.get(url)
        assert response.status_code == 200
        [ical_event] = [
            item
            for item in icalendar.Calendar.from_ical(response.content).walk("VEVENT")
            if str(item["UID"]) == event.calendar_uid
        ]
        [vobject_event] = [
            item
            for item in vobject.readOne(response.content.decode()).contents["vevent"]
            if item.uid.value == event.calendar_uid
        ]
        values |= {int(ical_event["SEQUENCE"]), int(vobject_event.sequence.value)}
    assert len(values) == 1, values
    return values.pop()


@pytest.fixture
def event(event_index):
    return EventPageFactory(
        parent=event_index,
        title="Fachforum Vielfalt",
        start=WINTER_START,
        end=WINTER_START + 6 * HOUR,
        venue_name="Rathaus, Ratssaal",
        street="Jockel-Fuchs-Platz 1",
        postal_code="55116",
        city="Mainz",
    )


def test_sequence_is_zero_after_the_first_publication(client, event):
    assert exported_sequence(client, event) == 0


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"start": WINTER_START + HOUR}, id="start"),
        pytest.param({"end": WINTER_START + 7 * HOUR}, id="end"),
        pytest.param(
            {"start": WINTER_START + 24 * HOUR, "end": WINTER_START + 30 * HOUR}, id="day"
        ),
        pytest.param({"all_day": True}, id="all-day"),
        pytest.param({"city": "Ludwigshafen am Rhein", "postal_code": "67059"}, id="city"),
        pytest.param({"street": "Rathausplatz 20"}, id="street"),
        pytest.param({"mode": EventMode.HYBRID}, id="mode"),
        pytest.param({"status": EventStatus.CANCELLED}, id="cancelled"),
        pytest.param({"status": EventStatus.POSTPONED}, id="postponed"),
    ],
)
def test_publishing_a_change_of_time_place_or_status_raises_sequence_by_one(client, event, changes):
    publish(event, **changes)

    assert exported_sequence(client, event) == 1


@pytest.mark.parametrize(
    "changes",
    [
        pytest.param({"teaser": "Ein neuer Anreißer."}, id="teaser"),
        pytest.param({"title": "Fachforum Vielfalt und Teilhabe"}, id="title"),
        pytest.param({"target_audience": "Alle Interessierten"}, id="audience"),
        pytest.param({"status_note": "Mit Imbiss."}, id="status-note"),
        pytest.param({}, id="nothing"),
    ],
)
def test_publishing_other_changes_keeps_sequence(client, event, changes):
    publish(event, **changes)

    assert exported_sequence(client, event) == 0


def test_each_published_change_raises_sequence_again(client, event):
    publish(event, start=WINTER_START + HOUR)
    publish(event, teaser="Nur der Text ist neu.")
    publish(event, city="Ludwigshafen am Rhein")
    publish(event, status=EventStatus.CANCELLED)

    assert exported_sequence(client, event) == 3


def test_saving_a_draft_does_not_raise_sequence(client, event):
    page = EventPage.objects.get(pk=event.pk)
    page.start = WINTER_START + HOUR
    page.save_revision()

    assert exported_sequence(client, event) == 0


def test_sequence_never_decreases_when_an_older_revision_is_published_again(client, event):
    original = event.live_revision
    moved = publish(event, start=WINTER_START + HOUR)
    assert exported_sequence(client, event) == 1

    original.publish()  # back to the original time: a change for calendar clients

    assert EventPage.objects.get(pk=event.pk).start == WINTER_START
    assert exported_sequence(client, event) == 2
    moved.publish()
    assert exported_sequence(client, event) == 3


def test_sequence_is_shared_by_the_german_and_english_export(client, event, en_event_index):
    english = translate_page(event, en_event_index.locale, title="Diversity forum")
    assert exported_sequence(client, english, "/en") == 0

    publish(event, start=WINTER_START + HOUR)
    # wagtail-localize synchronises the time into the translation, which is then published.
    publish(english, start=WINTER_START + HOUR)

    assert exported_sequence(client, event) == 1
    assert exported_sequence(client, english, "/en") == 1


def test_publishing_a_translation_that_still_has_the_old_time_changes_nothing(
    client, event, en_event_index
):
    english = translate_page(event, en_event_index.locale, title="Diversity forum")
    EventPage.objects.filter(pk=event.pk).update(registration_enabled=True)
    register(event, "anna@example.org")
    with after_commit():  # the notices are sent after commit
        publish(event, start=WINTER_START + HOUR)

        # The translation is not synchronised yet: it still carries the old time.
        publish(english, title="Diversity forum (updated)")
        publish(event, teaser="Nur der Text ist neu.")

    assert exported_sequence(client, event) == 1
    assert OutboundEmail.objects.filter(template="event_changed").count() == 1


def test_publishing_a_translation_with_translated_texts_keeps_sequence(
    client, event, en_event_index
):
    english = translate_page(event, en_event_index.locale, title="Diversity forum")

    publish(english, teaser="How municipalities steer diversity.", venue_name="Town hall")
    publish(event, teaser="Ein neuer Anreißer.")

    # Nothing about time, place or status changed; only a translation was published.
    assert exported_sequence(client, event) == 0
    assert exported_sequence(client, english, "/en") == 0


# --- through the admin -------------------------------------------------------------------------


def test_admin_publications_raise_sequence_only_for_a_change_of_time(
    admin_client, client, event_index, event_form_data
):
    add_url = f"/admin/pages/add/events/eventpage/{event_index.pk}/"
    response = admin_client.post(add_url, {**event_form_data(), "action-publish": "publish"})
    assert response.status_code == 302
    created = EventPage.objects.get(slug="fachforum-vielfalt")
    edit_url = f"/admin/pages/{created.pk}/edit/"
    assert exported_sequence(client, created) == 0

    teaser_only = event_form_data(teaser="Ein neuer Anreißer.")
    response = admin_client.post(edit_url, {**teaser_only, "action-publish": "publish"})
    assert response.status_code == 302
    assert EventPage.objects.get(pk=created.pk).teaser == "Ein neuer Anreißer."
    assert exported_sequence(client, created) == 0

    later = event_form_data(teaser="Ein neuer Anreißer.", start="2027-01-20 11:00")
    response = admin_client.post(edit_url, {**later, "action-publish": "publish"})
    assert response.status_code == 302
    assert exported_sequence(client, created) == 1


# --- concurrency -------------------------------------------------------------------------------


THREADS = 8


def publish_concurrently(event, starts: list[datetime.datetime]) -> list[BaseException]:
    """Each thread loads its own instance and records a publication with another start time."""

    def publish_at(start):
        page = EventPage.objects.get(pk=event.pk)
        page.start, page.end = start, start + 2 * HOUR
        record_event_publication(page)

    return run_in_parallel(publish_at, starts)


@needs_postgresql
@pytest.mark.django_db(transaction=True)
class TestConcurrentPublications:
    def test_concurrent_changes_are_all_counted(self, client, event):
        starts = [WINTER_START + (number + 1) * HOUR for number in range(THREADS)]

        errors = publish_concurrently(event, starts)

        assert errors == []
        state = CalendarState.objects.get(translation_key=event.translation_key)
        assert state.sequence == THREADS
        assert exported_sequence(client, event) == THREADS

    def test_concurrent_first_publications_create_one_state_and_count_the_rest(self, client, event):
        CalendarState.objects.all().delete()
        starts = [WINTER_START + (number + 1) * HOUR for number in range(THREADS)]

        errors = publish_concurrently(event, starts)

        assert errors == []
        states = CalendarState.objects.filter(translation_key=event.translation_key)
        assert [state.sequence for state in states] == [THREADS - 1]
