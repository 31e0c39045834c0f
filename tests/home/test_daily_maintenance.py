"""The daily commands run as one (`daily_maintenance`): among them Wagtail's garbage collection
of stored search queries, which would otherwise keep every query for ever."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits


def test_old_search_queries_are_removed_and_recent_ones_kept(db):
    old = Query.get("integration")
    old.add_hit(date=timezone.localdate() - datetime.timedelta(days=30))
    recent = Query.get("fachforum")
    recent.add_hit()
    out = StringIO()

    call_command("daily_maintenance", stdout=out)

    assert list(Query.objects.values_list("query_string", flat=True)) == ["fachforum"]
    assert QueryDailyHits.objects.count() == 1
    assert [line for line in out.getvalue().splitlines() if line.startswith("== ")] == [
        "== send_reminders",
        "== send_case_reminders",
        "== purge_registrations",
        "== searchpromotions_garbage_collect",
        "== clearsessions",
    ]


def test_a_failing_command_does_not_stop_the_others(db, settings):
    settings.DAILY_COMMANDS = ["gibt_es_nicht", "searchpromotions_garbage_collect"]
    Query.get("alt").add_hit(date=timezone.localdate() - datetime.timedelta(days=30))
    err = StringIO()

    with pytest.raises(CommandError, match="Failed: gibt_es_nicht"):
        call_command("daily_maintenance", stdout=StringIO(), stderr=err)

    assert not Query.objects.exists()
    assert "Unknown command" in err.getvalue()


def test_the_admin_loads_no_avatars_from_gravatar(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert b"gravatar" not in response.content.lower()
