from anymail.signals import tracking
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published

from . import notifications, services
from .models import EventPage, Registration


@receiver(page_published, sender=EventPage)
def event_published(sender, instance, **kwargs):
    notifications.record_publication_and_notify(instance)
    if services.record_published_capacity(instance):
        services.fill_free_seats(services.canonical_event(instance))


@receiver(tracking, dispatch_uid="events.registration_address_bounced")
def registration_address_bounced(sender, event, esp_name, **kwargs):
    notifications.flag_bounced_address(event)


@receiver(post_delete, sender=Registration, dispatch_uid="events.registration_mails_deleted")
def registration_deleted(sender, instance, **kwargs):
    # Deleting an event deletes its registrations; the mails sent to them (addresses, links,
    # access details) must not outlive them in the outbox.
    notifications.delete_mails_of(instance)
