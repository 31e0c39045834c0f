"""Receivers: publishing an event, bounces of registration mails, deleted registrations."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published

from home.audit import anonymise_log_entries
from outbox.services import delete_emails_for
from outbox.signals import email_bounced

from . import selectors, services
from .models import EventPage, Registration


@receiver(page_published, sender=EventPage)
def event_published(sender, instance, **kwargs):
    services.record_publication_and_notify(instance)
    services.schedule_translation_sync(instance)
    if services.record_published_capacity(instance):
        services.fill_free_seats(selectors.canonical_event(instance))


@receiver(email_bounced, sender=Registration, dispatch_uid="events.registration_bounced")
def registration_address_bounced(sender, related_object, **kwargs):
    services.mark_address_unreachable(related_object)


@receiver(post_delete, sender=Registration, dispatch_uid="events.registration_deleted")
def registration_deleted(sender, instance, **kwargs):
    # The mails sent to a deleted registration (addresses, links, access details) and the
    # names in its history must not outlive it.
    delete_emails_for(instance)
    anonymise_log_entries(Registration, [instance.pk], label=services.ANONYMISED_LABEL)
