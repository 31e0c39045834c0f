from anymail.signals import tracking
from django.dispatch import receiver

from . import services


@receiver(tracking, dispatch_uid="outbox.delivery_reported")
def delivery_reported(sender, event, esp_name, **kwargs):
    services.record_delivery_event(event)
