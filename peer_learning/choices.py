from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MembershipRole(models.TextChoices):
    MEMBER = "member", _("Mitglied")
    COORDINATOR = "coordinator", _("Koordination")


class RoundFormat(models.TextChoices):
    LIVE = "live", _("Live-Sitzung")
    WRITTEN = "written", _("schriftlich")
    HYBRID = "hybrid", _("hybrid")


class Attribution(models.TextChoices):
    BY_NAME = "name", _("mit Namen")
    BY_MUNICIPALITY = "municipality", _("nur mit der Kommune")
    ANONYMOUS = "anonymous", _("anonym")


class RoundStatus(models.TextChoices):
    PLANNED = "planned", _("geplant")
    OPEN = "open", _("offen für Fälle")
    RUNNING = "running", _("läuft")
    FINISHED = "finished", _("abgeschlossen")


class CaseStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("eingereicht")
    CHANGES_REQUESTED = "changes_requested", _("Überarbeitung erbeten")
    RESUBMITTED = "resubmitted", _("erneut eingereicht")
    ACCEPTED = "accepted", _("in die Runde aufgenommen")
    IN_CONSULTATION = "in_consultation", _("in Beratung")
    FEEDBACK_RELEASED = "feedback_released", _("Beratung freigegeben")
    CLOSED = "closed", _("abgeschlossen")
    FOLLOW_UP = "follow_up", _("Nachverfolgung erfasst")
    WITHDRAWN = "withdrawn", _("zurückgezogen")
    DECLINED = "declined", _("zurückgestellt")


class Confidentiality(models.TextChoices):
    NETWORK = "network", _("Netzwerk: alle Partnerkommunen")
    GROUP = "group", _("Beratungsgruppe: eigene Kommune, zugeordnete Peers, Fachbegleitung")
    CONFIDENTIAL = (
        "confidential",
        _("Vertraulich: eigene Kommune und Fachbegleitung; Peers erhalten eine gekürzte Fassung"),
    )
    INTERNAL = "internal", _("Intern: nur eigene Kommune und ism")


class HelpWanted(models.TextChoices):
    IDEAS = "ideas", _("Ideen")
    EXPERIENCES = "experiences", _("Erfahrungen anderer Kommunen")
    MATERIALS = "materials", _("Materialien")
    CONTACTS = "contacts", _("Kontakte")
    ASSESSMENT = "assessment", _("Einschätzung")
    ACTION_PLAN = "action_plan", _("Handlungsplan")


class Method(models.TextChoices):
    BRAINSTORMING = "brainstorming", _("Brainstorming")
    HEADSTAND = "headstand", _("Kopfstand")
    RESONANCE = "resonance", _("Resonanzrunde")
    HYPOTHESES = "hypotheses", _("Hypothesen")
    ADVICE = "advice", _("Gute Ratschläge")
    EXPERIENCE_REPORTS = "experience_reports", _("Erfahrungsberichte")


class AssignmentRole(models.TextChoices):
    PEER = "peer", _("beratender Peer")
    MODERATION = "moderation", _("Moderation")
    # Not the admin's „Protokoll“ (log): the person who keeps the minutes.
    MINUTES = "minutes", pgettext_lazy("Rolle in der Beratung", "Protokoll")


class AssignmentStatus(models.TextChoices):
    INVITED = "invited", _("eingeladen")
    ACCEPTED = "accepted", _("zugesagt")
    DECLINED = "declined", _("abgesagt")
    DONE = "done", _("erledigt")


class FeedbackStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("abgegeben")


class IdeaKind(models.TextChoices):
    QUICK_WIN = "quick_win", _("schnell umsetzbar")
    STRUCTURE = "structure", _("Struktur und Abläufe")
    COOPERATION = "cooperation", _("Zusammenarbeit")
    COMMUNICATION = "communication", _("Kommunikation")
    OTHER = "other", _("Sonstiges")


class Effort(models.TextChoices):
    LOW = "low", _("gering")
    MEDIUM = "medium", _("mittel")
    HIGH = "high", _("hoch")


class IdeaResponse(models.TextChoices):
    TAKE_UP = "take_up", _("greifen wir auf")
    CHECK = "check", _("prüfen wir")
    DOES_NOT_FIT = "does_not_fit", _("passt bei uns nicht")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("offen")
    IN_PROGRESS = "in_progress", _("in Arbeit")
    DONE = "done", _("erledigt")
    DROPPED = "dropped", _("verworfen")


class NoticeKind(models.TextChoices):
    """Kinds of portal mail a person may get at once or collected in a daily digest."""

    CASES = "cases", _("Neuigkeiten zu Fällen (eingereicht, aufgenommen, freigegeben …)")
    CONSULTATION = "consultation", _("Beratung (Rückfragen, Zu- und Absagen, alle Beiträge da)")
    REMINDERS = "reminders", _("Erinnerungen an Fristen")


class NoticeMode(models.TextChoices):
    IMMEDIATE = "immediate", _("sofort, eine E-Mail je Nachricht")
    DIGEST = "digest", _("einmal täglich gesammelt")
