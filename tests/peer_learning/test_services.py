import pytest
from django.core import mail

from peer_learning import services
from peer_learning.choices import CaseStatus
from peer_learning.transitions import PeerLearningError
from tests.helpers import after_commit


def test_a_case_walks_from_draft_to_consultation(make_case, member, facilitator):
    with after_commit():
        case = make_case(CaseStatus.IN_CONSULTATION)

    assert case.status == CaseStatus.IN_CONSULTATION
    assert case.revisions.count() == 1
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects


def test_a_peer_of_the_own_municipality_is_refused(make_case, colleague, facilitator):
    case = make_case(CaseStatus.ACCEPTED)

    with pytest.raises(PeerLearningError, match="Kommune des Falls"):
        services.assign_peer(case, user=colleague, role="peer", by=facilitator)
