"""Registration e-mails: German and English text, the calendar file, and the change and
cancellation notices that publishing an event sends.

Mails are created through the real services and delivered by the real task (immediate task
backend, Django's locmem outbox), after the transaction commits.
"""

import datetime
import html
import re

import icalendar
import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import formats, translation
from django.utils.translation import gettext

from events import services, tokens
from events.choices import EventMode, EventStatus, RegistrationStatus
from events.emails import send_registration_email
from events.models import CalendarState, EventPage
from outbox.choices import EmailStatus
from outbox.models import OutboundEmail
from tests.factories import BERLIN, EventPageFactory, berlin_time, translate_page
from tests.helpers import after_commit, publish, register

ONLINE_ACCESS = "https://konferenz.example.org/raum/4711?pwd=Kennwort123"
HOUR = datetime.timedelta(hours=1)

# Per mail: a sentence only it has, and its subject (German msgids, with the title as
# %(title)s). English expectations come from the English catalogue, so the tests check that the
# mail is translated, not one wording of the translation.
TEXTS = {
    "registration_confirmed": "vielen Dank für Ihre Anmeldung. Ihr Platz ist bestätigt – wir "
    "freuen uns auf Ihre Teilnahme.",
    "registration_waitlisted": "Sobald ein Platz frei wird, rücken Sie in der Reihenfolge der "
    "Anmeldungen automatisch nach. Sie müssen dafür nichts tun: Wir schicken Ihnen dann eine "
    "Bestätigung mit allen Angaben zur Teilnahme.",
    "registration_pending": "vielen Dank für Ihre Anmeldung. Bei dieser Veranstaltung prüft das "
    "Projektteam die Anmeldungen, bevor es sie bestätigt. Ihre Anmeldung ist deshalb noch nicht "
    "bestätigt.",
    "registration_promoted": "gute Nachrichten: Ein Platz ist frei geworden und Sie sind von der "
    "Warteliste nachgerückt. Ihre Anmeldung ist jetzt bestätigt.",
    "registration_cancelled": "Ihre Anmeldung für die folgende Veranstaltung ist storniert.",
    "registration_reminder": "bald ist es so weit: Wir freuen uns auf Ihre Teilnahme an der "
    "folgenden Veranstaltung.",
    "event_changed": "bei der Veranstaltung, zu der Sie angemeldet sind, haben sich Termin, Ort "
    "oder Status geändert. Bitte beachten Sie die aktuellen Angaben:",
    "event_cancelled": "leider müssen wir Ihnen mitteilen, dass die folgende Veranstaltung "
    "abgesagt ist:",
    "organiser_message": "Sie erhalten diese Nachricht, weil Sie für die Veranstaltung "
    "„%(title)s“ angemeldet sind.",
}
SUBJECTS = {
    "registration_confirmed": "Anmeldebestätigung: %(title)s",
    "registration_waitlisted": "Warteliste: %(title)s",
    "registration_pending": "Anmeldung eingegangen: %(title)s",
    "registration_promoted": "Ihr Platz ist bestätigt: %(title)s",
    "registration_cancelled": "Stornierung: %(title)s",
    "registration_reminder": "Erinnerung: %(title)s",
    "event_changed": "Änderung bei Ihrer Veranstaltung: %(title)s",
    "event_cancelled": "Abgesagt: %(title)s",
    "organiser_message": "Programm & Anreise",  # the organisers' own subject, not translated
}
ORGANISER_MESSAGE = {
    "message_subject": "Programm & Anreise",
    "message_body": "Bitte bringen Sie Ihre Fragen mit.\nDer Raum ist barrierefrei.",
}


# --- fixtures and helpers -------------------------------------------------------------------


@pytest.fixture
def event(event_index):
    return EventPageFactory(
        parent=event_index,
        title="Fachforum Vielfalt",
        start=berlin_time(28, 10),
        end=berlin_time(28, 16),
        mode=EventMode.HYBRID,
        online_access=ONLINE_ACCESS,
        contact_email="forum@example.org",
        registration_enabled=True,
        capacity=1,
    )


@pytest.fixture
def english_event(event, en_event_index):
    return translate_page(event, en_event_index.locale, title="Diversity forum")


def outbox_row(template: str, recipient: str) -> OutboundEmail:
    return OutboundEmail.objects.get(template=template, recipient=recipient)


def sent_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


def html_of(message) -> str:
    [(content, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return content


def calendar_parts(message) -> list:
    """The text/calendar parts of a sent message, as a mail client sees them."""
    return [part for part in message.message().walk() if part.get_content_type() == "text/calendar"]


def attached_calendar(message) -> icalendar.Calendar:
    [part] = calendar_parts(message)
    return icalendar.Calendar.from_ical(part.get_payload(decode=True))


# --- German and English ----------------------------------------------------------------------


def in_english(msgid: str, **params) -> str:
    with translation.override("en"):
        text = gettext(msgid)
    return text % params if "%(" in text else text


@pytest.mark.parametrize("template", list(TEXTS))
def test_each_mail_is_written_in_german_for_a_german_registration(event, template):
    registration = register(event, "alex@example.org", deliver=True)

    with after_commit():
        send_registration_email(registration, template, **ORGANISER_MESSAGE)

    email = OutboundEmail.objects.filter(template=template).latest("pk")
    title = {"title": "Fachforum Vielfalt"}
    german = TEXTS[template] % title
    assert email.language == "de"
    assert email.subject == SUBJECTS[template] % title
    assert email.body_text.startswith("Guten Tag Alex Beispiel,\n\n")
    assert german in email.body_text
    assert "Mit freundlichen Grüßen" in email.body_text
    assert '<html lang="de">' in email.body_html
    assert german in html.unescape(email.body_html)


@pytest.mark.parametrize("template", list(TEXTS))
def test_each_mail_is_written_in_english_for_an_english_registration(
    event, english_event, template
):
    registration = register(event, "alex@example.org", language="en", deliver=True)

    with after_commit():
        send_registration_email(registration, template, **ORGANISER_MESSAGE)

    email = OutboundEmail.objects.filter(template=template).latest("pk")
    german = TEXTS[template] % {"title": "Fachforum Vielfalt"}
    english = in_english(TEXTS[template], title="Diversity forum")
    greeting = in_english("Guten Tag %(name)s,", name="Alex Beispiel")
    regards = in_english("Mit freundlichen Grüßen")
    assert english != TEXTS[template] % {"title": "Diversity forum"}  # it is translated
    assert email.language == "en"
    assert email.subject == in_english(SUBJECTS[template], title="Diversity forum")
    assert email.body_text.startswith(f"{greeting}\n\n")
    assert english in email.body_text
    assert german not in email.body_text
    assert "Guten Tag" not in email.body_text
    assert regards in email.body_text
    assert "Mit freundlichen Grüßen" not in email.body_text
    assert '<html lang="en">' in email.body_html
    assert english in html.unescape(email.body_html)
    assert german not in html.unescape(email.body_html)


@pytest.mark.parametrize("template", [name for name in SUBJECTS if name != "organiser_message"])
def test_every_subject_has_an_english_translation(db, template):
    assert in_english(SUBJECTS[template], title="X") != SUBJECTS[template] % {"title": "X"}


def test_english_mail_shows_the_english_title_and_an_english_date(event, english_event):
    register(event, "alex@example.org", language="en", deliver=True)

    email = outbox_row("registration_confirmed", "alex@example.org")
    with translation.override("en"):
        month = formats.date_format(event.local_start, "F")
        weekday = formats.date_format(event.local_start, "l")
    assert email.subject == in_english("Anmeldebestätigung: %(title)s", title="Diversity forum")
    assert f"{in_english('Wann')}: {weekday}, " in email.body_text
    assert month in email.body_text
    assert "10:00–16:00\n" in email.body_text  # English times have no "Uhr"
    assert "/en/" in email.body_text  # the English event page


def test_confirmation_gives_date_place_online_access_and_the_personal_link(event):
    registration = register(event, "alex@example.org", deliver=True)

    email = outbox_row("registration_confirmed", "alex@example.org")
    day = formats.date_format(event.local_start, "l, j. F Y")
    assert email.subject == "Anmeldebestätigung: Fachforum Vielfalt"
    assert f"Wann: {day}, 10:00–16:00 Uhr\n" in email.body_text
    assert "Wo: Rathaus, Ratssaal, Jockel-Fuchs-Platz 1, 55116 Mainz (auch online)\n" in (
        email.body_text
    )
    assert f"Zugangsdaten für die Online-Teilnahme:\n{ONLINE_ACCESS}\n" in email.body_text
    assert "Im Anhang finden Sie die Kalenderdatei (.ics)" in email.body_text
    [token] = re.findall(r"^http://localhost/anmeldung/([^/\s]+)/$", email.body_text, re.M)
    assert tokens.registration_for_token(token) == registration
    assert "Der Link ist persönlich." in email.body_text
    assert "Fragen zur Veranstaltung? Schreiben Sie an forum@example.org." in email.body_text
    assert registration.status == RegistrationStatus.CONFIRMED
    assert f'href="{ONLINE_ACCESS}"' in email.body_html.replace("&amp;", "&")


def test_html_mail_is_self_contained_without_images_or_tracking(event):
    register(event, "alex@example.org", deliver=True)

    html = outbox_row("registration_confirmed", "alex@example.org").body_html
    assert html.startswith("<!DOCTYPE html>")
    assert '<html lang="de">' in html
    assert "<title>Anmeldebestätigung: Fachforum Vielfalt</title>" in html
    assert "<h1 " in html
    assert "<img" not in html
    assert "<link" not in html
    assert "<script" not in html
    assert "url(" not in html


def test_plain_text_is_not_html_escaped_and_html_is(event):
    publish(event, title="Vielfalt & Teilhabe", deliver=True)
    register(event, "kim@example.org", name="Kim O'Brien", deliver=True)

    email = outbox_row("registration_confirmed", "kim@example.org")
    assert email.subject == "Anmeldebestätigung: Vielfalt & Teilhabe"
    assert email.body_text.startswith("Guten Tag Kim O'Brien,")
    assert "Vielfalt & Teilhabe\n" in email.body_text
    assert "&amp;" not in email.body_text
    assert "Guten Tag Kim O&#x27;Brien," in email.body_html
    assert "Vielfalt &amp; Teilhabe" in email.body_html


def test_waitlist_notice_explains_moving_up_and_gives_no_online_access(event):
    register(event, "first@example.org", deliver=True)
    registration = register(event, "second@example.org", deliver=True)

    email = outbox_row("registration_waitlisted", "second@example.org")
    [message] = sent_to("second@example.org")
    assert registration.status == RegistrationStatus.WAITLISTED
    assert "automatisch nach" in email.body_text
    assert ONLINE_ACCESS not in email.body_text
    assert ONLINE_ACCESS not in email.body_html
    assert calendar_parts(message) == []


@pytest.mark.parametrize("language", ["de", "en"])
def test_moving_up_at_an_approval_event_says_the_seat_is_free_but_not_confirmed(
    event, english_event, language
):
    EventPage.objects.filter(pk=event.pk).update(approval_required=True)
    first = register(event, "first@example.org", language=language, deliver=True)
    register(event, "second@example.org", language=language, deliver=True)

    with after_commit():
        services.cancel_registration(first, by="registrant")

    email = outbox_row("registration_pending", "second@example.org")
    [_waitlisted, moved_up] = sent_to("second@example.org")
    title = "Fachforum Vielfalt" if language == "de" else "Diversity forum"
    text = (
        "auf der Warteliste ist ein Platz für Sie frei geworden. Bei dieser Veranstaltung prüft "
        "das Projektteam die Anmeldungen, bevor es sie bestätigt. Ihre Anmeldung liegt dem Team "
        "jetzt zur Prüfung vor und ist noch nicht bestätigt."
    )
    subject = "Platz frei geworden, Anmeldung in Prüfung: %(title)s"
    if language == "en":
        text, subject = in_english(text), in_english(subject, title=title)
    else:
        subject = subject % {"title": title}
    assert moved_up.subject == email.subject == subject
    assert text in email.body_text
    assert text in html.unescape(email.body_html)
    assert TEXTS["registration_pending"] not in email.body_text
    assert ONLINE_ACCESS not in email.body_text
    assert calendar_parts(moved_up) == []


def test_organiser_message_shows_the_organisers_text_escaped_in_html(event):
    registration = register(event, "alex@example.org", deliver=True)

    with after_commit():
        send_registration_email(registration, "organiser_message", **ORGANISER_MESSAGE)

    email = outbox_row("organiser_message", "alex@example.org")
    assert email.subject == "Programm & Anreise"
    assert "Bitte bringen Sie Ihre Fragen mit.\nDer Raum ist barrierefrei." in email.body_text
    assert "<p>Bitte bringen Sie Ihre Fragen mit.<br>Der Raum ist barrierefrei.</p>" in (
        email.body_html
    )
    assert "<title>Programm &amp; Anreise</title>" in email.body_html


@pytest.mark.parametrize(
    ("template", "carries_access"),
    [
        ("registration_confirmed", True),
        ("registration_promoted", True),
        ("registration_reminder", True),
        ("event_changed", False),
        ("organiser_message", False),
    ],
)
def test_only_confirmation_promotion_and_reminder_carry_the_online_access(
    event, template, carries_access
):
    registration = register(event, "alex@example.org", deliver=True)

    with after_commit():
        send_registration_email(registration, template, **ORGANISER_MESSAGE)

    email = OutboundEmail.objects.filter(template=template).latest("pk")
    assert (ONLINE_ACCESS in email.body_text) is carries_access
    assert (ONLINE_ACCESS in html.unescape(email.body_html)) is carries_access
    assert ("persönlichen Anmeldeseite" in email.body_text) is not carries_access


# --- the calendar file -----------------------------------------------------------------------


def test_confirmation_carries_a_publish_calendar_with_the_public_uid(client, event):
    register(event, "alex@example.org", deliver=True)

    [message] = sent_to("alex@example.org")
    [part] = calendar_parts(message)
    calendar = attached_calendar(message)
    [vevent] = calendar.walk("VEVENT")
    public = icalendar.Calendar.from_ical(
        client.get(reverse("events:event_ics", kwargs={"page_id": event.pk})).content
    )
    [public_vevent] = public.walk("VEVENT")
    assert part.get_content_type() == "text/calendar"
    assert part.get_content_charset() == "utf-8"
    assert part.get_param("method") == "PUBLISH"
    assert part.get_filename().endswith(".ics")
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(vevent["UID"]) == event.calendar_uid == str(public_vevent["UID"])
    assert vevent.decoded("DTSTART") == event.start.astimezone(BERLIN)
    assert int(vevent["SEQUENCE"]) == 0
    assert str(vevent["STATUS"]) == "CONFIRMED"


def test_promotion_carries_the_calendar_file_and_online_access(event):
    first = register(event, "first@example.org", deliver=True)
    register(event, "second@example.org", deliver=True)

    with after_commit():
        services.cancel_registration(first, by="registrant")

    email = outbox_row("registration_promoted", "second@example.org")
    promoted = [m for m in sent_to("second@example.org") if m.subject == email.subject]
    assert email.subject == "Ihr Platz ist bestätigt: Fachforum Vielfalt"
    assert ONLINE_ACCESS in email.body_text
    assert str(attached_calendar(promoted[0])["METHOD"]) == "PUBLISH"
    assert outbox_row("registration_cancelled", "first@example.org").status == EmailStatus.SENT


# --- change and cancellation notices ----------------------------------------------------------


def test_change_notices_are_rendered_in_the_background_after_the_publication(event):
    for number in range(3):
        register(event, f"person{number}@example.org", deliver=True)
    page = EventPage.objects.get(pk=event.pk)
    page.start, page.end = event.start + HOUR, event.end + HOUR

    with TestCase.captureOnCommitCallbacks(execute=False) as after_publication:
        page.save_revision().publish()
        assert not OutboundEmail.objects.filter(template="event_changed").exists()
    for callback in after_publication:  # the commit: the task runs (immediately in tests)
        callback()

    assert OutboundEmail.objects.filter(template="event_changed").count() == 3


def test_publishing_a_new_time_sends_one_change_notice_with_the_raised_sequence(event):
    confirmed = register(event, "confirmed@example.org", deliver=True)
    waiting = register(event, "waiting@example.org", deliver=True)
    gone = register(event, "gone@example.org", deliver=True)
    with after_commit():
        services.set_registration_state(gone, RegistrationStatus.CANCELLED, by="registrant")
    mail.outbox.clear()

    publish(event, start=event.start + HOUR, end=event.end + HOUR, deliver=True)

    state = CalendarState.objects.get(translation_key=event.translation_key)
    email = outbox_row("event_changed", confirmed.email)
    [message] = sent_to(confirmed.email)
    [vevent] = attached_calendar(message).walk("VEVENT")
    assert state.sequence == 1
    assert int(vevent["SEQUENCE"]) == state.sequence
    assert str(vevent["UID"]) == event.calendar_uid
    assert vevent.decoded("DTSTART") == (event.start + HOUR).astimezone(BERLIN)
    assert email.subject == "Änderung bei Ihrer Veranstaltung: Fachforum Vielfalt"
    assert ", 11:00–17:00 Uhr\n" in email.body_text
    # Access details only in confirmation, reminder and on the personal page.
    assert ONLINE_ACCESS not in email.body_text
    assert ONLINE_ACCESS not in email.body_html
    assert "finden Sie auf Ihrer persönlichen Anmeldeseite" in email.body_text
    assert "Die angehängte Kalenderdatei aktualisiert den Termin" in email.body_text
    [waiting_message] = sent_to(waiting.email)
    assert waiting_message.subject == email.subject
    assert calendar_parts(waiting_message) == []
    assert ONLINE_ACCESS not in waiting_message.body
    assert "Sie stehen weiterhin auf der Warteliste" in waiting_message.body
    assert sent_to(gone.email) == []


def test_change_notice_is_sent_once_although_the_translation_is_published_too(event, english_event):
    register(event, "alex@example.org", language="en", deliver=True)
    mail.outbox.clear()

    publish(event, start=event.start + HOUR, end=event.end + HOUR, deliver=True)
    publish(english_event, start=event.start + HOUR, end=event.end + HOUR, deliver=True)

    assert OutboundEmail.objects.filter(template="event_changed").count() == 1
    assert len(mail.outbox) == 1
    assert CalendarState.objects.get(translation_key=event.translation_key).sequence == 1


def test_english_change_notice_has_the_new_time_before_the_translation_is_synchronised(
    event, english_event
):
    register(event, "alex@example.org", language="en", deliver=True)

    publish(event, start=event.start + HOUR, end=event.end + HOUR, deliver=True)

    email = outbox_row("event_changed", "alex@example.org")
    [message] = [m for m in sent_to("alex@example.org") if m.subject == email.subject]
    [vevent] = attached_calendar(message).walk("VEVENT")
    assert email.subject == in_english(
        "Änderung bei Ihrer Veranstaltung: %(title)s", title="Diversity forum"
    )
    assert ", 11:00–17:00\n" in email.body_text
    assert vevent.decoded("DTSTART") == (event.start + HOUR).astimezone(BERLIN)
    assert str(vevent["SUMMARY"]) == "Diversity forum"


def test_publishing_only_new_texts_sends_no_change_notice(event):
    register(event, "alex@example.org", deliver=True)
    mail.outbox.clear()

    publish(
        event, teaser="Ein neuer Anreißer.", title="Fachforum Vielfalt und Teilhabe", deliver=True
    )

    assert OutboundEmail.objects.filter(template="event_changed").count() == 0
    assert mail.outbox == []


def test_postponement_is_announced_in_the_change_notice(event):
    register(event, "alex@example.org", deliver=True)

    publish(event, status=EventStatus.POSTPONED, status_note="Neuer Termin folgt.", deliver=True)

    email = outbox_row("event_changed", "alex@example.org")
    assert "Diese Veranstaltung wird verschoben. Neuer Termin folgt." in email.body_text


def test_cancelling_the_event_sends_a_cancelling_calendar_to_everyone_not_cancelled(event):
    confirmed = register(event, "confirmed@example.org", deliver=True)
    waiting = register(event, "waiting@example.org", deliver=True)
    gone = register(event, "gone@example.org", deliver=True)
    with after_commit():
        services.set_registration_state(gone, RegistrationStatus.CANCELLED, by="registrant")
    mail.outbox.clear()

    publish(
        event,
        status=EventStatus.CANCELLED,
        status_note="Die Referentin ist erkrankt.",
        deliver=True,
    )

    state = CalendarState.objects.get(translation_key=event.translation_key)
    for registration in (confirmed, waiting):
        email = outbox_row("event_cancelled", registration.email)
        [message] = sent_to(registration.email)
        [part] = calendar_parts(message)
        calendar = attached_calendar(message)
        [vevent] = calendar.walk("VEVENT")
        assert email.subject == "Abgesagt: Fachforum Vielfalt"
        assert "Die Referentin ist erkrankt." in email.body_text
        assert ONLINE_ACCESS not in email.body_text
        assert part.get_param("method") == "CANCEL"
        assert str(calendar["METHOD"]) == "CANCEL"
        assert str(vevent["STATUS"]) == "CANCELLED"
        assert str(vevent["UID"]) == event.calendar_uid
        assert int(vevent["SEQUENCE"]) == state.sequence == 1
    assert sent_to(gone.email) == []
    assert OutboundEmail.objects.filter(template="event_changed").count() == 0


def test_no_notices_for_an_event_that_is_over(event):
    register(event, "alex@example.org", deliver=True)
    EventPage.objects.filter(pk=event.pk).update(start=berlin_time(-3, 10), end=berlin_time(-3, 16))
    mail.outbox.clear()

    publish(event, city="Ludwigshafen am Rhein", postal_code="67059", deliver=True)

    assert CalendarState.objects.get(translation_key=event.translation_key).sequence == 1
    assert mail.outbox == []
