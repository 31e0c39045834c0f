# One audit trail: the registrations' own log (RegistrationLogEntry) moves into Wagtail's
# ModelLogEntry, where the admin's history views show it together with the edits. Every
# entry keeps its time, actor and comment; then the old table goes.

from django.db import migrations, models

TRANSITION_ACTION = "querschnitt.transition"


def copy_into_model_log(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    RegistrationLogEntry = apps.get_model("events", "RegistrationLogEntry")
    entries = RegistrationLogEntry.objects.select_related("registration__event").order_by("pk")
    if not entries.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="events", model="registration")
    batch = []
    for entry in entries.iterator():
        registration = entry.registration
        anonymised = registration.anonymised_at is not None
        batch.append(
            ModelLogEntry(
                content_type=content_type,
                object_id=str(registration.pk),
                label=(
                    "Anonymisierte Anmeldung"
                    if anonymised
                    else f"{registration.name} – {registration.event.title}"
                ),
                action=TRANSITION_ACTION,
                timestamp=entry.created_at,
                user_id=entry.actor_id,
                data={
                    "field": "status",
                    "old": entry.from_status,
                    "new": entry.to_status,
                    "actor": "" if entry.actor_id else (entry.actor_label or "system"),
                    **({} if anonymised else {"comment": entry.comment}),
                },
            )
        )
        if len(batch) >= 500:
            ModelLogEntry.objects.bulk_create(batch)
            batch = []
    ModelLogEntry.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0003_calendarstate_capacity"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(copy_into_model_log, migrations.RunPython.noop),
        migrations.DeleteModel(name="RegistrationLogEntry"),
        migrations.AddConstraint(
            model_name="eventpage",
            constraint=models.CheckConstraint(condition=models.Q(("status__in", ["scheduled", "cancelled", "postponed"])), name="event_status_known"),
        ),
        migrations.AddConstraint(
            model_name="registration",
            constraint=models.CheckConstraint(condition=models.Q(("status__in", ["confirmed", "waitlisted", "pending", "cancelled", "attended"])), name="registration_status_known"),
        ),
    ]
