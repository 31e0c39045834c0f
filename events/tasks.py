"""Background work for events: mails to every registrant of an event."""

from django_tasks import task

from home.translations import publish_translations

from . import notifications
from .models import EventPage


@task()
def send_event_change_notices(event_id: int) -> int:
    """Queue the change or cancellation notice to every registrant of the event."""
    event = EventPage.objects.filter(pk=event_id).first()
    return 0 if event is None else notifications.notify_event_change(event)


@task()
def queue_organiser_message_task(*, event_id: int, statuses: list, subject: str, body: str) -> int:
    """Render an organiser's message to the registrants into the outbox."""
    return notifications.queue_organiser_message(
        event_id=event_id, statuses=statuses, subject=subject, body=body
    )


@task()
def publish_event_translations(event_id: int) -> int:
    """Synchronise and publish the translations of a German event after it was published."""
    event = EventPage.objects.filter(pk=event_id).first()
    return 0 if event is None else len(publish_translations(event))
