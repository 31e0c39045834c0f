from django.db import models
from django.utils.translation import gettext_lazy as _


class MunicipalityKind(models.TextChoices):
    CITY = "city", _("Stadt")
    DISTRICT = "district", _("Landkreis")


class FederalState(models.TextChoices):
    LOWER_SAXONY = "niedersachsen", _("Niedersachsen")
    RHINELAND_PALATINATE = "rheinland-pfalz", _("Rheinland-Pfalz")


class EmailStatus(models.TextChoices):
    QUEUED = "queued", _("In der Warteschlange")
    SENT = "sent", _("Versendet")
    FAILED = "failed", _("Fehlgeschlagen")
    DELIVERED = "delivered", _("Zugestellt")
    BOUNCED = "bounced", _("Unzustellbar")
    COMPLAINED = "complained", _("Als Spam gemeldet")
