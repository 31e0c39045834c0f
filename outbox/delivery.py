"""Handing one outbox row to the e-mail provider: claim it, commit, send, record the outcome.

No transaction and no row lock is held while the provider is called (an API call can take
seconds or time out): the row is claimed in a short transaction (status "sending"), sent
outside any transaction, and the outcome is written in another short one. Two workers
never send the same row: the claim takes the row with SKIP LOCKED and only from a sendable
status. A process that dies between claim and outcome leaves the row "sending"; after
`CLAIM_TIMEOUT` another attempt may take it (then, and only then, a mail can go out twice:
better than losing it).
"""

import base64
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from .choices import EmailStatus
from .models import OutboundEmail
from .selectors import claimable

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF = timedelta(minutes=2)  # 2, 4, 8, 16, 32 minutes
CLAIM_TIMEOUT = timedelta(minutes=15)


def retry_delay(attempts: int) -> timedelta:
    return BACKOFF * (2 ** (attempts - 1))


@dataclass(frozen=True)
class Outcome:
    """`status`: "sent", "retry" (a later attempt is scheduled at `retry_at`), "failed" (the
    last attempt failed) or "skipped" (not due, already sent, or taken by another process)."""

    status: str
    retry_at: datetime | None = None


def claim(email_id: int, *, now=None) -> OutboundEmail | None:
    """Take the row for one delivery attempt, or None when it is not ours to send now."""
    now = now or timezone.now()
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(claimable(now=now, claim_timeout=CLAIM_TIMEOUT), pk=email_id)
            .first()
        )
        if email is None:
            return None
        email.status = EmailStatus.SENDING
        email.claimed_at = now
        email.attempts += 1
        email.save(update_fields=["status", "claimed_at", "attempts", "updated_at"])
    return email


def build_message(email: OutboundEmail, *, connection=None) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[email.recipient],
        connection=connection,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    for attachment in email.attachments:
        message.attach(
            attachment["filename"],
            base64.b64decode(attachment["content"]),
            attachment["mimetype"],
        )
    return message


def _ours(email: OutboundEmail):
    # The outcome is written only while our claim still stands: a process that took the row
    # over after CLAIM_TIMEOUT owns it now.
    return OutboundEmail.objects.filter(
        pk=email.pk, status=EmailStatus.SENDING, claimed_at=email.claimed_at
    )


def deliver(email_id: int, *, connection=None, now=None) -> Outcome:
    """One delivery attempt of one row (see the module docstring for the guarantees).

    `connection`: an e-mail backend instead of the configured one; `now`: the time the
    attempt counts as made at (the demo replays a series of failed attempts with it).
    """
    email = claim(email_id, now=now)
    if email is None:
        return Outcome("skipped")
    message = build_message(email, connection=connection)
    try:
        message.send()
    except Exception as error:  # any provider failure means "try later"
        logger.warning("Sending e-mail %s failed: %s", email.pk, error)
        return _record_failure(email, f"{type(error).__name__}: {error}", now=now)
    # anymail's message id, if the backend is an anymail one; not always a str (its test
    # backend counts), and webhooks find the row by it as a str.
    message_id = getattr(getattr(message, "anymail_status", None), "message_id", None)
    _ours(email).update(
        status=EmailStatus.SENT,
        sent_at=timezone.now(),
        provider_message_id="" if message_id is None else str(message_id)[:200],
        next_attempt_at=None,
        claimed_at=None,
        last_error="",
        updated_at=timezone.now(),
    )
    return Outcome("sent")


def _record_failure(email: OutboundEmail, error: str, *, now=None) -> Outcome:
    now = now or timezone.now()
    if email.attempts >= MAX_ATTEMPTS:
        outcome = Outcome("failed")
        status = EmailStatus.FAILED
    else:
        outcome = Outcome("retry", retry_at=now + retry_delay(email.attempts))
        status = EmailStatus.QUEUED
    _ours(email).update(
        status=status,
        next_attempt_at=outcome.retry_at,
        claimed_at=None,
        last_error=error[:2000],
        updated_at=now,
    )
    return outcome
