"""Reading the audit trail (Wagtail's ModelLogEntry) in tests."""

from dataclasses import dataclass

from home.audit import TRANSITION_ACTION, log_entries_for


@dataclass(frozen=True)
class LoggedTransition:
    old: str
    new: str
    user: object  # the user who acted, or None
    actor: str  # "registrant", "system" ... when no user acted
    comment: str
    label: str


def transitions(obj, *, model=None) -> list[LoggedTransition]:
    """The state changes logged for `obj`, oldest first."""
    entries = log_entries_for(model or type(obj), [obj.pk]).filter(action=TRANSITION_ACTION)
    return [
        LoggedTransition(
            old=entry.data.get("old", ""),
            new=entry.data.get("new", ""),
            user=entry.user,
            actor=entry.data.get("actor", ""),
            comment=entry.data.get("comment", ""),
            label=entry.label,
        )
        for entry in entries.select_related("user").order_by("timestamp", "pk")
    ]
