"""The portal's demo content (peer_learning.demo), as `manage.py load_demo_content` builds it:
the accounts of the six partner municipalities and the facilitator, the rounds, cases in every
state and at every level of confidentiality, attachments, peers, the mails, idempotency.

Like tests/home/test_demo_content.py, the command runs once for this module on the database as
the migrations leave it, inside a transaction that is rolled back after the last test.
"""

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from PIL import Image
from wagtail.models import ModelLogEntry

from events.models import EventPage
from outbox.models import OutboundEmail
from peer_learning import selectors, services
from peer_learning.choices import (
    AssignmentStatus,
    CaseStatus,
    Confidentiality,
    MembershipRole,
    RoundStatus,
)
from peer_learning.demo import content
from peer_learning.models import (
    Case,
    CaseAttachment,
    CaseRevision,
    Membership,
    PeerAssignment,
    PeerLearningRound,
)
from tests import base_site
from tests.audit import transitions

DEMO_PASSWORD = "passwort-aus-der-umgebung"
SLUGS = ("andernach", "ludwigshafen", "salzgitter", "cuxhaven", "hildesheim", "rotenburg-wuemme")
FACILITATOR_EMAIL = "moderation@demo.querschnitt.example"

pytestmark = pytest.mark.django_db


def load_demo_content() -> str:
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, built once for this module and rolled back after its last test."""
    with (
        pytest.MonkeyPatch.context() as patch,
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        base_site.restore(base_site.MIGRATIONS)
        patch.setenv("DEMO_PASSWORD", DEMO_PASSWORD)
        yield load_demo_content()
        transaction.set_rollback(True)


def member(slug: str):
    return get_user_model().objects.get(email=f"{slug}@demo.querschnitt.example")


def facilitator():
    return get_user_model().objects.get(email=FACILITATOR_EMAIL)


def case_of(slug: str, status: str) -> Case:
    return Case.objects.get(municipality__slug=slug, status=status)


def database_state() -> dict:
    return {
        "users": list(
            get_user_model()
            .objects.order_by("pk")
            .values_list("pk", "username", "email", "password", "is_staff", "is_superuser")
        ),
        "groups": [
            (group.name, sorted(group.permissions.values_list("codename", flat=True)))
            for group in Group.objects.order_by("pk")
        ],
        "memberships": list(Membership.objects.order_by("pk").values()),
        "rounds": list(PeerLearningRound.objects.order_by("pk").values()),
        "round_members": [
            (
                round_.pk,
                sorted(round_.municipalities.values_list("pk", flat=True)),
                sorted(round_.facilitators.values_list("pk", flat=True)),
            )
            for round_ in PeerLearningRound.objects.order_by("pk")
        ],
        "cases": list(Case.objects.order_by("pk").values()),
        "revisions": list(CaseRevision.objects.order_by("pk").values()),
        "attachments": list(CaseAttachment.objects.order_by("pk").values()),
        "assignments": list(PeerAssignment.objects.order_by("pk").values()),
        "emails": list(
            OutboundEmail.objects.order_by("pk").values_list("pk", "recipient", "template")
        ),
        "log_entries": ModelLogEntry.objects.count(),
    }


# --- Accounts ---------------------------------------------------------------------------


class TestAccounts:
    def test_each_municipality_has_one_member_who_logs_in_with_the_demo_password(
        self, demo, client
    ):
        for slug in SLUGS:
            user = member(slug)
            [membership] = Membership.objects.active().filter(user=user)

            assert user.username == user.email == f"{slug}@demo.querschnitt.example"
            assert user.first_name and user.last_name, slug
            assert membership.municipality.slug == slug
            assert membership.active_from < timezone.localdate()
            assert not (user.is_staff or user.is_superuser), slug
            assert client.login(email=user.email, password=DEMO_PASSWORD), slug
            client.logout()
        assert Membership.objects.count() == len(SLUGS)

    def test_hildesheim_has_the_coordinator_the_others_members(self, demo):
        roles = dict(Membership.objects.values_list("municipality__slug", "role"))

        assert roles == {
            slug: MembershipRole.COORDINATOR if slug == "hildesheim" else MembershipRole.MEMBER
            for slug in SLUGS
        }

    def test_the_facilitator_is_in_the_group_fachbegleitung_without_a_municipality(
        self, demo, client
    ):
        user = facilitator()

        assert list(user.groups.values_list("name", flat=True)) == ["Fachbegleitung"]
        assert user.has_perm("wagtailadmin.access_admin")
        assert user.has_perm("peer_learning.facilitate")
        assert not user.has_perm("peer_learning.view_all_rounds")
        assert not Membership.objects.filter(user=user).exists()
        assert (user.first_name, user.last_name) == ("Miriam", "Schäfer")
        assert client.login(email=FACILITATOR_EMAIL, password=DEMO_PASSWORD)
        assert client.get("/admin/").status_code == 200

    def test_the_portal_accounts_leave_the_sites_accounts_as_they_are(self, demo):
        groups = {
            user.username: sorted(user.groups.values_list("name", flat=True))
            for user in get_user_model().objects.exclude(email__endswith="querschnitt.example")
        }

        assert groups == {
            "admin": [],
            "redaktion": ["Redaktion"],
            "organisation": ["Veranstaltungsorganisation"],
        }


# --- Rounds -----------------------------------------------------------------------------


class TestRounds:
    def test_a_finished_round_in_the_past_held_at_the_peer_learning_meeting(self, demo):
        today = timezone.localdate()
        past = PeerLearningRound.objects.get(status=RoundStatus.FINISHED)
        event = EventPage.objects.get(locale__language_code="de", slug="peer-learning-rotenburg")

        assert past.event_id == event.pk
        assert past.session_date == event.local_start.date() < today
        assert past.case_deadline < past.clarification_until < past.feedback_due
        assert past.feedback_due < past.session_date
        assert not past.takes_cases

    def test_the_current_round_takes_cases_for_three_weeks_and_meets_in_six(self, demo):
        today = timezone.localdate()
        current = PeerLearningRound.objects.get(status=RoundStatus.OPEN)

        assert current.case_deadline == today + datetime.timedelta(days=21)
        assert current.session_date == today + datetime.timedelta(days=42)
        assert current.case_deadline < current.clarification_until < current.feedback_due
        assert current.feedback_due < current.session_date
        assert current.takes_cases

    def test_all_six_municipalities_take_part_with_the_facilitator(self, demo):
        assert PeerLearningRound.objects.count() == 2
        for round_ in PeerLearningRound.objects.all():
            assert sorted(round_.municipalities.values_list("slug", flat=True)) == sorted(SLUGS)
            assert list(round_.facilitators.all()) == [facilitator()]


# --- Cases ------------------------------------------------------------------------------


class TestCases:
    def test_cases_in_every_state_spread_over_all_municipalities(self, demo):
        assert set(Case.objects.values_list("status", flat=True)) == set(CaseStatus.values)
        assert set(Case.objects.values_list("municipality__slug", flat=True)) == set(SLUGS)

    def test_cases_at_every_level_and_only_confidential_ones_with_a_redacted_version(self, demo):
        levels = set(Case.objects.values_list("confidentiality", flat=True))
        confidential = Case.objects.filter(confidentiality=Confidentiality.CONFIDENTIAL)

        assert levels == set(Confidentiality.values)
        assert confidential.count() == 2
        for case in confidential:
            [edit] = ModelLogEntry.objects.for_instance(case).filter(action="wagtail.edit")
            assert len(case.redacted_version) > 100
            assert case.municipality.name not in case.redacted_version
            assert edit.user == facilitator()
        assert not Case.objects.exclude(confidentiality=Confidentiality.CONFIDENTIAL).exclude(
            redacted_version=""
        )

    def test_every_case_has_the_texts_a_case_needs(self, demo):
        for case in Case.objects.all():
            assert case.key_question.startswith("Wie können wir erreichen, dass "), case
            assert case.key_question.endswith("?"), case
            assert case.summary and case.situation and case.actors and case.tried, case
            assert case.focus_area_id and case.round_id and case.help_wanted, case
            assert case.created_by == member(case.municipality.slug)

    def test_only_the_draft_still_lacks_what_submitting_needs(self, demo):
        draft = case_of("andernach", CaseStatus.DRAFT)

        assert draft.round.status == RoundStatus.OPEN
        assert not draft.no_personal_data_confirmed
        assert services.missing_for_submission(draft)
        for case in Case.objects.exclude(status=CaseStatus.DRAFT):
            assert not services.missing_for_submission(case), case

    def test_each_case_went_its_way_through_the_services(self, demo):
        member_ = member("rotenburg-wuemme")
        case = case_of("rotenburg-wuemme", CaseStatus.RESUBMITTED)
        first, second = case.revisions.order_by("number")

        assert [(t.old, t.new, t.user) for t in transitions(case)] == [
            ("", "draft", member_),
            ("draft", "submitted", member_),
            ("submitted", "changes_requested", facilitator()),
            ("changes_requested", "resubmitted", member_),
        ]
        assert "60.000 Euro" not in first.content["constraints_text"]
        assert "60.000 Euro" in second.content["constraints_text"] == case.constraints_text
        for other in Case.objects.all():
            changes = [s for s in content.CASE_PATHS[other.status] if s != content.REVISE]
            assert [t.new for t in transitions(other)] == ["draft", *changes], other

    def test_the_facilitator_gave_reasons_where_the_portal_asks_for_them(self, demo):
        for status in (CaseStatus.CHANGES_REQUESTED, CaseStatus.DECLINED):
            case = Case.objects.get(status=status)
            last = transitions(case)[-1]
            assert (last.new, last.user) == (status, facilitator())
            assert len(last.comment) > 50


# --- Attachments --------------------------------------------------------------------------


class TestAttachments:
    def test_a_pdf_and_a_png_in_the_private_storage(self, demo):
        attachments = {a.content_type: a for a in CaseAttachment.objects.all()}
        private_root = Path(settings.STORAGES["private"]["OPTIONS"]["location"]).resolve()
        media_root = Path(settings.MEDIA_ROOT).resolve()

        assert set(attachments) == {"application/pdf", "image/png"}
        for attachment in attachments.values():
            path = Path(attachment.file.path).resolve()
            assert path.is_relative_to(private_root)
            assert not path.is_relative_to(media_root)
            assert path.stat().st_size == attachment.size > 0
            assert attachment.uploaded_by == member(attachment.case.municipality.slug)
        assert attachments["application/pdf"].original_name.endswith(".pdf")
        assert attachments["image/png"].original_name.endswith(".png")

    def test_the_pdf_is_a_well_formed_document(self, demo):
        attachment = CaseAttachment.objects.get(content_type="application/pdf")
        with attachment.file.open("rb") as file:
            data = file.read()

        xref = int(data.rsplit(b"startxref\n", 1)[1].split(b"\n", 1)[0])
        entries = data[xref:].split(b"\n")[3:8]
        assert data.startswith(b"%PDF-1.4") and data.rstrip().endswith(b"%%EOF")
        assert data[xref:].startswith(b"xref\n0 6\n")
        for number, entry in enumerate(entries, start=1):
            offset = int(entry.split()[0])
            assert data[offset:].startswith(b"%d 0 obj" % number)
        assert "Ehrenamtskoordination".encode("cp1252") in data

    def test_the_png_is_an_image(self, demo):
        attachment = CaseAttachment.objects.get(content_type="image/png")
        with attachment.file.open("rb") as file, Image.open(file) as image:
            assert (image.format, image.size) == ("PNG", (960, 540))

    def test_the_draft_and_a_case_in_consultation_have_the_attachments(self, demo):
        statuses = set(CaseAttachment.objects.values_list("case__status", flat=True))

        assert statuses == {CaseStatus.DRAFT, CaseStatus.IN_CONSULTATION}


# --- Peers --------------------------------------------------------------------------------


class TestPeers:
    def test_invitations_open_accepted_declined_and_done(self, demo):
        statuses = set(PeerAssignment.objects.values_list("status", flat=True))
        declined = PeerAssignment.objects.get(status=AssignmentStatus.DECLINED)

        assert statuses == set(AssignmentStatus.values)
        assert "nächsten Runde" in declined.decline_reason
        assert transitions(declined)[-1].comment == declined.decline_reason
        assert not PeerAssignment.objects.filter(
            status=AssignmentStatus.INVITED, responded_at__isnull=False
        )

    def test_peers_come_from_other_municipalities_and_were_invited_by_the_facilitator(self, demo):
        for assignment in PeerAssignment.objects.select_related("case", "case__round"):
            assert not Membership.objects.filter(
                user=assignment.user, municipality=assignment.case.municipality
            ).exists()
            assert assignment.due_date == assignment.case.round.feedback_due
            assert transitions(assignment)[0].user == facilitator()
            assert assignment.case.status in (CaseStatus.ACCEPTED, CaseStatus.IN_CONSULTATION)

    def test_the_past_rounds_peers_are_done(self, demo):
        past = PeerAssignment.objects.filter(case__round__status=RoundStatus.FINISHED)

        assert set(past.values_list("status", flat=True)) == {AssignmentStatus.DONE}
        assert {a.role for a in past} == {"peer", "moderation", "minutes"}


# --- Mails --------------------------------------------------------------------------------


class TestMails:
    def test_every_change_queued_its_mails_in_the_outbox(self, demo):
        templates = set(OutboundEmail.objects.values_list("template", flat=True))

        assert {
            "case_submitted",
            "case_submitted_facilitator",
            "case_changes_requested",
            "case_resubmitted",
            "case_accepted",
            "case_declined",
            "case_withdrawn",
            "peer_invitation",
            "peer_accepted",
            "peer_declined",
        } <= templates

    def test_each_peer_got_an_invitation_about_their_assignment(self, demo):
        for assignment in PeerAssignment.objects.all():
            [invitation] = OutboundEmail.objects.related_to(assignment).filter(
                template="peer_invitation"
            )
            assert invitation.recipient == assignment.user.email

    def test_the_member_got_the_facilitators_request_for_changes(self, demo):
        case = case_of("salzgitter", CaseStatus.CHANGES_REQUESTED)
        [mail] = OutboundEmail.objects.related_to(case).filter(template="case_changes_requested")

        assert mail.recipient == "salzgitter@demo.querschnitt.example"
        assert "Vereinsvorständen" in mail.body_text

    def test_the_facilitator_hears_of_submissions_and_answers(self, demo):
        recipients = set(
            OutboundEmail.objects.filter(
                template__in=[
                    "case_submitted_facilitator",
                    "case_resubmitted",
                    "case_withdrawn",
                    "peer_accepted",
                    "peer_declined",
                ]
            ).values_list("recipient", flat=True)
        )

        assert recipients == {FACILITATOR_EMAIL}

    def test_demo_mails_go_only_to_reserved_addresses(self, demo):
        recipients = OutboundEmail.objects.filter(
            recipient__endswith="@demo.querschnitt.example"
        ).values_list("recipient", flat=True)

        assert set(recipients) == {f"{slug}@demo.querschnitt.example" for slug in SLUGS} | {
            FACILITATOR_EMAIL
        }


# --- Who sees what ------------------------------------------------------------------------


class TestWhoSeesWhat:
    def test_what_waits_for_whom(self, demo):
        andernach = selectors.needs_action(member("andernach"))
        salzgitter = selectors.needs_action(member("salzgitter"))
        ludwigshafen = selectors.needs_action(member("ludwigshafen"))

        assert [a.case.municipality.slug for a in andernach["invitations"]] == ["hildesheim"]
        assert [c.status for c in andernach["drafts"]] == [CaseStatus.DRAFT]
        assert [a.case.municipality.slug for a in salzgitter["invitations"]] == ["cuxhaven"]
        assert [c.status for c in salzgitter["to_revise"]] == [CaseStatus.CHANGES_REQUESTED]
        assert not any(ludwigshafen.values())

    def test_who_sees_which_case(self, demo):
        """The README's "who sees what": own cases, the network case of the past round, and
        in the current round the shared cases of the round one is a peer in; the confidential
        one only in the facilitator's shortened version ("(gekürzt)")."""

        def seen(user) -> set[str]:
            return {
                f"{ROUND_LABELS[case.round.status]} {case.municipality.slug} {case.status}"
                + (" (gekürzt)" if selectors.shows_redacted(user, case) else "")
                for case in selectors.visible_cases(user)
            }

        past_network_case = "1 cuxhaven in_consultation"
        assert {slug: seen(member(slug)) for slug in SLUGS} == {
            "andernach": {
                "2 andernach draft",
                past_network_case,
                "2 hildesheim accepted (gekürzt)",  # invited
                "2 cuxhaven in_consultation",
            },
            "ludwigshafen": {
                "2 ludwigshafen submitted",
                "2 ludwigshafen declined",
                past_network_case,  # declined its invitation: nothing else of round 2
            },
            "salzgitter": {
                "2 salzgitter changes_requested",
                "2 salzgitter withdrawn",
                past_network_case,
                "2 cuxhaven in_consultation",  # invited
                "2 hildesheim accepted (gekürzt)",
            },
            "cuxhaven": {past_network_case, "2 cuxhaven in_consultation"},
            "hildesheim": {
                "2 hildesheim accepted",
                past_network_case,
                "2 cuxhaven in_consultation",  # moderates it
            },
            "rotenburg-wuemme": {
                "2 rotenburg-wuemme resubmitted",
                past_network_case,
                "2 hildesheim accepted (gekürzt)",  # accepted
                "2 cuxhaven in_consultation",  # keeps the minutes
            },
        }
        # Every case but the draft, in full.
        assert seen(facilitator()) == {
            label for slug in SLUGS for label in seen(member(slug)) if label.split()[1] == slug
        } - {"2 andernach draft"}


ROUND_LABELS = {RoundStatus.FINISHED: "1", RoundStatus.OPEN: "2"}


# --- Running the command again ------------------------------------------------------------


class TestRerun:
    def test_first_run_reports_what_it_made(self, demo):
        assert "  memberships: 6 created" in demo
        assert "  peer-learning rounds: 2 created" in demo
        assert "  cases: 9 created" in demo
        assert "  case attachments: 2 created" in demo
        assert "  peer assignments: 10 created" in demo

    def test_second_run_changes_nothing(self, demo):
        before = database_state()

        output = load_demo_content()

        assert database_state() == before
        assert "already up to date" in output

    def test_run_on_a_later_day_changes_nothing(self, demo, monkeypatch):
        before = database_state()
        later = timezone.localdate() + datetime.timedelta(days=45)
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)

        output = load_demo_content()

        assert database_state() == before
        assert "already up to date" in output

    def test_a_changed_demo_password_reaches_the_portal_accounts(self, demo, monkeypatch):
        monkeypatch.setenv("DEMO_PASSWORD", "ein-anderes-passwort")

        load_demo_content()

        for user in [*(member(slug) for slug in SLUGS), facilitator()]:
            assert user.check_password("ein-anderes-passwort"), user


def test_one_concept_is_shown_to_the_network_and_one_is_not_yet(demo):
    from peer_learning.models import Concept

    shown = Concept.objects.get(municipality__slug="hildesheim")
    hidden = Concept.objects.get(municipality__slug="salzgitter")

    assert shown.published_at is not None and hidden.published_at is None
    assert [q.municipality.slug for q in shown.questions.all()] == ["cuxhaven"]
    assert list(shown.relevant_for.values_list("slug", flat=True)) == ["andernach"]
