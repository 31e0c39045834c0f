from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFormat(models.TextChoices):
    EXPERT_FORUM = "fachforum", _("Fachforum")
    PEER_LEARNING = "peer-learning", _("Peer-Learning-Treffen")
    WORKSHOP = "workshop", _("Workshop")
    ONLINE = "online-veranstaltung", _("Online-Veranstaltung")


class EventMode(models.TextChoices):
    IN_PERSON = "praesenz", _("In Präsenz")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", _("Findet statt")
    CANCELLED = "cancelled", _("Abgesagt")
    POSTPONED = "postponed", _("Verschoben")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Bestätigt")
    WAITLISTED = "waitlisted", _("Warteliste")
    PENDING = "pending", _("Wartet auf Freigabe")
    CANCELLED = "cancelled", _("Storniert")
    ATTENDED = "attended", _("Teilgenommen")


class ParticipationMode(models.TextChoices):
    IN_PERSON = "praesenz", _("Vor Ort")
    ONLINE = "online", _("Online")


# The status sets, defined once. Statuses that take one of the event's seats:
SEAT_STATUSES = frozenset(
    {RegistrationStatus.CONFIRMED, RegistrationStatus.PENDING, RegistrationStatus.ATTENDED}
)
# People who are in (confirmed, or came): they get the calendar file and the access details.
CONFIRMED_STATUSES = frozenset({RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED})
# Everyone still registered, in the order organisers see the groups.
ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.PENDING,
)
