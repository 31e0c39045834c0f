"""Background work for events: fanning a change out to every registrant."""

from django_tasks import task

from . import notifications
from .models import EventPage


@task()
def send_event_change_notices(event_id: int) -> int:
    """Queue the change or cancellation notice to every registrant of the event."""
    event = EventPage.objects.filter(pk=event_id).first()
    return 0 if event is None else notifications.notify_event_change(event)
