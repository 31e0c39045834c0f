"""Receivers: publishing an event, bounces of registration mails, deleted registrations, the
page cache."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published

from home import page_cache
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


@receiver(post_save, sender=Registration, dispatch_uid="events.registration_saved_page_cache")
@receiver(post_delete, sender=Registration, dispatch_uid="events.registration_deleted_page_cache")
def registration_changed(sender, instance, **kwargs):
    """Seats taken or given back: the cached pages that show this event's seats are stale."""
    event = instance.event if Registration.event.is_cached(instance) else None
    key = (
        event.translation_key
        if event is not None
        else EventPage.objects.filter(pk=instance.event_id)
        .values_list("translation_key", flat=True)
        .first()
    )
    if key is not None:
        page_cache.touch_now_and_after_commit(page_cache.event_tag(key), translation_keys=[key])
