"""The scheduled commands: `send_reminders` (never twice, even when runs overlap) and
`purge_registrations` (anonymises after the retention time; a second run changes nothing)."""

import datetime
import io
import re
import threading

import icalendar
import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from events import services, tokens
from events.choices import EventMode, EventStatus, RegistrationStatus
from events.models import EventPage, Registration
from events.notifications import send_due_reminders
from outbox.choices import EmailStatus
from outbox.models import OutboundEmail
from tests.audit import transitions
from tests.concurrency import needs_postgresql, run_in_parallel
from tests.factories import berlin_time
from tests.helpers import after_commit, register

ONLINE_ACCESS = "https://konferenz.example.org/raum/4711?pwd=Kennwort123"
HOUR = datetime.timedelta(hours=1)
THREADS = 2
# What registrants typed besides name and address, for the purge to remove.
TYPED_IN = {
    "role": "Integrationsbeauftragte*r",
    "accessibility_needs": "Rollstuhlgerechter Platz",
    "dietary_needs": "vegetarisch",
}


def run(command: str, *args: str) -> str:
    out = io.StringIO()
    with after_commit():
        call_command(command, *args, stdout=out)
    return out.getvalue().strip()


@pytest.fixture
def event_defaults() -> dict:
    """Hybrid events with an access link, open for registration, without a seat limit."""
    return {"registration_enabled": True, "mode": EventMode.HYBRID, "online_access": ONLINE_ACCESS}


def reminders() -> list[OutboundEmail]:
    return list(OutboundEmail.objects.filter(template="registration_reminder").order_by("pk"))


# --- send_reminders ----------------------------------------------------------------------------


@pytest.fixture
def soon(make_event):
    """An event in two days: inside the default reminder window of three days."""
    return make_event(days=2, capacity=1)


def test_reminder_goes_to_confirmed_registrants_with_access_and_calendar(soon):
    confirmed = register(soon, "confirmed@example.org", deliver=True)
    register(soon, "waiting@example.org", deliver=True)  # capacity 1: waitlisted
    mail.outbox.clear()

    output = run("send_reminders")

    [email] = reminders()
    [message] = mail.outbox
    [part] = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    calendar = icalendar.Calendar.from_ical(part.get_payload(decode=True))
    confirmed.refresh_from_db()
    assert output == "Reminders queued: 1"
    assert email.recipient == "confirmed@example.org"
    assert email.subject == f"Erinnerung: {soon.title}"
    assert email.status == EmailStatus.SENT
    assert ONLINE_ACCESS in email.body_text
    # The personal link (signed with a timestamp, so compared by what it opens).
    [token] = re.findall(r"^http://localhost/anmeldung/([^/\s]+)/$", email.body_text, re.M)
    assert tokens.registration_for_token(token) == confirmed
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert str(calendar.walk("VEVENT")[0]["UID"]) == soon.calendar_uid
    assert confirmed.reminder_sent_at is not None


def test_reminders_are_never_sent_twice_by_runs_back_to_back(soon):
    register(soon, "confirmed@example.org", deliver=True)

    first = run("send_reminders")
    second = run("send_reminders")

    assert (first, second) == ("Reminders queued: 1", "Reminders queued: 0")
    assert len(reminders()) == 1
    assert [m.subject for m in mail.outbox].count(f"Erinnerung: {soon.title}") == 1


def test_reminder_window_follows_the_setting_and_the_days_option(make_event, settings):
    later = make_event(days=10)
    register(later, "later@example.org", deliver=True)
    settings.REGISTRATION_REMINDER_DAYS = 3

    default_run = run("send_reminders")
    wide_run = run("send_reminders", "--days", "14")

    assert default_run == "Reminders queued: 0"
    assert wide_run == "Reminders queued: 1"
    assert [email.recipient for email in reminders()] == ["later@example.org"]


def test_no_reminders_for_started_cancelled_or_unpublished_events(make_event):
    now = timezone.now()
    started = make_event(days=0, start=now - datetime.timedelta(hours=1), end=now + 3 * HOUR)
    cancelled = make_event(days=2)
    unpublished = make_event(days=1)
    for number, event in enumerate((started, cancelled, unpublished)):
        register(event, f"person{number}@example.org", deliver=True)
    EventPage.objects.filter(pk=cancelled.pk).update(status=EventStatus.CANCELLED)
    EventPage.objects.filter(pk=unpublished.pk).update(live=False)

    output = run("send_reminders")

    assert output == "Reminders queued: 0"
    assert reminders() == []


def test_no_reminder_for_cancelled_or_unreachable_registrations(soon):
    gone = register(soon, "gone@example.org", deliver=True)
    with after_commit():
        services.cancel_registration(gone, by="registrant")
    bounced = register(soon, "bounced@example.org", deliver=True)
    Registration.objects.filter(pk=bounced.pk).update(email_unreachable=True)

    output = run("send_reminders")

    assert output == "Reminders queued: 0"
    assert reminders() == []


def test_negative_days_are_refused(db):
    with pytest.raises(Exception, match="must not be negative"):
        call_command("send_reminders", "--days", "-1")


@needs_postgresql
@pytest.mark.django_db(transaction=True)
class TestConcurrentReminderRuns:
    """Real concurrent transactions, one database connection per thread."""

    @pytest.fixture
    def registrations(self, make_event):
        event = make_event(days=2)
        return [register(event, f"person{number}@example.org", deliver=True) for number in range(6)]

    def test_a_run_skips_rows_another_run_has_claimed(self, registrations):
        claimed = threading.Event()
        finish = threading.Event()
        results: dict[str, int] = {}
        errors: list[BaseException] = []

        def slow_run():
            try:
                with transaction.atomic():
                    results["slow"] = send_due_reminders(days=3)
                    claimed.set()
                    finish.wait(timeout=30)  # holds its row locks until the other run is done
            except BaseException as error:
                errors.append(error)
                claimed.set()
            finally:
                connection.close()

        def quick_run():
            try:
                results["quick"] = send_due_reminders(days=3)
            except BaseException as error:
                errors.append(error)
            finally:
                connection.close()

        slow = threading.Thread(target=slow_run)
        slow.start()
        assert claimed.wait(timeout=30)
        quick = threading.Thread(target=quick_run)
        quick.start()
        quick.join(timeout=10)
        quick_was_blocked = quick.is_alive()
        finish.set()
        slow.join(timeout=30)
        quick.join(timeout=30)

        assert errors == []
        assert quick_was_blocked is False  # skipped the locked rows instead of waiting
        assert results == {"slow": len(registrations), "quick": 0}
        assert send_due_reminders(days=3) == 0
        assert len(reminders()) == len(registrations)
        assert sorted(email.recipient for email in reminders()) == sorted(
            registration.email for registration in registrations
        )

    def test_simultaneous_runs_send_each_reminder_exactly_once(self, registrations):
        counts: list[int] = []

        errors = run_in_parallel(
            lambda _run: counts.append(send_due_reminders(days=3)), range(THREADS)
        )

        assert errors == []
        assert sum(counts) == len(registrations)
        per_registration = sorted(email.recipient for email in reminders())
        assert per_registration == sorted(r.email for r in registrations)
        reminder_subjects = [m for m in mail.outbox if m.subject.startswith("Erinnerung: ")]
        assert len(reminder_subjects) == len(registrations)


# --- purge_registrations -------------------------------------------------------------------


def move_into_past(event: EventPage, *, days_ago: int) -> None:
    EventPage.objects.filter(pk=event.pk).update(
        start=berlin_time(-days_ago, 10), end=berlin_time(-days_ago, 16)
    )


@pytest.fixture
def old_event(make_event):
    """An event (with registrations) that ended 200 days ago."""
    event = make_event(days=5, capacity=1)
    register(event, "alex@example.org", deliver=True, **TYPED_IN)
    waiting = register(event, "kim@example.org", deliver=True, **TYPED_IN, name="Kim Muster")
    with after_commit():
        services.cancel_registration(waiting, by="registrant", comment="Kim ist krank.")
    move_into_past(event, days_ago=200)
    return event


def test_purge_anonymises_registrations_after_the_retention_time(old_event):
    before = {r.pk: r for r in Registration.objects.filter(event=old_event)}

    output = run("purge_registrations")

    assert output == "Registrations anonymised: 2"
    for registration in Registration.objects.filter(event=old_event):
        original = before[registration.pk]
        assert registration.anonymised_at is not None
        assert registration.name == ""
        assert registration.email == f"anonymisiert-{registration.pk}@anonymisiert.invalid"
        assert registration.organisation == ""
        assert registration.role == ""
        assert registration.accessibility_needs == ""
        assert registration.dietary_needs == ""
        # What statistics need stays.
        assert registration.status == original.status
        assert registration.event_id == original.event_id
        assert registration.created_at == original.created_at
        assert registration.municipality == "Mainz"
    statuses = sorted(Registration.objects.filter(event=old_event).values_list("status", flat=True))
    assert statuses == [RegistrationStatus.CANCELLED, RegistrationStatus.CONFIRMED]


def test_purge_anonymises_the_mails_and_the_history_of_anonymised_registrations(old_event):
    registrations = list(Registration.objects.filter(event=old_event).order_by("pk"))
    mails = OutboundEmail.objects.related_to_any(Registration, [r.pk for r in registrations])
    assert mails.count() == 3
    kim = registrations[1]
    assert [entry.comment for entry in transitions(kim)] == ["", "Kim ist krank."]

    run("purge_registrations")

    # The mails stay for the statistics, without address, text or attachments.
    assert mails.count() == 3
    assert (
        list(mails.values_list("recipient", "body_text", "body_html", "attachments"))
        == [("anonymisiert@anonymisiert.invalid", "", "", [])] * 3
    )
    assert not OutboundEmail.objects.filter(recipient__in=["alex@example.org", "kim@example.org"])
    # The history stays, with the changes but without names and comments.
    kim_history = transitions(kim)
    assert [(entry.old, entry.new, entry.actor) for entry in kim_history] == [
        ("", RegistrationStatus.WAITLISTED, "registrant"),
        (RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED, "registrant"),
    ]
    assert {(entry.comment, entry.label) for entry in kim_history} == {
        ("", "Anonymisierte Anmeldung")
    }
    assert len(transitions(registrations[0])) == 1


def test_purge_removes_the_name_from_the_admin_history(old_event):
    registration = Registration.objects.get(email="kim@example.org")
    log(instance=registration, action="wagtail.edit")  # as the admin's edit view does
    history = ModelLogEntry.objects.filter(object_id=str(registration.pk), action="wagtail.edit")
    assert "Kim Muster" in history.get().label

    run("purge_registrations")

    assert history.get().label == "Anonymisierte Anmeldung"
    assert not ModelLogEntry.objects.filter(label__contains="Kim Muster").exists()


def test_deleting_an_event_deletes_the_mails_to_its_registrants(old_event):
    pks = list(Registration.objects.filter(event=old_event).values_list("pk", flat=True))
    assert OutboundEmail.objects.related_to_any(Registration, pks).exists()

    EventPage.objects.get(pk=old_event.pk).delete()

    assert not Registration.objects.filter(pk__in=pks).exists()
    assert not OutboundEmail.objects.related_to_any(Registration, pks).exists()
    assert not ModelLogEntry.objects.filter(label__contains="Kim Muster").exists()


def test_purge_run_twice_changes_nothing_more(old_event):
    first = run("purge_registrations")
    snapshot = list(Registration.objects.order_by("pk").values())

    second = run("purge_registrations")

    assert first == "Registrations anonymised: 2"
    assert second == "Registrations anonymised: 0"
    assert list(Registration.objects.order_by("pk").values()) == snapshot


def test_purge_keeps_registrations_within_the_retention_time(make_event, settings):
    recent = make_event(days=5)
    register(recent, "recent@example.org", deliver=True)
    move_into_past(recent, days_ago=100)
    settings.REGISTRATION_RETENTION_DAYS = 180

    default_run = run("purge_registrations")
    short_run = run("purge_registrations", "--days", "30")

    assert default_run == "Registrations anonymised: 0"
    assert short_run == "Registrations anonymised: 1"
    assert Registration.objects.get(event=recent).email.endswith("@anonymisiert.invalid")


def test_purge_leaves_upcoming_events_alone(make_event):
    upcoming = make_event(days=5)
    register(upcoming, "alex@example.org", deliver=True)

    output = run("purge_registrations", "--days", "0")

    assert output == "Registrations anonymised: 0"
    assert Registration.objects.get(event=upcoming).email == "alex@example.org"


def test_personal_link_stops_working_after_the_purge(old_event):
    registration = Registration.objects.get(event=old_event, status=RegistrationStatus.CONFIRMED)
    token = tokens.registration_token(registration)
    assert tokens.registration_for_token(token) == registration

    run("purge_registrations")

    assert tokens.registration_for_token(token) is None
