"""Mails to every registrant of an event build the event and its calendar file once per
language, not once per person."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from events import notifications, services
from events.models import Registration
from tests.factories import EventPageFactory


def test_change_notices_read_the_calendar_state_once_per_language(event_index):
    event = EventPageFactory(parent=event_index, registration_enabled=True, capacity=None)

    def calendar_reads(count: int) -> int:
        Registration.objects.all().delete()
        for number in range(count):
            services.register_for_event(
                event=event,
                data={
                    "name": f"Person {number}",
                    "email": f"p{count}-{number}@example.org",
                    "organisation": "Stadt",
                    "municipality": "Stadt",
                },
                language=("de", "en")[number % 2],
            )
        with CaptureQueriesContext(connection) as queries:
            assert notifications.notify_event_change(event) == count
        return sum("events_calendarstate" in q["sql"] for q in queries.captured_queries)

    assert calendar_reads(2) == calendar_reads(10) == 2
