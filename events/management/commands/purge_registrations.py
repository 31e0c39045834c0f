"""Anonymise registrations a configurable time after their event. Run it daily.

Keeps what statistics need (event, status, municipality, participation mode, dates) and removes
what identifies a person: name, e-mail address, organisation, role, needs, the comments in the
audit trail and the e-mails sent to them. A second run finds nothing more to do.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from events.services import anonymise_registrations


class Command(BaseCommand):
    help = (
        "Anonymise registrations of events that ended more than REGISTRATION_RETENTION_DAYS "
        "days ago and delete the e-mails sent to them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help="Keep registrations this many days after the event "
            "(default: settings.REGISTRATION_RETENTION_DAYS).",
        )

    def handle(self, *args, days=None, **options):
        days = settings.REGISTRATION_RETENTION_DAYS if days is None else days
        if days < 0:
            raise CommandError("--days must not be negative.")
        count = anonymise_registrations(days=days)
        self.stdout.write(f"Registrations anonymised: {count}")
