from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import RESENDABLE_STATUSES, EmailStatus


class OutboundEmailQuerySet(models.QuerySet):
    def related_to(self, obj) -> "OutboundEmailQuerySet":
        """The rows whose `related_object` is `obj`."""
        return self.filter(
            related_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            related_id=obj.pk,
        )

    def related_to_any(self, model, pks) -> "OutboundEmailQuerySet":
        """The rows related to any of `pks` of `model` (one query, however many)."""
        return self.filter(
            related_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            related_id__in=list(pks),
        )


class OutboundEmail(models.Model):
    """One row per e-mail the site sends: rendered when queued, sent by a background task.

    A provider outage therefore never loses a message: the row stays and is retried. The row
    names what it was sent about (`related_object`, e.g. a registration), so delivery reports
    and retention reach that object without knowing its app.
    """

    recipient = models.EmailField(_("Empfänger*in"))
    template = models.CharField(_("Vorlage"), max_length=100, db_index=True)
    language = models.CharField(_("Sprache"), max_length=10)
    subject = models.CharField(_("Betreff"), max_length=300)
    body_text = models.TextField(_("Text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("Anhänge"), default=list, blank=True)
    status = models.CharField(
        _("Status"),
        max_length=20,
        choices=EmailStatus.choices,
        default=EmailStatus.QUEUED,
        db_index=True,
    )
    provider_message_id = models.CharField(
        _("Nachrichten-ID des Anbieters"), max_length=200, blank=True, db_index=True
    )
    attempts = models.PositiveSmallIntegerField(_("Versuche"), default=0)
    next_attempt_at = models.DateTimeField(_("Nächster Versuch"), null=True, blank=True)
    claimed_at = models.DateTimeField(
        _("Versand begonnen am"),
        null=True,
        blank=True,
        help_text=_("Wann ein Prozess die Nachricht zum Senden übernommen hat."),
    )
    last_error = models.TextField(_("Letzter Fehler"), blank=True)
    related_type = models.ForeignKey(
        ContentType,
        verbose_name=_("Bezug (Art)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    related_id = models.PositiveBigIntegerField(_("Bezug (ID)"), null=True, blank=True)
    related_object = GenericForeignKey("related_type", "related_id")
    created_at = models.DateTimeField(_("Erstellt am"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("Versendet am"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    anonymised_at = models.DateTimeField(_("Anonymisiert am"), null=True, blank=True)

    objects = OutboundEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("E-Mail")
        verbose_name_plural = _("Postausgang")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["related_type", "related_id"], name="outbox_related_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=EmailStatus.values),
                name="outbox_status_known",
            ),
        ]
        permissions = [
            ("resend_outboundemail", _("Kann fehlgeschlagene E-Mails erneut senden")),
        ]

    def __str__(self):
        return f"{self.subject} → {self.recipient}"

    @property
    def can_be_resent(self) -> bool:
        return self.status in RESENDABLE_STATUSES and self.anonymised_at is None
