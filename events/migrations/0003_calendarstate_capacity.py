from django.conf import settings
from django.db import migrations, models


def record_current_capacities(apps, schema_editor):
    """Start from the capacity each event has now, so the next publication can tell whether
    it added seats."""
    CalendarState = apps.get_model("events", "CalendarState")
    EventPage = apps.get_model("events", "EventPage")
    default_language = settings.LANGUAGE_CODE
    capacities = dict(
        EventPage.objects.filter(locale__language_code=default_language).values_list(
            "translation_key", "capacity"
        )
    )
    for state in CalendarState.objects.filter(translation_key__in=capacities):
        state.capacity = capacities[state.translation_key]
        state.capacity_recorded = True
        state.save(update_fields=["capacity", "capacity_recorded"])


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0002_registrations"),
    ]

    operations = [
        migrations.AddField(
            model_name="calendarstate",
            name="capacity",
            field=models.PositiveIntegerField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="calendarstate",
            name="capacity_recorded",
            field=models.BooleanField(default=False),
        ),
        migrations.RunPython(record_current_capacities, migrations.RunPython.noop),
    ]
