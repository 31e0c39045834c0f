"""The facilitators' evaluation („Peer-Learning“, „Auswertung“) through the Django test client:
reciprocity per municipality, the outcome per Gestaltungsbereich, who sees which rounds, the
CSV for the funders (no personal data, no formulas) and a constant number of queries."""

import csv
import datetime
import io
import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.utils import timezone
from wagtail.models import Locale

from peer_learning import services
from peer_learning.choices import (
    ActionStatus,
    CaseStatus,
    FeedbackStatus,
    IdeaResponse,
    RoundStatus,
)
from peer_learning.models import (
    ActionItem,
    Case,
    Feedback,
    Idea,
    Membership,
    PeerLearningRound,
)
from tests.factories import MunicipalityFactory
from tests.helpers import count_queries, parse, text_of
from tests.peer_learning.conftest import case_data, make_user

URL = "/admin/peer-learning/auswertung/"
CSV_URL = "/admin/peer-learning/auswertung/csv/"

CSV_HEADER = [
    "Runde",
    "Art",
    "Bezeichnung",
    "Fälle",
    "Abgegebene Beratungsbeiträge",
    "Ideen",
    "Davon aufgegriffen",
    "Maßnahmen: offen",
    "Maßnahmen: in Arbeit",
    "Maßnahmen: erledigt",
    "Maßnahmen: verworfen",
    "Beratung freigegeben",
    "Abgeschlossen",
    "Nachverfolgung erfasst",
]


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
    props = json.loads(parse(client.get("/admin/")).select_one("#wagtail-sidebar-props").string)
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


def table(response, caption_start: str) -> dict[str, list[str]]:
    """The rows of the table whose caption starts with `caption_start`: the row header's text
    to the cells' texts (the footer's „Summe“ included)."""
    soup = parse(response)
    for element in soup.select("table"):
        caption = element.select_one("caption")
        if caption and text_of(caption).startswith(caption_start):
            return {
                text_of(row.select_one("th")): [text_of(cell) for cell in row.select("td")]
                for row in element.select("tbody tr, tfoot tr")
                if row.select_one("th")
            }
    raise AssertionError(f"no table „{caption_start}…“")


def column_headers(response, caption_start: str) -> list[str]:
    soup = parse(response)
    for element in soup.select("table"):
        if text_of(element.select_one("caption")).startswith(caption_start):
            return [text_of(th) for th in element.select('thead th[scope="col"]')]
    raise AssertionError(f"no table „{caption_start}…“")


def csv_rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def set_status(case, status):
    """Jump to a state after the consultation (the paths there are tested elsewhere)."""
    Case.objects.filter(pk=case.pk).update(status=status)
    case.status = status
    return case


def hand_in(case, author, municipality, *responses, status=FeedbackStatus.SUBMITTED):
    """A contribution of `author` with one idea per entry of `responses`."""
    feedback = Feedback.objects.create(
        case=case,
        author=author,
        municipality=municipality,
        status=status,
        strengths="Viele Partner an einem Tisch.",
        submitted_at=timezone.now() if status == FeedbackStatus.SUBMITTED else None,
    )
    Idea.objects.bulk_create(
        Idea(feedback=feedback, text=f"Idee {index}", response=response)
        for index, response in enumerate(responses)
    )
    return feedback


def act(case, *statuses):
    ActionItem.objects.bulk_create(
        ActionItem(case=case, what=f"Maßnahme {index}", responsible_role="Leitung", status=status)
        for index, status in enumerate(statuses)
    )


# --- fixtures ------------------------------------------------------------------------------


@pytest.fixture
def facilitator_client(client, facilitator):
    """Mia Moderation runs „Runde Frühjahr“."""
    grant(facilitator, "Fachbegleitung", "facilitate")
    client.force_login(facilitator)
    return client


@pytest.fixture
def staff_client(client, db):
    client.force_login(
        grant(make_user("team@ism.example", name="Ida Ism"), "ism", "view_all_rounds")
    )
    return client


@pytest.fixture
def editor(db):
    """In the admin, but without any peer-learning permission."""
    return grant(make_user("redaktion@example.org", name="Rita Redaktion"), "Redaktion")


@pytest.fixture
def cuxhaven(peer_round):
    municipality = MunicipalityFactory(name="Landkreis Cuxhaven", slug="cuxhaven")
    peer_round.municipalities.add(municipality)
    return municipality


@pytest.fixture
def carl(cuxhaven):
    user = make_user("carl@cuxhaven.example", name="Carl Cux")
    Membership.objects.create(user=user, municipality=cuxhaven)
    return user


@pytest.fixture
def hildesheim_case(hildesheim, peer, peer_round, other_focus_area):
    case = services.create_case(
        municipality=hildesheim,
        by=peer,
        data=case_data(peer_round, other_focus_area, title="Sprachmittlung im Landkreis"),
    )
    return services.set_case_state(case, CaseStatus.SUBMITTED, by=peer)


@pytest.fixture
def spring(
    make_case, hildesheim_case, andernach, hildesheim, cuxhaven, member, peer, carl, focus_area
):
    """„Runde Frühjahr“ with numbers:

    Andernach brought three cases (and a draft, not counted) in Gestaltungsbereich 1, but
    one whose Gestaltungsbereich is gone; Hildesheim one, in Gestaltungsbereich 2; Cuxhaven none.
    Hildesheim gave three contributions, Cuxhaven one (and a draft, not counted), Andernach
    one.
    """
    released = set_status(
        make_case(CaseStatus.IN_CONSULTATION, title="Ehrenamt stärken"),
        CaseStatus.FEEDBACK_RELEASED,
    )
    closed = set_status(
        make_case(CaseStatus.ACCEPTED, title="Beteiligung im Quartier"), CaseStatus.CLOSED
    )
    unassigned = make_case(CaseStatus.SUBMITTED, title="Ohne Bereich")
    # Submitting needs a Gestaltungsbereich; it can be deleted later (SET_NULL).
    Case.objects.filter(pk=unassigned.pk).update(focus_area=None)
    make_case(CaseStatus.DRAFT, title="Noch ein Entwurf")
    set_status(hildesheim_case, CaseStatus.FOLLOW_UP)

    hand_in(released, peer, hildesheim, IdeaResponse.TAKE_UP, IdeaResponse.CHECK, "")
    hand_in(released, carl, cuxhaven, IdeaResponse.TAKE_UP)
    hand_in(closed, peer, hildesheim, IdeaResponse.DOES_NOT_FIT)
    hand_in(unassigned, peer, hildesheim, "")
    # Handed in by nobody yet: neither the contribution nor its ideas count.
    hand_in(closed, carl, cuxhaven, IdeaResponse.TAKE_UP, status=FeedbackStatus.DRAFT)
    hand_in(hildesheim_case, member, andernach, IdeaResponse.TAKE_UP, IdeaResponse.TAKE_UP)

    act(released, ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    act(closed, ActionStatus.DONE, ActionStatus.DONE, ActionStatus.DROPPED)
    act(hildesheim_case, ActionStatus.DONE)
    return {"released": released, "closed": closed, "unassigned": unassigned}


@pytest.fixture
def other_round(andernach, hildesheim, peer_round, focus_area, member):
    """„Runde Herbst“, run by someone else, with one case of Andernach that has a
    contribution of Hildesheim."""
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
    case = services.create_case(
        municipality=andernach,
        by=member,
        data=case_data(round_, focus_area, title="Quartiersarbeit im Herbst"),
    )
    case = services.set_case_state(case, CaseStatus.SUBMITTED, by=member)
    author = make_user("helga@hildesheim.example", name="Helga Herbst")
    hand_in(set_status(case, CaseStatus.FEEDBACK_RELEASED), author, hildesheim, "take_up")
    act(case, ActionStatus.OPEN)
    return round_


# --- the numbers ---------------------------------------------------------------------------


def test_the_facilitator_finds_the_evaluation_in_the_menu(facilitator_client):
    assert {"Peer-Learning", "Runden", "Fälle", "Auswertung"} <= set(
        menu_labels(facilitator_client)
    )


def test_reciprocity_per_municipality(facilitator_client, spring):
    response = facilitator_client.get(URL)

    assert response.status_code == 200
    assert column_headers(response, "Eingebrachte Fälle") == [
        "Kommune",
        "Eingebrachte Fälle",
        "Abgegebene Beratungsbeiträge",
    ]
    assert table(response, "Eingebrachte Fälle") == {
        "Landkreis Cuxhaven": ["0", "1"],
        "Landkreis Hildesheim": ["1", "3"],
        "Stadt Andernach": ["3", "1"],
        "Summe": ["4", "5"],
    }


def test_outcome_per_focus_area(facilitator_client, spring, focus_area, other_focus_area):
    response = facilitator_client.get(URL)

    ideas = table(response, "Fälle, Ideen")
    assert ideas[focus_area.title] == ["2", "5", "2"]
    assert ideas[other_focus_area.title] == ["1", "2", "2"]
    assert ideas["ohne Zuordnung"] == ["1", "1", "0"]
    assert ideas["Summe"] == ["4", "8", "4"]
    # Every Gestaltungsbereich is listed, also those without cases; "ohne Zuordnung" last.
    assert list(ideas)[-2:] == ["ohne Zuordnung", "Summe"]

    assert column_headers(response, "Maßnahmen") == [
        "Gestaltungsbereich",
        "Offen",
        "In Arbeit",
        "Erledigt",
        "Verworfen",
    ]
    actions = table(response, "Maßnahmen")
    assert actions[focus_area.title] == ["1", "1", "2", "1"]
    assert actions[other_focus_area.title] == ["0", "0", "1", "0"]
    assert actions["Summe"] == ["1", "1", "3", "1"]

    assert column_headers(response, "Stand der Fälle") == [
        "Gestaltungsbereich",
        "Beratung freigegeben",
        "Abgeschlossen",
        "Nachverfolgung erfasst",
    ]
    after = table(response, "Stand der Fälle")
    assert after[focus_area.title] == ["1", "1", "0"]
    assert after[other_focus_area.title] == ["0", "0", "1"]
    assert after["ohne Zuordnung"] == ["0", "0", "0"]


def test_cases_pointing_at_a_translation_count_for_its_german_focus_area(
    facilitator_client, make_case, focus_area
):
    english = focus_area.copy_for_translation(Locale.objects.get_or_create(language_code="en")[0])
    english.title = "Strategic management"
    english.save()
    make_case(CaseStatus.SUBMITTED, focus_area_id=english.pk)
    make_case(CaseStatus.SUBMITTED)

    ideas = table(facilitator_client.get(URL), "Fälle, Ideen")

    assert ideas[focus_area.title] == ["2", "0", "0"]
    assert "Strategic management" not in ideas


def test_a_page_with_a_caption_and_column_headers_for_every_table(facilitator_client, spring):
    soup = parse(facilitator_client.get(URL))

    tables = soup.select("main table")
    assert len(tables) == 4
    for element in tables:
        assert text_of(element.select_one("caption"))
        assert element.select('thead th[scope="col"]')
        assert all(th.get("scope") == "row" for th in element.select("tbody th, tfoot th"))
    # The filter has a visible label.
    assert soup.select_one('label[for="id_round"]')


# --- who sees what -------------------------------------------------------------------------


def test_a_facilitator_sees_only_the_numbers_of_their_rounds(
    facilitator_client, spring, other_round
):
    response = facilitator_client.get(URL)

    # The autumn round's case and contribution are not counted.
    reciprocity = table(response, "Eingebrachte Fälle")
    assert reciprocity["Stadt Andernach"] == ["3", "1"]
    assert reciprocity["Landkreis Hildesheim"] == ["1", "3"]
    assert table(response, "Maßnahmen")["Summe"] == ["1", "1", "3", "1"]
    # Nor can the filter be pointed at the other round.
    assert facilitator_client.get(URL, {"round": other_round.pk}).status_code == 404
    assert facilitator_client.get(CSV_URL, {"round": other_round.pk}).status_code == 404
    options = [option.get_text(strip=True) for option in parse(response).select("#id_round option")]
    assert options == ["Alle Runden", "Runde Frühjahr"]


def test_the_other_facilitator_does_not_see_the_spring_round(client, spring, other_round):
    client.force_login(other_round.facilitators.get())

    response = client.get(URL)

    reciprocity = table(response, "Eingebrachte Fälle")
    assert reciprocity["Stadt Andernach"] == ["1", "0"]
    assert reciprocity["Landkreis Hildesheim"] == ["0", "1"]
    assert "Landkreis Cuxhaven" not in reciprocity
    assert table(response, "Fälle, Ideen")["Summe"] == ["1", "1", "1"]


def test_ism_staff_sees_every_round_and_can_filter_by_one(staff_client, spring, other_round):
    response = staff_client.get(URL)
    assert table(response, "Eingebrachte Fälle")["Summe"] == ["5", "6"]

    response = staff_client.get(URL, {"round": other_round.pk})
    assert table(response, "Eingebrachte Fälle")["Summe"] == ["1", "1"]
    assert "Runde Herbst" in text_of(parse(response).select_one("title"))
    assert f"round={other_round.pk}" in parse(response).select_one("a[download]")["href"]


def test_an_editor_without_the_permission_is_refused(client, editor, spring):
    client.force_login(editor)

    assert "Auswertung" not in menu_labels(client)
    for url in (URL, CSV_URL):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/"


def test_a_round_facilitator_without_the_permission_does_not_get_in(client, facilitator, spring):
    grant(facilitator, "Nur Admin")
    client.force_login(facilitator)

    assert client.get(URL).status_code == 302
    assert client.get(CSV_URL).status_code == 302


def test_members_and_peers_do_not_get_in(client, member, spring):
    client.force_login(member)

    response = client.get(CSV_URL)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


# --- the export ----------------------------------------------------------------------------


def test_the_csv_opens_in_excel_with_german_headers(facilitator_client, spring, focus_area):
    response = facilitator_client.get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="peer-learning-')
    assert response.content.startswith("\ufeff".encode())
    rows = csv_rows(response)
    assert rows[0] == CSV_HEADER
    by_name = {(row[1], row[2]): row for row in rows[1:]}
    assert (
        by_name["Kommune", "Stadt Andernach"]
        == ["Alle Runden", "Kommune", "Stadt Andernach", "3", "1"] + [""] * 9
    )
    assert by_name["Gestaltungsbereich", focus_area.title] == [
        "Alle Runden",
        "Gestaltungsbereich",
        focus_area.title,
        "2",
        "",
        "5",
        "2",
        "1",
        "1",
        "2",
        "1",
        "1",
        "1",
        "0",
    ]
    assert by_name["Gestaltungsbereich", "ohne Zuordnung"][3] == "1"
    assert all(len(row) == len(CSV_HEADER) for row in rows)


def test_the_csv_holds_no_personal_data_and_no_case_content(
    facilitator_client, spring, member, peer, carl, facilitator
):
    text = facilitator_client.get(CSV_URL).content.decode("utf-8-sig")

    assert "@" not in text
    for person in (member, peer, carl, facilitator):
        assert person.get_full_name() not in text
        assert person.email not in text
    for case in Case.objects.all():
        assert case.title not in text
        assert case.summary not in text
    for feedback in Feedback.objects.all():
        assert feedback.strengths not in text
    assert "Idee 0" not in text and "Maßnahme 0" not in text


def test_the_csv_runs_no_formulas(facilitator_client, spring, cuxhaven, peer_round):
    cuxhaven.name = '=HYPERLINK("https://example.org","Cuxhaven")'
    cuxhaven.save()
    peer_round.title = "+Runde"
    peer_round.save()

    rows = csv_rows(facilitator_client.get(CSV_URL, {"round": peer_round.pk}))

    names = [row[2] for row in rows if row[1] == "Kommune"]
    assert "'" + cuxhaven.name in names
    assert all(row[0] == "'+Runde" for row in rows[1:])
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


# --- queries -------------------------------------------------------------------------------


def test_the_queries_stay_the_same_for_more_cases(
    facilitator_client, make_case, peer, hildesheim, other_focus_area, peer_round
):
    def add_cases(count):
        for index in range(count):
            case = make_case(CaseStatus.SUBMITTED, focus_area_id=other_focus_area.pk)
            if index % 3 == 0:
                Case.objects.filter(pk=case.pk).update(focus_area=None)
            set_status(case, [CaseStatus.FEEDBACK_RELEASED, CaseStatus.CLOSED][index % 2])
            hand_in(case, peer, hildesheim, IdeaResponse.TAKE_UP, IdeaResponse.CHECK)
            act(case, ActionStatus.OPEN, ActionStatus.DONE)

    add_cases(1)
    few = count_queries(facilitator_client, URL)
    few_csv = count_queries(facilitator_client, CSV_URL)
    add_cases(12)
    peer_round.municipalities.add(
        MunicipalityFactory(name="Stadt Zweibrücken", slug="zweibruecken")
    )

    assert count_queries(facilitator_client, URL) == few
    assert count_queries(facilitator_client, CSV_URL) == few_csv
    assert table(facilitator_client.get(URL), "Fälle, Ideen")["Summe"] == ["13", "26", "13"]
