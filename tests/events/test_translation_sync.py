"""Translations of an event never keep an old time or place: publishing the German event
synchronises and publishes its translations in a background task (wagtail-localize), and
time, place, access and contact are fields translators cannot override."""

import datetime

import pytest
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import StringTranslation, TranslationSource
from wagtail_localize.operations import translate_object
from wagtail_localize.segments import OverridableSegmentValue
from wagtail_localize.segments.extract import extract_segments

from events.models import EventPage
from tests.factories import EventPageFactory, berlin_time


@pytest.fixture
def event(event_index):
    return EventPageFactory(
        parent=event_index, title="Fachforum Vielfalt", teaser="Wie Kommunen Vielfalt steuern."
    )


@pytest.fixture
def english_event(event, en_event_index, django_capture_on_commit_callbacks):
    """The event translated with wagtail-localize, its teaser translated into English."""
    with django_capture_on_commit_callbacks(execute=True):
        translate_object(event, [en_event_index.locale])
    source = TranslationSource.objects.get_for_instance(event)
    for segment in source.stringsegment_set.select_related("string", "context"):
        if segment.string.data == event.teaser:
            StringTranslation.objects.create(
                translation_of=segment.string,
                locale=en_event_index.locale,
                context=segment.context,
                data="How local authorities steer diversity.",
            )
    with django_capture_on_commit_callbacks(execute=True):
        source.translations.get().save_target(publish=True)
    return event.get_translation(en_event_index.locale)


def publish(event, **changes) -> None:
    page = EventPage.objects.get(pk=event.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_publishing_the_german_event_brings_its_translation_up_to_date(
    event, english_event, django_capture_on_commit_callbacks
):
    new_start = berlin_time(40, 9, 30)
    assert english_event.teaser == "How local authorities steer diversity."

    with django_capture_on_commit_callbacks(execute=True):
        publish(
            event,
            start=new_start,
            end=new_start + datetime.timedelta(hours=7),
            city="Hildesheim",
            status="postponed",
            capacity=30,
        )

    english = EventPage.objects.get(pk=english_event.pk)
    assert (english.start, english.city, english.status, english.capacity) == (
        new_start,
        "Hildesheim",
        "postponed",
        30,
    )
    assert english.live and not english.has_unpublished_changes
    assert english.teaser == "How local authorities steer diversity."


def test_nothing_happens_before_the_german_publication_commits(event, english_event):
    publish(event, city="Hildesheim")  # the transaction never commits in this test

    assert EventPage.objects.get(pk=english_event.pk).city == "Mainz"


def test_publishing_a_translation_does_not_sync_back(
    event, english_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        publish(english_event, teaser="Changed in English only.")

    assert EventPage.objects.get(pk=event.pk).teaser == "Wie Kommunen Vielfalt steuern."


@pytest.mark.parametrize(
    "field",
    ["street", "postal_code", "city", "online_access", "contact_name", "contact_email"],
)
def test_time_place_and_access_cannot_be_overridden_by_translators(event, field):
    [declared] = [f for f in get_translatable_fields(EventPage) if f.field_name == field]
    event.online_access = "https://konferenz.example.org/raum"
    event.contact_name, event.contact_email = "Team", "team@example.org"

    overridable = {
        segment.path
        for segment in extract_segments(event)
        if isinstance(segment, OverridableSegmentValue)
    }

    assert declared.is_synchronized(event)
    assert not declared.is_overridable(event)
    assert field not in overridable
