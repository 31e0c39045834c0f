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
    title = "Ehrenamt und Verwaltung verzahnen"
    assert sorted((message.to[0], message.subject) for message in mail.outbox) == sorted(
        [
            (member.email, f"Ihr Fall ist eingereicht: {title}"),
            (facilitator.email, f"Neuer Fall eingereicht: {title}"),
            (member.email, f"Ihr Fall ist in die Runde aufgenommen: {title}"),
        ]
    )


def test_a_peer_of_the_own_municipality_is_refused(make_case, colleague, facilitator):
    case = make_case(CaseStatus.ACCEPTED)

    with pytest.raises(PeerLearningError, match="Kommune des Falls"):
        services.assign_peer(case, user=colleague, role="peer", by=facilitator)


def test_drafts_are_reminded_once_shortly_before_the_deadline(
    make_case, peer_round, member, colleague
):
    import datetime

    from django.core.management import call_command

    make_case(CaseStatus.DRAFT, title="Noch nicht fertig")
    make_case(CaseStatus.SUBMITTED, title="Schon eingereicht")
    deadline = peer_round.case_deadline

    with after_commit():
        early = services.send_deadline_reminders(today=deadline - datetime.timedelta(days=10))
        due = services.send_deadline_reminders(today=deadline - datetime.timedelta(days=2))
        again = services.send_deadline_reminders(today=deadline - datetime.timedelta(days=1))

    assert (early, due, again) == (0, 1, 0)
    reminders = [m for m in mail.outbox if "Erinnerung" in m.subject]
    assert sorted(m.to[0] for m in reminders) == sorted([member.email, colleague.email])
    assert "Noch nicht fertig" in reminders[0].body
    call_command("send_case_reminders")  # the daily command runs without error
