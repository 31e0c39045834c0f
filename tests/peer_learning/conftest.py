"""Fixtures for the portal: two partner municipalities with a member each, a facilitator, a
round both take part in, and `make_case` to bring a case into any state through the
services (so the audit trail, revisions and mails are what the real path leaves)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from peer_learning import services
from peer_learning.choices import CaseStatus, Confidentiality, RoundStatus
from peer_learning.models import Membership, PeerLearningRound
from tests.factories import MunicipalityFactory

PASSWORD = "portal-passwort-1"


def make_user(email: str, *, name: str = "", password: str = PASSWORD, **fields):
    first, _space, last = (name or email.split("@")[0]).partition(" ")
    user = get_user_model().objects.create_user(
        username=email, email=email, password=password, first_name=first, last_name=last, **fields
    )
    return user


@pytest.fixture
def andernach(db):
    return MunicipalityFactory(name="Stadt Andernach", slug="andernach")


@pytest.fixture
def hildesheim(db):
    return MunicipalityFactory(name="Landkreis Hildesheim", slug="hildesheim")


@pytest.fixture
def member(andernach):
    user = make_user("ayla@andernach.example", name="Ayla Arslan")
    Membership.objects.create(user=user, municipality=andernach)
    return user


@pytest.fixture
def colleague(andernach):
    """A second member of the same municipality."""
    user = make_user("bernd@andernach.example", name="Bernd Becker")
    Membership.objects.create(user=user, municipality=andernach)
    return user


@pytest.fixture
def peer(hildesheim):
    """A member of another municipality."""
    user = make_user("hanna@hildesheim.example", name="Hanna Hoff")
    Membership.objects.create(user=user, municipality=hildesheim)
    return user


@pytest.fixture
def facilitator(db):
    return make_user("moderation@ism.example", name="Mia Moderation")


@pytest.fixture
def outsider(db):
    """Logged in, but member of no municipality and facilitator of nothing."""
    return make_user("niemand@example.org", name="Nora Niemand")


@pytest.fixture
def peer_round(andernach, hildesheim, facilitator):
    round_ = PeerLearningRound.objects.create(
        title="Runde Frühjahr",
        case_deadline=timezone.localdate() + datetime.timedelta(days=20),
        session_date=timezone.localdate() + datetime.timedelta(days=40),
        status=RoundStatus.OPEN,
    )
    round_.municipalities.set([andernach, hildesheim])
    round_.facilitators.set([facilitator])
    return round_


def case_data(round_, focus_area, **overrides) -> dict:
    data = {
        "title": "Ehrenamt und Verwaltung verzahnen",
        "summary": "Wie Ehrenamtliche und Verwaltung besser zusammenarbeiten.",
        "focus_area_id": focus_area.pk,
        "situation": "Die Zusammenarbeit ist unklar geregelt.",
        "actors": "Integrationsbeauftragte, Vereine",
        "tried": "Runder Tisch, ohne Ergebnis.",
        "key_question": "Wie können wir erreichen, dass Absprachen halten?",
        "help_wanted": ["ideas", "experiences"],
        "method": "brainstorming",
        "confidentiality": Confidentiality.GROUP,
        "no_personal_data_confirmed": True,
        "round_id": round_.pk,
    }
    data.update(overrides)
    return data


@pytest.fixture
def make_case(andernach, member, facilitator, peer_round, focus_area):
    """make_case(status, **fields): a case of Andernach brought to `status` the real way."""

    def make(status=CaseStatus.DRAFT, **overrides):
        case = services.create_case(
            municipality=andernach, by=member, data=case_data(peer_round, focus_area, **overrides)
        )
        path = {
            CaseStatus.DRAFT: [],
            CaseStatus.SUBMITTED: [("submitted", member)],
            CaseStatus.CHANGES_REQUESTED: [
                ("submitted", member),
                ("changes_requested", facilitator),
            ],
            CaseStatus.RESUBMITTED: [
                ("submitted", member),
                ("changes_requested", facilitator),
                ("resubmitted", member),
            ],
            CaseStatus.ACCEPTED: [("submitted", member), ("accepted", facilitator)],
            CaseStatus.IN_CONSULTATION: [
                ("submitted", member),
                ("accepted", facilitator),
                ("in_consultation", facilitator),
            ],
            CaseStatus.WITHDRAWN: [("withdrawn", member)],
            CaseStatus.DECLINED: [("submitted", member), ("declined", facilitator)],
        }[status]
        for target, by in path:
            case = services.set_case_state(case, target, by=by, comment="Bitte ergänzen.")
        return case

    return make
