"""Daily: remind the members of drafts whose round's case deadline is near (once per draft)."""

from django.core.management.base import BaseCommand

from peer_learning import services


class Command(BaseCommand):
    help = "Remind municipalities of case drafts shortly before the round's deadline."

    def handle(self, *args, **options):
        sent = services.send_deadline_reminders()
        self.stdout.write(f"Reminded {sent} draft(s).")
