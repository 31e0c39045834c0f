"""`manage.py generate_bench_data`: the benchmark's events, news and registrations on top of
the demo site, here with small numbers."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.models import ModelLogEntry

from events.choices import SEAT_STATUSES, RegistrationStatus
from events.management.commands.generate_bench_data import BENCH_EVENT_SLUG
from events.models import CalendarState, EventPage, Registration
from events.selectors import registration_is_open
from home.models import NewsPage
from tests import base_site

pytestmark = pytest.mark.django_db

EVENTS, NEWS, REGISTRATIONS = 12, 5, 60
HOLDS_SEAT = Q(registrations__status__in=SEAT_STATUSES)
WAITING = Q(registrations__status=RegistrationStatus.WAITLISTED)


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_bench_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_site(db):
    """The demo site, as `make bench` builds it, until this test's transaction is rolled back."""
    base_site.restore(base_site.MIGRATIONS)
    call_command("load_demo_content", stdout=StringIO())


def bench_events():
    return EventPage.objects.filter(slug__startswith="bench-")


@pytest.mark.usefixtures("demo_site")
def test_adds_live_events_news_and_registrations_once():
    demo_registrations = Registration.objects.count()

    output = generate(f"--events={EVENTS}", f"--news={NEWS}", f"--registrations={REGISTRATIONS}")

    assert "Bench data is ready." in output
    events = list(bench_events())
    assert len(events) == EVENTS
    assert all(event.live and event.live_revision_id for event in events)
    assert CalendarState.objects.filter(
        translation_key__in=[event.translation_key for event in events]
    ).count() == len(events)
    upcoming = [event for event in events if event.end >= timezone.now()]
    assert len(upcoming) > len(events) * 0.8
    assert sum(event.registration_enabled for event in events) > 1

    bench = EventPage.objects.get(slug=BENCH_EVENT_SLUG)
    assert bench.title == "Bench-Fachforum"
    assert (bench.capacity, bench.waiting_list_enabled) == (20, True)
    assert registration_is_open(bench)
    assert not bench.registrations.exists()

    news = NewsPage.objects.filter(slug__startswith="bench-")
    assert news.count() == NEWS
    assert all(page.live and page.live_revision_id for page in news)

    registrations = Registration.objects.filter(event__in=events)
    assert registrations.count() == REGISTRATIONS
    assert Registration.objects.count() == demo_registrations + REGISTRATIONS
    assert registrations.values("email").distinct().count() == REGISTRATIONS
    for event in EventPage.objects.filter(pk__in=registrations.values("event")).annotate(
        seats=Count("registrations", filter=HOLDS_SEAT),
        waiting=Count("registrations", filter=WAITING),
    ):
        if event.capacity is not None:
            assert event.seats <= event.capacity
        assert not event.waiting or event.seats == event.capacity  # nobody waits for a free seat
    # Each registration has its history, as if made through the service.
    logged = ModelLogEntry.objects.filter(
        object_id__in=[str(pk) for pk in registrations.values_list("pk", flat=True)]
    )
    assert logged.values("object_id").distinct().count() == REGISTRATIONS

    again = generate()

    assert "nothing to do" in again
    assert bench_events().count() == EVENTS
    assert Registration.objects.count() == demo_registrations + REGISTRATIONS


def test_asks_for_the_demo_site_first():
    base_site.restore(base_site.MIGRATIONS)

    with pytest.raises(CommandError, match="load_demo_content"):
        generate()


def test_refuses_to_run_with_production_settings(settings):
    settings.SETTINGS_MODULE = "config.settings.production"

    with pytest.raises(CommandError, match="production settings"):
        generate()

    assert not bench_events().exists()
