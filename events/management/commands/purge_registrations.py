"""Anonymise registrations a configurable time after their event. Run it daily.

Keeps what statistics need (event, status, municipality, participation mode, dates) and removes
what identifies a person: name, e-mail address, organisation, role, needs, the comments in the
audit trail and the e-mails sent to them. A second run finds nothing more to do.
"""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from events.models import Registration, RegistrationLogEntry
from home.models import OutboundEmail


def anonymise_registrations(*, days: int, now=None) -> int:
    """Anonymise the registrations of events that ended more than `days` days ago.

    Returns how many registrations were anonymised; rows anonymised before are left alone.
    """
    now = now or timezone.now()
    with transaction.atomic():
        expired = Registration.objects.filter(
            anonymised_at__isnull=True, event__end__lt=now - timedelta(days=days)
        )
        pks = list(expired.select_for_update(of=("self",)).values_list("pk", flat=True))
        if not pks:
            return 0
        Registration.objects.filter(pk__in=pks).update(
            name="",
            # Unique per row and never deliverable (.invalid is reserved, RFC 2606).
            email=Concat(
                Value("anonymisiert-"),
                Cast(F("pk"), output_field=Registration._meta.get_field("email")),
                Value("@anonymisiert.invalid"),
            ),
            organisation="",
            role="",
            accessibility_needs="",
            dietary_needs="",
            participant_list_consent=False,
            email_unreachable=False,
            anonymised_at=now,
            updated_at=now,
        )
        RegistrationLogEntry.objects.filter(registration__in=pks).exclude(comment="").update(
            comment=""
        )
        OutboundEmail.objects.filter(
            related_object__in=[f"events.registration:{pk}" for pk in pks]
        ).delete()
    return len(pks)


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
