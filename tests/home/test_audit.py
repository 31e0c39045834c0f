"""The one audit trail (home/audit.py): transitions in Wagtail's ModelLogEntry, worded in the
admin's history, and anonymised without losing the changes."""

import pytest
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

from home.audit import TRANSITION_ACTION, anonymise_log_entries, log_transition
from home.models import Municipality
from tests.factories import MunicipalityFactory


@pytest.fixture
def town(db):
    return MunicipalityFactory(name="Musterstadt")


def test_a_transition_is_logged_with_user_or_actor_and_comment(town, admin_user):
    log_transition(town, "", "city", by="system")
    log_transition(town, "city", "district", by=admin_user, comment="Kreisreform", field="kind")

    entries = list(ModelLogEntry.objects.filter(action=TRANSITION_ACTION).order_by("pk"))
    assert [(e.object_id, e.user, e.data) for e in entries] == [
        (
            str(town.pk),
            None,
            {"field": "status", "old": "", "new": "city", "actor": "system", "comment": ""},
        ),
        (
            str(town.pk),
            admin_user,
            {
                "field": "kind",
                "old": "city",
                "new": "district",
                "actor": "",
                "comment": "Kreisreform",
            },
        ),
    ]


def test_the_history_words_the_change_with_the_states_labels(town, admin_user):
    entry = log_transition(town, "city", "district", by=admin_user, comment="Reform", field="kind")
    created = log_transition(town, "", "city", by="system", field="kind")

    assert registry.get_action_label(TRANSITION_ACTION) == "Status geändert"
    assert entry.message == "Status: „Stadt“ → „Landkreis“"
    assert entry.comment == "Reform"
    assert created.message == "Angelegt mit Status „Stadt“ (automatisch (System))"


def test_anonymising_keeps_the_changes_and_drops_names_and_comments(town, admin_user):
    other = MunicipalityFactory(name="Beispielstadt")
    log_transition(town, "city", "district", by=admin_user, comment="Frau Muster bat darum")
    log_transition(other, "city", "district", by="system", comment="bleibt")

    changed = anonymise_log_entries(Municipality, [town.pk], label="Anonymisiert")

    entry = ModelLogEntry.objects.get(object_id=str(town.pk))
    kept = ModelLogEntry.objects.get(object_id=str(other.pk))
    assert changed == 1
    assert entry.label == "Anonymisiert"
    assert entry.data == {"field": "status", "old": "city", "new": "district", "actor": ""}
    assert entry.user == admin_user  # staff actions stay attributable
    assert (kept.label, kept.data["comment"]) == ("Beispielstadt", "bleibt")
