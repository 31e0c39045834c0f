"""„Postausgang“ in the Wagtail admin: who may open it, what the list, filters, search and the
detail show, and „Erneut senden“ for a failed mail."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events import services as event_services
from outbox import services
from outbox.choices import EmailStatus
from outbox.models import OutboundEmail
from tests.factories import EventPageFactory

INDEX_URL = "/admin/outbox/"


def staff(django_user_model, username: str, *codenames: str):
    user = django_user_model.objects.create_user(username=username, password="x")
    group = Group.objects.create(name=f"Gruppe {username}")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=("access_admin", *codenames),
            content_type__app_label__in=("wagtailadmin", "outbox", "events"),
        )
    )
    user.groups.add(group)
    return user


@pytest.fixture
def organiser(django_user_model):
    return staff(
        django_user_model,
        "organisation",
        "view_outboundemail",
        "resend_outboundemail",
        "view_registration",
        "change_registration",
    )


@pytest.fixture
def editor(django_user_model):
    """A member of a group without the outbox permission."""
    return staff(django_user_model, "redaktion", "view_registration")


@pytest.fixture
def event(event_index):
    return EventPageFactory(
        parent=event_index,
        title="Fachforum Vielfalt",
        registration_enabled=True,
        capacity=10,
    )


def register(event, name: str, email: str):
    data = {"name": name, "email": email, "organisation": "Stadt", "municipality": "Stadt"}
    return event_services.register_for_event(event=event, data=data, language="de")


@pytest.fixture
def mails(event):
    """A sent confirmation and one that failed for good."""
    anna = register(event, "Anna Albers", "anna@example.org")
    ben = register(event, "Ben Berg", "ben@example.org")
    OutboundEmail.objects.filter(related_id=anna.pk).update(status=EmailStatus.SENT)
    OutboundEmail.objects.filter(related_id=ben.pk).update(
        status=EmailStatus.FAILED, attempts=6, last_error="550 5.1.1 Postfach unbekannt"
    )
    return {
        "sent": OutboundEmail.objects.get(related_id=anna.pk),
        "failed": OutboundEmail.objects.get(related_id=ben.pk),
        "anna": anna,
        "ben": ben,
    }


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def rows(response) -> list[list[str]]:
    table = parse(response).select_one("table.listing")
    return [
        [" ".join(cell.get_text(" ", strip=True).split()) for cell in row.select("td")]
        for row in table.select("tbody tr")
    ]


def menu_labels(client) -> list[str]:
    response = client.get("/admin/")
    return [item["label"] for item in _menu_items(response)]


def _menu_items(response):
    import json

    soup = parse(response)
    props = json.loads(soup.select_one("#wagtail-sidebar-props").string)
    return [
        item["_args"][0]
        for item in props["modules"][1]["_args"][0]
        if isinstance(item, dict) and "_args" in item
    ]


def test_an_organiser_finds_the_outbox_in_the_menu_and_reads_the_mails(client, organiser, mails):
    client.force_login(organiser)

    assert "Postausgang" in [item["label"] for item in _menu_items(client.get("/admin/"))]
    response = client.get(INDEX_URL)

    assert response.status_code == 200
    listed = rows(response)
    # Subject with recipient and template below it; status with the attempts below it.
    assert [row[1] for row in listed] == ["Fehlgeschlagen 6 Versuche", "Versendet 0 Versuche"]
    failed_row = listed[0]
    assert failed_row[0].startswith("Anmeldebestätigung: Fachforum Vielfalt")
    assert "ben@example.org registration_confirmed" in failed_row[0]
    assert "anna@example.org registration_confirmed" in listed[1][0]
    assert failed_row[2] == f"Anmeldung #{mails['ben'].pk}"
    assert failed_row[4] == "550 5.1.1 Postfach unbekannt"
    headers = [th.get_text(" ", strip=True) for th in parse(response).select("table thead th")]
    assert headers == [
        "Betreff, Empfänger*in, Vorlage",
        "Status, Versuche",
        "Bezug",
        "Nächster Versuch",
        "Letzter Fehler",
        "Erstellt am",
    ]
    link = parse(response).find("a", string=f"Anmeldung #{mails['ben'].pk}")
    assert link["href"] == reverse("registrations:edit", args=[mails["ben"].pk])


def test_a_member_of_a_group_without_the_permission_cannot_open_it(client, editor, mails):
    client.force_login(editor)

    assert "Postausgang" not in [item["label"] for item in _menu_items(client.get("/admin/"))]
    for url in (
        INDEX_URL,
        f"{INDEX_URL}inspect/{mails['failed'].pk}/",
        f"{INDEX_URL}resend/{mails['failed'].pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/admin/"
    response = client.post(f"{INDEX_URL}resend/{mails['failed'].pk}/")
    assert response.status_code == 302
    assert OutboundEmail.objects.get(pk=mails["failed"].pk).status == EmailStatus.FAILED


def test_filters_and_search_narrow_the_list(client, organiser, mails):
    client.force_login(organiser)

    failed = rows(client.get(INDEX_URL, {"status": "failed"}))
    searched = rows(client.get(INDEX_URL, {"q": "anna@"}))
    by_template = rows(client.get(INDEX_URL, {"template": "registration_confirmed"}))

    assert ["ben@example.org" in row[0] for row in failed] == [True]
    assert ["anna@example.org" in row[0] for row in searched] == [True]
    assert len(by_template) == 2


def test_the_detail_shows_the_text_and_the_names_of_the_attachments(client, organiser, mails):
    client.force_login(organiser)

    response = client.get(f"{INDEX_URL}inspect/{mails['sent'].pk}/")

    text = " ".join(parse(response).get_text(" ").split())
    assert response.status_code == 200
    assert "Fachforum Vielfalt" in text
    assert "Anna Albers" in text  # the rendered greeting
    names = [li.get_text(strip=True) for li in parse(response).select("main ul li")]
    assert [name for name in names if name.endswith(".ics")] == [
        f"{mails['anna'].event.slug[:60]}.ics"
    ]
    # A sent mail offers no "Erneut senden".
    assert "Erneut senden" not in text


def test_an_organiser_sends_a_failed_mail_again(
    client, organiser, mails, django_capture_on_commit_callbacks
):
    client.force_login(organiser)
    detail = client.get(f"{INDEX_URL}inspect/{mails['failed'].pk}/")
    resend_url = f"{INDEX_URL}resend/{mails['failed'].pk}/"
    assert parse(detail).find("a", href=resend_url) is not None

    confirmation = client.get(resend_url)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend_url)

    assert "ben@example.org" in parse(confirmation).get_text()
    assert response.status_code == 302
    row = OutboundEmail.objects.get(pk=mails["failed"].pk)
    assert (row.status, row.attempts) == (EmailStatus.SENT, 1)
    assert [message.to for message in mail.outbox] == [["ben@example.org"]]
    history = client.get(f"{INDEX_URL}history/{row.pk}/")
    assert "Erneut gesendet" in parse(history).get_text()


def test_resending_a_mail_that_did_not_fail_is_refused_with_a_message(client, organiser, mails):
    client.force_login(organiser)

    response = client.post(f"{INDEX_URL}resend/{mails['sent'].pk}/", follow=True)

    assert "Nur fehlgeschlagene E-Mails" in parse(response).get_text()
    assert OutboundEmail.objects.get(pk=mails["sent"].pk).status == EmailStatus.SENT
    assert mail.outbox == []


def test_a_viewer_without_the_resend_permission_sees_no_button_and_cannot_resend(
    client, django_user_model, mails
):
    viewer = staff(django_user_model, "leserin", "view_outboundemail")
    client.force_login(viewer)

    detail = client.get(f"{INDEX_URL}inspect/{mails['failed'].pk}/")
    response = client.post(f"{INDEX_URL}resend/{mails['failed'].pk}/")

    assert detail.status_code == 200
    assert "Erneut senden" not in parse(detail).get_text()
    assert response.status_code == 302
    assert OutboundEmail.objects.get(pk=mails["failed"].pk).status == EmailStatus.FAILED


def test_the_list_runs_the_same_number_of_queries_for_one_and_for_many_mails(
    client, organiser, event
):
    client.force_login(organiser)

    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert client.get(INDEX_URL).status_code == 200
        return len(context)

    register(event, "Anna Albers", "anna@example.org")
    one = queries()
    for number in range(8):
        register(event, f"Person {number}", f"person{number}@example.org")
    many = queries()

    assert OutboundEmail.objects.count() == 9
    assert many == one


def test_anonymised_mails_show_that_their_text_is_gone(client, organiser, mails):
    from events.models import Registration

    services.anonymise_emails_for(Registration, [mails["anna"].pk])
    client.force_login(organiser)

    response = client.get(f"{INDEX_URL}inspect/{mails['sent'].pk}/")

    text = parse(response).get_text(" ")
    assert "Der Text wurde mit den personenbezogenen Daten gelöscht." in text
    assert "anna@example.org" not in text
