"""The facilitators' admin („Peer-Learning“: „Runden“ and „Fälle“) through the Django test
client: who sees which rounds and cases, the filters, the state actions with their comments
and mails, „Peer zuordnen“, the redacted version and the audit trail."""

import datetime
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.utils import timezone

from peer_learning import services
from peer_learning.choices import AssignmentStatus, CaseStatus, Confidentiality, RoundStatus
from peer_learning.models import Membership, PeerAssignment, PeerLearningRound
from tests.audit import transitions
from tests.helpers import after_commit, count_queries, parse, text_of
from tests.peer_learning.conftest import case_data, make_user

CASES_URL = "/admin/peer-learning/cases/"
ROUNDS_URL = "/admin/peer-learning/rounds/"


# --- helpers -------------------------------------------------------------------------------


def grant(user, name: str, *codenames: str):
    """Put `user` in a group with the admin access and `codenames` of peer_learning."""
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=("access_admin", *codenames),
            content_type__app_label__in=("wagtailadmin", "peer_learning"),
        )
    )
    user.groups.add(group)
    return user


def menu_labels(client) -> list[str]:
    """Every label of the admin's main menu, submenus included."""
    soup = parse(client.get("/admin/"))
    props = json.loads(soup.select_one("#wagtail-sidebar-props").string)
    labels = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("label"), str):
                labels.append(node["label"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(props["modules"][1])
    return labels


def listed_titles(response) -> list[str]:
    return [
        link.get_text(strip=True)
        for link in parse(response).select("table tbody td.title .title-wrapper a")
    ]


def rows(response) -> list[list[str]]:
    table = parse(response).select_one("table.listing")
    return [[text_of(cell) for cell in row.select("td")] for row in table.select("tbody tr")]


def message_texts(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def page_text(response) -> str:
    return text_of(parse(response).select_one("main") or parse(response))


def action_url(case, name: str) -> str:
    return f"{CASES_URL}action/{case.pk}/{name}/"


def inspect_url(case) -> str:
    return f"{CASES_URL}inspect/{case.pk}/"


def assign_url(case) -> str:
    return f"{CASES_URL}assign/{case.pk}/"


def status_of(obj) -> str:
    obj.refresh_from_db()
    return obj.status


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def facilitator_client(client, facilitator):
    """Mia Moderation runs „Runde Frühjahr“ and has the facilitators' permission."""
    grant(facilitator, "Fachbegleitung", "facilitate")
    client.force_login(facilitator)
    return client


@pytest.fixture
def staff_user(db):
    """ism staff: every round, without being a superuser."""
    return grant(make_user("team@ism.example", name="Ida Ism"), "ism", "view_all_rounds")


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def editor(db):
    """In the admin, but without any peer-learning permission."""
    return grant(make_user("redaktion@example.org", name="Rita Redaktion"), "Redaktion")


@pytest.fixture
def other_round(andernach, hildesheim, peer_round):
    """A second round both municipalities take part in, run by someone else."""
    round_ = PeerLearningRound.objects.create(
        title="Runde Herbst",
        case_deadline=timezone.localdate() + datetime.timedelta(days=30),
        status=RoundStatus.OPEN,
    )
    round_.municipalities.set([andernach, hildesheim])
    other = grant(
        make_user("zweite@ism.example", name="Zora Zweit"), "Fachbegleitung", "facilitate"
    )
    round_.facilitators.set([other])
    return round_


@pytest.fixture
def other_case(other_round, andernach, member, focus_area):
    """A submitted case of the other round."""
    case = services.create_case(
        municipality=andernach,
        by=member,
        data=case_data(other_round, focus_area, title="Quartiersarbeit im Herbst"),
    )
    return services.set_case_state(case, CaseStatus.SUBMITTED, by=member)


@pytest.fixture
def hildesheim_case(hildesheim, peer, peer_round, other_focus_area):
    """A submitted case of the other municipality, in another Gestaltungsbereich."""
    case = services.create_case(
        municipality=hildesheim,
        by=peer,
        data=case_data(peer_round, other_focus_area, title="Sprachmittlung im Landkreis"),
    )
    return services.set_case_state(case, CaseStatus.SUBMITTED, by=peer)


# --- who sees what -------------------------------------------------------------------------


def test_a_facilitator_finds_the_menu_and_only_the_submitted_cases_of_their_rounds(
    facilitator_client, make_case, other_case
):
    submitted = make_case(CaseStatus.SUBMITTED, title="Ehrenamt stärken")
    accepted = make_case(CaseStatus.ACCEPTED, title="Beteiligung im Quartier")
    make_case(CaseStatus.DRAFT, title="Noch ein Entwurf")

    labels = menu_labels(facilitator_client)
    assert {"Peer-Learning", "Runden", "Fälle"} <= set(labels)

    response = facilitator_client.get(CASES_URL)
    assert response.status_code == 200
    assert sorted(listed_titles(response)) == sorted([submitted.title, accepted.title])

    response = facilitator_client.get(ROUNDS_URL)
    assert listed_titles(response) == ["Runde Frühjahr"]
    # Two cases submitted, the draft not counted.
    assert rows(response)[0][-1] == "2"


def test_the_rounds_and_cases_of_other_facilitators_are_not_found(
    facilitator_client, make_case, other_case, other_round
):
    draft = make_case(CaseStatus.DRAFT)

    for case in (other_case, draft):
        for url in (
            inspect_url(case),
            f"{CASES_URL}history/{case.pk}/",
            f"{CASES_URL}edit/{case.pk}/",
            action_url(case, "accept"),
            assign_url(case),
        ):
            assert facilitator_client.get(url).status_code == 404, url
        response = facilitator_client.post(action_url(case, "accept"), {"comment": "Ja"})
        assert response.status_code == 404
    for url in (f"{ROUNDS_URL}inspect/{other_round.pk}/", f"{ROUNDS_URL}history/{other_round.pk}/"):
        assert facilitator_client.get(url).status_code == 404, url
    assert status_of(other_case) == CaseStatus.SUBMITTED
    # Nor can the list be pointed at the other round.
    response = facilitator_client.get(CASES_URL, {"round": other_round.pk})
    assert other_case.title not in listed_titles(response)


def test_facilitators_read_their_rounds_but_only_ism_staff_plans_them(
    facilitator_client, peer_round
):
    response = facilitator_client.get(f"{ROUNDS_URL}inspect/{peer_round.pk}/")
    assert response.status_code == 200
    text = page_text(response)
    assert "Runde Frühjahr" in text
    assert "Mia Moderation" in text
    assert "Landkreis Hildesheim, Stadt Andernach" in text

    for url in (f"{ROUNDS_URL}new/", f"{ROUNDS_URL}edit/{peer_round.pk}/"):
        response = facilitator_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/"


def test_ism_staff_sees_every_round_and_submitted_case(
    staff_client, make_case, other_case, other_round
):
    mine = make_case(CaseStatus.SUBMITTED)
    make_case(CaseStatus.DRAFT, title="Noch ein Entwurf")

    response = staff_client.get(CASES_URL)
    assert sorted(listed_titles(response)) == sorted([mine.title, other_case.title])
    response = staff_client.get(ROUNDS_URL)
    assert sorted(listed_titles(response)) == ["Runde Frühjahr", "Runde Herbst"]


def test_ism_staff_creates_a_round_with_municipalities_and_facilitators(
    staff_client, andernach, hildesheim, facilitator, outsider
):
    grant(facilitator, "Fachbegleitung", "facilitate")

    response = staff_client.get(f"{ROUNDS_URL}new/")
    assert response.status_code == 200
    offered = [text_of(label) for label in parse(response).select("#id_facilitators label")]
    assert "Mia Moderation (moderation@ism.example)" in offered
    # Only people with the permission are offered as facilitators.
    assert not any("Nora Niemand" in label for label in offered)

    deadline = timezone.localdate() + datetime.timedelta(days=10)
    data = {
        "title": "Runde Sommer",
        "description": "",
        "format": "live",
        "status": RoundStatus.OPEN,
        "case_deadline": deadline.isoformat(),
        "clarification_until": "",
        "feedback_due": "",
        "session_date": (deadline - datetime.timedelta(days=1)).isoformat(),
        "event": "",
        "municipalities": [andernach.pk, hildesheim.pk],
        "facilitators": [facilitator.pk],
        "attribution": "municipality",
    }
    response = staff_client.post(f"{ROUNDS_URL}new/", data)
    assert response.status_code == 200
    assert "Dieses Datum liegt vor dem Einsendeschluss für Fälle." in page_text(response)

    data["session_date"] = (deadline + datetime.timedelta(days=20)).isoformat()
    response = staff_client.post(f"{ROUNDS_URL}new/", data)
    assert response.status_code == 302
    round_ = PeerLearningRound.objects.get(title="Runde Sommer")
    assert set(round_.municipalities.all()) == {andernach, hildesheim}
    assert list(round_.facilitators.all()) == [facilitator]

    response = staff_client.get(f"{ROUNDS_URL}edit/{round_.pk}/")
    assert response.status_code == 200
    checked = parse(response).select("#id_facilitators input[checked]")
    assert [box["value"] for box in checked] == [str(facilitator.pk)]
    history = staff_client.get(f"{ROUNDS_URL}history/{round_.pk}/")
    assert "Runde Sommer" in page_text(history)


def test_groups_can_be_given_the_two_peer_learning_permissions(client, admin_user):
    client.force_login(admin_user)

    response = client.get("/admin/groups/new/")

    text = page_text(response)
    assert "Runden als Fachbegleitung betreuen (nur die eigenen)" in text
    assert "Alle Runden und Fälle sehen (ism)" in text


def test_an_editor_without_the_permission_cannot_open_anything(
    client, editor, make_case, peer_round
):
    case = make_case(CaseStatus.SUBMITTED)
    client.force_login(editor)

    assert "Peer-Learning" not in menu_labels(client)
    for url in (
        CASES_URL,
        ROUNDS_URL,
        inspect_url(case),
        action_url(case, "accept"),
        assign_url(case),
        f"{CASES_URL}history/{case.pk}/",
        f"{ROUNDS_URL}inspect/{peer_round.pk}/",
        f"{ROUNDS_URL}new/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/"
    response = client.post(action_url(case, "accept"), {"comment": ""})
    assert response.status_code == 302
    assert status_of(case) == CaseStatus.SUBMITTED


def test_a_round_facilitator_without_the_permission_does_not_get_in(client, facilitator, make_case):
    """Being named in a round is not enough: the group permission opens the admin."""
    grant(facilitator, "Nur Admin")
    make_case(CaseStatus.SUBMITTED)
    client.force_login(facilitator)

    assert "Peer-Learning" not in menu_labels(client)
    assert client.get(CASES_URL).status_code == 302


# --- the list ------------------------------------------------------------------------------


def test_the_list_fits_a_laptop_screen_with_municipality_below_the_title(
    facilitator_client, make_case
):
    make_case(CaseStatus.SUBMITTED, confidentiality=Confidentiality.CONFIDENTIAL)

    response = facilitator_client.get(CASES_URL)

    headers = [th.get_text(" ", strip=True) for th in parse(response).select("table thead th")]
    assert headers == ["Titel, Kommune", "Runde", "Status", "Vertraulichkeit", "Eingereicht am"]
    title, round_title, status, confidentiality, _submitted = rows(response)[0]
    assert title.startswith("Ehrenamt und Verwaltung verzahnen Stadt Andernach")
    assert round_title == "Runde Frühjahr"
    assert status == "eingereicht"
    assert confidentiality == "Vertraulich"


def test_the_list_costs_the_same_queries_for_more_cases(facilitator_client, make_case):
    """The actions of each row come from the transition table, not from a query per row."""
    make_case(CaseStatus.SUBMITTED)
    one = count_queries(facilitator_client, CASES_URL)
    make_case(CaseStatus.ACCEPTED)
    make_case(CaseStatus.RESUBMITTED)
    make_case(CaseStatus.IN_CONSULTATION)

    assert count_queries(facilitator_client, CASES_URL) == one


def test_the_list_filters_by_round_state_municipality_and_focus_area(
    facilitator_client, make_case, hildesheim_case, hildesheim, focus_area, other_focus_area
):
    submitted = make_case(CaseStatus.SUBMITTED, title="Ehrenamt stärken")
    accepted = make_case(CaseStatus.ACCEPTED, title="Beteiligung im Quartier")

    def titles(**query):
        return sorted(listed_titles(facilitator_client.get(CASES_URL, query)))

    assert titles(status=CaseStatus.ACCEPTED) == [accepted.title]
    assert titles(status=[CaseStatus.ACCEPTED, CaseStatus.SUBMITTED]) == sorted(
        [accepted.title, submitted.title, hildesheim_case.title]
    )
    assert titles(municipality=hildesheim.pk) == [hildesheim_case.title]
    assert titles(focus_area=other_focus_area.pk) == [hildesheim_case.title]
    assert titles(focus_area=focus_area.pk) == sorted([accepted.title, submitted.title])
    assert titles(round=submitted.round_id) == sorted(
        [accepted.title, submitted.title, hildesheim_case.title]
    )
    assert titles(q="quartier") == [accepted.title]


def test_the_round_filter_offers_only_the_own_rounds(facilitator_client, other_round):
    response = facilitator_client.get(CASES_URL)

    options = [text_of(option) for option in parse(response).select("select[name=round] option")]
    assert options == ["Alle Runden", "Runde Frühjahr"]


# --- state actions -------------------------------------------------------------------------


def test_the_case_page_offers_the_facilitators_actions_only(facilitator_client, make_case):
    case = make_case(CaseStatus.SUBMITTED)

    response = facilitator_client.get(inspect_url(case))

    actions = [text_of(link) for link in parse(response).select("#actions-heading + p a")]
    assert actions == ["Überarbeitung erbitten", "In die Runde aufnehmen", "Zurückstellen"]
    text = page_text(response)
    assert "Wie können wir erreichen, dass Absprachen halten?" in text
    assert "Fassung 1 vom" in text


def test_requesting_changes_needs_a_reason_and_keeps_what_was_typed(
    facilitator_client, make_case, member
):
    case = make_case(CaseStatus.SUBMITTED)
    url = action_url(case, "request-changes")

    response = facilitator_client.get(url)
    assert response.status_code == 200
    assert "Die Kommune um eine Überarbeitung von „Ehrenamt und Verwaltung verzahnen“ bitten?" in (
        page_text(response)
    )
    assert parse(response).select_one("textarea[name=comment]") is not None

    response = facilitator_client.post(url, {"comment": "   "})
    assert response.status_code == 200
    assert "Bitte geben Sie eine Begründung an." in page_text(response)
    assert status_of(case) == CaseStatus.SUBMITTED

    typed = "Bitte beschreiben Sie die Beteiligten genauer. " * 50  # too long
    response = facilitator_client.post(url, {"comment": typed})
    assert response.status_code == 200
    assert "höchstens 2000 Zeichen" in page_text(response)
    assert parse(response).select_one("textarea[name=comment]").get_text().strip() == typed.strip()
    assert status_of(case) == CaseStatus.SUBMITTED

    with after_commit():
        response = facilitator_client.post(
            url, {"comment": "Bitte beschreiben Sie die Beteiligten genauer."}
        )

    assert response.status_code == 302
    assert response["Location"] == inspect_url(case)
    assert status_of(case) == CaseStatus.CHANGES_REQUESTED
    assert message_texts(response) == ["Die Kommune ist um eine Überarbeitung gebeten."]
    sent = [message for message in mail.outbox if message.to == [member.email]]
    assert sent[-1].subject == "Bitte überarbeiten Sie den Fall: Ehrenamt und Verwaltung verzahnen"
    assert "Bitte beschreiben Sie die Beteiligten genauer." in sent[-1].body


def test_accepting_a_case_tells_the_municipality(
    facilitator_client, facilitator, make_case, member, colleague
):
    case = make_case(CaseStatus.SUBMITTED)
    mail.outbox.clear()

    with after_commit():
        response = facilitator_client.post(
            f"{action_url(case, 'accept')}?next={CASES_URL}", {"comment": ""}
        )

    assert response.status_code == 302
    assert response["Location"] == CASES_URL
    assert status_of(case) == CaseStatus.ACCEPTED
    assert message_texts(response) == [
        "„Ehrenamt und Verwaltung verzahnen“ ist in die Runde aufgenommen."
    ]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [member.email, colleague.email]
    )
    assert {message.subject for message in mail.outbox} == {
        "Ihr Fall ist in die Runde aufgenommen: Ehrenamt und Verwaltung verzahnen"
    }
    assert transitions(case)[-1].user == facilitator


def test_an_action_that_is_no_longer_possible_is_an_error_message_not_a_500(
    facilitator_client, make_case
):
    case = make_case(CaseStatus.ACCEPTED)

    response = facilitator_client.get(action_url(case, "accept"))
    assert response.status_code == 302
    assert message_texts(response) == [
        "Diese Änderung ist bei einem Fall im Status „in die Runde aufgenommen“ nicht möglich."
    ]

    response = facilitator_client.post(action_url(case, "accept"), {"comment": "Gern"})
    assert response.status_code == 200
    assert (
        "Diese Änderung ist bei einem Fall im Status „in die Runde aufgenommen“ nicht möglich."
        in (text_of(parse(response).select_one(".messages")))
    )
    # The typed comment is still there, the button is not.
    soup = parse(response)
    assert soup.select_one("textarea[name=comment]").get_text().strip() == "Gern"
    assert soup.select_one("form button[type=submit]") is None
    # Members' actions are not the facilitators' to take.
    assert facilitator_client.get(action_url(case, "withdraw")).status_code == 404
    assert facilitator_client.get(action_url(case, "no-such-action")).status_code == 404


# --- peers ---------------------------------------------------------------------------------


def test_peer_assignment_offers_people_of_the_other_municipalities_only(
    facilitator_client, make_case, peer, colleague, member
):
    case = make_case(CaseStatus.ACCEPTED)

    response = facilitator_client.get(inspect_url(case))

    options = [text_of(o) for o in parse(response).select("#zuordnungen select[name=user] option")]
    assert options == ["Bitte wählen", "Hanna Hoff (Landkreis Hildesheim)"]


def test_a_colleague_of_the_own_municipality_is_refused(
    facilitator_client, make_case, colleague, hildesheim
):
    case = make_case(CaseStatus.ACCEPTED)

    response = facilitator_client.post(assign_url(case), {"user": colleague.pk, "role": "peer"})
    assert response.status_code == 200
    assert "Diese Person kann dem Fall nicht zugeordnet werden." in page_text(response)

    # Someone who works for both municipalities is offered, and the rule still holds.
    Membership.objects.create(user=colleague, municipality=hildesheim)
    response = facilitator_client.post(assign_url(case), {"user": colleague.pk, "role": "peer"})

    assert response.status_code == 200
    assert "Bernd Becker gehört zur Kommune des Falls und kann ihn nicht beraten." in page_text(
        response
    )
    assert parse(response).select_one("select[name=user] option[selected]")["value"] == str(
        colleague.pk
    )
    assert not PeerAssignment.objects.exists()


def test_assigning_a_peer_sends_the_invitation(facilitator_client, make_case, peer):
    case = make_case(CaseStatus.ACCEPTED)
    mail.outbox.clear()
    due = timezone.localdate() + datetime.timedelta(days=14)

    with after_commit():
        response = facilitator_client.post(
            assign_url(case), {"user": peer.pk, "role": "peer", "due_date": due.isoformat()}
        )

    assert response.status_code == 302
    assert response["Location"] == f"{inspect_url(case)}#zuordnungen"
    assignment = PeerAssignment.objects.get(case=case)
    assert (assignment.user, assignment.status, assignment.due_date) == (
        peer,
        AssignmentStatus.INVITED,
        due,
    )
    assert [message.to for message in mail.outbox] == [[peer.email]]
    assert mail.outbox[0].subject == "Einladung zur Beratung: Ehrenamt und Verwaltung verzahnen"

    response = facilitator_client.get(inspect_url(case))
    assignments = [
        [text_of(cell) for cell in row.select("td")]
        for row in parse(response).select("#zuordnungen table tbody tr")
    ]
    assert assignments[0][:3] == [
        "Hanna Hoff Landkreis Hildesheim",
        "beratender Peer",
        "eingeladen",
    ]
    # Hanna is not offered a second time.
    options = [text_of(o) for o in parse(response).select("select[name=user] option")]
    assert options == ["Bitte wählen"]


def test_peers_are_assigned_only_to_accepted_cases(facilitator_client, make_case, peer):
    case = make_case(CaseStatus.SUBMITTED)

    response = facilitator_client.get(inspect_url(case))
    assert parse(response).select_one("select[name=user]") is None
    assert "Peers werden erst zugeordnet, wenn der Fall in die Runde aufgenommen ist." in (
        page_text(response)
    )

    response = facilitator_client.post(assign_url(case), {"user": peer.pk, "role": "peer"})
    assert response.status_code == 200
    assert "Peers werden erst zugeordnet, wenn der Fall in die Runde aufgenommen ist." in (
        page_text(response)
    )
    assert not PeerAssignment.objects.exists()


def test_a_finished_contribution_is_marked_done(facilitator_client, facilitator, make_case, peer):
    case = make_case(CaseStatus.IN_CONSULTATION)
    assignment = services.assign_peer(case, user=peer, role="peer", by=facilitator)
    services.set_assignment_state(assignment, AssignmentStatus.ACCEPTED, by=peer)

    response = facilitator_client.get(inspect_url(case))
    links = parse(response).select("#zuordnungen table tbody a")
    assert [text_of(link) for link in links] == ["Als erledigt markieren"]

    response = facilitator_client.post(links[0]["href"])

    assert response.status_code == 302
    assert response["Location"] == inspect_url(case)
    assert status_of(assignment) == AssignmentStatus.DONE


# --- content, redacted version, audit trail ------------------------------------------------


def test_the_case_page_shows_earlier_versions_and_what_changed(
    facilitator_client, make_case, member, facilitator
):
    case = make_case(CaseStatus.CHANGES_REQUESTED)
    services.update_case(case, by=member, data={"key_question": "Wer lädt zum Runden Tisch ein?"})
    services.set_case_state(case, CaseStatus.RESUBMITTED, by=member)

    response = facilitator_client.get(inspect_url(case))

    soup = parse(response)
    versions = soup.select("#revisions-heading ~ details")
    assert [text_of(v.select_one("summary")).split(" vom ")[0] for v in versions] == [
        "Fassung 2",
        "Fassung 1",
    ]
    changed = [
        text_of(row.select_one("th"))
        for row in versions[0].select("tr")
        if "geändert" in text_of(row)
    ]
    assert changed == ["Schlüsselfrage geändert"]
    assert "Wer lädt zum Runden Tisch ein?" in text_of(versions[0])
    assert "Wie können wir erreichen, dass Absprachen halten?" in text_of(versions[1])


def test_the_audit_trail_shows_who_changed_what_and_why(facilitator_client, make_case, peer):
    case = make_case(CaseStatus.SUBMITTED)
    facilitator_client.post(action_url(case, "accept"), {"comment": "Passt gut in die Runde."})
    facilitator_client.post(assign_url(case), {"user": peer.pk, "role": "peer"})

    response = facilitator_client.get(inspect_url(case))

    trail = [
        [text_of(cell) for cell in row.select("td")][1:]
        for row in parse(response).select("#log-heading ~ table tbody tr")
    ]
    assert trail == [
        ["Fall", "Angelegt mit Status „Entwurf“", "Ayla Arslan", ""],
        # make_case comments every step it takes.
        ["Fall", "Status: „Entwurf“ → „eingereicht“", "Ayla Arslan", "Bitte ergänzen."],
        [
            "Fall",
            "Status: „eingereicht“ → „in die Runde aufgenommen“",
            "Mia Moderation",
            "Passt gut in die Runde.",
        ],
        ["Zuordnung: Hanna Hoff", "Angelegt mit Status „eingeladen“", "Mia Moderation", ""],
    ]
    history = facilitator_client.get(f"{CASES_URL}history/{case.pk}/")
    assert history.status_code == 200
    assert "Status: „eingereicht“ → „in die Runde aufgenommen“" in page_text(history)


def test_the_redacted_version_of_a_confidential_case(facilitator_client, make_case):
    case = make_case(CaseStatus.ACCEPTED, confidentiality=Confidentiality.CONFIDENTIAL)
    edit_url = f"{CASES_URL}edit/{case.pk}/"

    response = facilitator_client.get(inspect_url(case))
    assert "Noch keine gekürzte Fassung" in page_text(response)
    assert parse(response).select_one(f'a[href="{edit_url}"]') is not None
    response = facilitator_client.get(edit_url)
    assert response.status_code == 200
    assert parse(response).select_one("textarea[name=redacted_version]") is not None
    # The whole case to read while shortening it.
    assert "Wie können wir erreichen, dass Absprachen halten?" in page_text(response)

    response = facilitator_client.post(
        edit_url, {"redacted_version": "Eine Kommune sucht Wege, Absprachen verbindlich zu machen."}
    )

    assert response.status_code == 302
    assert response["Location"] == inspect_url(case)
    case.refresh_from_db()
    assert case.redacted_version == "Eine Kommune sucht Wege, Absprachen verbindlich zu machen."
    assert case.title == "Ehrenamt und Verwaltung verzahnen"
    response = facilitator_client.get(inspect_url(case))
    assert "Eine Kommune sucht Wege, Absprachen verbindlich zu machen." in page_text(response)
    assert "Mia Moderation" in text_of(parse(response).select_one("#log-heading ~ table"))


def test_other_cases_have_no_redacted_version(facilitator_client, make_case):
    case = make_case(CaseStatus.ACCEPTED, confidentiality=Confidentiality.GROUP)

    response = facilitator_client.post(f"{CASES_URL}edit/{case.pk}/", {"redacted_version": "X"})

    assert response.status_code == 302
    assert message_texts(response) == ["Eine gekürzte Fassung gibt es nur für vertrauliche Fälle."]
    case.refresh_from_db()
    assert case.redacted_version == ""


# --- inviting members ---------------------------------------------------------------------------


def test_a_facilitator_invites_a_member_who_gets_the_link_by_mail(facilitator_client, andernach):
    page = facilitator_client.get("/admin/peer-learning/einladen/")
    with after_commit():
        response = facilitator_client.post(
            "/admin/peer-learning/einladen/",
            {
                "name": "Nele Neu",
                "email": "nele@andernach.example",
                "municipality": andernach.pk,
                "role": "member",
            },
            follow=True,
        )

    assert page.status_code == 200
    assert "nele@andernach.example ist als Mitglied von Stadt Andernach eingeladen." in (
        response.content.decode()
    )
    [message] = [m for m in mail.outbox if m.to == ["nele@andernach.example"]]
    assert "/portal/konto/password/reset/key/" in message.body
    assert Membership.objects.get(user__email="nele@andernach.example").municipality == andernach


def test_a_bad_address_is_refused_and_the_name_kept(facilitator_client, andernach):
    response = facilitator_client.post(
        "/admin/peer-learning/einladen/",
        {
            "name": "Nele Neu",
            "email": "keine-adresse",
            "municipality": andernach.pk,
            "role": "member",
        },
    )

    assert response.status_code == 200
    assert "Nele Neu" in response.content.decode()
    assert not Membership.objects.filter(user__email="keine-adresse").exists()
    assert mail.outbox == []


def test_an_editor_cannot_invite(client, editor):
    client.force_login(editor)

    response = client.get("/admin/peer-learning/einladen/")

    assert response.status_code in (302, 403)
