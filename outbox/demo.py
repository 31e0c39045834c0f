"""The outbox's part of the demo site: organisers may read the outbox and send again.

A demo module (see `home.demo.builder`); it knows the demo groups only by their keys.
"""

import logging
from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.base import BaseEmailBackend

from . import delivery


class RefusingBackend(BaseEmailBackend):
    """A mail server that does not know the recipient: every send fails."""

    def send_messages(self, email_messages):
        recipients = [address for message in email_messages for address in message.to]
        raise SMTPRecipientsRefused(
            dict.fromkeys(recipients, (550, b"5.1.1 Postfach unbekannt (Demo)"))
        )


def fail_for_good(email_id: int) -> delivery.Outcome:
    """Replay every delivery attempt of a row against a refusing server, each at its scheduled
    time, until the outbox gives up: a failed mail for the demo's "Erneut senden"."""
    logger = logging.getLogger(delivery.__name__)
    level = logger.level
    logger.setLevel(logging.ERROR)  # the refusals are the point here, not news for the console
    try:
        outcome = delivery.deliver(email_id, connection=RefusingBackend())
        while outcome.status == "retry":
            outcome = delivery.deliver(email_id, connection=RefusingBackend(), now=outcome.retry_at)
    finally:
        logger.setLevel(level)
    return outcome


def grant_outbox_permissions(ctx) -> None:
    group = ctx.groups["organisers"]
    group.permissions.add(
        *group.permissions.model.objects.filter(
            content_type__app_label="outbox",
            codename__in=["view_outboundemail", "resend_outboundemail"],
        )
    )


STEPS = {"setup": [grant_outbox_permissions]}
