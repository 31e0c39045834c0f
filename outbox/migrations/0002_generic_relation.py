# The outbox takes its own table name and names the object a mail is about through a
# generic relation (content type + id) instead of a hand-built "app_label.model:pk" string.
# Existing rows keep their data: the strings are converted, then the old column goes.

import django.db.models.deletion
from django.db import migrations, models


def convert_related_objects(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    OutboundEmail = apps.get_model("outbox", "OutboundEmail")
    # The model's content type moves with it, so permissions granted on it stay valid.
    if not ContentType.objects.filter(app_label="outbox", model="outboundemail").exists():
        ContentType.objects.filter(app_label="home", model="outboundemail").update(
            app_label="outbox"
        )
    types = {}
    rows = OutboundEmail.objects.exclude(related_object="").only("pk", "related_object")
    for row in rows.iterator():
        label, _, pk = row.related_object.rpartition(":")
        app_label, _, model = label.partition(".")
        if not (app_label and model and pk.isdigit()):
            continue  # not a key this site ever wrote
        if label not in types:
            types[label], _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        OutboundEmail.objects.filter(pk=row.pk).update(related_type=types[label], related_id=int(pk))


def restore_related_objects(apps, schema_editor):
    OutboundEmail = apps.get_model("outbox", "OutboundEmail")
    rows = OutboundEmail.objects.filter(related_type__isnull=False).select_related("related_type")
    for row in rows.iterator():
        key = f"{row.related_type.app_label}.{row.related_type.model}:{row.related_id}"
        OutboundEmail.objects.filter(pk=row.pk).update(related_object=key)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("outbox", "0001_initial"),
        ("home", "0003_outbox_moved"),
    ]

    operations = [
        migrations.AlterModelTable(name="outboundemail", table=None),
        migrations.AddField(
            model_name="outboundemail",
            name="related_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="Bezug (ID)"),
        ),
        migrations.AddField(
            model_name="outboundemail",
            name="related_type",
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to="contenttypes.contenttype", verbose_name="Bezug (Art)"),
        ),
        migrations.RunPython(convert_related_objects, restore_related_objects),
        migrations.RemoveField(model_name="outboundemail", name="related_object"),
        migrations.AddField(
            model_name="outboundemail",
            name="anonymised_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="Anonymisiert am"),
        ),
        migrations.AddField(
            model_name="outboundemail",
            name="claimed_at",
            field=models.DateTimeField(blank=True, help_text="Wann ein Prozess die Nachricht zum Senden übernommen hat.", null=True, verbose_name="Versand begonnen am"),
        ),
        migrations.AlterModelOptions(
            name="outboundemail",
            options={"ordering": ["-created_at", "-pk"], "permissions": [("resend_outboundemail", "Kann fehlgeschlagene E-Mails erneut senden")], "verbose_name": "E-Mail", "verbose_name_plural": "Postausgang"},
        ),
        migrations.AlterField(
            model_name="outboundemail",
            name="status",
            field=models.CharField(choices=[("queued", "In der Warteschlange"), ("sending", "Wird gesendet"), ("sent", "Versendet"), ("failed", "Fehlgeschlagen"), ("delivered", "Zugestellt"), ("bounced", "Unzustellbar"), ("complained", "Als Spam gemeldet")], db_index=True, default="queued", max_length=20, verbose_name="Status"),
        ),
        migrations.AlterField(
            model_name="outboundemail",
            name="template",
            field=models.CharField(db_index=True, max_length=100, verbose_name="Vorlage"),
        ),
        migrations.AddIndex(
            model_name="outboundemail",
            index=models.Index(fields=["related_type", "related_id"], name="outbox_related_idx"),
        ),
        migrations.AddConstraint(
            model_name="outboundemail",
            constraint=models.CheckConstraint(condition=models.Q(("status__in", ["queued", "sending", "sent", "failed", "delivered", "bounced", "complained"])), name="outbox_status_known"),
        ),
    ]
