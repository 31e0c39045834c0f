# The outbox moves from the home app into its own app without touching the table: this
# migration only declares the existing table `home_outboundemail` as outbox's model (state
# only); home.0003 drops it from home's state, and 0002 renames the table and converts rows.

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("home", "0002_outbox"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboundEmail",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("recipient", models.EmailField(max_length=254, verbose_name="Empfänger*in")),
                        ("template", models.CharField(max_length=100, verbose_name="Vorlage")),
                        ("language", models.CharField(max_length=10, verbose_name="Sprache")),
                        ("subject", models.CharField(max_length=300, verbose_name="Betreff")),
                        ("body_text", models.TextField(verbose_name="Text")),
                        ("body_html", models.TextField(blank=True, verbose_name="HTML")),
                        ("attachments", models.JSONField(blank=True, default=list, verbose_name="Anhänge")),
                        ("status", models.CharField(choices=[("queued", "In der Warteschlange"), ("sent", "Versendet"), ("failed", "Fehlgeschlagen"), ("delivered", "Zugestellt"), ("bounced", "Unzustellbar"), ("complained", "Als Spam gemeldet")], db_index=True, default="queued", max_length=20, verbose_name="Status")),
                        ("provider_message_id", models.CharField(blank=True, db_index=True, max_length=200, verbose_name="Nachrichten-ID des Anbieters")),
                        ("attempts", models.PositiveSmallIntegerField(default=0, verbose_name="Versuche")),
                        ("next_attempt_at", models.DateTimeField(blank=True, null=True, verbose_name="Nächster Versuch")),
                        ("last_error", models.TextField(blank=True, verbose_name="Letzter Fehler")),
                        ("related_object", models.CharField(blank=True, db_index=True, help_text="app_label.model:pk", max_length=100, verbose_name="Bezug")),
                        ("created_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="Erstellt am")),
                        ("sent_at", models.DateTimeField(blank=True, null=True, verbose_name="Versendet am")),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "verbose_name": "E-Mail",
                        "verbose_name_plural": "Postausgang",
                        "ordering": ["-created_at", "-pk"],
                        "db_table": "home_outboundemail",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
