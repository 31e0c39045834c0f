import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone
from django_tasks import default_task_backend, task

from .choices import EmailStatus
from .models import OutboundEmail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF = timedelta(minutes=2)  # 2, 4, 8, 16, 32 minutes


def retry_delay(attempts: int) -> timedelta:
    return BACKOFF * (2 ** (attempts - 1))


@task()
def deliver_email(email_id: int) -> str:
    """Send one outbox row through the configured backend (anymail in production).

    The row is locked while sending, so two workers never send the same message twice. On a
    provider error the row stays queued with the error and a later attempt is scheduled.
    """
    with transaction.atomic():
        email = OutboundEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status != EmailStatus.QUEUED:
            return "skipped"
        if email.next_attempt_at and email.next_attempt_at > timezone.now():
            # Someone else (send_queued_emails, another task) already tried and scheduled the
            # next attempt; trying now would skip the back-off.
            return "not due"
        email.attempts += 1
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.body_text,
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[email.recipient],
        )
        if email.body_html:
            message.attach_alternative(email.body_html, "text/html")
        for attachment in email.attachments:
            message.attach(
                attachment["filename"],
                base64.b64decode(attachment["content"]),
                attachment["mimetype"],
            )
        try:
            message.send()
        except Exception as error:  # any provider failure means "try later"
            logger.warning("Sending e-mail %s failed: %s", email.pk, error)
            email.last_error = f"{type(error).__name__}: {error}"[:2000]
            if email.attempts >= MAX_ATTEMPTS:
                email.status = EmailStatus.FAILED
                email.next_attempt_at = None
            else:
                email.next_attempt_at = timezone.now() + retry_delay(email.attempts)
            email.save()
            scheduled = email.status == EmailStatus.QUEUED
        else:
            # anymail's message id, if the backend is an anymail one; not always a str
            # (its test backend counts), and webhooks find the row by it as a str.
            message_id = getattr(getattr(message, "anymail_status", None), "message_id", None)
            email.provider_message_id = "" if message_id is None else str(message_id)[:200]
            email.status = EmailStatus.SENT
            email.sent_at = timezone.now()
            email.next_attempt_at = None
            email.last_error = ""
            email.save()
            return "sent"
    if scheduled and default_task_backend.supports_defer:
        from .emails import queue_delivery

        queue_delivery(email.pk, run_after=email.next_attempt_at)
    return "retry"
