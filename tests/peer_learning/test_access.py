"""Who sees which case and file: every role against every case state and confidentiality
level, through HTTP. What one may not see answers 404 (anonymous visitors go to the log-in).

The expected outcomes are written out here from DOMAIN.md's rules, not computed by the code
under test."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from peer_learning import services
from peer_learning.choices import CaseStatus, Confidentiality, RoundStatus
from peer_learning.models import Membership, PeerLearningRound
from tests.factories import MunicipalityFactory

from .conftest import case_data, make_user
from .test_portal import PDF

FULL, REDACTED, HIDDEN, LOGIN = "full", "redacted", "hidden", "login"
SHARED = {CaseStatus.ACCEPTED, CaseStatus.IN_CONSULTATION}
PATHS = {
    CaseStatus.DRAFT: [],
    CaseStatus.SUBMITTED: ["submitted"],
    CaseStatus.CHANGES_REQUESTED: ["submitted", "changes_requested"],
    CaseStatus.RESUBMITTED: ["submitted", "changes_requested", "resubmitted"],
    CaseStatus.ACCEPTED: ["submitted", "accepted"],
    CaseStatus.IN_CONSULTATION: ["submitted", "accepted", "in_consultation"],
    CaseStatus.WITHDRAWN: ["withdrawn"],
    CaseStatus.DECLINED: ["submitted", "declined"],
}
FACILITATOR_MOVES = {"changes_requested", "accepted", "in_consultation", "declined"}


def expected(role: str, status: str, level: str) -> str:
    if role == "anonymous":
        return LOGIN
    if role in ("member", "colleague"):
        return FULL
    if role in ("facilitator", "staff"):
        return HIDDEN if status == CaseStatus.DRAFT else FULL
    if role in ("assigned_peer", "round_peer"):
        if status not in SHARED or level == Confidentiality.INTERNAL:
            return HIDDEN
        return REDACTED if level == Confidentiality.CONFIDENTIAL else FULL
    if role == "network_member":
        return FULL if status in SHARED and level == Confidentiality.NETWORK else HIDDEN
    return HIDDEN  # other_facilitator, outsider, former_member


@pytest.fixture
def world(
    andernach, hildesheim, member, colleague, peer, facilitator, outsider, peer_round, focus_area
):
    """Every case state at every level, each with a file; the people around them."""
    cuxhaven = MunicipalityFactory(name="Landkreis Cuxhaven", slug="cuxhaven")
    salzgitter = MunicipalityFactory(name="Stadt Salzgitter", slug="salzgitter")
    round_peer = make_user("rolf@cuxhaven.example", name="Rolf Runde")
    Membership.objects.create(user=round_peer, municipality=cuxhaven)
    network_member = make_user("nina@salzgitter.example", name="Nina Netz")
    Membership.objects.create(user=network_member, municipality=salzgitter)
    former = make_user("fritz@andernach.example", name="Fritz Früher")
    Membership.objects.create(
        user=former,
        municipality=andernach,
        active_from=datetime.date(2020, 1, 1),
        active_until=timezone.localdate() - datetime.timedelta(days=1),
    )
    other_facilitator = make_user("andere@ism.example", name="Olga Other")
    other_round = PeerLearningRound.objects.create(
        title="Andere Runde", case_deadline=timezone.localdate(), status=RoundStatus.OPEN
    )
    other_round.facilitators.set([other_facilitator])
    staff = make_user("leitung@ism.example", name="Lea Leitung")
    staff.user_permissions.add(Permission.objects.get(codename="view_all_rounds"))
    peer_round.municipalities.add(cuxhaven)

    cases = {}
    for status, path in PATHS.items():
        for level in Confidentiality.values:
            case = services.create_case(
                municipality=andernach,
                by=member,
                data=case_data(
                    peer_round,
                    focus_area,
                    title=f"Fall {status} {level}",
                    situation=f"Volltext {status} {level}",
                    confidentiality=level,
                ),
            )
            case.redacted_version = f"Kurzfassung {status} {level}"
            case.save(update_fields=["redacted_version"])
            attachment = services.add_attachment(
                case, by=member, upload=SimpleUploadedFile("anlage.pdf", PDF)
            )
            for target in path:
                by = facilitator if target in FACILITATOR_MOVES else member
                case = services.set_case_state(case, target, by=by, comment="Grund")
            if status in SHARED:
                services.assign_peer(case, user=peer, role="peer", by=facilitator)
            cases[(status, level)] = (case, attachment)
    # Rolf advises on a different case of the round only.
    helper_case, _file = cases[(CaseStatus.ACCEPTED, Confidentiality.NETWORK)]
    services.assign_peer(helper_case, user=round_peer, role="minutes", by=facilitator)
    people = {
        "member": member,
        "colleague": colleague,
        "former_member": former,
        "assigned_peer": peer,
        "round_peer": round_peer,
        "network_member": network_member,
        "facilitator": facilitator,
        "other_facilitator": other_facilitator,
        "staff": staff,
        "outsider": outsider,
        "anonymous": None,
    }
    return cases, people


ROLES = [
    "member",
    "colleague",
    "former_member",
    "assigned_peer",
    "round_peer",
    "network_member",
    "facilitator",
    "other_facilitator",
    "staff",
    "outsider",
    "anonymous",
]


def test_every_role_sees_exactly_what_the_rules_allow(world, settings):
    """One world for all roles (building it is the slow part); a mismatch names the role."""
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = False  # the rules, not the MFA set-up, are tested
    cases, people = world
    for role in ROLES:
        client = Client()
        if people[role] is not None:
            client.force_login(people[role])
        outcomes = outcomes_for(client, cases)
        wanted = {key: expected(role, *key) for key in cases}
        assert {role: outcomes} == {role: wanted}


def outcomes_for(client, cases) -> dict:
    outcomes = {}
    for (status, level), (case, attachment) in cases.items():
        page = client.get(f"/portal/faelle/{case.pk}/")
        download = client.get(f"/portal/anhaenge/{attachment.pk}/")
        body = page.content.decode()
        if page.status_code == 302:
            seen = LOGIN
            assert download.status_code == 302
        elif page.status_code == 404:
            seen = HIDDEN
            assert download.status_code == 404
        elif f"Volltext {status} {level}" in body:
            seen = FULL
            assert download.status_code == 200
        else:
            seen = REDACTED
            assert f"Kurzfassung {status} {level}" in body
            assert download.status_code == 404
        outcomes[(status, level)] = seen
    return outcomes


def test_peers_see_neither_earlier_versions_nor_other_peoples_drafts(world):
    cases, people = world
    case, _file = cases[(CaseStatus.ACCEPTED, Confidentiality.GROUP)]
    peer = Client()
    peer.force_login(people["assigned_peer"])
    member = Client()
    member.force_login(people["member"])

    assert "Eingereichte Fassungen" not in peer.get(f"/portal/faelle/{case.pk}/").content.decode()
    assert "Eingereichte Fassungen" in member.get(f"/portal/faelle/{case.pk}/").content.decode()


def test_guessing_ids_reveals_nothing(world):
    _cases, people = world
    client = Client()
    client.force_login(people["outsider"])

    for path in ("/portal/faelle/999999/", "/portal/anhaenge/999999/", "/portal/einladungen/1/"):
        assert client.get(path).status_code == 404, path
