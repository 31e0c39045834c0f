"""Delivery reports from the e-mail provider (anymail's tracking webhook) update the outbox."""

from anymail.signals import tracking
from django.dispatch import receiver

from .emails import record_delivery_event


@receiver(tracking, dispatch_uid="home.record_delivery_event")
def outbox_tracking(sender, event, esp_name, **kwargs):
    record_delivery_event(event)
