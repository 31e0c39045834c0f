"""The states of cases and peer assignments: one table each, who may make each change, and
the mail it sends. `services.set_case_state` and `services.set_assignment_state` are the only
writers; the portal's buttons and the facilitators' admin actions come from these tables.

After the consultation: the facilitator releases the feedback with the synthesis, the
municipality answers and closes the case with its statement, and records the follow-up months
later; a closed case can be opened again for a new round of advice.
"""

from django.utils.translation import gettext_lazy as _

from home.audit import register_actor
from home.transitions import (
    CREATED,
    OPTIONAL_COMMENT,
    REQUIRED_COMMENT,
    RefusedChange,
    StateMachine,
    Transition,
)

from .choices import AssignmentStatus, CaseStatus
from .models import Membership

DRAFT = CaseStatus.DRAFT
SUBMITTED = CaseStatus.SUBMITTED
CHANGES_REQUESTED = CaseStatus.CHANGES_REQUESTED
RESUBMITTED = CaseStatus.RESUBMITTED
ACCEPTED = CaseStatus.ACCEPTED
IN_CONSULTATION = CaseStatus.IN_CONSULTATION
FEEDBACK_RELEASED = CaseStatus.FEEDBACK_RELEASED
CLOSED = CaseStatus.CLOSED
FOLLOW_UP = CaseStatus.FOLLOW_UP
WITHDRAWN = CaseStatus.WITHDRAWN
DECLINED = CaseStatus.DECLINED

# Members of the case's municipality, the facilitators of its round (and ism staff), the
# system (reminders); for assignments also the invited person.
MEMBER, FACILITATOR, PEER, SYSTEM = "member", "facilitator", "peer", "system"
register_actor(MEMBER, _("Mitglied der Kommune"))
register_actor(PEER, _("eingeladene Person"))


class PeerLearningError(RefusedChange):
    """A refused operation in peer learning."""


def is_staff(user) -> bool:
    """ism staff: superusers and users allowed to see every round (facilitators see only the
    rounds they run)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.has_perm("peer_learning.view_all_rounds"))
    )


def facilitates(user, round_) -> bool:
    if round_ is None or user is None or not user.is_authenticated:
        return False
    return is_staff(user) or round_.facilitators.filter(pk=user.pk).exists()


def is_member_of(user, municipality_id) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and Membership.objects.active().filter(user=user, municipality_id=municipality_id).exists()
    )


def case_roles(by, case) -> set[str]:
    if by is None:
        return {SYSTEM}
    if isinstance(by, str):
        return {by}
    roles = set()
    if is_member_of(by, case.municipality_id):
        roles.add(MEMBER)
    if facilitates(by, case.round):
        roles.add(FACILITATOR)
    return roles


CASE_STATES = StateMachine(
    field="status",
    choices=CaseStatus,
    roles=case_roles,
    error=PeerLearningError,
    refusal=_("Diese Änderung ist bei einem Fall im Status „%(status)s“ nicht möglich."),
    transitions=[
        Transition({CREATED}, DRAFT, {MEMBER}),
        Transition(
            {DRAFT},
            SUBMITTED,
            {MEMBER},
            name="submit",
            label=_("Einreichen"),
            confirmation=_("Den Fall „%(name)s“ jetzt bei der Fachbegleitung einreichen?"),
            success_message=_("Der Fall „%(name)s“ ist eingereicht."),
            email="case_submitted",
        ),
        Transition(
            {SUBMITTED, RESUBMITTED},
            CHANGES_REQUESTED,
            {FACILITATOR},
            name="request-changes",
            label=_("Überarbeitung erbitten"),
            confirmation=_("Die Kommune um eine Überarbeitung von „%(name)s“ bitten?"),
            success_message=_("Die Kommune ist um eine Überarbeitung gebeten."),
            comment=REQUIRED_COMMENT,
            icon="edit",
            email="case_changes_requested",
        ),
        Transition(
            {CHANGES_REQUESTED},
            RESUBMITTED,
            {MEMBER},
            name="resubmit",
            label=_("Erneut einreichen"),
            confirmation=_("Die überarbeitete Fassung von „%(name)s“ einreichen?"),
            success_message=_("Der Fall „%(name)s“ ist erneut eingereicht."),
            email="case_resubmitted",
        ),
        Transition(
            {SUBMITTED, RESUBMITTED},
            ACCEPTED,
            {FACILITATOR},
            name="accept",
            label=_("In die Runde aufnehmen"),
            confirmation=_("„%(name)s“ in die Runde aufnehmen?"),
            success_message=_("„%(name)s“ ist in die Runde aufgenommen."),
            comment=OPTIONAL_COMMENT,
            icon="tick",
            email="case_accepted",
        ),
        Transition(
            {ACCEPTED},
            IN_CONSULTATION,
            {FACILITATOR},
            name="start-consultation",
            label=_("Beratung beginnen"),
            confirmation=_("Die Beratung zu „%(name)s“ beginnen?"),
            success_message=_("Die Beratung zu „%(name)s“ hat begonnen."),
            icon="group",
        ),
        Transition(
            {IN_CONSULTATION},
            FEEDBACK_RELEASED,
            {FACILITATOR},
            name="release",
            label=_("Beratung freigeben"),
            confirmation=_(
                "Beratungsbeiträge und Synthese zu „%(name)s“ für die Kommune freigeben?"
            ),
            success_message=_("Die Beratung zu „%(name)s“ ist freigegeben."),
            icon="upload",
            email="case_feedback_released",
            condition=lambda case: hasattr(case, "synthesis"),
        ),
        Transition(
            {FEEDBACK_RELEASED},
            CLOSED,
            {MEMBER},
            name="close",
            label=_("Fall abschließen"),
            confirmation=_("Den Fall „%(name)s“ mit Ihrer Stellungnahme abschließen?"),
            success_message=_("Der Fall „%(name)s“ ist abgeschlossen. Vielen Dank!"),
            email="case_closed",
        ),
        Transition(
            {CLOSED},
            FOLLOW_UP,
            {MEMBER},
            name="follow-up",
            label=_("Nachverfolgung abschließen"),
            confirmation=_("Den Stand der Maßnahmen zu „%(name)s“ jetzt festhalten?"),
            success_message=_("Danke! Die Peers erfahren, was aus ihrem Rat geworden ist."),
            email="case_follow_up",
        ),
        Transition(
            {CLOSED, FOLLOW_UP},
            DRAFT,
            {MEMBER},
            name="reopen",
            label=_("Erneut beraten lassen"),
            confirmation=_(
                "„%(name)s“ wieder als Entwurf öffnen, um ihn in eine neue Runde zu bringen?"
            ),
            success_message=_("Der Fall „%(name)s“ ist wieder ein Entwurf."),
        ),
        Transition(
            {SUBMITTED, RESUBMITTED, CHANGES_REQUESTED, ACCEPTED},
            DECLINED,
            {FACILITATOR},
            name="decline",
            label=_("Zurückstellen"),
            confirmation=_("„%(name)s“ zurückstellen? Bitte nennen Sie der Kommune den Grund."),
            success_message=_("„%(name)s“ ist zurückgestellt."),
            comment=REQUIRED_COMMENT,
            serious=True,
            icon="cross",
            email="case_declined",
        ),
        Transition(
            {DRAFT, SUBMITTED, CHANGES_REQUESTED, RESUBMITTED, ACCEPTED},
            WITHDRAWN,
            {MEMBER},
            name="withdraw",
            label=_("Zurückziehen"),
            confirmation=_(
                "Den Fall „%(name)s“ zurückziehen? Das lässt sich nicht rückgängig machen."
            ),
            success_message=_("Der Fall „%(name)s“ ist zurückgezogen."),
            comment=OPTIONAL_COMMENT,
            serious=True,
            email="case_withdrawn",
        ),
    ],
)

# What a member may still edit, derived from the table.
EDITABLE_STATUSES = frozenset({DRAFT, CHANGES_REQUESTED})

INVITED = AssignmentStatus.INVITED
ASSIGNMENT_ACCEPTED = AssignmentStatus.ACCEPTED
ASSIGNMENT_DECLINED = AssignmentStatus.DECLINED
ASSIGNMENT_DONE = AssignmentStatus.DONE


def assignment_roles(by, assignment) -> set[str]:
    if by is None:
        return {SYSTEM}
    if isinstance(by, str):
        return {by}
    roles = set()
    if by.pk == assignment.user_id:
        roles.add(PEER)
    if facilitates(by, assignment.case.round):
        roles.add(FACILITATOR)
    return roles


ASSIGNMENT_STATES = StateMachine(
    field="status",
    choices=AssignmentStatus,
    roles=assignment_roles,
    error=PeerLearningError,
    refusal=_("Diese Änderung ist bei einer Einladung im Status „%(status)s“ nicht möglich."),
    transitions=[
        Transition({CREATED}, INVITED, {FACILITATOR}, email="peer_invitation"),
        Transition(
            {INVITED},
            ASSIGNMENT_ACCEPTED,
            {PEER},
            name="accept",
            label=_("Zusagen"),
            success_message=_("Vielen Dank für Ihre Zusage."),
            email="peer_accepted",
        ),
        Transition(
            {INVITED, ASSIGNMENT_ACCEPTED},
            ASSIGNMENT_DECLINED,
            {PEER},
            name="decline",
            label=_("Absagen"),
            success_message=_("Ihre Absage ist angekommen."),
            comment=REQUIRED_COMMENT,
            email="peer_declined",
        ),
        Transition(
            {ASSIGNMENT_ACCEPTED},
            ASSIGNMENT_DONE,
            {FACILITATOR, SYSTEM},
            name="done",
            label=_("Als erledigt markieren"),
            success_message=_("Die Zuordnung ist erledigt."),
        ),
    ],
)

# Assignments that let a person see the round's cases.
ACTIVE_ASSIGNMENT_STATUSES = frozenset({INVITED, ASSIGNMENT_ACCEPTED, ASSIGNMENT_DONE})
