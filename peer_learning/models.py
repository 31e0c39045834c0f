"""The partner municipalities' peer learning: who belongs where, rounds, cases, peers.

A case belongs to a municipality, not to a person: members come and go, the case stays with
their municipality (`Membership`). Every read for a person goes through `selectors`, every
change of a state through `services` (the tables are in `transitions`).
"""

import uuid

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from .choices import (
    ActionStatus,
    AssignmentRole,
    AssignmentStatus,
    Attribution,
    CaseStatus,
    Confidentiality,
    Effort,
    FeedbackStatus,
    HelpWanted,
    IdeaKind,
    IdeaResponse,
    MembershipRole,
    Method,
    NoticeKind,
    NoticeMode,
    RoundFormat,
    RoundStatus,
)


def lines_of(text: str) -> list[str]:
    """The non-empty lines of a field that holds one item per line (recommendations)."""
    return [line.strip() for line in text.splitlines() if line.strip()]


class MembershipQuerySet(models.QuerySet):
    def active(self, today=None):
        today = today or timezone.localdate()
        return self.filter(active_from__lte=today).filter(
            models.Q(active_until__isnull=True) | models.Q(active_until__gte=today)
        )


class Membership(models.Model):
    """A person works for a municipality (from/until): what they see follows from this."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Person"),
    )
    municipality = models.ForeignKey(
        "home.Municipality",
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("Kommune"),
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    active_from = models.DateField(_("aktiv ab"), default=timezone.localdate)
    active_until = models.DateField(_("aktiv bis"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        ordering = ["municipality", "user__last_name", "user__email"]

    def __str__(self):
        return f"{self.user} – {self.municipality}"


class PeerLearningRound(models.Model):
    title = models.CharField(_("Titel"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    format = models.CharField(
        _("Format"), max_length=20, choices=RoundFormat.choices, default=RoundFormat.LIVE
    )
    event = models.ForeignKey(
        "events.EventPage",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Veranstaltung"),
    )
    case_deadline = models.DateField(_("Fälle einreichen bis"))
    clarification_until = models.DateField(_("Rückfragen bis"), null=True, blank=True)
    feedback_due = models.DateField(_("Beratungsbeiträge bis"), null=True, blank=True)
    session_date = models.DateField(_("Sitzung am"), null=True, blank=True)
    municipalities = models.ManyToManyField(
        "home.Municipality", related_name="peer_learning_rounds", verbose_name=_("Kommunen")
    )
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="facilitated_rounds",
        verbose_name=_("Fachbegleitung"),
        blank=True,
    )
    attribution = models.CharField(
        _("Beratungsbeiträge erscheinen"),
        max_length=20,
        choices=Attribution.choices,
        default=Attribution.BY_MUNICIPALITY,
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=RoundStatus.choices, default=RoundStatus.PLANNED
    )

    class Meta:
        verbose_name = _("Peer-Learning-Runde")
        verbose_name_plural = _("Peer-Learning-Runden")
        ordering = ["-case_deadline"]
        permissions = [
            ("facilitate", _("Runden als Fachbegleitung betreuen (nur die eigenen)")),
            ("view_all_rounds", _("Alle Runden und Fälle sehen (ism)")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=RoundStatus.values), name="round_status_known"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def takes_cases(self) -> bool:
        return self.status == RoundStatus.OPEN and self.case_deadline >= timezone.localdate()


class Case(models.Model):
    """A problem statement („Fall“) a municipality brings to a round for advice."""

    municipality = models.ForeignKey(
        "home.Municipality",
        on_delete=models.PROTECT,
        related_name="cases",
        verbose_name=_("Kommune"),
    )
    round = models.ForeignKey(
        PeerLearningRound,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("Runde"),
    )
    status = models.CharField(
        _("Status"), max_length=30, choices=CaseStatus.choices, default=CaseStatus.DRAFT
    )
    title = models.CharField(_("Titel"), max_length=200)
    summary = models.TextField(_("Kurzbeschreibung"), max_length=1000, blank=True)
    focus_area = models.ForeignKey(
        "home.FocusArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Gestaltungsbereich"),
    )
    situation = models.TextField(_("Was passiert?"), blank=True)
    actors = models.TextField(_("Beteiligte und ihre Interessen"), blank=True)
    tried = models.TextField(_("Was wurde schon versucht, mit welcher Wirkung?"), blank=True)
    key_question = models.TextField(_("Schlüsselfrage"), max_length=1000, blank=True)
    help_wanted = models.JSONField(_("Gewünschte Unterstützung"), default=list, blank=True)
    method = models.CharField(
        _("Bevorzugte Methode"), max_length=30, choices=Method.choices, blank=True
    )
    constraints_text = models.TextField(_("Rahmenbedingungen"), blank=True)
    success_criteria = models.TextField(_("Woran würden Sie Erfolg erkennen?"), blank=True)
    confidentiality = models.CharField(
        _("Vertraulichkeit"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.GROUP,
    )
    no_personal_data_confirmed = models.BooleanField(
        _("Enthält keine personenbezogenen Daten von Klient*innen"), default=False
    )
    publication_consent = models.BooleanField(
        _("Einverständnis mit späterer anonymisierter Veröffentlichung"), default=False
    )
    redacted_version = models.TextField(
        _("Gekürzte Fassung für Peers"),
        blank=True,
        help_text=_("Bei vertraulichen Fällen sehen Peers nur diesen Text der Fachbegleitung."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    released_at = models.DateTimeField(_("freigegeben am"), null=True, blank=True)
    closing_statement = models.TextField(_("Abschließende Stellungnahme"), blank=True)
    follow_up_due = models.DateField(_("Nachverfolgung fällig am"), null=True, blank=True)
    follow_up_note = models.TextField(_("Stand nach einigen Monaten"), blank=True)
    follow_up_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    deadline_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Fall")
        verbose_name_plural = _("Fälle")
        ordering = ["-updated_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=CaseStatus.values), name="case_status_known"
            ),
            models.CheckConstraint(
                condition=models.Q(confidentiality__in=Confidentiality.values),
                name="case_confidentiality_known",
            ),
        ]

    def __str__(self):
        return self.title

    # The fields a revision keeps and the portal's form edits, in the order of the form.
    CONTENT_FIELDS = (
        "title",
        "summary",
        "focus_area_id",
        "situation",
        "actors",
        "tried",
        "key_question",
        "help_wanted",
        "method",
        "constraints_text",
        "success_criteria",
        "confidentiality",
        "no_personal_data_confirmed",
        "publication_consent",
        "round_id",
    )

    def content(self) -> dict:
        return {name: getattr(self, name) for name in self.CONTENT_FIELDS}

    @property
    def help_wanted_labels(self) -> list[str]:
        labels = dict(HelpWanted.choices)
        return [str(labels[key]) for key in self.help_wanted if key in labels]


class CaseRevision(models.Model):
    """The case as it was submitted: each (re)submission keeps the version it sent."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("Fall")
    )
    number = models.PositiveSmallIntegerField(_("Fassung"))
    content = models.JSONField(_("Inhalt"))
    created_at = models.DateTimeField(_("eingereicht am"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("eingereicht von"),
    )

    class Meta:
        verbose_name = _("Fassung eines Falls")
        verbose_name_plural = _("Fassungen von Fällen")
        ordering = ["case", "number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="one_revision_number_per_case")
        ]

    def __str__(self):
        return f"{self.case} ({self.number})"


def _private_storage():
    return storages["private"]


def _attachment_path(instance, filename):
    # A random name: the original name is kept in the row, never in a guessable path.
    return f"cases/{uuid.uuid4().hex}"


class PrivateFile(models.Model):
    """A file kept in the private storage and served only through a permission-checked view
    (case files, files with a contribution)."""

    file = models.FileField(_("Datei"), upload_to=_attachment_path, storage=_private_storage)
    original_name = models.CharField(_("Dateiname"), max_length=255)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveIntegerField(_("Größe (Bytes)"))

    class Meta:
        abstract = True

    def __str__(self):
        return self.original_name

    @property
    def extension(self) -> str:
        return self.original_name.rsplit(".", 1)[-1].lower() if "." in self.original_name else ""


class CaseAttachment(PrivateFile):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("Fall")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("hochgeladen von"),
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Anhang")
        verbose_name_plural = _("Anhänge")
        ordering = ["uploaded_at"]


class PeerAssignment(models.Model):
    """A person from another municipality asked to advise on a case (or to moderate it, or to
    keep the minutes)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("Fall")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="peer_assignments",
        verbose_name=_("Person"),
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=AssignmentRole.choices, default=AssignmentRole.PEER
    )
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.INVITED,
    )
    due_date = models.DateField(_("fällig am"), null=True, blank=True)
    decline_reason = models.TextField(_("Grund der Absage"), blank=True)
    invited_at = models.DateTimeField(_("eingeladen am"), auto_now_add=True)
    feedback_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    responded_at = models.DateTimeField(_("geantwortet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Zuordnung")
        verbose_name_plural = _("Zuordnungen")
        ordering = ["case", "invited_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "user"], name="one_assignment_per_person"),
            models.CheckConstraint(
                condition=models.Q(status__in=AssignmentStatus.values),
                name="assignment_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.case}"


class Concept(models.Model):
    """An implemented concept („umgesetztes Konzept“) a municipality shows the network: what
    it put in place, how, and what others should know."""

    municipality = models.ForeignKey(
        "home.Municipality",
        on_delete=models.PROTECT,
        related_name="concepts",
        verbose_name=_("Kommune"),
    )
    title = models.CharField(_("Titel"), max_length=200)
    focus_area = models.ForeignKey(
        "home.FocusArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Gestaltungsbereich"),
    )
    what_and_why = models.TextField(_("Was und warum"))
    how = models.TextField(_("Wie es umgesetzt wurde"), blank=True)
    results = models.TextField(_("Ergebnisse bisher"), blank=True)
    advice = models.TextField(_("Was andere wissen sollten"), blank=True)
    contact = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    publication_consent = models.BooleanField(
        _("Einverständnis, das Konzept im Netzwerk der Partnerkommunen zu zeigen"), default=False
    )
    published_at = models.DateTimeField(_("im Netzwerk seit"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("angelegt von"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    relevant_for = models.ManyToManyField(
        "home.Municipality",
        related_name="relevant_concepts",
        blank=True,
        verbose_name=_("relevant für"),
    )

    class Meta:
        verbose_name = _("Umgesetztes Konzept")
        verbose_name_plural = _("Umgesetzte Konzepte")
        ordering = ["-published_at", "-created_at"]

    def __str__(self):
        return self.title


class ConceptQuestion(models.Model):
    concept = models.ForeignKey(
        Concept, on_delete=models.CASCADE, related_name="questions", verbose_name=_("Konzept")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gefragt von"),
    )
    municipality = models.ForeignKey(
        "home.Municipality",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    text = models.TextField(_("Frage"), max_length=2000)
    created_at = models.DateTimeField(_("gefragt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Frage zu einem Konzept")
        verbose_name_plural = _("Fragen zu Konzepten")
        ordering = ["created_at"]

    def __str__(self):
        return self.text[:60]


class Feedback(models.Model):
    """A peer's advice on a case („Beratungsbeitrag“): structured as the method asks, one per
    peer and case, a draft until it is handed in."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("Fall")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("von"),
    )
    # The author's municipality when they gave it (for attribution by municipality).
    municipality = models.ForeignKey(
        "home.Municipality",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("Kommune"),
    )
    status = models.CharField(
        _("Status"), max_length=20, choices=FeedbackStatus.choices, default=FeedbackStatus.DRAFT
    )
    strengths = models.TextField(_("Was schon gut läuft"), blank=True)
    questions = models.TextField(_("Ich frage mich, ob …"), blank=True)
    experience = models.TextField(_("Eigene Erfahrungen, Materialien, Kontaktangebot"), blank=True)
    transferability = models.TextField(_("Was ist bei uns anders?"), blank=True)
    method_section = models.TextField(_("Beitrag zur Methode"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("in der Sitzung erfasst von"),
    )
    submitted_at = models.DateTimeField(_("abgegeben am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Beratungsbeitrag")
        verbose_name_plural = _("Beratungsbeiträge")
        ordering = ["case", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["case", "author"], name="one_feedback_per_peer"),
            models.CheckConstraint(
                condition=models.Q(status__in=FeedbackStatus.values), name="feedback_status_known"
            ),
        ]

    def __str__(self):
        return f"{self.case} – {self.pk}"


class Idea(models.Model):
    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="ideas", verbose_name=_("Beitrag")
    )
    text = models.TextField(_("Idee"))
    kind = models.CharField(
        _("Art"), max_length=20, choices=IdeaKind.choices, default=IdeaKind.OTHER
    )
    effort = models.CharField(
        _("Aufwand"), max_length=10, choices=Effort.choices, default=Effort.MEDIUM
    )
    how_we_do_it = models.TextField(_("So machen wir es bei uns"), blank=True)
    response = models.CharField(
        _("Antwort der Kommune"), max_length=20, choices=IdeaResponse.choices, blank=True
    )
    response_note = models.TextField(_("Anmerkung der Kommune"), blank=True)

    class Meta:
        verbose_name = _("Idee")
        verbose_name_plural = _("Ideen")
        ordering = ["feedback", "pk"]

    def __str__(self):
        return self.text[:60]


class Synthesis(models.Model):
    """The facilitator's summary of the advice, released with the feedback."""

    case = models.OneToOneField(
        Case, on_delete=models.CASCADE, related_name="synthesis", verbose_name=_("Fall")
    )
    insights = models.TextField(_("Zentrale Erkenntnisse"))
    recommendations = models.TextField(
        _("Empfehlungen"), help_text=_("Drei bis fünf Empfehlungen, eine pro Zeile.")
    )
    open_questions = models.TextField(_("Offene Fragen"), blank=True)
    contacts = models.TextField(_("Kontakte"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("verfasst von"),
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Synthese")
        verbose_name_plural = _("Synthesen")

    def __str__(self):
        return str(self.case)

    @property
    def recommendation_list(self) -> list[str]:
        return lines_of(self.recommendations)


class ActionItem(models.Model):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("Fall")
    )
    what = models.CharField(_("Was"), max_length=300)
    responsible_role = models.CharField(_("Wer (Rolle)"), max_length=150)
    due_date = models.DateField(_("bis"), null=True, blank=True)
    status = models.CharField(
        _("Stand"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    updated_at = models.DateTimeField(_("geändert am"), auto_now=True)

    class Meta:
        verbose_name = _("Maßnahme")
        verbose_name_plural = _("Maßnahmen")
        ordering = ["case", "due_date", "pk"]

    def __str__(self):
        return self.what


class ClarifyingQuestion(models.Model):
    """A short question a peer asks before advising; the case's municipality answers. The
    consultation group sees both."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="clarifying_questions", verbose_name=_("Fall")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("gefragt von"),
    )
    text = models.TextField(_("Rückfrage"), max_length=1000)
    answer = models.TextField(_("Antwort"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beantwortet von"),
    )
    created_at = models.DateTimeField(_("gefragt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Rückfrage")
        verbose_name_plural = _("Rückfragen")
        ordering = ["case", "pk"]

    def __str__(self):
        return self.text[:60]


# --- Praxiswissen: what the network learnt, for the public --------------------------------


class PraxiswissenIndexPage(Page):
    """„Praxiswissen“: anonymised summaries of closed cases and shared concepts."""

    intro = models.TextField(_("Einleitung"), blank=True, max_length=600)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["peer_learning.PraxiswissenPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Praxiswissen (Übersicht)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["entries"] = (
            PraxiswissenPage.objects.live()
            .public()
            .child_of(self)
            .select_related("focus_area")
            .order_by("-first_published_at")
        )
        return context


class PraxiswissenPage(Page):
    """One lesson for the network, written by a facilitator from a closed case or a shared
    concept whose owner consented, and reviewed before it is published: no names, and no
    municipality unless it agreed to be named."""

    teaser = models.TextField(_("Anreißer"), max_length=500)
    focus_area = models.ForeignKey(
        "home.FocusArea",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Gestaltungsbereich"),
    )
    starting_point = models.TextField(_("Ausgangslage"))
    insights = models.TextField(_("Was die Beratung gezeigt hat"), blank=True)
    recommendations = models.TextField(
        _("Empfehlungen"), blank=True, help_text=_("Eine Empfehlung pro Zeile.")
    )
    # Where it came from: for the facilitators, never shown on the page.
    source_case = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    source_concept = models.ForeignKey(
        Concept, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("teaser"),
        FieldPanel("focus_area"),
        FieldPanel("starting_point"),
        FieldPanel("insights"),
        FieldPanel("recommendations"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("teaser"),
        index.SearchField("starting_point"),
        index.SearchField("insights"),
    ]
    parent_page_types = ["peer_learning.PraxiswissenIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Praxiswissen")
        verbose_name_plural = _("Praxiswissen")

    @property
    def recommendation_list(self) -> list[str]:
        return lines_of(self.recommendations)


class NoticePreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preferences"
    )
    kind = models.CharField(max_length=20, choices=NoticeKind.choices)
    mode = models.CharField(max_length=20, choices=NoticeMode.choices, default=NoticeMode.IMMEDIATE)

    class Meta:
        verbose_name = _("Benachrichtigungseinstellung")
        verbose_name_plural = _("Benachrichtigungseinstellungen")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")
        ]

    def __str__(self):
        return f"{self.user} – {self.kind}: {self.mode}"


class PendingNotice(models.Model):
    """A notice waiting for the person's daily digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pending_notices"
    )
    subject = models.CharField(max_length=300)
    url = models.URLField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "created_at"]

    def __str__(self):
        return self.subject


class FeedbackAttachment(PrivateFile):
    """A file a peer adds to the advice (a template, a concept paper). Served under a neutral
    name, so that in an anonymous round the file name cannot tell who wrote it."""

    feedback = models.ForeignKey(
        Feedback, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("Beitrag")
    )

    class Meta:
        verbose_name = _("Anhang eines Beitrags")
        verbose_name_plural = _("Anhänge von Beiträgen")
        ordering = ["feedback", "pk"]
