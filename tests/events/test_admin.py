"""The organisers' admin: registrations list, exports, status actions, counts on event pages,
and "An alle Angemeldeten schreiben", through the Django test client."""

import csv
import io

import openpyxl
import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import services
from events.choices import RegistrationStatus
from events.models import EventPage, Registration
from home.templatetags.date_tags import day_date
from outbox.models import OutboundEmail
from tests.audit import transitions
from tests.factories import translate_page
from tests.helpers import outbox, parse, register

CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
PENDING = RegistrationStatus.PENDING
CANCELLED = RegistrationStatus.CANCELLED
ATTENDED = RegistrationStatus.ATTENDED

INDEX_URL = "/admin/registrations/"
TITLE_LINKS = "table tbody td.title .title-wrapper a"


def action_url(registration, action: str) -> str:
    return f"{INDEX_URL}{registration.pk}/{action}/"


def listed_names(response) -> list[str]:
    soup = parse(response)
    return [
        cell.get_text(strip=True) for cell in soup.select("table tbody td.title .title-wrapper a")
    ]


def message_texts(response) -> list[str]:
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


def status_of(registration) -> str:
    registration.refresh_from_db()
    return registration.status


@pytest.fixture
def event_defaults(event_defaults) -> dict:
    return {**event_defaults, "title": "Fachforum Vielfalt"}


@pytest.fixture
def event(make_event):
    """Full: Anna and Ben confirmed, Clara and Dora on the waiting list."""
    event = make_event()
    for name in ("Anna Albers", "Ben Berg", "Clara Conrad", "Dora Dorn"):
        register(event, name=name)
    return event


@pytest.fixture
def registrations(event):
    return {r.name.split()[0]: r for r in Registration.objects.filter(event=event)}


@pytest.fixture
def superuser_client(client, admin_user):
    client.force_login(admin_user)
    return client


def staff_user(django_user_model, username: str, *codenames: str):
    user = django_user_model.objects.create_user(username=username, password="x")
    group = Group.objects.create(name=f"Gruppe {username}")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=("access_admin", *codenames),
            content_type__app_label__in=("wagtailadmin", "events"),
        )
    )
    user.groups.add(group)
    return user


# --- the list ------------------------------------------------------------------------------


def test_list_shows_registrations_of_the_chosen_event(superuser_client, event, make_event):
    other = make_event(title="Workshop Beteiligung")
    register(other, name="Erik Engel")

    response = superuser_client.get(INDEX_URL, {"event": event.pk})

    assert response.status_code == 200
    assert listed_names(response) == ["Anna Albers", "Ben Berg", "Clara Conrad", "Dora Dorn"]
    assert superuser_client.get(INDEX_URL, {"event": other.pk}).status_code == 200
    assert listed_names(superuser_client.get(INDEX_URL, {"event": other.pk})) == ["Erik Engel"]


def test_list_shows_status_event_and_unreachable_warning(superuser_client, event, registrations):
    Registration.objects.filter(pk=registrations["Ben"].pk).update(email_unreachable=True)

    response = superuser_client.get(INDEX_URL)

    soup = parse(response)
    rows = {
        row.select_one("td.title .title-wrapper a").get_text(strip=True): row.get_text(
            " ", strip=True
        )
        for row in soup.select("table tbody tr")
    }
    assert "Bestätigt" in rows["Anna Albers"]
    assert "Warteliste" in rows["Clara Conrad"]
    assert "Fachforum Vielfalt" in rows["Anna Albers"]
    assert "Nicht zustellbar" in rows["Ben Berg"]
    assert "Nicht zustellbar" not in rows["Anna Albers"]


def test_list_fits_a_laptop_screen_with_few_columns_and_the_event_date(
    superuser_client, event, registrations
):
    """At 1280 px the list broke names letter by letter and cut off columns; now the person's
    details share one cell and the event shows its date (checked in a browser by hand)."""
    response = superuser_client.get(INDEX_URL)

    soup = parse(response)
    headers = [th.get_text(" ", strip=True) for th in soup.select("table thead th")]
    assert headers == [
        "Name, E-Mail, Organisation",
        "Veranstaltung",
        "Status, Teilnahme",
        "Angemeldet am",
        "Check-in",
    ]
    anna = next(
        row
        for row in soup.select("table tbody tr")
        if row.select_one("td.title a").get_text(strip=True) == "Anna Albers"
    )
    cells = [td.get_text(" ", strip=True) for td in anna.select("td")]
    assert registrations["Anna"].email in cells[0]
    assert cells[1] == f"Fachforum Vielfalt {day_date(event.local_start)}"
    # Icons without a size class fill their container (the check-in button was 380 px wide).
    assert "w-w-4" in anna.select_one("td form button svg")["class"]


def test_list_filters_by_status(superuser_client, event):
    response = superuser_client.get(INDEX_URL, {"event": event.pk, "status": WAITLISTED})

    assert listed_names(response) == ["Clara Conrad", "Dora Dorn"]


def test_list_filters_by_several_statuses(superuser_client, admin_user, event, registrations):
    services.set_registration_state(registrations["Anna"], ATTENDED, by=admin_user)

    response = superuser_client.get(INDEX_URL, {"status": [ATTENDED, WAITLISTED]})

    assert listed_names(response) == ["Anna Albers", "Clara Conrad", "Dora Dorn"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("conrad", ["Clara Conrad"]),
        ("dora@example", ["Dora Dorn"]),
        ("Jugendamt", ["Ben Berg"]),
        ("Hildesheim", ["Anna Albers"]),
    ],
)
def test_list_search_finds_name_email_organisation_and_municipality(
    superuser_client, event, registrations, query, expected
):
    Registration.objects.filter(pk=registrations["Ben"].pk).update(organisation="Jugendamt")
    Registration.objects.filter(pk=registrations["Anna"].pk).update(
        municipality="Landkreis Hildesheim"
    )

    response = superuser_client.get(INDEX_URL, {"q": query})

    assert listed_names(response) == expected


def test_list_event_filter_offers_only_default_language_events(
    superuser_client, event, en_event_index
):
    translate_page(event, en_event_index.locale, title="Expert forum")

    response = superuser_client.get(INDEX_URL)

    soup = parse(response)
    options = [option.get_text(strip=True) for option in soup.select("select[name=event] option")]
    assert len(options) == 2
    assert options[0] == "Alle Veranstaltungen"
    assert options[1].startswith("Fachforum Vielfalt (")


def test_list_queries_do_not_grow_with_the_number_of_registrations(superuser_client, make_event):
    def queries_for(count: int) -> int:
        event = make_event(capacity=None)
        for number in range(count):
            register(event, name=f"Person{number:02d} Muster")
        with CaptureQueriesContext(connection) as queries:
            response = superuser_client.get(INDEX_URL, {"event": event.pk})
        assert len(listed_names(response)) == count
        return len(queries)

    assert queries_for(1) == queries_for(12)


# --- exports -------------------------------------------------------------------------------


def export(client, export_format: str, **params):
    response = client.get(INDEX_URL, {"export": export_format, **params})
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_csv_export_has_a_header_and_one_row_per_registration(superuser_client, event):
    response, content = export(superuser_client, "csv", event=event.pk)

    assert response["Content-Type"] == "text/csv"
    assert 'filename="anmeldungen-' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    assert rows[0] == [
        "Veranstaltung",
        "Beginn",
        "Name",
        "E-Mail",
        "Organisation",
        "Kommune oder Behörde",
        "Funktion",
        "Status",
        "Teilnahme",
        "Barrierefreiheit",
        "Verpflegung",
        "Auf der Teilnehmendenliste",
        "Sprache",
        "E-Mail nicht zustellbar",
        "Angemeldet am",
    ]
    assert [row[2] for row in rows[1:]] == ["Anna Albers", "Ben Berg", "Clara Conrad", "Dora Dorn"]
    anna = dict(zip(rows[0], rows[1], strict=True))
    assert anna["Veranstaltung"] == "Fachforum Vielfalt"
    # Local time in Germany, as organisers read it, not UTC.
    assert anna["Beginn"] == timezone.localtime(event.start).strftime("%Y-%m-%d %H:%M")
    assert anna["E-Mail"] == "anna@example.org"
    assert anna["Status"] == "Bestätigt"
    assert anna["Auf der Teilnehmendenliste"] == "nein"
    assert rows[3][7] == "Warteliste"


def test_csv_export_does_not_let_spreadsheets_run_formulas(superuser_client, make_event):
    event = make_event()
    register(event, name="Eve Evil", organisation='=HYPERLINK("http://evil.example","klick")')

    _, content = export(superuser_client, "csv", event=event.pk)

    [_, row] = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    assert row[4] == '\'=HYPERLINK("http://evil.example","klick")'


def test_csv_export_follows_filters_and_search(superuser_client, event):
    _, content = export(superuser_client, "csv", event=event.pk, status=WAITLISTED, q="dora")

    rows = list(csv.reader(io.StringIO(content.decode("utf-8"))))
    assert [row[2] for row in rows[1:]] == ["Dora Dorn"]


def test_xlsx_export_is_a_workbook_with_header_and_rows(superuser_client, event):
    response, content = export(superuser_client, "xlsx", event=event.pk)

    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert content[:2] == b"PK"
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("Veranstaltung", "Beginn", "Name", "E-Mail")
    assert [row[2] for row in rows[1:]] == ["Anna Albers", "Ben Berg", "Clara Conrad", "Dora Dorn"]
    local_start = timezone.localtime(event.start).replace(tzinfo=None)
    assert rows[1][1] == local_start
    assert rows[1][7] == "Bestätigt"


# --- actions -------------------------------------------------------------------------------


def test_action_page_asks_for_confirmation_and_changes_nothing(superuser_client, registrations):
    anna = registrations["Anna"]

    response = superuser_client.get(action_url(anna, "cancel"))

    assert response.status_code == 200
    soup = parse(response)
    form = soup.select_one("main form[method=post]")
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
    assert form.select_one("textarea[name=comment]") is not None
    assert "Anmeldung von Anna Albers stornieren?" in soup.get_text()
    assert status_of(anna) == CONFIRMED


def test_check_in_marks_attended_through_the_service(superuser_client, admin_user, registrations):
    anna = registrations["Anna"]
    listing = f"{INDEX_URL}?event={anna.event_id}&status=confirmed"

    response = superuser_client.post(action_url(anna, "checkin"), {"next": listing})

    assert response.status_code == 302
    assert response["Location"] == listing
    assert status_of(anna) == ATTENDED
    entry = transitions(anna)[-1]
    assert (entry.old, entry.new, entry.user) == (CONFIRMED, ATTENDED, admin_user)
    assert message_texts(response) == ["Anna Albers ist eingecheckt."]


def test_check_in_button_in_the_list_posts_with_csrf_token(superuser_client, event, registrations):
    response = superuser_client.get(INDEX_URL, {"event": event.pk})

    soup = parse(response)
    forms = soup.select("table tbody form[method=post]")
    targets = [form["action"].split("?")[0] for form in forms]
    assert targets == [
        action_url(registrations["Anna"], "checkin"),
        action_url(registrations["Ben"], "checkin"),
    ]
    assert all(form.select_one("input[name=csrfmiddlewaretoken]") for form in forms)


def test_cancel_with_comment_promotes_the_first_waitlisted_person(
    superuser_client, admin_user, registrations
):
    anna = registrations["Anna"]

    response = superuser_client.post(action_url(anna, "cancel"), {"comment": "Absage per Telefon"})

    assert response.status_code == 302
    assert response["Location"] == INDEX_URL
    assert status_of(anna) == CANCELLED
    assert status_of(registrations["Clara"]) == CONFIRMED
    assert status_of(registrations["Dora"]) == WAITLISTED
    entry = transitions(anna)[-1]
    assert (entry.new, entry.user, entry.comment) == (
        CANCELLED,
        admin_user,
        "Absage per Telefon",
    )
    assert outbox("registration_cancelled") == ["anna@example.org"]
    assert outbox("registration_promoted") == ["clara@example.org"]


def test_approve_confirms_a_pending_registration(superuser_client, make_event):
    event = make_event(approval_required=True)
    pending = register(event, name="Paula Prüfer")

    response = superuser_client.post(action_url(pending, "approve"))

    assert response.status_code == 302
    assert status_of(pending) == CONFIRMED
    assert outbox("registration_confirmed") == ["paula@example.org"]


def test_move_to_waiting_list_keeps_a_pending_registration_waiting(superuser_client, make_event):
    event = make_event(approval_required=True, capacity=1)
    pending = register(event, name="Paula Prüfer")

    response = superuser_client.post(action_url(pending, "waitlist"))

    assert response.status_code == 302
    assert status_of(pending) == WAITLISTED
    assert outbox("registration_waitlisted") == ["paula@example.org"]


def test_approve_does_not_confirm_a_waitlisted_person_over_capacity(
    superuser_client, registrations
):
    # The transition table lets the waiting list move up; the button must not skip the queue.
    clara = registrations["Clara"]

    response = superuser_client.post(action_url(clara, "approve"))

    assert response.status_code == 302
    assert status_of(clara) == WAITLISTED
    assert message_texts(response) == [
        "Diese Änderung ist bei einer Anmeldung im Status „Warteliste“ nicht möglich."
    ]


def test_raising_the_capacity_in_the_page_editor_promotes_in_order(
    superuser_client, event_index, event_form_data
):
    add_url = f"/admin/pages/add/events/eventpage/{event_index.pk}/"
    form = event_form_data(registration_enabled="on", capacity="1")
    response = superuser_client.post(add_url, {**form, "action-publish": "publish"})
    assert response.status_code == 302
    event = EventPage.objects.get(slug="fachforum-vielfalt")
    for name in ("Anna Albers", "Ben Berg", "Clara Conrad", "Dora Dorn"):
        register(event, name=name)

    more_seats = event_form_data(registration_enabled="on", capacity="3")
    response = superuser_client.post(
        f"/admin/pages/{event.pk}/edit/", {**more_seats, "action-publish": "publish"}
    )

    assert response.status_code == 302
    assert {r.name: r.status for r in event.registrations.all()} == {
        "Anna Albers": CONFIRMED,
        "Ben Berg": CONFIRMED,
        "Clara Conrad": CONFIRMED,
        "Dora Dorn": WAITLISTED,
    }
    assert outbox("registration_promoted") == ["ben@example.org", "clara@example.org"]


def test_saving_a_draft_with_more_seats_promotes_nobody(
    superuser_client, event_index, event_form_data
):
    add_url = f"/admin/pages/add/events/eventpage/{event_index.pk}/"
    form = event_form_data(registration_enabled="on", capacity="1")
    superuser_client.post(add_url, {**form, "action-publish": "publish"})
    event = EventPage.objects.get(slug="fachforum-vielfalt")
    register(event, name="Anna Albers")
    register(event, name="Ben Berg")

    draft = event_form_data(registration_enabled="on", capacity="3")
    response = superuser_client.post(f"/admin/pages/{event.pk}/edit/", draft)

    assert response.status_code == 302
    assert status_of(Registration.objects.get(name="Ben Berg")) == WAITLISTED
    assert outbox("registration_promoted") == []


def test_refused_action_becomes_a_message_not_an_error(superuser_client, registrations):
    anna = registrations["Anna"]
    services.cancel_registration(anna, by="registrant")

    response = superuser_client.post(action_url(anna, "checkin"), follow=True)

    assert response.status_code == 200
    assert "Diese Änderung ist bei einer Anmeldung im Status „Storniert“ nicht möglich." in (
        response.content.decode()
    )
    assert status_of(anna) == CANCELLED


def test_names_in_messages_are_escaped(superuser_client, make_event):
    event = make_event()
    registration = register(event, "eve@example.org", name="<b>Eve</b> Evil")

    response = superuser_client.post(action_url(registration, "checkin"))

    assert message_texts(response) == ["&lt;b&gt;Eve&lt;/b&gt; Evil ist eingecheckt."]


def test_unknown_action_is_not_found(superuser_client, registrations):
    response = superuser_client.post(action_url(registrations["Anna"], "delete"))

    assert response.status_code == 404


def test_action_refuses_a_next_url_on_another_host(superuser_client, registrations):
    response = superuser_client.post(
        action_url(registrations["Anna"], "checkin"), {"next": "https://evil.example/"}
    )

    assert response["Location"] == INDEX_URL


def test_details_show_the_audit_trail(superuser_client, registrations):
    anna = registrations["Anna"]
    services.cancel_registration(anna, by="registrant", comment="Terminkonflikt")

    response = superuser_client.get(f"{INDEX_URL}inspect/{anna.pk}/")

    assert response.status_code == 200
    text = parse(response).get_text(" ", strip=True)
    assert "Status: „Bestätigt“ → „Storniert“ (angemeldete Person)" in text
    assert "Terminkonflikt" in text


def test_edit_form_leaves_out_status_and_email(superuser_client, registrations):
    anna = registrations["Anna"]

    response = superuser_client.get(f"{INDEX_URL}edit/{anna.pk}/")

    assert response.status_code == 200
    soup = parse(response)
    assert soup.select_one("[name=organisation]") is not None
    assert soup.select_one("[name=status]") is None
    assert soup.select_one("[name=email]") is None


def test_anonymised_registration_cannot_be_edited(superuser_client, registrations):
    anna = registrations["Anna"]
    Registration.objects.filter(pk=anna.pk).update(
        name="", organisation="", anonymised_at=timezone.now()
    )
    edit_url = f"{INDEX_URL}edit/{anna.pk}/"

    shown = superuser_client.get(edit_url, follow=True)  # follow: shows (uses up) the message
    posted = superuser_client.post(edit_url, {"name": "Anna Albers", "organisation": "Stadt"})

    assert shown.redirect_chain == [(f"{INDEX_URL}inspect/{anna.pk}/", 302)]
    assert posted.status_code == 302
    assert posted["Location"] == f"{INDEX_URL}inspect/{anna.pk}/"
    assert message_texts(posted) == [
        "Diese Anmeldung ist anonymisiert und kann nicht mehr bearbeitet werden."
    ]
    anna.refresh_from_db()
    assert (anna.name, anna.organisation) == ("", "")


@pytest.mark.parametrize("path", ["new/", "delete/{pk}/", "copy/{pk}/"])
def test_registrations_are_not_created_copied_or_deleted_in_the_admin(
    superuser_client, registrations, path
):
    response = superuser_client.get(INDEX_URL + path.format(pk=registrations["Anna"].pk))

    assert response.status_code == 404


# --- permissions ---------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_the_login(client, registrations):
    response = client.post(action_url(registrations["Anna"], "cancel"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
    assert status_of(registrations["Anna"]) == CONFIRMED


def test_editor_without_registration_permissions_is_refused(
    client, django_user_model, event, registrations
):
    client.force_login(staff_user(django_user_model, "redaktion"))
    anna = registrations["Anna"]

    responses = [
        client.get(INDEX_URL),
        client.get(INDEX_URL, {"export": "csv"}),
        client.post(action_url(anna, "cancel")),
        client.post(f"{INDEX_URL}event/{event.pk}/message/", {"subject": "x", "message": "y"}),
    ]

    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert [(response.status_code, response["Location"]) for response in responses] == [
        (302, "/admin/")
    ] * 4
    assert message_texts(responses[0]) == ["Sie haben leider keinen Zugang zu diesem Bereich."]
    assert status_of(anna) == CONFIRMED
    assert OutboundEmail.objects.filter(template="organiser_message").count() == 0


def test_view_permission_allows_list_and_export_but_no_actions(
    client, django_user_model, event, registrations
):
    client.force_login(staff_user(django_user_model, "lesend", "view_registration"))
    anna = registrations["Anna"]

    listing = client.get(INDEX_URL, {"event": event.pk})
    _, content = export(client, "csv", event=event.pk)
    action = client.post(action_url(anna, "checkin"))

    assert listed_names(listing) == ["Anna Albers", "Ben Berg", "Clara Conrad", "Dora Dorn"]
    assert b"Anna Albers" in content
    assert parse(listing).select("tbody form") == []
    assert (action.status_code, action["Location"]) == (302, "/admin/")
    assert status_of(anna) == CONFIRMED


def test_change_permission_allows_actions(client, django_user_model, registrations):
    client.force_login(
        staff_user(django_user_model, "orga", "view_registration", "change_registration")
    )
    anna = registrations["Anna"]

    response = client.post(action_url(anna, "checkin"))

    assert response.status_code == 302
    assert status_of(anna) == ATTENDED


# --- counts on event pages -----------------------------------------------------------------


SUMMARY = "Bestätigt 2 / 2 · Warteliste 2 · Storniert 1"


@pytest.fixture
def counted_event(event, registrations):
    """Two confirmed (Ben, Clara), two waiting (Dora, Emil), one cancelled (Anna)."""
    services.cancel_registration(registrations["Anna"], by="registrant")
    register(event, name="Emil Ernst")
    return event


def test_page_editor_shows_counts_and_links_to_the_registrations(superuser_client, counted_event):
    response = superuser_client.get(f"/admin/pages/{counted_event.pk}/edit/")

    assert response.status_code == 200
    soup = parse(response)
    link = soup.find("a", href=f"{INDEX_URL}?event={counted_event.pk}")
    assert link is not None
    assert " ".join(link.get_text().split()) == f"Anmeldungen: {SUMMARY}"
    assert soup.find("a", href=f"{INDEX_URL}event/{counted_event.pk}/message/") is not None


def test_event_listing_shows_counts_per_event(superuser_client, event_index, counted_event):
    response = superuser_client.get(f"/admin/pages/{event_index.pk}/")

    assert response.status_code == 200
    soup = parse(response)
    link = soup.find("a", href=f"{INDEX_URL}?event={counted_event.pk}")
    assert " ".join(link.get_text().split()) == SUMMARY
    assert link["aria-label"] == f"Anmeldungen: {SUMMARY}"


def test_english_listing_shows_the_counts_of_the_event(
    superuser_client, en_event_index, counted_event
):
    translate_page(counted_event, en_event_index.locale, title="Expert forum")

    response = superuser_client.get(f"/admin/pages/{en_event_index.pk}/")

    soup = parse(response)
    link = soup.find("a", href=f"{INDEX_URL}?event={counted_event.pk}")
    assert " ".join(link.get_text().split()) == SUMMARY


def test_event_listing_shows_pending_and_unlimited_capacity(
    superuser_client, event_index, make_event
):
    event = make_event(capacity=None, approval_required=True)
    register(event, name="Paula Prüfer")

    response = superuser_client.get(f"/admin/pages/{event_index.pk}/")

    soup = parse(response)
    link = soup.find("a", href=f"{INDEX_URL}?event={event.pk}")
    assert " ".join(link.get_text().split()) == (
        "Bestätigt 0 (ohne Platzbegrenzung) · Warteliste 0 · Freigabe offen 1 · Storniert 0"
    )


def test_event_listing_counts_cost_no_query_per_event(superuser_client, event_index, make_event):
    # Only the queries that read registrations: wagtail-localize adds its own per-page queries
    # to the page listing.
    def registration_queries() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            response = superuser_client.get(f"/admin/pages/{event_index.pk}/")
        assert response.status_code == 200
        return [query["sql"] for query in queries if "events_registration" in query["sql"]]

    first = make_event()
    register(first, name="Anna Albers")
    with_one = registration_queries()
    for number in range(4):
        extra = make_event(title=f"Workshop {number}")
        register(extra, name="Ben Berg")
    with_five = registration_queries()

    assert len(with_one) == len(with_five) == 1


def test_explorer_menu_api_still_lists_the_events(superuser_client, event_index, counted_event):
    response = superuser_client.get(
        "/admin/api/main/pages/", {"child_of": event_index.pk, "for_explorer": 1}
    )

    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [counted_event.pk]


def test_event_listing_shows_no_counts_to_editors_without_permission(
    client, django_user_model, event_index, counted_event
):
    user = staff_user(django_user_model, "redaktion")
    group = user.groups.get()
    group.permissions.add(*Permission.objects.filter(codename__in=["add_page", "change_page"]))
    client.force_login(user)

    response = client.get(f"/admin/pages/{event_index.pk}/")

    assert SUMMARY not in response.content.decode()


# --- write to all --------------------------------------------------------------------------


@pytest.fixture
def post_message(superuser_client, django_capture_on_commit_callbacks):
    """POST the message form and run what the commit starts (the task rendering the mails)."""

    def post(event, data):
        with django_capture_on_commit_callbacks(execute=True):
            return superuser_client.post(message_url(event), data)

    return post


def message_url(event) -> str:
    return f"{INDEX_URL}event/{event.pk}/message/"


def test_message_form_preselects_confirmed_attended_and_waitlisted(superuser_client, event):
    response = superuser_client.get(message_url(event))

    assert response.status_code == 200
    soup = parse(response)
    checked = [box["value"] for box in soup.select("input[name=statuses][checked]")]
    assert checked == [CONFIRMED, ATTENDED, WAITLISTED]
    labels = [label.get_text(strip=True) for label in soup.select("label[for^=id_statuses_]")]
    assert labels == [
        "Bestätigt (2)",
        "Teilgenommen (0)",
        "Warteliste (2)",
        "Wartet auf Freigabe (0)",
    ]


def test_message_goes_to_the_chosen_statuses_only(post_message, event, registrations):
    services.cancel_registration(registrations["Ben"], by="registrant")  # Clara moves up
    Registration.objects.filter(pk=registrations["Anna"].pk).update(language="en")

    response = post_message(
        event,
        {
            "subject": "Raumänderung",
            "message": "Wir treffen uns in Saal 2.",
            "statuses": [CONFIRMED],
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"{INDEX_URL}?event={event.pk}"
    sent = OutboundEmail.objects.filter(template="organiser_message").order_by("recipient")
    assert [(mail.recipient, mail.language) for mail in sent] == [
        ("anna@example.org", "en"),
        ("clara@example.org", "de"),
    ]
    assert all("Raumänderung" in mail.subject for mail in sent)
    assert all("Wir treffen uns in Saal 2." in mail.body_text for mail in sent)
    assert message_texts(response) == ["Die Nachricht wird an 2 Personen verschickt."]


def test_message_is_rendered_in_the_background_not_in_the_request(
    superuser_client, event, registrations, django_capture_on_commit_callbacks
):
    data = {"subject": "Info", "message": "Text", "statuses": [CONFIRMED]}

    with django_capture_on_commit_callbacks(execute=False) as after_commit:
        response = superuser_client.post(message_url(event), data)

    assert message_texts(response) == ["Die Nachricht wird an 2 Personen verschickt."]
    assert outbox("organiser_message") == []
    for callback in after_commit:  # the commit starts the task
        callback()
    assert outbox("organiser_message") == ["anna@example.org", "ben@example.org"]


def test_message_to_the_waiting_list_skips_unreachable_addresses(
    post_message, event, registrations
):
    Registration.objects.filter(pk=registrations["Dora"].pk).update(email_unreachable=True)

    response = post_message(
        event,
        {"subject": "Warteliste", "message": "Noch kein Platz frei.", "statuses": [WAITLISTED]},
    )

    assert outbox("organiser_message") == ["clara@example.org"]
    assert message_texts(response) == [
        "Die Nachricht wird an 1 Person verschickt.",
        "1 Adresse ist als nicht zustellbar markiert und wurde ausgelassen.",
    ]


def test_message_from_the_english_page_reaches_the_registrants(post_message, event, en_event_index):
    english = translate_page(event, en_event_index.locale, title="Expert forum")

    response = post_message(
        english,
        {"subject": "Info", "message": "Text", "statuses": [CONFIRMED, WAITLISTED]},
    )

    assert response["Location"] == f"{INDEX_URL}?event={event.pk}"
    assert len(outbox("organiser_message")) == 4


def test_message_without_group_or_subject_shows_german_errors(superuser_client, event):
    response = superuser_client.post(message_url(event), {"subject": "", "message": "Text"})

    assert response.status_code == 200
    text = parse(response).get_text(" ", strip=True)
    assert "Bitte wählen Sie mindestens eine Gruppe aus." in text
    assert "Dieses Feld muss ausgefüllt werden." in text
    assert OutboundEmail.objects.filter(template="organiser_message").count() == 0
