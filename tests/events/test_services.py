"""The registration rules in events/services.py: windows, capacity, waiting list, approval,
duplicates, transitions with their audit trail, and seats under concurrent load (PostgreSQL)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events import notifications, selectors, services
from events.choices import SEAT_STATUSES, EventStatus, RegistrationStatus
from events.models import EventPage, Registration
from events.services import RegistrationError
from home.audit import TRANSITION_ACTION, log_entries_for
from outbox.models import OutboundEmail
from tests.audit import transitions
from tests.concurrency import needs_postgresql, run_in_parallel
from tests.factories import berlin_time, translate_page
from tests.helpers import outbox, publish, register

CONFIRMED = RegistrationStatus.CONFIRMED
WAITLISTED = RegistrationStatus.WAITLISTED
PENDING = RegistrationStatus.PENDING
CANCELLED = RegistrationStatus.CANCELLED
ATTENDED = RegistrationStatus.ATTENDED


def statuses(event) -> dict[str, str]:
    return dict(
        Registration.objects.filter(event=event)
        .order_by("created_at", "pk")
        .values_list("email", "status")
    )


@pytest.fixture
def event(make_event):
    return make_event()


# --- opening and closing -------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"registration_enabled": False}, id="registration-disabled"),
        pytest.param({"registration_opens_at": berlin_time(2)}, id="not-open-yet"),
        pytest.param(
            {"registration_opens_at": berlin_time(-5), "registration_closes_at": berlin_time(-1)},
            id="closed",
        ),
        pytest.param({"status": EventStatus.CANCELLED}, id="event-cancelled"),
        pytest.param({"status": EventStatus.POSTPONED}, id="event-postponed"),
        pytest.param({"start": berlin_time(-3), "end": berlin_time(-3, hour=16)}, id="event-over"),
        pytest.param({"published": False}, id="draft"),
    ],
)
def test_registration_outside_the_window_is_refused_in_german(make_event, fields):
    event = make_event(**fields)

    with pytest.raises(RegistrationError) as refused:
        register(event, "anna@example.org")

    assert refused.value.message == "Für diese Veranstaltung ist keine Anmeldung möglich."
    assert Registration.objects.count() == 0
    assert OutboundEmail.objects.count() == 0


def test_registration_inside_the_window_is_confirmed(make_event):
    event = make_event(registration_opens_at=berlin_time(-2), registration_closes_at=berlin_time(2))

    registration = register(event, "anna@example.org")

    assert registration.status == CONFIRMED


# --- capacity and waiting list -------------------------------------------------------------


def test_registration_within_capacity_is_confirmed_audited_and_mailed(event):
    registration = register(event, " Anna@Example.org ", name=" Anna Beispiel ")

    registration.refresh_from_db()
    assert (registration.status, registration.email, registration.name) == (
        CONFIRMED,
        "anna@example.org",
        "Anna Beispiel",
    )
    assert registration.event_id == event.pk
    assert registration.language == "de"
    [entry] = transitions(registration)
    assert (entry.old, entry.new, entry.user, entry.actor) == ("", CONFIRMED, None, "registrant")
    assert outbox("registration_confirmed") == ["anna@example.org"]


def test_full_event_puts_the_next_person_on_the_waiting_list(event):
    register(event, "a@example.org")
    register(event, "b@example.org")

    late = register(event, "c@example.org")

    assert late.status == WAITLISTED
    assert statuses(event) == {
        "a@example.org": CONFIRMED,
        "b@example.org": CONFIRMED,
        "c@example.org": WAITLISTED,
    }
    assert outbox("registration_waitlisted") == ["c@example.org"]


def test_full_event_without_waiting_list_is_ausgebucht(make_event):
    event = make_event(capacity=1, waiting_list_enabled=False)
    register(event, "a@example.org")

    with pytest.raises(RegistrationError) as refused:
        register(event, "b@example.org")

    assert refused.value.message == "Die Veranstaltung ist leider ausgebucht."
    assert statuses(event) == {"a@example.org": CONFIRMED}


def test_event_without_capacity_confirms_everyone(make_event):
    event = make_event(capacity=None)

    for number in range(5):
        register(event, f"p{number}@example.org")

    assert set(statuses(event).values()) == {CONFIRMED}


def test_cancelled_registrations_free_their_seat_for_new_registrants(event):
    first = register(event, "a@example.org")
    register(event, "b@example.org")
    services.cancel_registration(first, by="registrant")

    newcomer = register(event, "c@example.org")

    assert newcomer.status == CONFIRMED


# --- approval ------------------------------------------------------------------------------


def test_approval_required_registration_waits_and_holds_a_seat(make_event):
    event = make_event(capacity=1, approval_required=True)

    first = register(event, "a@example.org")
    second = register(event, "b@example.org")

    assert (first.status, second.status) == (PENDING, WAITLISTED)
    assert outbox("registration_pending") == ["a@example.org"]


def test_approving_a_pending_registration_confirms_and_mails_it(make_event, admin_user):
    event = make_event(approval_required=True)
    registration = register(event, "a@example.org")

    services.set_registration_state(registration, CONFIRMED, by=admin_user)

    registration.refresh_from_db()
    assert registration.status == CONFIRMED
    assert outbox("registration_confirmed") == ["a@example.org"]
    entry = transitions(registration)[-1]
    assert (entry.old, entry.new, entry.user) == (PENDING, CONFIRMED, admin_user)


def test_moving_a_pending_registration_to_the_waiting_list_keeps_it_there(make_event, admin_user):
    event = make_event(capacity=1, approval_required=True)
    registration = register(event, "a@example.org")

    services.set_registration_state(registration, WAITLISTED, by=admin_user)

    # The seat it held comes free, but must not go straight back to the same person.
    assert statuses(event) == {"a@example.org": WAITLISTED}
    assert outbox("registration_promoted") == []


def test_with_approval_required_the_person_moving_up_waits_for_the_organisers(make_event):
    event = make_event(capacity=1, approval_required=True)
    first = register(event, "a@example.org")
    register(event, "b@example.org")
    register(event, "c@example.org")

    services.cancel_registration(first, by="registrant")

    # The seat goes to the next person, but the organisers still decide.
    assert statuses(event) == {
        "a@example.org": CANCELLED,
        "b@example.org": PENDING,
        "c@example.org": WAITLISTED,
    }
    assert outbox("registration_pending") == ["a@example.org", "b@example.org"]
    assert outbox("registration_promoted") == []
    entry = transitions(Registration.objects.get(email="b@example.org"))[-1]
    assert (entry.old, entry.new, entry.actor) == (WAITLISTED, PENDING, "system")


def test_confirming_from_the_waiting_list_of_a_full_event_is_refused(event, admin_user):
    register(event, "a@example.org")
    register(event, "b@example.org")
    waiting = register(event, "c@example.org")

    with pytest.raises(RegistrationError) as refused:
        services.set_registration_state(waiting, CONFIRMED, by="system")

    assert refused.value.message == "Die Veranstaltung ist leider ausgebucht."
    assert statuses(event)["c@example.org"] == WAITLISTED
    assert selectors.seats_taken(event) == 2


def test_organisers_cannot_confirm_past_the_waiting_list(make_event, admin_user):
    # Moving up happens in order of registration, by the system only; organisers approve,
    # cancel and check in.
    event = make_event(capacity=1)
    register(event, "a@example.org")
    register(event, "b@example.org")
    services.cancel_registration(Registration.objects.get(email="a@example.org"), by=admin_user)
    other = register(event, "c@example.org")
    assert statuses(event)["b@example.org"] == CONFIRMED

    with pytest.raises(RegistrationError) as refused:
        services.set_registration_state(other, CONFIRMED, by=admin_user)

    assert refused.value.message == "Sie dürfen diese Änderung nicht vornehmen."
    assert statuses(event)["c@example.org"] == WAITLISTED


def test_mail_to_many_registrants_looks_up_the_event_once_per_language(make_event):
    event = make_event(capacity=None)

    def event_lookups(count: int) -> int:
        Registration.objects.all().delete()
        for number in range(count):
            register(event, f"p{count}-{number}@example.org", language=("de", "en")[number % 2])
        with CaptureQueriesContext(connection) as queries:
            notifications.queue_organiser_message(
                event_id=event.pk, statuses=[CONFIRMED], subject="Hinweis", body="Text"
            )
        return sum("wagtailcore_locale" in query["sql"] for query in queries.captured_queries)

    assert event_lookups(2) == event_lookups(8)


# --- duplicates ----------------------------------------------------------------------------


def test_same_address_in_other_case_is_refused(event):
    register(event, "anna@example.org")

    with pytest.raises(RegistrationError) as refused:
        register(event, "ANNA@example.ORG")

    assert refused.value.message == "Mit dieser E-Mail-Adresse besteht bereits eine Anmeldung."
    assert Registration.objects.count() == 1


def test_international_domain_in_either_spelling_is_one_address(event):
    register(event, "anna@bücher.example")

    with pytest.raises(RegistrationError):
        register(event, "Anna@XN--BCHER-KVA.example")

    assert list(Registration.objects.values_list("email", flat=True)) == [
        "anna@xn--bcher-kva.example"
    ]


def test_registration_belongs_to_the_event_in_every_language(event, en_event_index):
    english = translate_page(event, en_event_index.locale, title="Expert forum")

    registration = register(english, "anna@example.org", language="en")

    assert registration.event_id == event.pk
    assert registration.language == "en"
    with pytest.raises(RegistrationError):
        register(event, "Anna@Example.org")
    with pytest.raises(RegistrationError):
        register(english, "ANNA@EXAMPLE.ORG", language="en")
    assert Registration.objects.count() == 1


def test_seats_are_shared_by_all_language_versions(event, en_event_index):
    english = translate_page(event, en_event_index.locale, title="Expert forum")
    register(event, "a@example.org")
    register(english, "b@example.org", language="en")

    late = register(english, "c@example.org", language="en")

    assert late.status == WAITLISTED
    assert selectors.seats_taken(event) == 2


def test_address_of_a_cancelled_registration_can_register_again(event):
    first = register(event, "anna@example.org")
    services.cancel_registration(first, by="registrant")

    again = register(event, "anna@example.org")

    assert again.status == CONFIRMED
    assert Registration.objects.filter(email="anna@example.org").count() == 2


# --- transitions ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "target", "label"),
    [
        (CANCELLED, CONFIRMED, "Storniert"),
        (CANCELLED, ATTENDED, "Storniert"),
        (WAITLISTED, ATTENDED, "Warteliste"),
        (PENDING, ATTENDED, "Wartet auf Freigabe"),
        (ATTENDED, CANCELLED, "Teilgenommen"),
        (CONFIRMED, PENDING, "Bestätigt"),
        (CONFIRMED, CONFIRMED, "Bestätigt"),
    ],
)
def test_transition_outside_the_table_is_refused_in_german(event, start, target, label):
    registration = register(event, "a@example.org")
    Registration.objects.filter(pk=registration.pk).update(status=start)
    entries = len(transitions(registration))

    with pytest.raises(RegistrationError) as refused:
        services.set_registration_state(registration, target, by="system")

    assert refused.value.message == (
        f"Diese Änderung ist bei einer Anmeldung im Status „{label}“ nicht möglich."
    )
    registration.refresh_from_db()
    assert registration.status == start
    assert len(transitions(registration)) == entries


def test_every_allowed_transition_is_audited_with_actor_and_comment(event, admin_user):
    registration = register(event, "a@example.org")

    services.set_registration_state(registration, ATTENDED, by=admin_user, comment="Am Einlass")
    services.set_registration_state(registration, CONFIRMED, by=admin_user, comment="Versehen")

    entries = [(e.old, e.new, e.user, e.comment) for e in transitions(registration)]
    assert entries == [
        ("", CONFIRMED, None, ""),
        (CONFIRMED, ATTENDED, admin_user, "Am Einlass"),
        (ATTENDED, CONFIRMED, admin_user, "Versehen"),
    ]


def test_cancellation_promotes_first_waitlisted_registrant(event, admin_user):
    first = register(event, "a@example.org")
    register(event, "b@example.org")
    register(event, "c@example.org")
    register(event, "d@example.org")

    services.cancel_registration(first, by=admin_user, comment="Krank")

    assert statuses(event) == {
        "a@example.org": CANCELLED,
        "b@example.org": CONFIRMED,
        "c@example.org": CONFIRMED,
        "d@example.org": WAITLISTED,
    }
    assert outbox("registration_cancelled") == ["a@example.org"]
    assert outbox("registration_promoted") == ["c@example.org"]
    promotion = transitions(Registration.objects.get(email="c@example.org"))[-1]
    assert (promotion.old, promotion.new, promotion.actor) == (WAITLISTED, CONFIRMED, "system")


def test_cancelling_a_waitlisted_registration_promotes_nobody(event):
    register(event, "a@example.org")
    register(event, "b@example.org")
    waiting = register(event, "c@example.org")
    register(event, "d@example.org")

    services.cancel_registration(waiting, by="registrant")

    assert statuses(event)["d@example.org"] == WAITLISTED
    assert outbox("registration_promoted") == []


def test_raising_capacity_then_filling_free_seats_promotes_in_order(event):
    for letter in "abcdef":
        register(event, f"{letter}@example.org")
    EventPage.objects.filter(pk=event.pk).update(capacity=4)

    promoted = services.fill_free_seats(event)

    assert [registration.email for registration in promoted] == [
        "c@example.org",
        "d@example.org",
    ]
    assert statuses(event) == {
        "a@example.org": CONFIRMED,
        "b@example.org": CONFIRMED,
        "c@example.org": CONFIRMED,
        "d@example.org": CONFIRMED,
        "e@example.org": WAITLISTED,
        "f@example.org": WAITLISTED,
    }
    assert outbox("registration_promoted") == ["c@example.org", "d@example.org"]


def test_publishing_a_higher_capacity_promotes_in_order(event):
    for letter in "abcde":
        register(event, f"{letter}@example.org")

    publish(event, capacity=3)

    assert list(statuses(event).values()) == [CONFIRMED] * 3 + [WAITLISTED] * 2
    assert outbox("registration_promoted") == ["c@example.org"]


def test_publishing_other_changes_leaves_a_seat_an_organiser_freed(make_event, admin_user):
    event = make_event(capacity=1, approval_required=True)
    publish(event)
    held = register(event, "a@example.org")
    services.set_registration_state(held, WAITLISTED, by=admin_user, comment="Erst später")

    publish(event, teaser="Ein Tippfehler ist korrigiert.")

    assert statuses(event) == {"a@example.org": WAITLISTED}
    assert outbox("registration_pending") == ["a@example.org"]  # only the first one


def test_removing_the_limit_promotes_everyone_waiting(event):
    for letter in "abcd":
        register(event, f"{letter}@example.org")
    EventPage.objects.filter(pk=event.pk).update(capacity=None)

    services.fill_free_seats(event)

    assert set(statuses(event).values()) == {CONFIRMED}


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"status": EventStatus.CANCELLED}, id="event-cancelled"),
        pytest.param(
            {"start": timezone.now() - datetime.timedelta(days=2), "end": timezone.now()},
            id="event-over",
        ),
    ],
)
def test_filling_free_seats_promotes_nobody_when_the_event_will_not_happen(event, change):
    for letter in "abc":
        register(event, f"{letter}@example.org")
    EventPage.objects.filter(pk=event.pk).update(capacity=5, **change)

    assert services.fill_free_seats(event) == []
    assert statuses(event)["c@example.org"] == WAITLISTED


# --- concurrency (PostgreSQL) --------------------------------------------------------------


def most_seats_ever_taken(event) -> int:
    """Replay the audit trail: the highest number of seats held at any moment.

    Entries are written while the event row is locked, so their order is the order in which
    the transactions took and freed seats.
    """
    held = most = 0
    pks = Registration.objects.filter(event=event).values_list("pk", flat=True)
    entries = log_entries_for(Registration, pks).filter(action=TRANSITION_ACTION).order_by("pk")
    for entry in entries:
        held += (entry.data["new"] in SEAT_STATUSES) - (entry.data["old"] in SEAT_STATUSES)
        most = max(most, held)
    return most


@needs_postgresql
@pytest.mark.django_db(transaction=True)
class TestConcurrentRegistrations:
    def test_thirty_parallel_registrations_fill_five_seats_exactly(self, make_event):
        event = make_event(capacity=5)
        addresses = [f"person{number:02d}@example.org" for number in range(30)]

        errors = run_in_parallel(
            lambda address: register(event, address),
            addresses,
        )

        assert errors == []
        result = list(statuses(event).values())
        assert (result.count(CONFIRMED), result.count(WAITLISTED), len(result)) == (5, 25, 30)
        assert most_seats_ever_taken(event) == 5
        assert len(outbox("registration_confirmed")) == 5
        assert len(outbox("registration_waitlisted")) == 25

    def test_parallel_cancellations_promote_as_many_waitlisted_people_in_order(self, make_event):
        event = make_event(capacity=5)
        confirmed = [register(event, f"seat{number}@example.org") for number in range(5)]
        waiting = [register(event, f"wait{number}@example.org") for number in range(5)]

        errors = run_in_parallel(
            lambda registration: services.cancel_registration(registration, by="registrant"),
            confirmed[:3],
        )

        assert errors == []
        result = statuses(event)
        assert [result[registration.email] for registration in waiting] == [
            CONFIRMED,
            CONFIRMED,
            CONFIRMED,
            WAITLISTED,
            WAITLISTED,
        ]
        assert list(result.values()).count(CONFIRMED) == 5
        assert most_seats_ever_taken(event) == 5
        assert sorted(outbox("registration_promoted")) == [
            "wait0@example.org",
            "wait1@example.org",
            "wait2@example.org",
        ]
