"""Send outbox rows that are due: the cron fallback for the e-mail task.

Every e-mail is normally sent by the `outbox.tasks.deliver_email` task, queued when the outbox
row is committed, and retried by the task backend with back-off. Run this command every few
minutes (cron, systemd timer)

- where no task worker runs, so that queued mails still go out,
- where the task backend cannot defer a task (`supports_defer` is false, e.g. the immediate
  backend), so that failed mails are retried once their `next_attempt_at` has come, and
- to pick up a mail whose sending process died before it recorded the outcome.

It is safe next to a worker: every attempt claims its row first (see `outbox.delivery`), so a
mail is never sent twice.
"""

from collections import Counter

from django.core.management.base import BaseCommand

from outbox import delivery, selectors


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
        results = Counter()
        for pk in selectors.due_email_ids(claim_timeout=delivery.CLAIM_TIMEOUT, limit=limit):
            outcome = delivery.deliver(pk)
            results["retry" if outcome.status == "failed" else outcome.status] += 1
        self.stdout.write(
            "E-mails sent: {sent}, not sent: {retry}, skipped: {skipped}".format(
                sent=results["sent"], retry=results["retry"], skipped=results["skipped"]
            )
        )
