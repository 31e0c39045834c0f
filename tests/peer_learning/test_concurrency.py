"""Two people act on one case or invitation at the same moment: the row lock lets exactly one
change through, the other gets the German refusal, and the audit trail holds one entry."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.models import ModelLogEntry

from outbox.models import OutboundEmail
from peer_learning import services
from peer_learning.choices import CaseStatus
from peer_learning.models import Case, PeerAssignment
from peer_learning.transitions import PeerLearningError
from tests.concurrency import needs_postgresql, run_in_parallel

pytestmark = [needs_postgresql, pytest.mark.django_db(transaction=True)]


def transitions_of(obj) -> list[tuple[str, str]]:
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
    ).order_by("pk")
    return [(entry.data["old"], entry.data["new"]) for entry in entries]


def test_accepting_and_sending_back_at_once_leaves_one_decision(make_case, facilitator):
    case = make_case(CaseStatus.SUBMITTED)
    OutboundEmail.objects.all().delete()

    errors = run_in_parallel(
        lambda target: services.set_case_state(case, target, by=facilitator, comment="Grund"),
        [
            CaseStatus.ACCEPTED,
            CaseStatus.CHANGES_REQUESTED,
            CaseStatus.ACCEPTED,
            CaseStatus.CHANGES_REQUESTED,
        ],
    )

    case = Case.objects.get(pk=case.pk)
    assert case.status in (CaseStatus.ACCEPTED, CaseStatus.CHANGES_REQUESTED)
    assert len(errors) == 3
    assert all(isinstance(error, PeerLearningError) for error in errors)
    assert transitions_of(case)[-1] == ("submitted", case.status)
    assert len(transitions_of(case)) == 3  # created, submitted, one decision
    template = "case_accepted" if case.status == CaseStatus.ACCEPTED else "case_changes_requested"
    # One mail to each of the two members of the municipality, none for the refused changes.
    assert set(OutboundEmail.objects.values_list("template", flat=True)) == {template}


def test_a_peer_clicking_accept_twice_at_once_accepts_once(make_case, facilitator, peer):
    case = make_case(CaseStatus.ACCEPTED)
    assignment = services.assign_peer(case, user=peer, role="peer", by=facilitator)

    errors = run_in_parallel(
        lambda _n: services.set_assignment_state(assignment, "accepted", by=peer, name="accept"),
        range(3),
    )

    assert len(errors) == 2
    assert PeerAssignment.objects.get(pk=assignment.pk).status == "accepted"
    assert transitions_of(assignment) == [("", "invited"), ("invited", "accepted")]
