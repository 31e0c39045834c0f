"""The registration form below an event page, the signed registration page, and the event page's
registration box: through HTTP, the database and the outbox."""

import re
import time

import pytest
from django.core import mail, signing
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from events import services, tokens
from events.choices import EventMode, EventStatus, RegistrationStatus
from events.models import Registration
from outbox.models import OutboundEmail
from tests.audit import transitions
from tests.factories import berlin_time, translate_page
from tests.helpers import parse, register, text_of

ONLINE_ACCESS = "https://konferenz.example.org/raum/geheim-4711?pwd=Kennwort123"
FULLY_BOOKED = "Die Veranstaltung ist leider ausgebucht."
CLOSED = "Für diese Veranstaltung ist keine Anmeldung möglich."
RATE_LIMITED = "Sie haben das Formular in kurzer Zeit zu oft abgeschickt."


# --- fixtures and helpers -----------------------------------------------------------------


@pytest.fixture(autouse=True)
def _empty_cache():
    """The rate limit counts in the cache, which outlives a test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def event_defaults() -> dict:
    """Open for registration, twenty seats, an access link for confirmed registrants."""
    return {"registration_enabled": True, "capacity": 20, "online_access": ONLINE_ACCESS}


@pytest.fixture
def event(make_event, legal_pages):
    return make_event(title="Fachforum Vielfalt")


def form_url(event) -> str:
    return event.get_url() + event.reverse_subpage("register")


def form_data(**overrides) -> dict:
    data = {
        "name": "Aylin Demir",
        "email": "Aylin.Demir@andernach.example",
        "organisation": "Stadtverwaltung Andernach",
        "municipality": "Stadt Andernach",
        "role": "Integrationsbeauftragte",
        "accessibility_needs": "Stufenloser Zugang",
        "privacy_consent": "on",
        "website": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def signed_url(registration, language="de") -> str:
    with translation.override(language):
        return reverse(
            "events:registration", kwargs={"token": tokens.registration_token(registration)}
        )


def page_text(response) -> str:
    return text_of(parse(response).select_one("main"))


def error_summary(response) -> list[str]:
    summary = parse(response).select_one(".error-summary")
    return [text_of(item) for item in summary.select("li")] if summary else []


def typed_value(response, name: str) -> str:
    field = parse(response).select_one(f'[name="{name}"]')
    return field.get_text() if field.name == "textarea" else field.get("value", "")


def post(client, event, data, django_capture_on_commit_callbacks, **extra):
    """POST the form and run what the transaction queued (the e-mail tasks run at once)."""
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(form_url(event), data, **extra)


# --- the form -----------------------------------------------------------------------------


def test_registration_form_has_a_labelled_field_for_everything_asked(client, event, legal_pages):
    response = client.get(form_url(event))

    assert response.status_code == 200
    soup = parse(response)
    form = soup.select_one("form.registration-form")
    names = [field["name"] for field in form.select("input, textarea") if field.get("name")]
    assert names == [
        "csrfmiddlewaretoken",
        "name",
        "email",
        "organisation",
        "municipality",
        "role",
        "accessibility_needs",
        "privacy_consent",
        "participant_list_consent",
        "website",
    ]
    for field in form.select("input:not([type=hidden]), textarea"):
        assert soup.select_one(f'label[for="{field["id"]}"]'), field["name"]
    assert form["novalidate"] == ""
    assert form.select_one("[name=name]")["autocomplete"] == "name"
    assert form.select_one("[name=email]")["autocomplete"] == "email"
    assert form.select_one("[name=email]")["type"] == "email"
    assert form.select_one("[name=organisation]")["autocomplete"] == "organization"


def test_required_fields_say_so_in_words(client, event):
    soup = parse(client.get(form_url(event)))

    label = text_of(soup.select_one('label[for="id_name"]'))
    optional = text_of(soup.select_one('label[for="id_role"]'))
    assert label == "Name (Pflichtfeld)"
    assert optional == "Funktion (freiwillig)"


def test_privacy_consent_links_the_privacy_notice_and_names_the_retention(
    client, event, legal_pages, settings
):
    settings.REGISTRATION_RETENTION_DAYS = 180
    soup = parse(client.get(form_url(event)))

    label = soup.select_one('label[for="id_privacy_consent"]')
    assert label.a["href"] == legal_pages["privacy"].url
    assert text_of(label.a) == "Datenschutzerklärung"
    assert "180 Tage nach der Veranstaltung gelöscht" in text_of(label)


def test_honeypot_is_hidden_from_people_and_keyboards(client, event):
    soup = parse(client.get(form_url(event)))

    wrapper = soup.select_one(".visually-hidden-honeypot")
    field = wrapper.select_one("input[name=website]")
    assert wrapper["aria-hidden"] == "true"
    assert field["tabindex"] == "-1"
    assert field["autocomplete"] == "off"


def test_hybrid_event_with_catering_asks_for_participation_mode_and_dietary_needs(
    client, make_event
):
    event = make_event(mode=EventMode.HYBRID, catering_offered=True)

    soup = parse(client.get(form_url(event)))

    fieldset = soup.select_one("fieldset.form-field--group")
    assert text_of(fieldset.legend) == "Wie nehmen Sie teil? (Pflichtfeld)"
    radios = fieldset.select("input[type=radio][name=participation_mode]")
    assert [text_of(soup.select_one(f'label[for="{r["id"]}"]')) for r in radios] == [
        "Vor Ort",
        "Online",
    ]
    assert soup.select_one("[name=dietary_needs]") is not None


def test_form_of_an_event_without_registration_is_not_found(client, make_event):
    event = make_event(registration_enabled=False)

    response = client.get(form_url(event))

    assert response.status_code == 404
    assert "registration-form" not in response.content.decode()


def test_form_posts_are_csrf_protected(event):
    client = Client(enforce_csrf_checks=True)

    response = client.post(form_url(event), form_data())

    assert response.status_code == 403
    assert Registration.objects.count() == 0


# --- registering --------------------------------------------------------------------------


def thanks_url(event) -> str:
    return event.get_url() + "anmelden/danke/"


def mailed_link(message) -> Registration | None:
    """The registration that the personal link in a sent mail opens."""
    link = re.search(r"http://localhost(?:/en)?/anmeldung/(?P<token>[^/\s]+)/", message.body)
    assert link is not None, message.body
    return tokens.registration_for_token(link["token"])


def test_successful_registration_is_confirmed_and_says_a_mail_is_on_its_way(
    client, event, django_capture_on_commit_callbacks
):
    response = post(client, event, form_data(), django_capture_on_commit_callbacks)

    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.event == event
    assert registration.email == "aylin.demir@andernach.example"
    assert registration.name == "Aylin Demir"
    assert registration.accessibility_needs == "Stufenloser Zugang"
    assert registration.language == "de"
    assert registration.participant_list_consent is False
    # The personal link only by e-mail: the answer names neither the link nor the status.
    assert (response.status_code, response["Location"]) == (303, thanks_url(event))
    assert "/anmeldung/" not in response["Location"]


def test_successful_registration_queues_and_sends_the_confirmation(
    client, event, django_capture_on_commit_callbacks
):
    post(client, event, form_data(), django_capture_on_commit_callbacks)

    registration = Registration.objects.get()
    outbox_row = OutboundEmail.objects.get()
    assert outbox_row.template == "registration_confirmed"
    assert outbox_row.recipient == "aylin.demir@andernach.example"
    assert outbox_row.related_object == registration
    # Sent through the outbox task (immediate in tests), with the calendar file attached.
    [message] = mail.outbox
    assert message.to == ["aylin.demir@andernach.example"]
    assert message.subject == "Anmeldebestätigung: Fachforum Vielfalt"
    # The signed link carries a timestamp, so compare what it opens, not its exact text.
    link = re.search(r"http://localhost/anmeldung/(?P<token>[^/\s]+)/", message.body)
    assert link is not None
    assert tokens.registration_for_token(link["token"]) == registration
    assert [attachment[0] for attachment in message.attachments] == [f"{event.slug}.ics"]


def test_after_registering_the_page_says_where_the_mail_goes_and_where_it_comes_from(
    client, event, django_capture_on_commit_callbacks, settings
):
    settings.DEFAULT_FROM_EMAIL = "Querschnitt <veranstaltungen@querschnitt.example>"
    response = post(client, event, form_data(), django_capture_on_commit_callbacks)
    thanks = client.get(response["Location"])

    text = page_text(thanks)
    assert "Bitte sehen Sie in Ihr Postfach" in text
    assert "Wir schicken eine E-Mail an Aylin.Demir@andernach.example." in text
    assert "Sie kommt von veranstaltungen@querschnitt.example" in text
    assert "Bestätigt" not in text
    assert thanks["Cache-Control"] == "private, no-store"
    # The address was for this one page only.
    assert "Aylin.Demir" not in page_text(client.get(response["Location"]))


def test_the_mailed_link_opens_the_personal_page(client, event, django_capture_on_commit_callbacks):
    post(client, event, form_data(), django_capture_on_commit_callbacks)
    [message] = mail.outbox
    registration = mailed_link(message)

    personal = client.get(signed_url(registration))

    assert registration == Registration.objects.get()
    assert "Status: Bestätigt" in page_text(personal)


def test_full_event_with_waiting_list_puts_the_person_on_it(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, waiting_list_enabled=True)
    register(event, email="erste@kommune.example")

    response = post(client, event, form_data(), django_capture_on_commit_callbacks)

    registration = Registration.objects.get(email="aylin.demir@andernach.example")
    assert registration.status == RegistrationStatus.WAITLISTED
    assert response.status_code == 303
    assert OutboundEmail.objects.filter(recipient=registration.email).get().template == (
        "registration_waitlisted"
    )


def test_approval_required_leaves_the_registration_pending(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(approval_required=True)

    post(client, event, form_data(), django_capture_on_commit_callbacks)

    assert Registration.objects.get().status == RegistrationStatus.PENDING


def test_full_event_without_waiting_list_says_ausgebucht_and_keeps_typed_values(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1, waiting_list_enabled=False)
    register(event, email="erste@kommune.example")

    response = post(client, event, form_data(), django_capture_on_commit_callbacks)

    assert response.status_code == 409
    assert error_summary(response) == [FULLY_BOOKED]
    assert typed_value(response, "name") == "Aylin Demir"
    assert typed_value(response, "email") == "Aylin.Demir@andernach.example"
    assert typed_value(response, "accessibility_needs").strip() == "Stufenloser Zugang"
    assert Registration.objects.count() == 1


def test_a_registered_address_gets_the_same_answer_and_its_link_again_by_mail(
    client, event, django_capture_on_commit_callbacks
):
    existing = register(event, email="aylin.demir@andernach.example", name="Aylin Demir")
    mail.outbox.clear()

    response = post(
        client,
        event,
        form_data(email="AYLIN.Demir@Andernach.example", name="Jemand anderes"),
        django_capture_on_commit_callbacks,
    )

    # Nobody learns from the answer whether the address was registered.
    assert (response.status_code, response["Location"]) == (303, thanks_url(event))
    assert Registration.objects.count() == 1
    existing.refresh_from_db()
    assert existing.name == "Aylin Demir"
    [message] = mail.outbox
    assert message.to == ["aylin.demir@andernach.example"]
    assert message.subject == "Ihr Link zur Anmeldung: Fachforum Vielfalt"
    assert "Stand Ihrer Anmeldung: Bestätigt" in message.body
    assert mailed_link(message) == existing


def test_resend_link_form_mails_a_registered_address_and_answers_the_same_for_any_other(
    client, event, django_capture_on_commit_callbacks
):
    existing = register(event, email="aylin@kommune.example")
    mail.outbox.clear()
    url = event.get_url() + "anmelden/link/"
    form = parse(client.get(url)).select_one("main form")

    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": "Aylin@Kommune.example"})
        unknown = client.post(url, {"email": "niemand@kommune.example"})

    assert form.select_one("label[for=id_email]") is not None
    assert known.status_code == unknown.status_code == 303
    assert known["Location"] == unknown["Location"] == thanks_url(event)
    [message] = mail.outbox
    assert message.to == ["aylin@kommune.example"]
    assert mailed_link(message) == existing


def test_resend_link_form_refuses_a_malformed_address_in_german(client, event):
    response = client.post(event.get_url() + "anmelden/link/", {"email": "kein-at-zeichen"})

    assert response.status_code == 200
    assert [text_of(error) for error in parse(response).select(".form-field__error")] == [
        "Fehler: Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@kommune.de."
    ]
    assert typed_value(response, "email") == "kein-at-zeichen"
    assert mail.outbox == []


def test_event_page_offers_the_resend_link_form(client, event):
    soup = parse(client.get(event.get_url()))

    section = soup.select_one(".send-link")
    assert text_of(section.h2) == "Schon angemeldet?"
    assert section.form["action"] == event.get_url() + "anmelden/link/"
    assert section.select_one("label").get_text(strip=True) == "E-Mail-Adresse Ihrer Anmeldung"


def test_missing_consent_and_bad_email_give_german_errors_and_save_nothing(
    client, event, django_capture_on_commit_callbacks
):
    response = post(
        client,
        event,
        form_data(email="aylin.demir(at)andernach", privacy_consent=None),
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 200
    assert error_summary(response) == [
        "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@kommune.de.",
        "Bitte willigen Sie in die Verarbeitung Ihrer Angaben ein. Ohne Ihre Einwilligung "
        "können wir Ihre Anmeldung nicht annehmen.",
    ]
    assert typed_value(response, "email") == "aylin.demir(at)andernach"
    assert typed_value(response, "name") == "Aylin Demir"
    assert Registration.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_empty_form_names_every_missing_required_field_in_german(client, event):
    response = client.post(form_url(event), {})

    assert response.status_code == 200
    assert error_summary(response) == [
        "Bitte geben Sie Ihren Namen an.",
        "Bitte geben Sie Ihre E-Mail-Adresse an.",
        "Bitte geben Sie Ihre Organisation an.",
        "Bitte geben Sie Ihre Kommune oder Behörde an.",
        "Bitte willigen Sie in die Verarbeitung Ihrer Angaben ein. Ohne Ihre Einwilligung "
        "können wir Ihre Anmeldung nicht annehmen.",
    ]


def test_errors_are_linked_to_their_fields_and_summarised_first(client, event):
    response = client.post(form_url(event), form_data(email="kaputt"))

    soup = parse(response)
    summary = soup.select_one(".error-summary")
    field = soup.select_one("#id_email")
    error = soup.select_one("#id_email_error")
    assert summary["tabindex"] == "-1"
    assert summary.has_attr("autofocus")
    assert summary.select_one("a")["href"] == "#id_email"
    assert field["aria-invalid"] == "true"
    assert "id_email_error" in field["aria-describedby"].split()
    assert text_of(error) == (
        "Fehler: Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@kommune.de."
    )
    assert soup.title.get_text().startswith("Fehler:")


def test_too_long_input_is_refused_with_a_german_message(client, event):
    response = client.post(form_url(event), form_data(name="A" * 201))

    assert response.status_code == 200
    assert error_summary(response) == [
        "Bitte kürzen Sie Ihre Angabe auf höchstens 200 Zeichen (jetzt: 201)."
    ]
    assert Registration.objects.count() == 0


def test_honeypot_pretends_success_and_registers_nothing(
    client, event, django_capture_on_commit_callbacks
):
    response = post(
        client,
        event,
        form_data(website="https://spam.example"),
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 303
    assert response["Location"] == thanks_url(event)
    assert Registration.objects.count() == 0
    assert OutboundEmail.objects.count() == 0
    assert mail.outbox == []
    thanks = client.get(response["Location"])
    assert "Bitte sehen Sie in Ihr Postfach" in page_text(thanks)


def test_rate_limit_per_ip_address_answers_429_and_keeps_values(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_RATE_LIMIT_PER_IP = 2
    for number in range(2):
        post(
            client,
            event,
            form_data(email=f"person{number}@kommune.example"),
            django_capture_on_commit_callbacks,
        )

    response = post(
        client,
        event,
        form_data(email="dritte@kommune.example"),
        django_capture_on_commit_callbacks,
    )

    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert error_summary(response) == [
        "Sie haben das Formular in kurzer Zeit zu oft abgeschickt. Bitte versuchen Sie es in "
        "einer Stunde noch einmal."
    ]
    assert typed_value(response, "email") == "dritte@kommune.example"
    assert Registration.objects.count() == 2


def test_rate_limit_per_email_address_holds_across_ip_addresses(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_RATE_LIMIT = 2
    for number in range(2):
        post(
            client,
            event,
            form_data(),
            django_capture_on_commit_callbacks,
            REMOTE_ADDR=f"198.51.100.{number}",
        )

    response = post(
        client,
        event,
        form_data(email="AYLIN.demir@andernach.example"),
        django_capture_on_commit_callbacks,
        REMOTE_ADDR="203.0.113.9",
    )

    assert response.status_code == 429
    assert RATE_LIMITED in " ".join(error_summary(response))


def test_colleagues_behind_one_address_can_all_register(
    client, event, django_capture_on_commit_callbacks
):
    # One administration, one outgoing address: ten colleagues register within the hour.
    for number in range(10):
        response = post(
            client,
            event,
            form_data(email=f"kollegin{number}@kreis.example"),
            django_capture_on_commit_callbacks,
            REMOTE_ADDR="192.0.2.10",
        )
        assert response.status_code == 303, number

    assert Registration.objects.count() == 10


def test_behind_a_proxy_the_limit_counts_the_address_the_proxy_reports(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_RATE_LIMIT_PER_IP = 1
    settings.CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    proxy = {"REMOTE_ADDR": "10.0.0.1"}  # every request arrives from the proxy
    first = post(
        client,
        event,
        form_data(email="a@kommune.example"),
        django_capture_on_commit_callbacks,
        HTTP_X_FORWARDED_FOR="198.51.100.7",
        **proxy,
    )
    other_client = post(
        client,
        event,
        form_data(email="b@kommune.example"),
        django_capture_on_commit_callbacks,
        HTTP_X_FORWARDED_FOR="203.0.113.5",
        **proxy,
    )
    # A client cannot escape by sending its own header: the proxy appends the real address.
    same_client = post(
        client,
        event,
        form_data(email="c@kommune.example"),
        django_capture_on_commit_callbacks,
        HTTP_X_FORWARDED_FOR="192.0.2.99, 198.51.100.7",
        **proxy,
    )

    assert (first.status_code, other_client.status_code, same_client.status_code) == (
        303,
        303,
        429,
    )


def test_other_addresses_are_not_limited_by_someone_elses_submissions(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_RATE_LIMIT = settings.REGISTRATION_RATE_LIMIT_PER_IP = 1
    post(client, event, form_data(), django_capture_on_commit_callbacks, REMOTE_ADDR="10.0.0.1")

    response = post(
        client,
        event,
        form_data(email="andere@kommune.example"),
        django_capture_on_commit_callbacks,
        REMOTE_ADDR="10.0.0.2",
    )

    assert response.status_code == 303
    assert Registration.objects.count() == 2


def test_closed_registration_shows_a_message_instead_of_the_form(client, make_event):
    event = make_event(registration_closes_at=timezone.now())

    response = client.get(form_url(event))

    assert response.status_code == 200
    assert parse(response).select_one("form.registration-form") is None
    assert "Anmeldung geschlossen." in page_text(response)


def test_posting_to_a_closed_registration_says_so_and_keeps_values(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(registration_closes_at=timezone.now())

    response = post(client, event, form_data(), django_capture_on_commit_callbacks)

    assert response.status_code == 409
    assert error_summary(response) == [CLOSED]
    assert typed_value(response, "name") == "Aylin Demir"
    assert Registration.objects.count() == 0


def test_registration_not_yet_open_says_from_when(client, make_event):
    event = make_event(registration_opens_at=berlin_time(7, 9, 30))

    response = client.get(form_url(event))

    assert parse(response).select_one("form.registration-form") is None
    opens = berlin_time(7, 9, 30)
    assert f"Anmeldung ab {opens:%-d}." in page_text(response)
    assert "09:30 Uhr" in page_text(response)


def test_hybrid_event_requires_the_participation_mode(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(mode=EventMode.HYBRID)

    missing = post(client, event, form_data(), django_capture_on_commit_callbacks)
    chosen = post(
        client, event, form_data(participation_mode="online"), django_capture_on_commit_callbacks
    )

    assert error_summary(missing) == ["Bitte wählen Sie, ob Sie vor Ort oder online teilnehmen."]
    assert parse(missing).select_one("fieldset")["aria-describedby"] == (
        "id_participation_mode_error"
    )
    assert chosen.status_code == 303
    assert Registration.objects.get().participation_mode == "online"


def test_participation_mode_outside_the_choices_is_refused(client, make_event):
    event = make_event(mode=EventMode.HYBRID)

    response = client.post(form_url(event), form_data(participation_mode="beides"))

    assert error_summary(response) == ["Bitte wählen Sie eine der angebotenen Möglichkeiten."]
    assert Registration.objects.count() == 0


def test_registering_on_the_english_page_registers_for_the_german_event_in_english(
    client, event, en_event_index, django_capture_on_commit_callbacks
):
    en_event = translate_page(event, en_event_index.locale, title="Forum on diversity")

    response = post(client, en_event, form_data(), django_capture_on_commit_callbacks)

    registration = Registration.objects.get()
    assert registration.event_id == event.pk
    assert registration.language == "en"
    assert response["Location"] == thanks_url(en_event)
    assert response["Location"].startswith("/en/")
    assert OutboundEmail.objects.get().language == "en"
    [message] = mail.outbox
    assert "/en/anmeldung/" in message.body
    assert mailed_link(message) == registration


# --- the signed registration page ---------------------------------------------------------


def test_signed_page_shows_event_data_and_online_access_to_a_confirmed_registrant(
    client, make_event
):
    event = make_event(title="Fachforum Vielfalt", mode=EventMode.HYBRID)
    registration = register(
        event,
        email="aylin@kommune.example",
        name="Aylin Demir",
        role="Sachgebietsleitung",
        participation_mode="online",
    )

    response = client.get(signed_url(registration))

    assert response.status_code == 200
    text = page_text(response)
    assert "Fachforum Vielfalt" in text
    assert "Rathaus, Ratssaal" in text
    assert "Aylin Demir" in text
    assert "aylin@kommune.example" in text
    assert "Sachgebietsleitung" in text
    assert "Status: Bestätigt" in text
    assert ONLINE_ACCESS in text
    ics = parse(response).select_one(f'a[href="/kalender/veranstaltung/{event.pk}.ics"]')
    assert ics is not None


def test_signed_page_is_private_not_indexed_and_never_sends_its_address_on(client, event):
    registration = register(event, email="aylin@kommune.example")

    response = client.get(signed_url(registration))

    assert response["Cache-Control"] == "private, no-store"
    # Only the origin, never the path with the token; `no-referrer` would make browsers send
    # `Origin: null` with the cancel POST, which the CSRF check refuses.
    assert response["Referrer-Policy"] == "strict-origin"
    assert parse(response).select_one('meta[name="robots"]')["content"] == "noindex, nofollow"


def test_waitlisted_registrant_sees_position_but_no_online_access(client, make_event):
    event = make_event(capacity=1)
    register(event, email="erste@kommune.example")
    register(event, email="zweite@kommune.example")
    third = register(event, email="dritte@kommune.example")

    response = client.get(signed_url(third))

    text = page_text(response)
    assert "Status: Warteliste" in text
    assert "Sie stehen auf der Warteliste, auf Platz 2." in text
    assert ONLINE_ACCESS not in response.content.decode()


def test_pending_registrant_sees_that_approval_is_awaited_without_access(client, make_event):
    event = make_event(approval_required=True)
    registration = register(event, email="aylin@kommune.example")

    response = client.get(signed_url(registration))

    assert "Ihre Anmeldung wartet auf die Freigabe durch das Projektteam." in page_text(response)
    assert ONLINE_ACCESS not in response.content.decode()


def test_signed_page_shows_the_event_in_the_registration_language(client, event, en_event_index):
    translate_page(event, en_event_index.locale, title="Forum on diversity")
    registration = register(event, email="aylin@kommune.example", language="en")

    response = client.get(signed_url(registration, "en"))

    assert parse(response).h1.get_text(strip=True) == "Forum on diversity"


def test_cancelling_frees_the_seat_for_the_first_waitlisted_person(
    client, make_event, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    seated = register(event, email="erste@kommune.example")
    first_waiting = register(event, email="zweite@kommune.example")
    second_waiting = register(event, email="dritte@kommune.example")
    OutboundEmail.objects.all().delete()

    url = signed_url(seated)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "cancel"})

    seated.refresh_from_db()
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert response.status_code == 303
    assert response["Location"] == url
    assert seated.status == RegistrationStatus.CANCELLED
    assert first_waiting.status == RegistrationStatus.CONFIRMED
    assert second_waiting.status == RegistrationStatus.WAITLISTED
    assert transitions(seated)[-1].actor == "registrant"
    sent = sorted(OutboundEmail.objects.values_list("recipient", "template"))
    assert sent == [
        ("erste@kommune.example", "registration_cancelled"),
        ("zweite@kommune.example", "registration_promoted"),
    ]


def test_after_cancelling_the_page_says_so_and_offers_no_second_cancel(client, event):
    registration = register(event, email="aylin@kommune.example")

    response = client.post(signed_url(registration), {"action": "cancel"}, follow=True)

    text = page_text(response)
    assert "Ihre Anmeldung ist storniert." in text
    assert "Status: Storniert" in text
    assert parse(response).select_one(".registration-cancel") is None
    assert ONLINE_ACCESS not in response.content.decode()


def test_cancelling_asks_once_more_before_anything_changes(client, event):
    registration = register(event, email="aylin@kommune.example")
    url = signed_url(registration)

    first = parse(client.get(url)).select_one(".registration-cancel")
    asked = parse(client.get(url, {"stornieren": ""})).select_one(".registration-cancel")

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert first.form is None
    assert first.select_one("a")["href"] == f"{url}?stornieren#stornieren"
    assert "Möchten Sie Ihre Anmeldung wirklich stornieren?" in text_of(asked)
    assert text_of(asked.form.button) == "Ja, meine Anmeldung verbindlich stornieren"
    assert asked.select_one("a")["href"] == url
    assert asked.select_one("[name=action]")["value"] == "cancel"


def test_waiting_list_is_not_told_it_frees_a_seat(client, make_event):
    event = make_event(capacity=1)
    register(event, email="erste@kommune.example")
    waiting = register(event, email="zweite@kommune.example")
    url = signed_url(waiting)

    before = text_of(parse(client.get(url)).select_one(".registration-cancel"))
    asked = text_of(parse(client.get(url, {"stornieren": ""})).select_one(".registration-cancel"))
    after = client.post(url, {"action": "cancel"}, follow=True)

    assert "Warteliste" in before and "Ihr Platz" not in before
    assert "Sie verlieren Ihren Platz auf der Warteliste." in asked
    message = text_of(parse(after).select_one(".registration-messages"))
    assert message == (
        "Ihre Anmeldung ist storniert. Sie erhalten eine Bestätigung per E-Mail. "
        "Vielen Dank für Ihre Rückmeldung."
    )


def test_on_site_participant_of_a_hybrid_event_sees_no_online_access(client, make_event):
    event = make_event(mode=EventMode.HYBRID)
    on_site = register(event, email="vorort@kommune.example", participation_mode="praesenz")

    response = client.get(signed_url(on_site))

    assert "Status: Bestätigt" in page_text(response)
    assert ONLINE_ACCESS not in response.content.decode()


def test_after_cancelling_there_is_a_way_to_register_again(client, event):
    registration = register(event, email="aylin@kommune.example")

    response = client.post(signed_url(registration), {"action": "cancel"}, follow=True)

    again = parse(response).find("a", string=lambda text: text and "Erneut anmelden" in text)
    assert again["href"] == form_url(event)


def test_cancelling_twice_gives_a_german_message_not_an_error(client, event):
    registration = register(event, email="aylin@kommune.example")
    services.cancel_registration(registration, by="registrant")

    response = client.post(signed_url(registration), {"action": "cancel"}, follow=True)

    assert response.status_code == 200
    assert "nicht möglich" in text_of(parse(response).select_one(".registration-messages"))


def test_cancel_form_is_csrf_protected(event):
    registration = register(event, email="aylin@kommune.example")
    client = Client(enforce_csrf_checks=True)

    response = client.post(signed_url(registration), {"action": "cancel"})

    registration.refresh_from_db()
    assert response.status_code == 403
    assert registration.status == RegistrationStatus.CONFIRMED


def test_cancel_form_works_with_csrf_checks_as_a_browser_sends_it(event):
    registration = register(event, email="aylin@kommune.example")
    client = Client(enforce_csrf_checks=True)
    url = signed_url(registration)
    page = parse(client.get(url, {"stornieren": ""}))
    token = page.select_one(".registration-cancel [name=csrfmiddlewaretoken]")["value"]

    response = client.post(
        url,
        {"action": "cancel", "csrfmiddlewaretoken": token},
        HTTP_ORIGIN="http://testserver",
    )

    registration.refresh_from_db()
    assert response.status_code == 303
    assert registration.status == RegistrationStatus.CANCELLED


def test_post_without_the_cancel_action_changes_nothing(client, event):
    registration = register(event, email="aylin@kommune.example")

    response = client.post(signed_url(registration), {"action": "delete-everything"})

    registration.refresh_from_db()
    assert response.status_code == 303
    assert registration.status == RegistrationStatus.CONFIRMED


def test_past_event_offers_no_cancellation(client, make_event):
    event = make_event()
    registration = register(event, email="aylin@kommune.example")
    type(event).objects.filter(pk=event.pk).update(start=berlin_time(-3), end=berlin_time(-3, 16))

    response = client.get(signed_url(registration))

    assert response.status_code == 200
    assert parse(response).select_one(".registration-cancel") is None


def test_past_event_refuses_a_cancellation_posted_anyway(client, make_event):
    event = make_event()
    registration = register(event, email="aylin@kommune.example")
    type(event).objects.filter(pk=event.pk).update(start=berlin_time(-3), end=berlin_time(-3, 16))
    OutboundEmail.objects.all().delete()

    response = client.post(signed_url(registration), {"action": "cancel"}, follow=True)

    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert text_of(parse(response).select_one(".registration-messages")) == (
        "Die Veranstaltung ist vorbei. Eine Stornierung ist nicht mehr möglich."
    )
    assert not OutboundEmail.objects.exists()


def test_english_signed_page_shows_the_new_time_and_access_before_the_translation_is_synced(
    client, make_event, en_event_index
):
    event = make_event(title="Fachforum Vielfalt", mode=EventMode.ONLINE)
    english = translate_page(event, en_event_index.locale, title="Forum on diversity")
    registration = register(event, email="aylin@kommune.example", language="en")
    new_access = "https://konferenz.example.org/raum/neu-0815"
    page = type(event).objects.get(pk=event.pk)
    page.start, page.end = berlin_time(30, 14), berlin_time(30, 17)
    page.online_access = new_access
    page.save_revision().publish()

    response = client.get(signed_url(registration))

    content = response.content.decode()
    assert "Forum on diversity" in content  # the English texts
    assert new_access in content
    assert ONLINE_ACCESS not in content
    assert "14:00–17:00" in text_of(parse(response).select_one(".registration__event"))
    assert type(english).objects.get(pk=english.pk).online_access == ONLINE_ACCESS  # not synced


def _tampered(token: str) -> str:
    last = token[-1]
    return token[:-1] + ("A" if last != "A" else "B")


@pytest.mark.parametrize(
    "make_token",
    [
        _tampered,
        lambda token: token.split(":")[0],  # the bare UUID, without signature
        lambda token: "kaputt",
        lambda token: ":::",
        lambda token: "x" * 3000,
        lambda token: "ä%00<script>",
    ],
    ids=["tampered", "unsigned", "garbage", "colons", "huge", "odd-characters"],
)
def test_bad_token_gets_a_clear_german_page_with_404(client, event, make_token):
    registration = register(event, email="aylin@kommune.example")
    token = make_token(tokens.registration_token(registration))

    response = client.get(f"/anmeldung/{token}/")

    assert response.status_code == 404
    assert parse(response).h1.get_text(strip=True) == "Dieser Link ist nicht gültig"
    assert response["Cache-Control"] == "private, no-store"
    assert "aylin@kommune.example" not in response.content.decode()


def test_expired_token_gets_the_invalid_link_page(client, event, settings, monkeypatch):
    registration = register(event, email="aylin@kommune.example")
    issued = int(time.time()) - (settings.REGISTRATION_LINK_MAX_AGE_DAYS + 1) * 24 * 3600
    monkeypatch.setattr(
        signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(issued)
    )
    token = tokens.registration_token(registration)
    monkeypatch.undo()

    response = client.get(f"/anmeldung/{token}/")

    assert response.status_code == 404
    assert "Dieser Link ist nicht gültig" in page_text(response)


def test_cancel_post_with_a_tampered_token_changes_nothing(client, event):
    registration = register(event, email="aylin@kommune.example")

    response = client.post(
        f"/anmeldung/{_tampered(tokens.registration_token(registration))}/", {"action": "cancel"}
    )

    registration.refresh_from_db()
    assert response.status_code == 404
    assert registration.status == RegistrationStatus.CONFIRMED


def test_anonymised_registration_link_is_no_longer_valid(client, event):
    registration = register(event, email="aylin@kommune.example")
    Registration.objects.filter(pk=registration.pk).update(anonymised_at=timezone.now())

    response = client.get(signed_url(registration))

    assert response.status_code == 404


# --- nothing in this flow answers with a 500 ----------------------------------------------


ODD_FORM_BODIES = {
    "empty": {},
    "huge-strings": {
        "name": "N" * 100_000,
        "email": "e" * 5_000 + "@kommune.example",
        "organisation": "O" * 50_000,
        "municipality": "M" * 50_000,
        "accessibility_needs": "A" * 200_000,
        "privacy_consent": "on",
    },
    "lists-instead-of-values": {
        "name": ["Aylin", "Demir"],
        "email": ["a@kommune.example", "b@kommune.example"],
        "privacy_consent": ["on", "off"],
    },
    "null-characters": form_data(name="Ay\x00lin", organisation="\x00"),
    "wrong-types": form_data(
        privacy_consent="vielleicht",
        participant_list_consent="{}",
        participation_mode="42",
        email="@",
    ),
    "unicode-and-markup": form_data(
        name="<script>alert(1)</script>", email="aylin@bücher.example", role="🙂" * 50
    ),
    "whitespace-only": form_data(name="   ", organisation="\t", municipality="\n"),
}


@pytest.mark.parametrize("body", ODD_FORM_BODIES.values(), ids=ODD_FORM_BODIES.keys())
def test_odd_form_input_never_gives_a_server_error(
    client, make_event, body, django_capture_on_commit_callbacks
):
    event = make_event(mode=EventMode.HYBRID, catering_offered=True)

    response = post(client, event, body, django_capture_on_commit_callbacks)

    assert response.status_code in (200, 303)
    if response.status_code == 200:
        assert error_summary(response) != []
        assert Registration.objects.count() == 0
    else:
        assert "<script>" not in client.get(response["Location"]).content.decode()


def test_undecodable_and_non_form_bodies_never_give_a_server_error(client, event):
    url = form_url(event)

    raw = client.generic(
        "POST", url, b"name=%FF%FE&email=%C3", content_type="application/x-www-form-urlencoded"
    )
    json_body = client.post(url, {"name": "Aylin"}, content_type="application/json")
    too_big = client.post(url, {"accessibility_needs": "A" * 3_000_000})

    assert raw.status_code == 200
    assert json_body.status_code == 200
    assert too_big.status_code == 400
    assert Registration.objects.count() == 0


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_other_methods_are_refused_not_crashed(client, event, method):
    registration = register(event, email="aylin@kommune.example")

    form_response = getattr(client, method)(form_url(event))
    signed_response = getattr(client, method)(signed_url(registration))

    assert form_response.status_code == 405
    assert signed_response.status_code == 405


# --- the registration box on the event page -----------------------------------------------


def registration_box(response):
    return parse(response).select_one(".registration-box")


def test_event_page_shows_seats_left_and_links_to_the_form(client, event):
    register(event, email="erste@kommune.example")
    register(event, email="zweite@kommune.example")

    box = registration_box(client.get(event.url))

    assert "Noch 18 Plätze frei." in text_of(box)
    assert box.select_one("a.button")["href"] == form_url(event)
    assert text_of(box.select_one("a.button")) == "Jetzt anmelden"


def test_event_page_without_capacity_says_seats_are_free(client, make_event):
    event = make_event(capacity=None)

    box = registration_box(client.get(event.url))

    assert "Es sind noch Plätze frei." in text_of(box)


def test_full_event_page_offers_the_waiting_list(client, make_event):
    event = make_event(capacity=1)
    register(event, email="erste@kommune.example")

    box = registration_box(client.get(event.url))

    assert "Alle Plätze sind vergeben." in text_of(box)
    assert text_of(box.select_one("a.button")) == "Auf die Warteliste setzen"


def test_full_event_page_without_waiting_list_says_ausgebucht(client, make_event):
    event = make_event(capacity=1, waiting_list_enabled=False)
    register(event, email="erste@kommune.example")

    box = registration_box(client.get(event.url))

    assert "Die Veranstaltung ist ausgebucht." in text_of(box)
    assert box.select_one("a") is None


def test_event_page_before_registration_opens_says_from_when(client, make_event):
    opens = berlin_time(5, 8, 0)
    event = make_event(registration_opens_at=opens)

    box = registration_box(client.get(event.url))

    assert text_of(box).endswith(
        f"Anmeldung ab {opens:%-d}. {_month(opens)} {opens:%Y}, 08:00 Uhr."
    )
    assert box.select_one("a") is None


def test_event_page_after_registration_closed_says_so(client, make_event):
    event = make_event(registration_closes_at=timezone.now())

    box = registration_box(client.get(event.url))

    assert "Anmeldung geschlossen." in text_of(box)
    assert box.select_one("a") is None


def test_cancelled_event_page_says_registration_is_closed(client, make_event):
    event = make_event(status=EventStatus.CANCELLED)

    box = registration_box(client.get(event.url))

    assert "Anmeldung geschlossen." in text_of(box)


def test_event_page_without_registration_shows_no_box(client, make_event):
    event = make_event(registration_enabled=False)

    response = client.get(event.url)

    assert response.status_code == 200
    assert registration_box(response) is None


def test_english_event_page_counts_the_german_events_registrations(client, event, en_event_index):
    en_event = translate_page(event, en_event_index.locale, title="Forum on diversity")
    register(event, email="erste@kommune.example")

    box = registration_box(client.get(en_event.url))

    assert box.select_one("a.button")["href"] == form_url(en_event)
    assert form_url(en_event).startswith("/en/")
    assert "19" in text_of(box)


def test_event_page_query_count_does_not_grow_with_registrations(client, make_event):
    def queries_for(event) -> int:
        client.get(event.url)  # warm caches (site root paths, locales)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(event.url)
        assert response.status_code == 200
        return len(captured)

    one = make_event(capacity=50)
    register(one, email="person@kommune.example")
    many = make_event(capacity=50)
    for number in range(12):
        register(many, email=f"person{number}@kommune.example")

    assert queries_for(one) == queries_for(many)


def _month(value) -> str:
    months = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ]
    return months[value.month - 1]
