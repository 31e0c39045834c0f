"""Send outbox rows that are queued and due: the cron fallback for the e-mail task.

Every e-mail is normally sent by the `home.tasks.deliver_email` task, queued when the outbox
row is committed, and retried by the task backend with back-off. Run this command every few
minutes (cron, systemd timer)

- where no task worker runs, so that queued mails still go out, and
- where the task backend cannot defer a task (`supports_defer` is false, e.g. the immediate
  backend), so that failed mails are retried once their `next_attempt_at` has come.

It is safe next to a worker: the task locks the row and sends only rows still queued, so a
mail is never sent twice.
"""

from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone

from home.choices import EmailStatus
from home.models import OutboundEmail
from home.tasks import deliver_email


class Command(BaseCommand):
    help = (
        "Send queued outbox e-mails that are due (next attempt unset or in the past); "
        "the cron fallback where no task worker runs or the task backend cannot defer retries."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--limit",
            type=int,
            default=None,
            help="Send at most this many e-mails in this run (oldest first).",
        )

    def handle(self, *args, limit=None, **options):
        due = (
            OutboundEmail.objects.filter(status=EmailStatus.QUEUED)
            .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()))
            .order_by("created_at", "pk")
            .values_list("pk", flat=True)
        )
        if limit is not None:
            due = due[:limit]
        results = {"sent": 0, "retry": 0, "skipped": 0}
        for pk in list(due):
            outcome = deliver_email.call(pk)
            if outcome == "not due":  # a worker tried it in the meantime
                outcome = "skipped"
            results[outcome] = results.get(outcome, 0) + 1
        self.stdout.write(
            "E-mails sent: {sent}, not sent: {retry}, skipped: {skipped}".format(**results)
        )
