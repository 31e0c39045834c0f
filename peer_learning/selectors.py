"""Every read of the portal goes through here, and each takes the user: what one may not see
is not in the queryset, so a view that looks it up answers 404.

Rules (DOMAIN.md, "Rules of access"):
- members see every case of their own municipality;
- facilitators see the submitted cases of the rounds they run (ism staff: of every round);
- a person with an assignment in a round sees that round's accepted cases at the case's
  level: network and consultation group in full, confidential ones only in the
  facilitator's redacted version, internal ones not at all;
- members of partner municipalities see accepted network cases;
- nobody sees another municipality's drafts.
"""

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from .choices import AssignmentStatus, CaseStatus, Confidentiality, RoundStatus
from .models import (
    Case,
    CaseAttachment,
    Concept,
    Membership,
    PeerAssignment,
    PeerLearningRound,
)
from .transitions import ACTIVE_ASSIGNMENT_STATUSES, EDITABLE_STATUSES, is_staff

# States in which a case is shown beyond its own municipality.
SHARED_STATUSES = (CaseStatus.ACCEPTED, CaseStatus.IN_CONSULTATION)
# States a facilitator works with (not the municipality's drafts).
FACILITATOR_STATUSES = tuple(s for s in CaseStatus.values if s != CaseStatus.DRAFT)


def municipality_ids(user) -> list[int]:
    if not user.is_authenticated or not user.is_active:
        return []
    return list(
        Membership.objects.active().filter(user=user).values_list("municipality_id", flat=True)
    )


def memberships(user) -> QuerySet[Membership]:
    return Membership.objects.active().filter(user=user).select_related("municipality")


def rounds_facilitated(user) -> QuerySet[PeerLearningRound]:
    if is_staff(user):
        return PeerLearningRound.objects.all()
    if not user.is_authenticated:
        return PeerLearningRound.objects.none()
    return PeerLearningRound.objects.filter(facilitators=user)


def _assigned_round_ids(user) -> QuerySet:
    return PeerAssignment.objects.filter(user=user, status__in=ACTIVE_ASSIGNMENT_STATUSES).values(
        "case__round_id"
    )


def visible_cases(user) -> QuerySet[Case]:
    """The cases `user` may open (some of them only redacted: see `shows_redacted`)."""
    if not user.is_authenticated or not user.is_active:
        return Case.objects.none()
    own = municipality_ids(user)
    condition = Q(municipality_id__in=own)
    if is_staff(user):
        condition |= ~Q(status=CaseStatus.DRAFT)
    else:
        condition |= Q(round__facilitators=user, status__in=FACILITATOR_STATUSES)
        shared = Q(status__in=SHARED_STATUSES)
        condition |= (
            shared
            & Q(round_id__in=_assigned_round_ids(user))
            & ~Q(confidentiality=Confidentiality.INTERNAL)
        )
        if own:
            condition |= shared & Q(confidentiality=Confidentiality.NETWORK)
    return (
        Case.objects.filter(condition)
        .distinct()
        .select_related("municipality", "round", "focus_area")
    )


def case_for(user, pk) -> Case:
    return get_object_or_404(visible_cases(user), pk=pk)


def shows_redacted(user, case: Case) -> bool:
    """Whether `user` sees only the facilitator's redacted version of `case`."""
    if case.confidentiality != Confidentiality.CONFIDENTIAL:
        return False
    if case.municipality_id in municipality_ids(user) or is_staff(user):
        return False
    return not case.round or not case.round.facilitators.filter(pk=user.pk).exists()


def may_edit(user, case: Case) -> bool:
    return case.status in EDITABLE_STATUSES and case.municipality_id in municipality_ids(user)


def attachment_for(user, pk) -> CaseAttachment:
    """An attachment of a case `user` may see in full (redacted readers get no files)."""
    attachment = get_object_or_404(
        CaseAttachment.objects.select_related("case", "case__round"),
        pk=pk,
        case__in=visible_cases(user),
    )
    if shows_redacted(user, attachment.case):
        raise Http404
    return attachment


def own_cases(user) -> QuerySet[Case]:
    return (
        Case.objects.filter(municipality_id__in=municipality_ids(user))
        .select_related("municipality", "round", "focus_area")
        .order_by("status", "-updated_at")
    )


def assignments_for(user) -> QuerySet[PeerAssignment]:
    if not user.is_authenticated:
        return PeerAssignment.objects.none()
    return (
        PeerAssignment.objects.filter(user=user)
        .exclude(case__status__in=(CaseStatus.WITHDRAWN, CaseStatus.DECLINED))
        .select_related("case", "case__municipality", "case__round")
        .order_by("status", "due_date")
    )


def assignment_for(user, pk) -> PeerAssignment:
    return get_object_or_404(assignments_for(user), pk=pk)


def rounds_of(user) -> QuerySet[PeerLearningRound]:
    """The rounds the user's municipalities take part in."""
    return (
        PeerLearningRound.objects.filter(municipalities__in=municipality_ids(user))
        .distinct()
        .order_by("-case_deadline")
    )


def open_rounds_for(user) -> QuerySet[PeerLearningRound]:
    return rounds_of(user).filter(status=RoundStatus.OPEN)


def rounds_to_choose(user, case: Case | None = None) -> QuerySet[PeerLearningRound]:
    """The open rounds of the user's municipalities, and the case's own round."""
    condition = Q(pk__in=open_rounds_for(user).values("pk"))
    if case is not None and case.round_id:
        condition |= Q(pk=case.round_id)
    return PeerLearningRound.objects.filter(condition).order_by("-case_deadline")


def revisions_for(user, case: Case):
    """Earlier versions: for the own municipality and the facilitators only."""
    if shows_redacted(user, case) or (
        case.municipality_id not in municipality_ids(user)
        and not (case.round and case.round.facilitators.filter(pk=user.pk).exists())
        and not is_staff(user)
    ):
        return case.revisions.none()
    return case.revisions.all()


def needs_action(user) -> dict:
    """What waits for this person: invitations to answer, cases to revise or to submit."""
    cases = own_cases(user)
    return {
        "invitations": assignments_for(user).filter(status=AssignmentStatus.INVITED),
        "to_revise": cases.filter(status=CaseStatus.CHANGES_REQUESTED),
        "drafts": cases.filter(status=CaseStatus.DRAFT),
    }


def network_concepts(user) -> QuerySet:
    """Published concepts: for members of partner municipalities, and the own ones in any
    state."""
    own = municipality_ids(user)
    if not own and not is_staff(user):
        return Concept.objects.none()
    condition = Q(municipality_id__in=own) | Q(published_at__isnull=False)
    return (
        Concept.objects.filter(condition)
        .select_related("municipality", "focus_area")
        .prefetch_related("relevant_for")
    )


def concept_for(user, pk):
    return get_object_or_404(network_concepts(user), pk=pk)
