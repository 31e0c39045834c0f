"""Remind confirmed registrants a few days before their event. Run it daily (cron, timer).

Never sends a reminder twice, even when two runs overlap: see
`events.notifications.send_due_reminders`.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.notifications import send_due_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminder e-mail for confirmed registrations of events that start within "
        "REGISTRATION_REMINDER_DAYS days (once per registration)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Remind for events starting within this many days "
            "(default: settings.REGISTRATION_REMINDER_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.REGISTRATION_REMINDER_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must not be negative.")
        count = send_due_reminders(days=days)
        self.stdout.write(f"Reminders queued: {count}")
