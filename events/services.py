"""Writes for events: calendar state on publication, registrations and their states,
organisers' messages, retention. Every registration status change goes through
`set_registration_state`."""

import contextlib
import hashlib
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale

from home.audit import anonymise_log_entries, log_transition
from home.http import over_limit
from home.transitions import CREATED
from outbox.services import anonymise_emails_for

from . import emails
from .choices import ACTIVE_STATUSES, SEAT_STATUSES, EventStatus, RegistrationStatus
from .models import CalendarState, EventPage, Registration
from .selectors import canonical_event, registration_is_open, seats_taken
from .tasks import (
    publish_event_translations,
    queue_organiser_message_task,
    send_event_change_notices,
)
from .transitions import REGISTRANT, REGISTRATION_STATES, SYSTEM, RegistrationError

__all__ = ["RegistrationError"]  # the app's one exception for refused operations

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


def record_publication_and_notify(event: EventPage) -> bool:
    """Record a publication of `event` (any language) and tell registrants when it mattered.

    When the publication raised the iCalendar SEQUENCE (time, place or status changed), the
    notices to all registrants are rendered by a background task after the commit, so that
    publishing an event with many registrants does not wait for them. Only the page in the
    default language can raise SEQUENCE (see record_event_publication), so each change is
    announced once. Returns whether notices were scheduled.
    """
    with transaction.atomic():
        CalendarState.objects.get_or_create(translation_key=event.translation_key)
        before = (
            CalendarState.objects.select_for_update()
            .get(translation_key=event.translation_key)
            .sequence
        )
        state = record_event_publication(event)
        if state.sequence <= before:
            return False
        event_id = canonical_event(event).pk
        transaction.on_commit(lambda: send_event_change_notices.enqueue(event_id))
    return True


def schedule_translation_sync(event: EventPage) -> bool:
    """After a German event was published, its translations are synchronised and published by a
    background task (after the commit), so that they never keep an old time or place."""
    if event.locale_id != Locale.get_default().pk:
        return False
    event_id = event.pk
    transaction.on_commit(lambda: publish_event_translations.enqueue(event_id))
    return True


# --- Registration -------------------------------------------------------------------------


def normalise_email(address: str) -> str:
    """One spelling per mailbox, so the one-registration rule cannot be dodged: lower case,
    and an internationalised domain in its ASCII form (bücher.example -> xn--bcher-kva.example),
    which is also what mail servers use."""
    local, _at, domain = address.strip().rpartition("@")
    # A domain the codec cannot convert (the form accepted it) stays as typed.
    with contextlib.suppress(UnicodeError):
        domain = domain.encode("idna").decode("ascii")
    return f"{local}@{domain}".lower()


RATE_LIMIT_WINDOW = 60 * 60  # seconds; settings.REGISTRATION_RATE_LIMIT submissions per window


def registration_rate_limited(ip: str, email_address: str) -> bool:
    """Count a registration (form or API) per client IP and per address; True when over a
    limit. The IP limit is the higher one: colleagues of one administration share an address.
    """
    limits = {
        "ip:" + ip: settings.REGISTRATION_RATE_LIMIT_PER_IP,
        "email:" + email_address.lower(): settings.REGISTRATION_RATE_LIMIT,
    }
    return over_limit("registration-rate", limits, window=RATE_LIMIT_WINDOW)


ALREADY_REGISTERED = "already_registered"


def register_for_event(*, event: EventPage, data: dict, language: str) -> Registration:
    """Register a person; confirmed, waitlisted or pending approval, never over capacity.

    Locks the event row before counting seats, so any number of simultaneous submissions
    fill exactly the capacity. Logs the new registration and sends the matching e-mail after
    commit. Raises RegistrationError (translated) when registration is closed, full without
    waiting list, or the address is already registered.
    """
    email_address = normalise_email(data["email"])
    with transaction.atomic():
        event = EventPage.objects.select_for_update().get(pk=canonical_event(event).pk)
        if not registration_is_open(event):
            raise RegistrationError(_("Für diese Veranstaltung ist keine Anmeldung möglich."))
        already = event.registrations.filter(
            email=email_address, anonymised_at__isnull=True, status__in=ACTIVE_STATUSES
        )
        if already.exists():
            raise RegistrationError(
                _("Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung."),
                code=ALREADY_REGISTERED,
            )
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
                _("Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung."),
                code=ALREADY_REGISTERED,
            ) from error
        transition = REGISTRATION_STATES.check_creation(status, by=REGISTRANT)
        log_transition(registration, CREATED, status, by=REGISTRANT)
        emails.send_registration_email(registration, transition.email)
    return registration


def send_registration_link(*, event: EventPage, email: str) -> bool:
    """Mail the personal link again to `email`, if that address is registered for the event
    (and not cancelled): only its owner can read it. Returns whether a mail was queued; the
    public answer must not depend on it, or the form would tell who is registered."""
    registration = (
        Registration.objects.filter(
            event=canonical_event(event),
            email=normalise_email(email),
            status__in=ACTIVE_STATUSES,
            anonymised_at__isnull=True,
        )
        .select_related("event")
        .first()
    )
    if registration is None:
        return False
    emails.send_registration_email(registration, "registration_link")
    return True


def set_registration_state(
    registration: Registration, new_state: str, *, by=None, comment: str = "", action: str = ""
) -> Registration:
    """The only way a registration changes status.

    `by` is the user making the change (an organiser), "registrant" (through the personal
    link) or "system"; the transition table (events.transitions) says who may make which
    change; `action` is the name of the button an organiser clicked (see
    StateMachine.check). Inside one transaction: locks the event and the registration (in
    that order), checks the table, saves, writes the audit entry, queues the transition's
    e-mail, and when a seat came free promotes the first people on the waiting list. Raises
    RegistrationError.
    """
    with transaction.atomic():
        event = EventPage.objects.select_for_update().get(pk=registration.event_id)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        old_state = registration.status
        transition = REGISTRATION_STATES.check(registration, new_state, by=by, name=action)
        takes_seat = new_state in SEAT_STATUSES and old_state not in SEAT_STATUSES
        if takes_seat and event.capacity is not None and seats_taken(event) >= event.capacity:
            raise RegistrationError(_("Die Veranstaltung ist leider ausgebucht."))
        registration.status = new_state
        registration.event = event
        registration.save(update_fields=["status", "updated_at"])
        log_transition(registration, old_state, new_state, by=by, comment=comment)
        if transition.email:
            emails.send_registration_email(
                registration,
                transition.email,
                from_waiting_list=old_state == RegistrationStatus.WAITLISTED,
            )
        if old_state in SEAT_STATUSES and new_state not in SEAT_STATUSES:
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
    return cancel_registration(registration, by=REGISTRANT)


PROMOTION_COMMENT = gettext_lazy("Nachgerückt von der Warteliste")


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
                    registration, target, by=SYSTEM, comment=str(PROMOTION_COMMENT)
                )
            )
    return promoted


def mark_address_unreachable(registration: Registration) -> bool:
    """After a hard bounce: organisers see the flag, and bulk mails skip the address."""
    return bool(
        Registration.objects.filter(pk=registration.pk, anonymised_at__isnull=True).update(
            email_unreachable=True
        )
    )


# --- organiser messages and retention -------------------------------------------------------------


def send_organiser_message(
    *, event: EventPage, statuses, subject: str, body: str
) -> tuple[int, int]:
    """Send the organiser's message to every registrant of `event` in one of `statuses`.

    The mails are rendered by a background task after the commit (an event may have many
    registrants); this returns at once with (to be sent, skipped) as counted now. Addresses
    that bounced are skipped.
    """
    counts = Registration.objects.filter(
        event=canonical_event(event), status__in=statuses, anonymised_at__isnull=True
    ).aggregate(
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


ANONYMISED_LABEL = gettext_lazy("Anonymisierte Anmeldung")


def anonymise_registrations(*, days: int, now=None) -> int:
    """Anonymise the registrations of events that ended more than `days` days ago.

    Removes what identifies a person from the registration, from the mails sent about it
    (outbox) and from its history entries (which stay, without names or comments). Returns
    how many registrations were anonymised; rows anonymised before are left alone.
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
        anonymise_emails_for(Registration, pks, now=now)
        anonymise_log_entries(Registration, pks, label=ANONYMISED_LABEL)
    return len(pks)
