# OutboundEmail now belongs to the outbox app (see outbox.0001): drop it from home's state
# only; the table and its rows stay and are taken over by outbox.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_outbox"),
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutboundEmail")],
            database_operations=[],
        ),
    ]
