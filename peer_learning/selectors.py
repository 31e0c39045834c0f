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

import hashlib

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import (
    AssignmentRole,
    AssignmentStatus,
    Attribution,
    CaseStatus,
    Confidentiality,
    FeedbackStatus,
    RoundStatus,
)
from .models import (
    Case,
    CaseAttachment,
    ClarifyingQuestion,
    Concept,
    Feedback,
    FeedbackAttachment,
    Idea,
    Membership,
    PeerAssignment,
    PeerLearningRound,
)
from .transitions import ACTIVE_ASSIGNMENT_STATUSES, EDITABLE_STATUSES, facilitates, is_staff

# States in which a case is shown beyond its own municipality.
SHARED_STATUSES = (
    CaseStatus.ACCEPTED,
    CaseStatus.IN_CONSULTATION,
    CaseStatus.FEEDBACK_RELEASED,
    CaseStatus.CLOSED,
    CaseStatus.FOLLOW_UP,
)
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
    return not facilitates(user, case.round)


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
        case.municipality_id not in municipality_ids(user) and not facilitates(user, case.round)
    ):
        return case.revisions.none()
    return case.revisions.all()


def needs_action(user) -> dict:
    """What waits for this person: invitations to answer, advice to write, cases to revise or
    to submit, released advice to answer, follow-ups that are due."""
    cases = own_cases(user)
    handed_in = Feedback.objects.filter(author_id=user.pk, status=FeedbackStatus.SUBMITTED)
    return {
        "invitations": assignments_for(user).filter(status=AssignmentStatus.INVITED),
        "advice": assignments_for(user)
        .filter(
            status=AssignmentStatus.ACCEPTED,
            role=AssignmentRole.PEER,
            case__status=CaseStatus.IN_CONSULTATION,
        )
        .exclude(case_id__in=handed_in.values("case_id")),
        "to_revise": cases.filter(status=CaseStatus.CHANGES_REQUESTED),
        "drafts": cases.filter(status=CaseStatus.DRAFT),
        "released": cases.filter(status=CaseStatus.FEEDBACK_RELEASED),
        "follow_ups": cases.filter(
            status=CaseStatus.CLOSED, follow_up_due__lte=timezone.localdate()
        ),
    }


def network_concepts(user) -> QuerySet:
    """Published concepts: for members of partner municipalities, and the own ones in any
    state."""
    own = municipality_ids(user)
    if not own and not is_staff(user) and not user.has_perm("peer_learning.facilitate"):
        return Concept.objects.none()
    condition = Q(municipality_id__in=own) | Q(published_at__isnull=False)
    return (
        Concept.objects.filter(condition)
        .select_related("municipality", "focus_area")
        .prefetch_related("relevant_for")
    )


def concept_for(user, pk):
    return get_object_or_404(network_concepts(user), pk=pk)


# --- feedback --------------------------------------------------------------------------------


def feedback_visible(user, case: Case) -> list:
    """The feedback on `case` that `user` may read, each with its `attribution` label.

    - facilitators of the round (and ism staff): every handed-in contribution;
    - a peer: their own (also as a draft), the others' only once their own is handed in;
    - the case's municipality: every handed-in contribution, once it is released;
    - nobody else.
    """
    every = list(
        case.feedback.select_related("author", "municipality")
        .prefetch_related("ideas", "attachments")
        .order_by("pk")
    )
    own = [feedback for feedback in every if feedback.author_id == user.pk]
    handed_in = [f for f in every if f.status == FeedbackStatus.SUBMITTED]
    if facilitates(user, case.round):
        visible = handed_in + [f for f in own if f.status != FeedbackStatus.SUBMITTED]
    elif own:
        visible = handed_in if own[0].status == FeedbackStatus.SUBMITTED else own
    elif case.municipality_id in municipality_ids(user) and case.released_at:
        visible = handed_in
    else:
        visible = []
    labels = attribution_labels(case, handed_in)
    for feedback in visible:
        feedback.attribution = labels.get(feedback.pk, "")
    # By label, never by id or time: the order must not tell who wrote first.
    return sorted(visible, key=lambda feedback: (feedback.attribution == "", feedback.attribution))


def attribution_labels(case: Case, feedback_list) -> dict[int, str]:
    """How each contribution is signed, as the round says: with the name (and municipality),
    with the municipality only, or anonymously as „Peer A“, „Peer B“ in an order that has
    nothing to do with who wrote first."""
    attribution = case.round.attribution if case.round else Attribution.ANONYMOUS
    labels = {}
    if attribution == Attribution.ANONYMOUS:

        def scrambled(feedback):
            seed = f"{settings.SECRET_KEY}:{case.pk}:{feedback.pk}".encode()
            return hashlib.sha256(seed).hexdigest()

        for index, feedback in enumerate(sorted(feedback_list, key=scrambled)):
            labels[feedback.pk] = _("Peer %(letter)s") % {"letter": chr(ord("A") + index % 26)}
        return labels
    for feedback in feedback_list:
        municipality = feedback.municipality.name if feedback.municipality else ""
        if attribution == Attribution.BY_NAME:
            name = feedback.author.get_full_name() or feedback.author.email
            labels[feedback.pk] = f"{name} ({municipality})" if municipality else name
        else:
            labels[feedback.pk] = municipality or _("eine Partnerkommune")
    return labels


def own_feedback(user, case: Case):
    return case.feedback.filter(author=user).prefetch_related("ideas").first()


def may_give_feedback(user, case: Case) -> bool:
    return (
        case.status == CaseStatus.IN_CONSULTATION
        and PeerAssignment.objects.filter(
            case=case, user=user, status=AssignmentStatus.ACCEPTED
        ).exists()
    )


def released_synthesis(user, case: Case):
    """The synthesis, for the municipality once released, for facilitators always."""
    synthesis = getattr(case, "synthesis", None)
    if synthesis is None:
        return None
    if facilitates(user, case.round):
        return synthesis
    if case.released_at and case.municipality_id in municipality_ids(user):
        return synthesis
    return None


def is_facilitator_of(user, case: Case) -> bool:
    return facilitates(user, case.round)


def may_respond(user, case: Case) -> bool:
    return case.status == CaseStatus.FEEDBACK_RELEASED and case.municipality_id in municipality_ids(
        user
    )


def may_close(user, case: Case) -> bool:
    return may_respond(user, case)


def may_follow_up(user, case: Case) -> bool:
    return case.status == CaseStatus.CLOSED and case.municipality_id in municipality_ids(user)


def sees_follow_up(user, case: Case) -> bool:
    """Once the follow-up is recorded, the peers who gave advice learn what became of it."""
    return (
        case.status == CaseStatus.FOLLOW_UP
        and case.feedback.filter(author_id=user.pk, status=FeedbackStatus.SUBMITTED).exists()
    )


def _sees_action_plan(user, case: Case) -> bool:
    return (
        case.municipality_id in municipality_ids(user)
        or is_facilitator_of(user, case)
        or sees_follow_up(user, case)
    )


def action_items_for(user, case: Case) -> list:
    """The action plan: for the municipality and the facilitators, and after the follow-up
    for the peers who advised on the case."""
    return list(case.action_items.all()) if _sees_action_plan(user, case) else []


def follow_up_note_for(user, case: Case) -> str:
    """The municipality's report at the follow-up, for those who see the action plan."""
    if case.status != CaseStatus.FOLLOW_UP or not _sees_action_plan(user, case):
        return ""
    return case.follow_up_note


def idea_for(user, pk):
    """An idea the user's municipality may answer (its own case, released)."""
    idea = get_object_or_404(
        Idea.objects.select_related("feedback__case"),
        pk=pk,
        feedback__status=FeedbackStatus.SUBMITTED,
        feedback__case__municipality_id__in=municipality_ids(user),
        feedback__case__released_at__isnull=False,
    )
    return idea


def clarifying_questions_for(user, case: Case) -> list:
    """Questions and answers: for everyone who reads the case in full (not the redacted
    version), since the answers may say more than the summary."""
    if shows_redacted(user, case):
        return []
    return list(case.clarifying_questions.select_related("author"))


def may_ask(user, case: Case) -> bool:
    return (
        case.status in (CaseStatus.ACCEPTED, CaseStatus.IN_CONSULTATION)
        and PeerAssignment.objects.filter(
            case=case,
            user=user,
            status__in=(AssignmentStatus.INVITED, AssignmentStatus.ACCEPTED),
        ).exists()
    )


def clarifying_question_for(user, pk):
    """A question the user's municipality may answer."""
    return get_object_or_404(
        ClarifyingQuestion.objects.select_related("case"),
        pk=pk,
        case__municipality_id__in=municipality_ids(user),
    )


def dossier_for(user, case: Case) -> dict:
    """Everything of a case for the municipality's files: for its members and facilitators."""
    if case.municipality_id not in municipality_ids(user) and not is_facilitator_of(user, case):
        raise Http404
    return {
        "feedback": feedback_visible(user, case),
        "synthesis": released_synthesis(user, case),
        "action_items": action_items_for(user, case),
        "follow_up_note": follow_up_note_for(user, case),
        "questions": clarifying_questions_for(user, case),
    }


def peers_to_record(user, case: Case) -> list:
    """For a live session: the peers who accepted and have not handed in, whose advice a
    facilitator may enter."""
    if case.status != CaseStatus.IN_CONSULTATION or not is_facilitator_of(user, case):
        return []
    handed_in = case.feedback.filter(status=FeedbackStatus.SUBMITTED).values("author_id")
    return [
        assignment.user
        for assignment in case.assignments.filter(status=AssignmentStatus.ACCEPTED)
        .exclude(user_id__in=handed_in)
        .select_related("user")
    ]


def peer_to_record(user, case: Case, peer_pk):
    for peer in peers_to_record(user, case):
        if peer.pk == peer_pk:
            return peer
    raise Http404


def feedback_attachment_for(user, pk):
    """A file of a contribution the user may read (see `feedback_visible`), with the name it
    is served under: the original one, or a neutral one in anonymous rounds."""
    attachment = get_object_or_404(
        FeedbackAttachment.objects.select_related("feedback__case__round"), pk=pk
    )
    case = attachment.feedback.case
    if case.pk not in visible_cases(user).values_list("pk", flat=True):
        raise Http404
    if attachment.feedback_id not in {feedback.pk for feedback in feedback_visible(user, case)}:
        raise Http404
    anonymous = case.round is None or case.round.attribution == Attribution.ANONYMOUS
    if not anonymous:
        return attachment, attachment.original_name
    name = f"anlage.{attachment.extension}" if attachment.extension else "anlage"
    return attachment, name
