"""Reads of the outbox."""

from django.db.models import Q
from django.utils import timezone

from .choices import EmailStatus
from .models import OutboundEmail, OutboundEmailQuerySet


def emails_for(obj) -> OutboundEmailQuerySet:
    """Every mail sent (or queued) about `obj`, newest first."""
    return OutboundEmail.objects.related_to(obj)


def claimable(*, now, claim_timeout) -> Q:
    """Rows a delivery attempt may take now: queued and due, or claimed by a process that
    stopped before it recorded the outcome (its claim is older than `claim_timeout`)."""
    due = Q(status=EmailStatus.QUEUED) & (
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    abandoned = Q(status=EmailStatus.SENDING, claimed_at__lt=now - claim_timeout)
    return (due | abandoned) & Q(anonymised_at__isnull=True)


def due_email_ids(*, claim_timeout, limit: int | None = None, now=None) -> list[int]:
    """Ids of the rows that are due for a delivery attempt, oldest first."""
    now = now or timezone.now()
    ids = (
        OutboundEmail.objects.filter(claimable(now=now, claim_timeout=claim_timeout))
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)
    )
    return list(ids if limit is None else ids[:limit])
