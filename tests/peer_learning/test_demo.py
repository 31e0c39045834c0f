"""The portal's demo content (peer_learning.demo), as `manage.py load_demo_content` builds it:
the accounts of the six partner municipalities and the facilitator, the rounds, cases in every
state and at every level of confidentiality, attachments, peers, one case through the whole
consultation and one in the middle of it, the mails, idempotency.

Like tests/home/test_demo_content.py, the command runs once for this module on the database as
the migrations leave it, inside a transaction that is rolled back after the last test.
"""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from PIL import Image
from wagtail.models import ModelLogEntry

from events.models import EventPage
from outbox.models import OutboundEmail
from peer_learning import forms, selectors, services
from peer_learning.choices import (
    AssignmentRole,
    AssignmentStatus,
    Attribution,
    CaseStatus,
    Confidentiality,
    FeedbackStatus,
    IdeaResponse,
    MembershipRole,
    RoundStatus,
)
from peer_learning.demo import content
from peer_learning.models import (
    ActionItem,
    Case,
    CaseAttachment,
    CaseRevision,
    Feedback,
    Idea,
    Membership,
    PeerAssignment,
    PeerLearningRound,
    Synthesis,
)
from tests import base_site
from tests.audit import transitions
from tests.base_site import DEMO_PASSWORD, load_demo_content
from tests.helpers import parse

SLUGS = ("andernach", "ludwigshafen", "salzgitter", "cuxhaven", "hildesheim", "rotenburg-wuemme")
FACILITATOR_EMAIL = "moderation@demo.querschnitt.example"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, built once for this module and rolled back after its last test."""
    with base_site.demo_site(django_db_blocker) as output:
        yield output


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
        "feedback": list(Feedback.objects.order_by("pk").values()),
        "ideas": list(Idea.objects.order_by("pk").values()),
        "syntheses": list(Synthesis.objects.order_by("pk").values()),
        "action_items": list(ActionItem.objects.order_by("pk").values()),
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
            assert assignment.case.status in (
                CaseStatus.ACCEPTED,
                CaseStatus.IN_CONSULTATION,
                CaseStatus.FEEDBACK_RELEASED,
                CaseStatus.CLOSED,
                CaseStatus.FOLLOW_UP,
            )

    def test_the_past_rounds_peers_are_done(self, demo):
        past = PeerAssignment.objects.filter(case__round__status=RoundStatus.FINISHED)

        assert set(past.values_list("status", flat=True)) == {AssignmentStatus.DONE}
        assert {a.role for a in past} == {"peer", "moderation", "minutes"}


# --- The consultation ---------------------------------------------------------------------


def full_cycle_case() -> Case:
    """The past round's case of Landkreis Cuxhaven, through the whole consultation."""
    return case_of("cuxhaven", CaseStatus.CLOSED)


def mid_consultation_case() -> Case:
    """The current round's case of Landkreis Cuxhaven, in the middle of its consultation."""
    return case_of("cuxhaven", CaseStatus.IN_CONSULTATION)


def page_text(client, user, case: Case) -> str:
    client.force_login(user)
    response = client.get(f"/portal/faelle/{case.pk}/")
    assert response.status_code == 200
    return " ".join(parse(response).select_one("main").get_text(" ").split())


class TestConsultation:
    def test_the_past_rounds_case_was_advised_released_and_closed(self, demo):
        case = full_cycle_case()
        synthesis = case.synthesis

        assert case.round.status == RoundStatus.FINISHED
        assert case.title.startswith("Integrationsaufgaben zwischen Landkreis und")
        assert [(t.new, t.user) for t in transitions(case)][-3:] == [
            (CaseStatus.IN_CONSULTATION, facilitator()),
            (CaseStatus.FEEDBACK_RELEASED, facilitator()),
            (CaseStatus.CLOSED, member("cuxhaven")),
        ]
        assert case.released_at is not None
        assert case.follow_up_due > timezone.localdate()
        assert synthesis.written_by == facilitator()
        assert synthesis.insights and synthesis.open_questions and synthesis.contacts
        assert 3 <= len(synthesis.recommendation_list) <= 5
        assert len(case.closing_statement) > 200

    def test_its_two_peers_handed_in_their_advice_with_ideas(self, demo):
        case = full_cycle_case()
        peers = PeerAssignment.objects.filter(case=case, role=AssignmentRole.PEER)
        feedback = list(case.feedback.select_related("municipality"))

        assert len(feedback) == 2
        assert {item.author for item in feedback} == {assignment.user for assignment in peers}
        for item in feedback:
            assert item.status == FeedbackStatus.SUBMITTED and item.submitted_at
            assert item.recorded_by is None  # written by the peer, not entered in the session
            assert item.municipality == Membership.objects.get(user=item.author).municipality
            assert item.strengths and item.experience and item.transferability
            assert item.questions.startswith("Ich frage mich, ob ")
            assert not services.missing_in_feedback(item)
            assert 2 <= item.ideas.count() <= 3
            for idea in item.ideas.all():
                assert idea.how_we_do_it.startswith("So machen wir es in "), idea

    def test_the_district_answered_every_idea_and_planned_its_next_steps(self, demo):
        case = full_cycle_case()
        ideas = Idea.objects.filter(feedback__case=case)
        items = list(case.action_items.all())

        assert set(ideas.values_list("response", flat=True)) == set(IdeaResponse.values)
        assert not ideas.filter(response_note="")
        assert 2 <= len(items) <= 3
        for item in items:
            assert item.what and item.responsible_role and item.due_date, item
        assert len({item.status for item in items}) > 1

    def test_the_release_was_mailed_to_the_district_the_rest_to_the_facilitator(self, demo):
        case = full_cycle_case()

        def recipients(template: str) -> list[str]:
            mails = OutboundEmail.objects.related_to(case).filter(template=template)
            return list(mails.values_list("recipient", flat=True))

        assert recipients("case_feedback_released") == ["cuxhaven@demo.querschnitt.example"]
        assert recipients("feedback_complete") == [FACILITATOR_EMAIL]
        assert recipients("case_closed") == [FACILITATOR_EMAIL]

    def test_the_current_case_has_one_handed_in_and_one_draft_advice(self, demo):
        case = mid_consultation_case()
        by_municipality = {item.municipality.slug: item for item in case.feedback.all()}
        handed_in, draft = by_municipality["salzgitter"], by_municipality["andernach"]

        assert set(by_municipality) == {"salzgitter", "andernach"}
        assert (handed_in.status, draft.status) == (FeedbackStatus.SUBMITTED, FeedbackStatus.DRAFT)
        assert handed_in.method_section and not services.missing_in_feedback(handed_in)
        assert services.missing_in_feedback(draft)  # the Kopfstand is still missing
        assert case.released_at is None
        assert not Synthesis.objects.filter(case=case).exists()
        assert not Idea.objects.filter(feedback__case=case).exclude(response="")
        assert not OutboundEmail.objects.related_to(case).filter(template="feedback_complete")

    def test_the_texts_are_what_the_portals_forms_accept(self, demo):
        for spec in content.CASES:
            method_label = services.METHOD_SECTIONS.get(spec.data["method"])
            for item in spec.feedback:
                form = forms.FeedbackForm(data=item.data, method_label=method_label)
                assert form.is_valid(), form.errors
                for idea in item.ideas:
                    data = {name: getattr(idea, name) for name in forms.IdeaForm.base_fields}
                    assert forms.IdeaForm(data=data).is_valid(), idea
                    if idea.response:
                        answer = {"response": idea.response, "note": idea.note}
                        assert forms.IdeaResponseForm(data=answer).is_valid(), idea
            if spec.synthesis:
                form = forms.SynthesisForm(data=spec.synthesis)
                assert form.is_valid(), form.errors
            for action in spec.action_items:
                data = {
                    "what": action.what,
                    "responsible_role": action.responsible_role,
                    "due_date": "2030-01-31",
                    "status": action.status,
                }
                assert forms.ActionItemForm(data=data).is_valid(), action
            if spec.closing_statement:
                data = {"closing_statement": spec.closing_statement}
                assert forms.ClosingForm(data=data).is_valid()


def released_case() -> Case:
    """The past round's case of Stadt Andernach: released, the city still answering."""
    return case_of("andernach", CaseStatus.FEEDBACK_RELEASED)


def followed_up_case() -> Case:
    """The past round's case of Stadt Ludwigshafen am Rhein: closed and followed up."""
    return case_of("ludwigshafen", CaseStatus.FOLLOW_UP)


class TestTheCasesAroundTheCycle:
    def test_andernachs_case_is_released_with_one_idea_answered(self, demo):
        case = released_case()
        ideas = Idea.objects.filter(feedback__case=case)
        answered = ideas.exclude(response="")

        assert [(t.new, t.user) for t in transitions(case)][-2:] == [
            (CaseStatus.IN_CONSULTATION, facilitator()),
            (CaseStatus.FEEDBACK_RELEASED, facilitator()),
        ]
        assert case.confidentiality == Confidentiality.GROUP
        assert case.released_at and not case.closing_statement
        assert 3 <= len(case.synthesis.recommendation_list) <= 5
        assert case.feedback.filter(status=FeedbackStatus.SUBMITTED).count() == 2
        assert all(item.method_section for item in case.feedback.all())  # Hypothesen
        assert (ideas.count(), answered.count()) == (4, 1)
        assert answered.get().feedback.municipality.slug == "hildesheim"
        assert case.action_items.count() == 1
        [mail] = OutboundEmail.objects.related_to(case).filter(template="case_feedback_released")
        assert mail.recipient == "andernach@demo.querschnitt.example"
        assert not OutboundEmail.objects.related_to(case).filter(template="case_closed")

    def test_andernach_answers_the_open_ideas_and_may_close(self, demo, client):
        client.force_login(member("andernach"))
        response = client.get(f"/portal/faelle/{released_case().pk}/")
        main = parse(response).select_one("main")

        assert len(main.select("form[action*='/antwort/']")) == 4
        assert main.select_one("a[href$='/abschluss/']").get_text(strip=True) == (
            "Fall mit Stellungnahme abschließen"
        )
        assert "Synthese der Fachbegleitung" in main.get_text()

    def test_ludwigshafens_case_went_on_to_the_follow_up(self, demo):
        case = followed_up_case()
        statuses = list(case.action_items.order_by("pk").values_list("status", flat=True))

        assert [(t.new, t.user) for t in transitions(case)][-3:] == [
            (CaseStatus.FEEDBACK_RELEASED, facilitator()),
            (CaseStatus.CLOSED, member("ludwigshafen")),
            (CaseStatus.FOLLOW_UP, member("ludwigshafen")),
        ]
        assert statuses == ["done", "in_progress", "dropped"]
        assert case.closing_statement and case.follow_up_note
        assert not Idea.objects.filter(feedback__case=case, response="")

    def test_the_peers_were_told_what_became_of_their_advice(self, demo, client):
        case = followed_up_case()
        mails = OutboundEmail.objects.related_to(case).filter(template="case_follow_up")

        assert sorted(mails.values_list("recipient", flat=True)) == [
            "andernach@demo.querschnitt.example",
            "cuxhaven@demo.querschnitt.example",
        ]
        for mail in mails:
            assert "erledigt" in mail.body_text and "Pressestelle" in mail.body_text
        peer = page_text(client, member("cuxhaven"), case)
        other = page_text(client, member("salzgitter"), case)
        assert "Was aus der Beratung geworden ist" in peer and "verworfen" in peer
        assert "Was aus der Beratung geworden ist" not in other
        assert "Veraltete Übersetzungen kennzeichnen" not in other


class TestWhoSeesTheConsultation:
    """The README's account of the consultation: the rounds sign advice with the municipality;
    a peer sees the others' advice once their own is handed in, the case's municipality all of
    it (with the synthesis and its action items) once released; drafts only their author."""

    def test_both_rounds_sign_the_advice_with_the_municipality(self, demo):
        attributions = set(PeerLearningRound.objects.values_list("attribution", flat=True))

        assert attributions == {Attribution.BY_MUNICIPALITY}

    def test_who_sees_what_of_the_closed_case(self, demo):
        case = full_cycle_case()

        def sees(user) -> tuple:
            return (
                [item.attribution for item in selectors.feedback_visible(user, case)],
                selectors.released_synthesis(user, case) is not None,
                len(selectors.action_items_for(user, case)),
            )

        signed = ["Stadt Ludwigshafen am Rhein", "Stadt Salzgitter"]
        assert sees(member("cuxhaven")) == (signed, True, 3)
        assert sees(facilitator()) == (signed, True, 3)
        for slug in ("salzgitter", "ludwigshafen"):  # the peers
            assert sees(member(slug)) == (signed, False, 0), slug
        for slug in ("andernach", "rotenburg-wuemme", "hildesheim"):  # minutes, moderation
            assert sees(member(slug)) == ([], False, 0), slug

    def test_who_sees_what_of_the_released_and_the_followed_up_case(self, demo):
        def sees(user, case) -> tuple:
            return (
                [item.attribution for item in selectors.feedback_visible(user, case)],
                selectors.released_synthesis(user, case) is not None,
                len(selectors.action_items_for(user, case)),
            )

        released, followed_up = released_case(), followed_up_case()
        advised_andernach = ["Landkreis Hildesheim", "Landkreis Rotenburg (Wümme)"]
        advised_ludwigshafen = ["Landkreis Cuxhaven", "Stadt Andernach"]
        assert sees(member("andernach"), released) == (advised_andernach, True, 1)
        for slug in ("hildesheim", "rotenburg-wuemme"):  # its peers: no synthesis, no plan yet
            assert sees(member(slug), released) == (advised_andernach, False, 0), slug
        assert sees(member("ludwigshafen"), followed_up) == (advised_ludwigshafen, True, 3)
        for slug in ("cuxhaven", "andernach"):  # its peers, told at the follow-up
            assert sees(member(slug), followed_up) == (advised_ludwigshafen, False, 3), slug
        for slug in ("salzgitter", "cuxhaven", "ludwigshafen"):
            assert sees(member(slug), released) == ([], False, 0), slug
        for slug in ("salzgitter", "hildesheim", "rotenburg-wuemme"):
            assert sees(member(slug), followed_up) == ([], False, 0), slug

    def test_who_sees_what_of_the_case_in_consultation(self, demo):
        case = mid_consultation_case()

        def sees(user) -> list:
            return [
                (item.municipality.slug, item.status, item.attribution)
                for item in selectors.feedback_visible(user, case)
            ]

        handed_in = ("salzgitter", FeedbackStatus.SUBMITTED, "Stadt Salzgitter")
        assert sees(member("salzgitter")) == [handed_in]
        assert sees(member("andernach")) == [("andernach", FeedbackStatus.DRAFT, "")]
        assert sees(facilitator()) == [handed_in]
        for slug in ("cuxhaven", "hildesheim", "rotenburg-wuemme", "ludwigshafen"):
            assert sees(member(slug)) == [], slug

    def test_the_district_reads_the_released_advice_in_the_portal(self, demo, client):
        text = page_text(client, member("cuxhaven"), full_cycle_case())

        assert "Synthese der Fachbegleitung" in text
        assert "Beitrag von Stadt Salzgitter" in text
        assert "Beitrag von Stadt Ludwigshafen am Rhein" in text
        assert "Antwort der Kommune: greifen wir auf" in text
        assert "Abschließende Stellungnahme der Kommune" in text

    def test_the_peers_of_the_current_case_see_their_own_state(self, demo, client):
        case = mid_consultation_case()

        salzgitter = page_text(client, member("salzgitter"), case)
        andernach = page_text(client, member("andernach"), case)
        cuxhaven = page_text(client, member("cuxhaven"), case)

        assert "Ihr Beitrag ist abgegeben" in salzgitter
        assert "Beitrag von Stadt Salzgitter" in salzgitter
        assert "Ihr Beitrag (Entwurf)" in andernach
        assert "Beitrag von Stadt Salzgitter" not in andernach
        assert "Beitrag von" not in cuxhaven and "Ihr Beitrag" not in cuxhaven


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
            "feedback_complete",
            "case_feedback_released",
            "case_closed",
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
                    "feedback_complete",
                    "case_closed",
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
        assert [a.case for a in andernach["advice"]] == [mid_consultation_case()]  # a draft
        assert [c.status for c in andernach["drafts"]] == [CaseStatus.DRAFT]
        assert list(andernach["released"]) == [released_case()]
        assert not salzgitter["invitations"]  # accepted Cuxhaven's and handed in its advice
        assert not salzgitter["advice"]
        assert [c.status for c in salzgitter["to_revise"]] == [CaseStatus.CHANGES_REQUESTED]
        assert not any(ludwigshafen.values())  # its follow-up is recorded
        assert not selectors.needs_action(member("cuxhaven"))["follow_ups"]  # not yet due

    def test_the_dashboard_lists_what_waits_and_the_follow_up_once_it_is_due(
        self, demo, client, monkeypatch
    ):
        client.force_login(member("andernach"))
        andernach = parse(client.get("/portal/")).select_one("#todo-heading").parent
        links = {a.get_text(" ", strip=True): a["href"] for a in andernach.select("a")}
        closed = full_cycle_case()
        later = closed.follow_up_due
        monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: later)
        client.force_login(member("cuxhaven"))
        cuxhaven = parse(client.get("/portal/")).select_one("#todo-heading").parent

        assert links[f"Beratungsbeitrag schreiben: {mid_consultation_case().title}"] == (
            f"/portal/faelle/{mid_consultation_case().pk}/beitrag/"
        )
        released = (
            f"Beratung lesen, Ideen beantworten und Fall abschließen: {released_case().title}"
        )
        assert links[released].startswith(f"/portal/faelle/{released_case().pk}/")
        [follow_up] = cuxhaven.select("a[href$='/nachverfolgung/']")
        assert follow_up.get_text(" ", strip=True) == f"Nachverfolgung erfassen: {closed.title}"

    def test_who_sees_which_case(self, demo):
        """The README's "who sees what": own cases, the cases of the past round, and
        in the current round the shared cases of the round one is a peer in; the confidential
        one only in the facilitator's shortened version ("(gekürzt)")."""

        def seen(user) -> set[str]:
            return {
                f"{ROUND_LABELS[case.round.status]} {case.municipality.slug} {case.status}"
                + (" (gekürzt)" if selectors.shows_redacted(user, case) else "")
                for case in selectors.visible_cases(user)
            }

        # Every municipality took part in the past round (as peer, moderation or minutes), so
        # each sees all three of its cases, Andernach's (consultation group) among them.
        past_round = {
            "1 cuxhaven closed",
            "1 andernach feedback_released",
            "1 ludwigshafen follow_up",
        }
        assert {slug: seen(member(slug)) for slug in SLUGS} == {
            "andernach": {
                "2 andernach draft",
                *past_round,
                "2 hildesheim accepted (gekürzt)",  # invited
                "2 cuxhaven in_consultation",  # advises on it
            },
            "ludwigshafen": {
                "2 ludwigshafen submitted",
                "2 ludwigshafen declined",
                *past_round,  # declined its invitation: nothing else of round 2
            },
            "salzgitter": {
                "2 salzgitter changes_requested",
                "2 salzgitter withdrawn",
                *past_round,
                "2 cuxhaven in_consultation",  # advises on it
                "2 hildesheim accepted (gekürzt)",
            },
            "cuxhaven": {*past_round, "2 cuxhaven in_consultation"},
            "hildesheim": {
                "2 hildesheim accepted",
                *past_round,
                "2 cuxhaven in_consultation",  # moderates it
            },
            "rotenburg-wuemme": {
                "2 rotenburg-wuemme resubmitted",
                *past_round,
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
        assert "  cases: 11 created" in demo
        assert "  case attachments: 2 created" in demo
        assert "  peer assignments: 15 created" in demo
        assert "  peer feedback: 8 created" in demo
        assert "  syntheses: 3 created" in demo
        assert "  action items: 7 created" in demo

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


def test_one_praxiswissen_page_is_published_without_names_or_municipality(demo, client):
    from peer_learning.models import PraxiswissenPage

    page = PraxiswissenPage.objects.get()
    response = client.get(page.url)

    assert page.live and page.url == "/praxiswissen/" + page.slug + "/"
    from tests.helpers import parse

    text = str(parse(response).main)  # the footer names the funders, Ludwigshafen among them
    assert page.title in text
    for hidden in ("Cuxhaven", "Salzgitter", "Ludwigshafen", "@demo.querschnitt.example"):
        assert hidden not in text, hidden
    assert page.title in client.get("/praxiswissen/").content.decode()
