"""Writes for events."""

import contextlib
import hashlib
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale, ModelLogEntry

from home.models import OutboundEmail

from .choices import EventStatus, RegistrationStatus
from .models import CalendarState, EventPage, Registration, RegistrationLogEntry

# What calendar clients must be told about: a change to any of these raises SEQUENCE. Only
# fields that are the same in every translation count (the venue name is translated), since
# one SEQUENCE serves all languages.
CALENDAR_RELEVANT_FIELDS = (
    "start",
    "end",
    "all_day",
    "street",
    "postal_code",
    "city",
    "mode",
    "status",
)


def _comparable(value) -> str:
    # The same moment must give the same text, whether it came from a form (local time) or
    # from the database (UTC).
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    return str(value)


def calendar_fingerprint(event: EventPage) -> str:
    raw = "\x1f".join(_comparable(getattr(event, name)) for name in CALENDAR_RELEVANT_FIELDS)
    return hashlib.sha256(raw.encode()).hexdigest()


def record_event_publication(event: EventPage) -> CalendarState:
    """Raise the event's iCalendar SEQUENCE when time, place or status changed on publish.

    One CalendarState row serves all translations of the event. The row is locked while it is
    compared and updated, so two publishes at once cannot both skip or double-count a change.
    SEQUENCE never decreases.

    Time, place and status are decided on the page in the default language. A translation
    keeps the old values until it is synchronised again, so publishing it must not count as a
    change (back and forth) each time: the fingerprint always comes from the default page.
    """
    fingerprint = calendar_fingerprint(canonical_event(event))
    with transaction.atomic():
        CalendarState.objects.get_or_create(translation_key=event.translation_key)
        state = CalendarState.objects.select_for_update().get(translation_key=event.translation_key)
        if not state.fingerprint:
            state.fingerprint = fingerprint
            state.save(update_fields=["fingerprint", "updated_at"])
        elif state.fingerprint != fingerprint:
            state.sequence += 1
            state.fingerprint = fingerprint
            state.save(update_fields=["sequence", "fingerprint", "updated_at"])
    return state


def record_published_capacity(event: EventPage) -> bool:
    """Remember the capacity a publication of `event` (any language) set; True when it added
    seats (a higher number, or no limit any more).

    Only then should the waiting list move up: an unrelated publication (a typo fixed) must not
    hand back a seat an organiser deliberately freed. The capacity is read from the page in
    the default language, whose settings the registration service applies.
    """
    new = canonical_event(event).capacity
    with transaction.atomic():
        CalendarState.objects.get_or_create(translation_key=event.translation_key)
        state = CalendarState.objects.select_for_update().get(translation_key=event.translation_key)
        old, known = state.capacity, state.capacity_recorded
        if known and old == new:
            return False
        state.capacity, state.capacity_recorded = new, True
        state.save(update_fields=["capacity", "capacity_recorded", "updated_at"])
    return known and old is not None and (new is None or new > old)


# --- Registration -------------------------------------------------------------------------

ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.PENDING,
    RegistrationStatus.ATTENDED,
)
"""Statuses that hold a seat."""

ALLOWED_TRANSITIONS = {
    RegistrationStatus.PENDING: {
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.CANCELLED,
    },
    RegistrationStatus.WAITLISTED: {
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.PENDING,
        RegistrationStatus.CANCELLED,
    },
    RegistrationStatus.CONFIRMED: {RegistrationStatus.CANCELLED, RegistrationStatus.ATTENDED},
    RegistrationStatus.ATTENDED: {RegistrationStatus.CONFIRMED},
    RegistrationStatus.CANCELLED: set(),
}

# Which mail a transition sends (to the registrant, in their language).
TRANSITION_EMAILS = {
    (RegistrationStatus.WAITLISTED, RegistrationStatus.CONFIRMED): "registration_promoted",
    # With approval required, moving up means "now waiting for the organisers".
    (RegistrationStatus.WAITLISTED, RegistrationStatus.PENDING): "registration_pending",
    (RegistrationStatus.PENDING, RegistrationStatus.CONFIRMED): "registration_confirmed",
    (RegistrationStatus.PENDING, RegistrationStatus.WAITLISTED): "registration_waitlisted",
    (RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED): "registration_cancelled",
    (RegistrationStatus.PENDING, RegistrationStatus.CANCELLED): "registration_cancelled",
    (RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED): "registration_cancelled",
}
INITIAL_EMAILS = {
    RegistrationStatus.CONFIRMED: "registration_confirmed",
    RegistrationStatus.WAITLISTED: "registration_waitlisted",
    RegistrationStatus.PENDING: "registration_pending",
}


class RegistrationError(Exception):
    """A refused registration operation; `message` is translated and safe to show."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def canonical_event(event: EventPage) -> EventPage:
    """The event's page in the default language: registrations hang off this one."""
    default = Locale.get_default()
    if event.locale_id == default.pk:
        return event
    return (
        EventPage.objects.filter(translation_key=event.translation_key, locale=default).first()
        or event
    )


def seats_taken(event: EventPage) -> int:
    return event.registrations.filter(status__in=ACTIVE_STATUSES).count()


def registration_is_open(event: EventPage, *, now=None) -> bool:
    now = now or timezone.now()
    return (
        event.registration_enabled
        and event.live
        and event.status == EventStatus.SCHEDULED
        and event.end > now
        and (event.registration_opens_at is None or event.registration_opens_at <= now)
        and (event.registration_closes_at is None or now < event.registration_closes_at)
    )


def _log(registration, from_status, to_status, *, by=None, comment=""):
    RegistrationLogEntry.objects.create(
        registration=registration,
        from_status=from_status,
        to_status=to_status,
        actor=by if getattr(by, "pk", None) else None,
        actor_label="" if getattr(by, "pk", None) else (by or "system"),
        comment=comment,
    )


def _notify(registration: Registration, template: str, **extra) -> None:
    from . import emails

    emails.send_registration_email(registration, template, **extra)


def normalise_email(address: str) -> str:
    """One spelling per mailbox, so the one-registration rule cannot be dodged: lower case,
    and an internationalised domain in its ASCII form (bücher.example -> xn--bcher-kva.example),
    which is also what mail servers use."""
    local, _at, domain = address.strip().rpartition("@")
    # A domain the codec cannot convert (the form accepted it) stays as typed.
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}".lower()


def register_for_event(*, event: EventPage, data: dict, language: str) -> Registration:
    """Register a person; confirmed, waitlisted or pending approval, never over capacity.

    Locks the event row before counting seats, so any number of simultaneous submissions
    fill exactly the capacity. Sends the matching e-mail after commit. Raises
    RegistrationError (translated) when registration is closed, full without waiting list,
    or the address is already registered.
    """
    email_address = normalise_email(data["email"])
    with transaction.atomic():
        event = EventPage.objects.select_for_update().get(pk=canonical_event(event).pk)
        if not registration_is_open(event):
            raise RegistrationError(_("Für diese Veranstaltung ist keine Anmeldung möglich."))
        already = event.registrations.filter(
            email=email_address, anonymised_at__isnull=True
        ).exclude(status=RegistrationStatus.CANCELLED)
        if already.exists():
            raise RegistrationError(_("Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung."))
        if event.capacity is None or seats_taken(event) < event.capacity:
            status = (
                RegistrationStatus.PENDING
                if event.approval_required
                else RegistrationStatus.CONFIRMED
            )
        elif event.waiting_list_enabled:
            status = RegistrationStatus.WAITLISTED
        else:
            raise RegistrationError(_("Die Veranstaltung ist leider ausgebucht."))
        registration = Registration(
            event=event,
            status=status,
            name=data["name"].strip(),
            email=email_address,
            organisation=data.get("organisation", "").strip(),
            municipality=data.get("municipality", "").strip(),
            role=data.get("role", "").strip(),
            participation_mode=data.get("participation_mode", ""),
            accessibility_needs=data.get("accessibility_needs", "").strip(),
            dietary_needs=data.get("dietary_needs", "").strip(),
            privacy_consent_version=settings.PRIVACY_NOTICE_VERSION,
            privacy_consent_at=timezone.now(),
            participant_list_consent=bool(data.get("participant_list_consent")),
            language=language,
        )
        registration.full_clean(validate_constraints=False)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError as error:
            # The partial unique constraint caught a parallel duplicate.
            raise RegistrationError(
                _("Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung.")
            ) from error
        _log(registration, "", status, by="registrant")
        _notify(registration, INITIAL_EMAILS[status])
    return registration


def set_registration_state(
    registration: Registration, new_state: str, *, by=None, comment: str = ""
) -> Registration:
    """The only way a registration changes status.

    Inside one transaction: locks the event and the registration, checks the transition table,
    saves, writes an audit entry, queues the e-mail, and when a seat came free promotes the
    first people on the waiting list.
    """
    with transaction.atomic():
        event = EventPage.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        old_state = registration.status
        if new_state not in ALLOWED_TRANSITIONS.get(old_state, set()):
            raise RegistrationError(
                _("Diese Änderung ist bei einer Anmeldung im Status „%(status)s“ nicht möglich.")
                % {"status": registration.get_status_display()}
            )
        takes_seat = new_state in ACTIVE_STATUSES and old_state not in ACTIVE_STATUSES
        if takes_seat and event.capacity is not None and seats_taken(event) >= event.capacity:
            raise RegistrationError(_("Die Veranstaltung ist leider ausgebucht."))
        registration.status = new_state
        registration.save(update_fields=["status", "updated_at"])
        _log(registration, old_state, new_state, by=by, comment=comment)
        template = TRANSITION_EMAILS.get((old_state, new_state))
        if template:
            _notify(
                registration,
                template,
                from_waiting_list=old_state == RegistrationStatus.WAITLISTED,
            )
        if old_state in ACTIVE_STATUSES and new_state not in ACTIVE_STATUSES:
            # Not back to the person an organiser just moved to the waiting list.
            fill_free_seats(event, skip=registration)
    return registration


def cancel_registration(registration: Registration, *, by=None, comment: str = "") -> Registration:
    return set_registration_state(
        registration, RegistrationStatus.CANCELLED, by=by, comment=comment
    )


def cancel_by_registrant(registration: Registration) -> Registration:
    """The registrant's own cancellation: possible until the event is over (afterwards the
    record says who came; organisers can still correct it)."""
    if EventPage.objects.get(pk=registration.event_id).is_past:
        raise RegistrationError(
            _("Die Veranstaltung ist vorbei. Eine Stornierung ist nicht mehr möglich.")
        )
    return cancel_registration(registration, by="registrant")


def fill_free_seats(event: EventPage, *, skip: Registration | None = None) -> list[Registration]:
    """Promote waitlisted people in order of registration while seats are free.

    Call with the event row locked (or let this function lock it). Each promotion goes through
    set_registration_state, so it is audited and the person is told by e-mail. With approval
    required, the people moving up wait for the organisers (pending) instead of being
    confirmed: the seat is theirs, the decision is not made yet.
    """
    promoted = []
    with transaction.atomic():
        event = EventPage.objects.select_for_update().get(pk=event.pk)
        if event.status != EventStatus.SCHEDULED or event.end <= timezone.now():
            return promoted
        free = None if event.capacity is None else event.capacity - seats_taken(event)
        waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
            "created_at", "pk"
        )
        if skip is not None:
            waiting = waiting.exclude(pk=skip.pk)
        if free is not None:
            waiting = waiting[: max(free, 0)]
        target = (
            RegistrationStatus.PENDING if event.approval_required else RegistrationStatus.CONFIRMED
        )
        for registration in list(waiting):
            promoted.append(
                set_registration_state(
                    registration,
                    target,
                    by="system",
                    comment="Nachgerückt von der Warteliste",
                )
            )
    return promoted


# --- organiser messages and retention -------------------------------------------------------------


def _message_recipients(event: EventPage, statuses):
    return Registration.objects.filter(
        event=canonical_event(event), status__in=statuses, anonymised_at__isnull=True
    )


def send_organiser_message(
    *, event: EventPage, statuses, subject: str, body: str
) -> tuple[int, int]:
    """Send the organiser's message to every registrant of `event` in one of `statuses`.

    The mails are rendered by a background task after the commit (an event may have many
    registrants); this returns at once with (to be sent, skipped) as counted now. Addresses
    that bounced are skipped.
    """
    from .tasks import queue_organiser_message_task

    counts = _message_recipients(event, statuses).aggregate(
        reachable=Count("pk", filter=Q(email_unreachable=False)),
        unreachable=Count("pk", filter=Q(email_unreachable=True)),
    )
    if counts["reachable"]:
        arguments = {
            "event_id": canonical_event(event).pk,
            "statuses": [str(status) for status in statuses],
            "subject": subject,
            "body": body,
        }
        transaction.on_commit(lambda: queue_organiser_message_task.enqueue(**arguments))
    return counts["reachable"], counts["unreachable"]


def queue_organiser_message(*, event_id: int, statuses, subject: str, body: str) -> int:
    """Put the organiser's message into the outbox for each reachable registrant, in their
    language (template "organiser_message"). One transaction: everyone's mail or nobody's.
    Returns the number queued."""
    event = EventPage.objects.get(pk=event_id)
    registrations = (
        _message_recipients(event, statuses)
        .filter(email_unreachable=False)
        .select_related("event")
        .order_by("created_at", "pk")
    )
    queued = 0
    events: dict = {}  # the event per language, looked up once
    with transaction.atomic():
        for registration in registrations:
            _notify(
                registration,
                "organiser_message",
                events=events,
                message_subject=subject,
                message_body=body,
            )
            queued += 1
    return queued


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
        # The admin history labels entries with the person's name (Registration.__str__).
        ModelLogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(Registration),
            object_id__in=[str(pk) for pk in pks],
        ).update(label=_("Anonymisierte Anmeldung"), data={})
    return len(pks)
