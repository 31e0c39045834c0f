"""The consultation: peers write structured advice, see the others' only after handing in
their own; the facilitator's synthesis releases it to the municipality, which answers each
idea, plans its actions and closes the case. Attribution follows the round's setting."""

import pytest
from django.core import mail

from peer_learning import services
from peer_learning.choices import Attribution, CaseStatus
from peer_learning.models import Membership
from tests.factories import MunicipalityFactory
from tests.helpers import after_commit, parse

from .conftest import make_user
from .test_portal import logged_in, main_text

ADVICE_A = "Idee von Hanna: ein gemeinsamer Kalender"
ADVICE_B = "Idee von Carl: eine feste Ansprechperson"


@pytest.fixture
def consultation(make_case, peer, facilitator, peer_round):
    """A case in consultation with two peers who accepted: Hanna (Hildesheim) and Carl
    (Cuxhaven)."""
    cuxhaven = MunicipalityFactory(name="Landkreis Cuxhaven", slug="cuxhaven")
    peer_round.municipalities.add(cuxhaven)
    carl = make_user("carl@cuxhaven.example", name="Carl Cux")
    Membership.objects.create(user=carl, municipality=cuxhaven)
    case = make_case(CaseStatus.ACCEPTED)
    for person in (peer, carl):
        assignment = services.assign_peer(case, user=person, role="peer", by=facilitator)
        services.set_assignment_state(assignment, "accepted", by=person, name="accept")
    case = services.set_case_state(case, CaseStatus.IN_CONSULTATION, by=facilitator)
    return {"case": case, "hanna": peer, "carl": carl}


def give(client, case, idea, *, hand_in=True):
    data = {
        "strengths": "Die Kommune hat schon viele Partner an einem Tisch.",
        "questions": "Ich frage mich, ob alle dasselbe Ziel haben.",
        "ideen-TOTAL_FORMS": "1",
        "ideen-INITIAL_FORMS": "0",
        "ideen-0-text": idea,
        "ideen-0-kind": "cooperation",
        "ideen-0-effort": "low",
        "ideen-0-how_we_do_it": "",
    }
    if hand_in:
        data["abgeben"] = ""
    return client.post(f"/portal/faelle/{case.pk}/beitrag/", data, follow=True)


def release(facilitator, case):
    client = logged_in(facilitator)
    client.post(
        f"/portal/faelle/{case.pk}/synthese/",
        {
            "insights": "Es fehlt eine gemeinsame Steuerung.",
            "recommendations": (
                "Steuerungsgruppe einrichten\nKalender teilen\nAnsprechperson benennen"
            ),
        },
    )
    with after_commit():
        client.post(f"/portal/faelle/{case.pk}/begleitung/release/")


@pytest.fixture(autouse=True)
def _no_mfa_in_these_tests(settings):
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = False


def test_a_peer_sees_the_others_advice_only_after_handing_in_their_own(consultation, member):
    case, hanna, carl = consultation["case"], consultation["hanna"], consultation["carl"]
    hanna_client, carl_client = logged_in(hanna), logged_in(carl)

    give(hanna_client, case, ADVICE_A)
    give(carl_client, case, ADVICE_B, hand_in=False)

    carl_page = main_text(carl_client.get(f"/portal/faelle/{case.pk}/"))
    assert ADVICE_B in carl_page and ADVICE_A not in carl_page  # only the own draft
    hanna_page = main_text(hanna_client.get(f"/portal/faelle/{case.pk}/"))
    assert ADVICE_A in hanna_page and ADVICE_B not in hanna_page  # Carl's is only a draft
    member_page = main_text(logged_in(member).get(f"/portal/faelle/{case.pk}/"))
    assert ADVICE_A not in member_page  # nothing before the release

    give(carl_client, case, ADVICE_B)
    carl_page = main_text(carl_client.get(f"/portal/faelle/{case.pk}/"))
    assert ADVICE_A in carl_page and ADVICE_B in carl_page


def test_handing_in_names_what_is_missing_and_keeps_the_draft(consultation):
    case, hanna = consultation["case"], consultation["hanna"]
    client = logged_in(hanna)

    response = client.post(
        f"/portal/faelle/{case.pk}/beitrag/",
        {
            "strengths": "",
            "questions": "",
            "ideen-TOTAL_FORMS": "0",
            "ideen-INITIAL_FORMS": "0",
            "abgeben": "",
        },
    )

    assert "Vor dem Abgeben fehlt noch" in main_text(response)
    assert case.feedback.get().status == "draft"


def test_when_all_have_handed_in_the_facilitator_is_told(consultation, facilitator):
    case = consultation["case"]
    with after_commit():
        give(logged_in(consultation["hanna"]), case, ADVICE_A)
        assert not [m for m in mail.outbox if "Alle Beiträge" in m.subject]
        give(logged_in(consultation["carl"]), case, ADVICE_B)

    [notice] = [m for m in mail.outbox if "Alle Beiträge" in m.subject]
    assert notice.to == [facilitator.email]


def test_the_release_needs_a_synthesis_with_three_to_five_recommendations(
    consultation, facilitator
):
    case = consultation["case"]
    client = logged_in(facilitator)

    early = client.post(f"/portal/faelle/{case.pk}/begleitung/release/", follow=True)
    too_few = client.post(
        f"/portal/faelle/{case.pk}/synthese/", {"insights": "x", "recommendations": "nur eine"}
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.IN_CONSULTATION
    assert "nicht möglich" in main_text(early)
    assert "drei bis fünf Empfehlungen" in main_text(too_few)


@pytest.mark.parametrize(
    ("attribution", "shows", "hides"),
    [
        (
            Attribution.BY_NAME,
            ["Hanna Hoff (Landkreis Hildesheim)", "Carl Cux (Landkreis Cuxhaven)"],
            [],
        ),
        (
            Attribution.BY_MUNICIPALITY,
            ["Landkreis Hildesheim", "Landkreis Cuxhaven"],
            ["Hanna", "Carl"],
        ),
        (
            Attribution.ANONYMOUS,
            ["Peer A", "Peer B"],
            ["Hanna", "Carl", "hildesheim", "cuxhaven", "Hildesheim", "Cuxhaven"],
        ),
    ],
)
def test_after_the_release_the_municipality_sees_the_advice_signed_as_the_round_says(
    consultation, member, facilitator, peer_round, attribution, shows, hides
):
    peer_round.attribution = attribution
    peer_round.save()
    case = consultation["case"]
    give(logged_in(consultation["hanna"]), case, ADVICE_A)
    give(logged_in(consultation["carl"]), case, ADVICE_B)
    mail.outbox.clear()

    release(facilitator, case)

    page = main_text(logged_in(member).get(f"/portal/faelle/{case.pk}/"))
    assert ADVICE_A in page and ADVICE_B in page
    assert "Steuerungsgruppe einrichten" in page
    for text in shows:
        assert text in page
    released_mails = [m for m in mail.outbox if "Die Beratung zu Ihrem Fall ist da" in m.subject]
    assert sorted(m.to[0] for m in released_mails) == [member.email]
    for text in hides:
        assert text not in page.replace(ADVICE_A, "").replace(ADVICE_B, ""), text
        assert all(text not in m.body for m in released_mails), text


def test_the_municipality_answers_each_idea_plans_actions_and_closes_the_case(
    consultation, member, facilitator
):
    case = consultation["case"]
    give(logged_in(consultation["hanna"]), case, ADVICE_A)
    give(logged_in(consultation["carl"]), case, ADVICE_B)
    release(facilitator, case)
    client = logged_in(member)
    idea = case.feedback.get(author=consultation["hanna"]).ideas.get()

    client.post(f"/portal/ideen/{idea.pk}/antwort/", {"response": "take_up", "note": "Ab Mai."})
    client.post(
        f"/portal/faelle/{case.pk}/massnahmen/",
        {
            "what": "Kalender einrichten",
            "responsible_role": "Integrationsbeauftragte",
            "status": "open",
        },
    )
    refused = client.post(f"/portal/faelle/{case.pk}/abschluss/", {"closing_statement": " "})
    mail.outbox.clear()
    with after_commit():
        closed = client.post(
            f"/portal/faelle/{case.pk}/abschluss/",
            {"closing_statement": "Wir setzen zwei Ideen um."},
            follow=True,
        )

    idea.refresh_from_db()
    case.refresh_from_db()
    assert (idea.response, idea.response_note) == ("take_up", "Ab Mai.")
    assert "Dieses Feld muss ausgefüllt werden." in main_text(refused)
    assert case.status == CaseStatus.CLOSED
    page = main_text(closed)
    assert "Kalender einrichten" in page and "greifen wir auf" in page
    assert "Wir setzen zwei Ideen um." in page
    assert [m.to for m in mail.outbox] == [[facilitator.email]]
    # A peer may not answer or plan for the municipality.
    assert (
        logged_in(consultation["carl"])
        .post(f"/portal/ideen/{idea.pk}/antwort/", {"response": "check"})
        .status_code
        == 404
    )


@pytest.fixture
def closed_case(consultation, member, facilitator):
    """Hanna handed in, Carl left a draft; released, one action item, closed."""
    case = consultation["case"]
    give(logged_in(consultation["hanna"]), case, ADVICE_A)
    give(logged_in(consultation["carl"]), case, ADVICE_B, hand_in=False)
    release(facilitator, case)
    client = logged_in(member)
    client.post(
        f"/portal/faelle/{case.pk}/massnahmen/",
        {"what": "Kalender einrichten", "responsible_role": "Fachdienst", "status": "open"},
    )
    client.post(f"/portal/faelle/{case.pk}/abschluss/", {"closing_statement": "Danke."})
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    mail.outbox.clear()
    return case


def test_the_follow_up_page_asks_for_the_state_of_each_action_and_a_report(closed_case, member):
    client = logged_in(member)
    item = closed_case.action_items.get()
    case_page = main_text(client.get(f"/portal/faelle/{closed_case.pk}/"))

    refused = client.post(
        f"/portal/faelle/{closed_case.pk}/nachverfolgung/", {f"status_{item.pk}": "done"}
    )

    assert "Nachverfolgung erfassen" in case_page
    page = parse(refused)
    assert refused.status_code == 200
    assert "Was ist aus der Beratung geworden?: Dieses Feld muss ausgefüllt werden." in (
        page.select_one(".error-summary").get_text(" ", strip=True)
    )
    # What was chosen is kept; nothing changed yet.
    assert page.select_one(f"#id_status_{item.pk} option[selected]")["value"] == "done"
    item.refresh_from_db()
    closed_case.refresh_from_db()
    assert (item.status, closed_case.status) == ("open", CaseStatus.CLOSED)
    assert not mail.outbox


def test_the_follow_up_tells_the_peers_who_advised_what_became_of_their_advice(
    closed_case, consultation, member
):
    client = logged_in(member)
    item = closed_case.action_items.get()

    with after_commit():
        response = client.post(
            f"/portal/faelle/{closed_case.pk}/nachverfolgung/",
            {f"status_{item.pk}": "done", "follow_up_note": "Der Kalender läuft seit März."},
            follow=True,
        )

    closed_case.refresh_from_db()
    item.refresh_from_db()
    assert closed_case.status == CaseStatus.FOLLOW_UP
    assert item.status == "done"
    assert "Die Peers erfahren, was aus ihrem Rat geworden ist." in main_text(response)
    # Only Hanna handed in advice: Carl's draft does not make him a recipient.
    [notice] = mail.outbox
    assert notice.to == [consultation["hanna"].email]
    assert "Der Kalender läuft seit März." in notice.body
    assert "Kalender einrichten: erledigt" in notice.body
    hanna_sees = main_text(
        logged_in(consultation["hanna"]).get(f"/portal/faelle/{closed_case.pk}/")
    )
    carl_sees = main_text(logged_in(consultation["carl"]).get(f"/portal/faelle/{closed_case.pk}/"))
    assert "Der Kalender läuft seit März." in hanna_sees and "Kalender einrichten" in hanna_sees
    assert "Der Kalender läuft seit März." not in carl_sees
    assert "Kalender einrichten" not in carl_sees


def test_only_the_municipality_records_the_follow_up_and_only_on_its_form(
    closed_case, consultation, member, facilitator
):
    url = f"/portal/faelle/{closed_case.pk}/nachverfolgung/"
    data = {"follow_up_note": "Erfunden."}

    for person in (consultation["hanna"], facilitator):
        assert logged_in(person).get(url).status_code == 404
        assert logged_in(person).post(url, data).status_code == 404
    bare_button = logged_in(member).post(f"/portal/faelle/{closed_case.pk}/aktion/follow-up/")

    assert bare_button.status_code == 404
    closed_case.refresh_from_db()
    assert closed_case.status == CaseStatus.CLOSED and not closed_case.follow_up_note
    assert not mail.outbox


# --- clarifying questions, reminders, the dossier -----------------------------------------------


def test_a_peer_asks_a_clarifying_question_and_the_municipality_answers(consultation, member):
    case, hanna = consultation["case"], consultation["hanna"]
    with after_commit():
        logged_in(hanna).post(
            f"/portal/faelle/{case.pk}/rueckfragen/",
            {"text": "Seit wann gibt es den Runden Tisch?"},
        )
    question = case.clarifying_questions.get()
    [notice] = mail.outbox
    assert notice.to == [member.email]
    assert "Seit wann gibt es den Runden Tisch?" in notice.body

    logged_in(member).post(f"/portal/rueckfragen/{question.pk}/antwort/", {"answer": "Seit 2022."})

    page = main_text(logged_in(consultation["carl"]).get(f"/portal/faelle/{case.pk}/"))
    assert "Seit wann gibt es den Runden Tisch?" in page and "Seit 2022." in page
    # Only the case's municipality answers.
    refused = logged_in(hanna).post(
        f"/portal/rueckfragen/{question.pk}/antwort/", {"answer": "Ich weiß es besser."}
    )
    assert refused.status_code == 404


def test_peers_are_reminded_once_before_the_due_date_and_not_after_handing_in(
    consultation, peer_round
):
    import datetime

    case = consultation["case"]
    peer_round.feedback_due = peer_round.case_deadline
    peer_round.save()
    give(logged_in(consultation["hanna"]), case, ADVICE_A)
    mail.outbox.clear()
    day = peer_round.feedback_due - datetime.timedelta(days=2)

    with after_commit():
        first = services.send_feedback_reminders(today=day)
        second = services.send_feedback_reminders(today=day)

    assert (first, second) == (1, 0)
    assert [m.to for m in mail.outbox] == [[consultation["carl"].email]]
    assert f"/portal/faelle/{case.pk}/beitrag/" in mail.outbox[0].body


def test_the_municipality_is_asked_about_its_actions_months_later(
    consultation, member, facilitator
):
    import datetime

    case = consultation["case"]
    give(logged_in(consultation["hanna"]), case, ADVICE_A)
    release(facilitator, case)
    logged_in(member).post(f"/portal/faelle/{case.pk}/abschluss/", {"closing_statement": "Danke."})
    case.refresh_from_db()
    mail.outbox.clear()

    with after_commit():
        early = services.send_follow_up_reminders(
            today=case.follow_up_due - datetime.timedelta(days=1)
        )
        due = services.send_follow_up_reminders(today=case.follow_up_due)

    assert (early, due) == (0, 1)
    assert [m.to for m in mail.outbox] == [[member.email]]
    assert f"/portal/faelle/{case.pk}/nachverfolgung/" in mail.outbox[0].body


def test_the_dossier_holds_the_whole_case_for_the_municipality_only(
    consultation, member, facilitator
):
    case = consultation["case"]
    give(logged_in(consultation["hanna"]), case, ADVICE_A)
    release(facilitator, case)

    dossier = logged_in(member).get(f"/portal/faelle/{case.pk}/dossier/")
    peer_view = logged_in(consultation["carl"]).get(f"/portal/faelle/{case.pk}/dossier/")

    text = main_text(dossier)
    assert "Steuerungsgruppe einrichten" in text and ADVICE_A in text
    assert dossier["Cache-Control"] == "private, no-store"
    assert peer_view.status_code == 404


def test_a_facilitator_records_advice_given_in_a_live_session(consultation, facilitator):
    case, carl = consultation["case"], consultation["carl"]
    client = logged_in(facilitator)
    page = main_text(client.get(f"/portal/faelle/{case.pk}/"))
    assert "Beitrag von Carl Cux erfassen" in page

    client.post(
        f"/portal/faelle/{case.pk}/beitrag/{carl.pk}/erfassen/",
        {
            "strengths": "Gesagt in der Sitzung.",
            "questions": "",
            "ideen-TOTAL_FORMS": "1",
            "ideen-INITIAL_FORMS": "0",
            "ideen-0-text": ADVICE_B,
            "ideen-0-kind": "other",
            "ideen-0-effort": "low",
            "abgeben": "",
        },
    )

    feedback = case.feedback.get(author=carl)
    assert (feedback.status, feedback.recorded_by) == ("submitted", facilitator)
    # Only the round's facilitators record, and only for peers who accepted.
    assert (
        logged_in(consultation["hanna"])
        .get(f"/portal/faelle/{case.pk}/beitrag/{carl.pk}/erfassen/")
        .status_code
        == 404
    )


# --- notices: at once or as a daily digest --------------------------------------------------------


def test_a_member_collects_consultation_notices_in_a_daily_digest(consultation, member):
    from django.core.management import call_command

    client = logged_in(member)
    page = client.get("/portal/benachrichtigungen/")
    client.post(
        "/portal/benachrichtigungen/",
        {"cases": "immediate", "consultation": "digest", "reminders": "immediate"},
    )
    case = consultation["case"]

    with after_commit():
        for text in ("Seit wann?", "Wer leitet den Runden Tisch?"):
            logged_in(consultation["hanna"]).post(
                f"/portal/faelle/{case.pk}/rueckfragen/", {"text": text}
            )
    assert page.status_code == 200
    assert mail.outbox == []  # collected, not sent

    with after_commit():
        call_command("send_case_reminders")
        call_command("send_case_reminders")  # nothing twice

    [digest] = mail.outbox
    assert digest.to == [member.email]
    assert digest.subject == "Ihre Übersicht aus dem Portal: 2 Nachrichten"
    assert digest.body.count("Rückfrage zu Ihrem Fall") == 2
    assert f"/portal/faelle/{case.pk}/" in digest.body


def test_without_a_choice_every_notice_comes_at_once(consultation, member):
    case = consultation["case"]
    with after_commit():
        logged_in(consultation["hanna"]).post(
            f"/portal/faelle/{case.pk}/rueckfragen/", {"text": "Seit wann?"}
        )

    assert [m.to for m in mail.outbox] == [[member.email]]


def test_files_of_an_anonymous_contribution_do_not_name_their_author(
    consultation, member, facilitator, peer_round
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .test_portal import PDF

    peer_round.attribution = Attribution.ANONYMOUS
    peer_round.save()
    case, hanna = consultation["case"], consultation["hanna"]
    client = logged_in(hanna)
    give(client, case, ADVICE_A, hand_in=False)
    client.post(
        f"/portal/faelle/{case.pk}/beitrag/anhang/",
        {"file": SimpleUploadedFile("Vorlage-Hanna-Hoff-Hildesheim.pdf", PDF)},
    )
    give(client, case, ADVICE_A)
    attachment = case.feedback.get(author=hanna).attachments.get()
    url = f"/portal/beitragsanhaenge/{attachment.pk}/"

    before = logged_in(member).get(url)
    release(facilitator, case)
    page = logged_in(member).get(f"/portal/faelle/{case.pk}/")
    download = logged_in(member).get(url)

    assert before.status_code == 404  # nothing before the release
    assert "Anlage 1" in main_text(page)
    assert "Vorlage-Hanna-Hoff" not in page.content.decode()
    assert "Hoff" not in page.content.decode() and "Hildesheim" not in main_text(page)
    assert download.status_code == 200
    assert download["Content-Disposition"] == 'attachment; filename="anlage.pdf"'
    assert b"".join(download.streaming_content) == PDF
    assert logged_in(consultation["carl"]).get(url).status_code == 404  # Carl has not handed in
