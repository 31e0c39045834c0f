"""The groundwork's data migrations on a filled database: the outbox moves from `home` to
`outbox` with every row and its relation to the registration, and the registrations' own log
moves into Wagtail's ModelLogEntry with time, actor and comment."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from events import services
from events.models import Registration
from outbox.models import OutboundEmail
from tests.audit import transitions
from tests.factories import EventPageFactory

BEFORE = [
    ("home", "0002_outbox"),
    ("events", "0003_calendarstate_capacity"),
    ("outbox", None),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state([node for node in targets if node[1]]).apps


def latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_outbox_rows_and_registration_log_survive_the_migrations(event_index, admin_user):
    event = EventPageFactory(parent=event_index, registration_enabled=True)
    data = {"name": "Kim Beispiel", "email": "kim@example.org", "organisation": "Stadt"}
    registration = services.register_for_event(
        event=event, data={**data, "municipality": "Stadt"}, language="de"
    )
    at = timezone.now() - datetime.timedelta(days=3)

    try:
        old = migrate(BEFORE)
        # What the site stored before the groundwork: a hand-built key, a separate log.
        old_email = old.get_model("home", "OutboundEmail").objects.create(
            recipient="kim@example.org",
            template="registration_confirmed",
            language="de",
            subject="Anmeldebestätigung",
            body_text="Text",
            status="sent",
            provider_message_id="msg-7",
            related_object=f"events.registration:{registration.pk}",
        )
        unrelated = old.get_model("home", "OutboundEmail").objects.create(
            recipient="x@example.org", template="notice", language="de", subject="S", body_text="T"
        )
        log = old.get_model("events", "RegistrationLogEntry").objects
        log.create(
            registration_id=registration.pk,
            from_status="",
            to_status="confirmed",
            actor_label="registrant",
            created_at=at,
        )
        log.create(
            registration_id=registration.pk,
            from_status="confirmed",
            to_status="cancelled",
            actor_id=admin_user.pk,
            comment="Doppelt angemeldet",
            created_at=at + datetime.timedelta(hours=1),
        )
    finally:
        migrate(latest())

    email = OutboundEmail.objects.get(pk=old_email.pk)
    assert (email.recipient, email.status, email.provider_message_id) == (
        "kim@example.org",
        "sent",
        "msg-7",
    )
    assert email.related_object == Registration.objects.get(pk=registration.pk)
    assert OutboundEmail.objects.get(pk=unrelated.pk).related_object is None
    logged = [
        (entry.old, entry.new, entry.actor, entry.user, entry.comment)
        for entry in transitions(registration)
    ]
    # The two old entries keep their times (three days ago), so they come before the entry
    # the registration service wrote just now.
    assert logged == [
        ("", "confirmed", "registrant", None, ""),
        ("confirmed", "cancelled", "", admin_user, "Doppelt angemeldet"),
        ("", "confirmed", "registrant", None, ""),
    ]
