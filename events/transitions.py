"""The registration's states: one transition table, who may make each change, and its mail.

`services.set_registration_state` is the only writer; the organisers' admin actions and the
registrant's personal page derive what they offer from this table.
"""

from django.utils.translation import gettext_lazy as _

from home.audit import register_actor
from home.transitions import CREATED, OPTIONAL_COMMENT, RefusedChange, StateMachine, Transition

from .choices import RegistrationStatus

CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
PENDING = RegistrationStatus.PENDING
CANCELLED = RegistrationStatus.CANCELLED
ATTENDED = RegistrationStatus.ATTENDED

# Who acts: organisers (users with the change permission), the registrant through the
# personal link, and the system (the waiting list moving up).
ORGANISER, REGISTRANT, SYSTEM = "organiser", "registrant", "system"
register_actor(REGISTRANT, _("angemeldete Person"))


class RegistrationError(RefusedChange):
    """A refused registration operation (e.g. code "already_registered")."""


def registration_roles(by, registration) -> set[str]:
    if by is None:
        return {SYSTEM}
    if isinstance(by, str):
        return {by}
    if by.is_active and by.has_perm("events.change_registration"):
        return {ORGANISER}
    return set()


REGISTRATION_STATES = StateMachine(
    field="status",
    choices=RegistrationStatus,
    roles=registration_roles,
    error=RegistrationError,
    # Anonymised registrations are history: nobody changes them any more.
    locked=lambda registration: registration.anonymised_at is not None,
    refusal=_("Diese Änderung ist bei einer Anmeldung im Status „%(status)s“ nicht möglich."),
    transitions=[
        # Registering: the service decides which of the three by capacity and settings.
        Transition({CREATED}, CONFIRMED, {REGISTRANT}, email="registration_confirmed"),
        Transition({CREATED}, WAITLISTED, {REGISTRANT}, email="registration_waitlisted"),
        Transition({CREATED}, PENDING, {REGISTRANT}, email="registration_pending"),
        Transition(
            {CONFIRMED},
            ATTENDED,
            {ORGANISER},
            name="checkin",
            label=_("Check-in"),
            confirmation=_("Teilnahme von %(name)s bestätigen (Check-in)?"),
            success_message=_("%(name)s ist eingecheckt."),
            icon="tick",
        ),
        Transition(
            {ATTENDED},
            CONFIRMED,
            {ORGANISER},
            name="undo-checkin",
            label=_("Check-in zurücknehmen"),
            confirmation=_("Check-in von %(name)s zurücknehmen?"),
            success_message=_("Der Check-in von %(name)s ist zurückgenommen."),
            icon="undo",
        ),
        Transition(
            {PENDING},
            CONFIRMED,
            {ORGANISER},
            name="approve",
            label=_("Freigeben"),
            confirmation=_(
                "Anmeldung von %(name)s freigeben? Die Person erhält eine Bestätigung per E-Mail."
            ),
            success_message=_("Die Anmeldung von %(name)s ist freigegeben."),
            icon="check",
            email="registration_confirmed",
        ),
        Transition(
            {PENDING},
            WAITLISTED,
            {ORGANISER},
            name="waitlist",
            label=_("Auf die Warteliste setzen"),
            confirmation=_(
                "%(name)s auf die Warteliste setzen? Die Person erhält eine Nachricht per E-Mail."
            ),
            success_message=_("%(name)s steht jetzt auf der Warteliste."),
            icon="time",
            email="registration_waitlisted",
        ),
        # The waiting list moves up in order when a seat comes free (services.fill_free_seats);
        # with approval required, the person then waits for the organisers' decision.
        Transition({WAITLISTED}, CONFIRMED, {SYSTEM}, email="registration_promoted"),
        Transition({WAITLISTED}, PENDING, {SYSTEM}, email="registration_pending"),
        Transition(
            {CONFIRMED, WAITLISTED, PENDING},
            CANCELLED,
            {ORGANISER, REGISTRANT},
            name="cancel",
            label=_("Stornieren"),
            confirmation=_(
                "Anmeldung von %(name)s stornieren? Die Person erhält eine Stornobestätigung per "
                "E-Mail; ein frei werdender Platz geht an die erste Person auf der Warteliste."
            ),
            success_message=_("Die Anmeldung von %(name)s ist storniert."),
            icon="cross",
            comment=OPTIONAL_COMMENT,
            serious=True,
            email="registration_cancelled",
        ),
    ],
)
