"""The municipality members' portal through HTTP: log-in, „Meine Kommune“, a case written
over two sittings, submitted, sent back, resubmitted and accepted, invitations, files."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from peer_learning import services
from peer_learning.choices import CaseStatus, Confidentiality
from peer_learning.models import Case, CaseAttachment
from tests.helpers import after_commit, parse, text_of

from .conftest import PASSWORD

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>"
    b"endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, "PNG")
    return buffer.getvalue()


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def main_text(response) -> str:
    return text_of(parse(response).select_one("main"))


# --- log-in ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/portal/",
        "/portal/faelle/neu/",
        "/portal/faelle/1/",
        "/portal/einladungen/1/",
        "/en/portal/",
    ],
)
def test_anonymous_visitors_of_any_portal_page_are_sent_to_the_log_in(client, db, path):
    response = client.get(path)

    assert response.status_code == 302
    assert response["Location"].split("?")[0] in ("/portal/konto/login/", "/en/portal/konto/login/")
    assert response["Cache-Control"] == "private, no-store"


def test_log_in_page_is_german_labelled_and_offers_no_sign_up(client, db):
    response = client.get("/portal/konto/login/")

    soup = parse(response)
    labels = [label.get_text(strip=True) for label in soup.select("main label")]
    assert labels == ["E-Mail-Adresse", "Passwort"]
    assert soup.h1.get_text(strip=True) == "Anmelden im Portal der Partnerkommunen"
    assert "signup" not in response.content.decode()
    assert response["Cache-Control"] == "private, no-store"
    assert client.get("/portal/konto/signup/").status_code in (403, 404, 200)
    assert "Registrierung" not in main_text(client.get("/portal/konto/login/"))


def test_a_member_logs_in_with_the_e_mail_address(client, member):
    response = client.post(
        "/portal/konto/login/", {"login": "Ayla@Andernach.example", "password": PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/portal/"
    dashboard = client.get("/portal/")
    assert "Meine Kommune" in main_text(dashboard)
    assert "Stadt Andernach" in main_text(dashboard)


def test_a_wrong_password_gives_a_german_message_and_keeps_the_address(client, member):
    response = client.post(
        "/portal/konto/login/", {"login": "ayla@andernach.example", "password": "falsch"}
    )

    assert response.status_code == 200
    soup = parse(response)
    assert soup.select_one(".error-summary") is not None
    assert soup.select_one("#id_login")["value"] == "ayla@andernach.example"


def test_the_session_ends_after_the_idle_time(member, settings):
    settings.PORTAL_IDLE_TIMEOUT = 60
    client = logged_in(member)
    assert client.get("/portal/").status_code == 200
    session = client.session
    session["portal_last_seen"] -= 120
    session.save()

    response = client.get("/portal/")

    assert response.status_code == 302
    assert response["Location"].startswith("/portal/konto/login/")
    assert client.get("/portal/").status_code == 302


def test_facilitators_must_set_up_two_factor_log_in_first(facilitator, peer_round):
    response = logged_in(facilitator).get("/portal/")

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_members_are_offered_two_factor_log_in_but_not_forced(client, member):
    client.post("/portal/konto/login/", {"login": member.email, "password": PASSWORD})

    assert client.get("/portal/").status_code == 200
    overview = client.get(reverse("mfa_index"))
    assert overview.status_code == 200
    assert parse(overview).find("a", href=reverse("mfa_activate_totp")) is not None


# --- „Meine Kommune“ --------------------------------------------------------------------------


def test_dashboard_shows_cases_by_state_rounds_invitations_and_what_to_do(
    member, make_case, peer, facilitator, peer_round
):
    make_case(CaseStatus.DRAFT, title="Entwurf Ehrenamt")
    make_case(CaseStatus.CHANGES_REQUESTED, title="Zurück zur Überarbeitung")
    other = services.create_case(
        municipality=peer.memberships.get().municipality,
        by=peer,
        data={"title": "Fall aus Hildesheim", "round_id": peer_round.pk},
    )
    assert other.pk

    response = logged_in(member).get("/portal/")

    text = main_text(response)
    assert "Entwurf fertigstellen und einreichen: Entwurf Ehrenamt" in text
    assert "Fall überarbeiten: Zurück zur Überarbeitung" in text
    assert "Runde Frühjahr" in text
    assert "Fall aus Hildesheim" not in text  # another municipality's draft
    assert response["Cache-Control"] == "private, no-store"


# --- the case: two sittings, submit, changes, resubmit, accepted ----------------------------


def test_a_member_writes_a_case_over_two_sittings_and_it_goes_all_the_way(
    member, facilitator, peer_round, focus_area, colleague
):
    first = logged_in(member)
    response = first.post(
        "/portal/faelle/neu/",
        {
            "title": "Vereine und Verwaltung",
            "summary": "Kurz gesagt.",
            "focus_area": focus_area.pk,
            "round": peer_round.pk,
            "confidentiality": Confidentiality.GROUP,
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302
    assert case.status == CaseStatus.DRAFT

    second = logged_in(member)  # another day, another session
    edit = f"/portal/faelle/{case.pk}/bearbeiten/"
    assert parse(second.get(edit)).select_one("#id_title")["value"] == "Vereine und Verwaltung"
    second.post(f"{edit}?schritt=2", {"situation": "Viele Beteiligte.", "actors": "Vereine"})
    second.post(
        f"{edit}?schritt=3",
        {
            "key_question": "Wie können wir erreichen, dass alle mitziehen?",
            "help_wanted": ["ideas"],
            "no_personal_data_confirmed": "on",
        },
    )
    with after_commit():
        submitted = second.post(f"/portal/faelle/{case.pk}/aktion/submit/", follow=True)

    case.refresh_from_db()
    assert case.status == CaseStatus.SUBMITTED
    assert "ist eingereicht" in main_text(submitted)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [member.email, colleague.email, facilitator.email]
    )
    mail.outbox.clear()

    with after_commit():
        services.set_case_state(
            case, CaseStatus.CHANGES_REQUESTED, by=facilitator, comment="Bitte die Akteure genauer."
        )
    to_member, to_colleague = sorted(mail.outbox, key=lambda m: m.to[0])
    assert to_colleague.to == [colleague.email] or to_member.to == [colleague.email]
    assert "Bitte die Akteure genauer." in to_member.body
    assert f"/portal/faelle/{case.pk}/" in to_member.body
    mail.outbox.clear()

    second.post(
        f"{edit}?schritt=2", {"situation": "Viele Beteiligte.", "actors": "Vereine, Jobcenter"}
    )
    with after_commit():
        second.post(f"/portal/faelle/{case.pk}/aktion/resubmit/")
    case.refresh_from_db()
    assert case.status == CaseStatus.RESUBMITTED
    assert [m.to for m in mail.outbox] == [[facilitator.email]]
    assert [r.content["actors"] for r in case.revisions.order_by("number")] == [
        "Vereine",
        "Vereine, Jobcenter",
    ]
    mail.outbox.clear()

    with after_commit():
        services.set_case_state(case, CaseStatus.ACCEPTED, by=facilitator)
    page = main_text(second.get(f"/portal/faelle/{case.pk}/"))
    assert "in die Runde aufgenommen" in page
    assert "Fassung 1" in page and "Fassung 2" in page
    assert {m.subject for m in mail.outbox} == {
        "Ihr Fall ist in die Runde aufgenommen: Vereine und Verwaltung"
    }


def test_submitting_an_incomplete_case_names_what_is_missing(member, make_case):
    case = make_case(CaseStatus.DRAFT, key_question="", no_personal_data_confirmed=False)

    response = logged_in(member).post(f"/portal/faelle/{case.pk}/aktion/submit/", follow=True)

    case.refresh_from_db()
    assert case.status == CaseStatus.DRAFT
    text = main_text(response)
    assert "Vor dem Einreichen fehlt noch" in text
    assert "Schlüsselfrage" in text
    assert "personenbezogenen Daten" in text


def test_bad_input_keeps_what_was_typed_and_saves_nothing(member, peer_round):
    response = logged_in(member).post(
        "/portal/faelle/neu/",
        {"title": "", "summary": "Steuer\x1bzeichen", "confidentiality": "group"},
    )

    assert response.status_code == 200
    soup = parse(response)
    assert soup.select_one("#error-summary") is not None
    assert "Steuer" in soup.select_one("#id_summary").get_text()
    assert Case.objects.count() == 0


def test_a_submitted_case_can_no_longer_be_edited(member, make_case):
    case = make_case(CaseStatus.SUBMITTED)

    client = logged_in(member)

    assert client.get(f"/portal/faelle/{case.pk}/bearbeiten/").status_code == 404
    response = client.post(f"/portal/faelle/{case.pk}/bearbeiten/", {"title": "Anders"})
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.title == "Ehrenamt und Verwaltung verzahnen"


# --- files ----------------------------------------------------------------------------------


def test_attachments_are_checked_by_content_and_kept_outside_the_media_root(
    member, make_case, settings
):
    case = make_case(CaseStatus.DRAFT)
    client = logged_in(member)
    url = f"/portal/faelle/{case.pk}/anhaenge/"

    ok = client.post(url, {"file": SimpleUploadedFile("konzept.pdf", PDF)}, follow=True)
    fake = client.post(
        url, {"file": SimpleUploadedFile("virus.pdf", b"MZ\x90\x00 not a pdf")}, follow=True
    )

    [attachment] = CaseAttachment.objects.all()
    assert attachment.original_name == "konzept.pdf"
    assert attachment.content_type == "application/pdf"
    assert "Die Datei ist angehängt." in main_text(ok)
    assert "Diese Datei können wir nicht annehmen" in main_text(fake)
    assert str(settings.MEDIA_ROOT) not in attachment.file.path
    download = client.get(f"/portal/anhaenge/{attachment.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert 'attachment; filename="konzept.pdf"' in download["Content-Disposition"]
    assert download["Cache-Control"] == "private, no-store"


def test_an_image_is_accepted_and_an_oversized_file_refused(member, make_case, settings):
    settings.PEER_LEARNING_MAX_UPLOAD_BYTES = 50_000
    case = make_case(CaseStatus.DRAFT)
    client = logged_in(member)
    url = f"/portal/faelle/{case.pk}/anhaenge/"

    client.post(url, {"file": SimpleUploadedFile("bild.png", png_bytes())})
    big = client.post(
        url, {"file": SimpleUploadedFile("gross.pdf", PDF + b"0" * 60_000)}, follow=True
    )

    assert list(CaseAttachment.objects.values_list("original_name", flat=True)) == ["bild.png"]
    assert "zu groß" in main_text(big)


# --- invitations ----------------------------------------------------------------------------


@pytest.fixture
def invitation(make_case, peer, facilitator):
    case = make_case(CaseStatus.ACCEPTED)
    with after_commit():
        assignment = services.assign_peer(case, user=peer, role="peer", by=facilitator)
    return assignment


def test_the_invited_peer_gets_a_mail_and_accepts(invitation, peer, facilitator):
    [message] = [m for m in mail.outbox if m.to == [peer.email]]
    assert message.subject == "Einladung zur Beratung: Ehrenamt und Verwaltung verzahnen"
    assert f"/portal/einladungen/{invitation.pk}/" in message.body
    mail.outbox.clear()
    client = logged_in(peer)

    with after_commit():
        response = client.post(
            f"/portal/einladungen/{invitation.pk}/", {"action": "accept"}, follow=True
        )

    invitation.refresh_from_db()
    assert invitation.status == "accepted"
    assert "Vielen Dank für Ihre Zusage." in main_text(response)
    assert [m.to for m in mail.outbox] == [[facilitator.email]]
    assert client.get(f"/portal/faelle/{invitation.case_id}/").status_code == 200


def test_declining_needs_a_reason_and_keeps_what_was_typed(invitation, peer):
    client = logged_in(peer)
    url = f"/portal/einladungen/{invitation.pk}/"

    refused = client.post(url, {"action": "decline", "comment": "  "})
    done = client.post(url, {"action": "decline", "comment": "Urlaub in der Zeit."}, follow=True)

    assert refused.status_code == 200
    assert "Bitte nennen Sie kurz den Grund" in main_text(refused)
    invitation.refresh_from_db()
    assert (invitation.status, invitation.decline_reason) == ("declined", "Urlaub in der Zeit.")
    assert "Ihre Absage ist angekommen." in main_text(done)


def test_an_invitation_is_only_for_the_invited_person(invitation, member, colleague, outsider):
    for user in (member, colleague, outsider):
        assert logged_in(user).get(f"/portal/einladungen/{invitation.pk}/").status_code == 404


# --- nothing public ---------------------------------------------------------------------------


def test_nothing_of_a_case_reaches_the_public_site(client, make_case, home_page):
    make_case(CaseStatus.IN_CONSULTATION, title="Geheimes Vorhaben Kreisverwaltung")

    for path in ("/sitemap.xml", "/suche/?q=Geheimes", "/aktuell/feed/rss/", "/"):
        response = client.get(path)
        assert "Geheimes Vorhaben" not in response.content.decode(), path


def test_password_reset_mail_goes_through_the_outbox_and_sets_a_new_password(client, member):
    from outbox.models import OutboundEmail

    with after_commit():
        response = client.post("/portal/konto/password/reset/", {"email": member.email})

    assert response.status_code == 302
    row = OutboundEmail.objects.get(template="account_password_reset_key")
    assert row.recipient == member.email
    [message] = mail.outbox
    link = next(
        line for line in message.body.splitlines() if "/portal/konto/password/reset/key/" in line
    )
    path = link.strip().split("localhost", 1)[1]
    form_page = client.get(path, follow=True)
    action = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    done = client.post(
        action, {"password1": "ganz-neues-passwort-7", "password2": "ganz-neues-passwort-7"}
    )

    assert done.status_code == 302
    member.refresh_from_db()
    assert member.check_password("ganz-neues-passwort-7")


def test_an_invited_member_sets_the_password_through_the_invitation_link(
    client, andernach, facilitator
):
    with after_commit():
        user = services.invite_member(
            email="Neu@Andernach.example", name="Nele Neu", municipality=andernach, by=facilitator
        )

    [message] = mail.outbox
    assert message.subject == "Ihr Zugang zum Portal „Integration im Querschnitt“"
    assert not user.has_usable_password()
    path = message.body.split("http://localhost", 1)[1].split()[0]
    page = client.get(path, follow=True)
    action = page.redirect_chain[-1][0] if page.redirect_chain else path
    client.post(
        action, {"password1": "mein-erstes-passwort-3", "password2": "mein-erstes-passwort-3"}
    )

    user.refresh_from_db()
    assert user.check_password("mein-erstes-passwort-3")
    assert user.memberships.get().municipality == andernach


def test_with_clamav_configured_an_infected_upload_is_refused(
    member, make_case, settings, monkeypatch
):
    import clamav_client

    class FakeClient:
        def instream(self, stream):
            return {"stream": ("FOUND", "Eicar-Test-Signature")}

    class FakeScanner:
        client = FakeClient()

    monkeypatch.setattr(clamav_client, "get_scanner", lambda config: FakeScanner())
    settings.CLAMD_HOST = "127.0.0.1:3310"
    case = make_case(CaseStatus.DRAFT)

    response = logged_in(member).post(
        f"/portal/faelle/{case.pk}/anhaenge/",
        {"file": SimpleUploadedFile("bericht.pdf", PDF)},
        follow=True,
    )

    assert "Schadsoftware" in main_text(response)
    assert CaseAttachment.objects.count() == 0


def test_a_member_adds_another_e_mail_address_on_the_account_page(client, member):
    client.post("/portal/konto/login/", {"login": member.email, "password": PASSWORD})

    page = client.get("/portal/konto/email/")
    response = client.post(
        "/portal/konto/email/", {"action_add": "", "email": "ayla.neu@andernach.example"}
    )

    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    assert response.status_code in (200, 302)
    from allauth.account.models import EmailAddress

    assert EmailAddress.objects.filter(user=member, email="ayla.neu@andernach.example").exists()


def test_a_facilitator_without_a_municipality_is_offered_no_dead_links(
    facilitator, peer_round, settings
):
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = False
    client = logged_in(facilitator)

    for path in ("/portal/", "/portal/konzepte/"):
        soup = parse(client.get(path))
        for link in soup.select("main a[href^='/portal/'], nav a[href^='/portal/']"):
            assert client.get(link["href"]).status_code in (200, 302), link["href"]
