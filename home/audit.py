"""The one audit trail: Wagtail's ModelLogEntry, shown in the admin's history views.

Every state machine logs its changes with `log_transition`; the action is registered (with
its German label and message) in `home/wagtail_hooks.py`. Retention keeps the entries and
removes the personal data in them with `anonymise_log_entries`.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

TRANSITION_ACTION = "querschnitt.transition"

# Who acted when no user did: stored as the key, shown with the label.
ACTOR_LABELS: dict[str, Promise] = {
    "system": _("automatisch (System)"),
}
# What anonymisation keeps of an entry's data: the change itself, never free text.
NON_PERSONAL_KEYS = ("field", "old", "new", "actor")


def register_actor(key: str, label: Promise) -> None:
    """Name a kind of actor that is not a user (e.g. "registrant") for the history views."""
    ACTOR_LABELS[key] = label


def actor_of(by) -> tuple[AbstractBaseUser | None, str]:
    """(user, actor key) for `by`: a user, an actor key such as "registrant", or None."""
    if isinstance(by, AbstractBaseUser):
        return by, ""
    return None, str(by or "system")


def log_transition(
    obj, old: str, new: str, *, by=None, comment: str = "", field: str = "status"
) -> ModelLogEntry:
    """Record that `obj`'s `field` changed from `old` ("" when it was created) to `new`."""
    user, actor = actor_of(by)
    return log(
        obj,
        TRANSITION_ACTION,
        user=user,
        data={"field": field, "old": old, "new": new, "actor": actor, "comment": comment},
    )


def log_entries_for(model, pks):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id__in=[str(pk) for pk in pks],
    )


def anonymise_log_entries(model, pks, *, label: str) -> int:
    """Keep the history of these objects but nothing personal in it: the label (the object's
    name at the time) becomes `label`, and comments and other free data are dropped."""
    entries = list(log_entries_for(model, pks))
    for entry in entries:
        entry.label = str(label)
        entry.data = {key: entry.data[key] for key in NON_PERSONAL_KEYS if key in entry.data}
    ModelLogEntry.objects.bulk_update(entries, ["label", "data"])
    return len(entries)
