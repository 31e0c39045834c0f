from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("In der Warteschlange")
    SENDING = "sending", _("Wird gesendet")
    SENT = "sent", _("Versendet")
    FAILED = "failed", _("Fehlgeschlagen")
    DELIVERED = "delivered", _("Zugestellt")
    BOUNCED = "bounced", _("Unzustellbar")
    COMPLAINED = "complained", _("Als Spam gemeldet")


# Rows that may still go out: the delivery task and `send_queued_emails` look only at these.
PENDING_STATUSES = frozenset({EmailStatus.QUEUED, EmailStatus.SENDING})
# Rows that an organiser may send again ("Erneut senden").
RESENDABLE_STATUSES = frozenset({EmailStatus.FAILED})
