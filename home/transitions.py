"""State machines as explicit tables: which transitions exist, and who may make each.

Each entity with states has one `StateMachine` next to its choices and one service function
`set_<entity>_state(obj, new_state, *, by, comment="")` that, inside one transaction, calls
`machine.check(...)`, saves, logs the change (`home.audit.log_transition`) and queues its
e-mails. Admin actions and portal buttons are derived from the same table
(`machine.actions_for`), and status sets such as "may be cancelled by the registrant" are
derived from it too (`machine.sources`), so the rules exist once.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NO_COMMENT, OPTIONAL_COMMENT, REQUIRED_COMMENT = "", "optional", "required"
# The source of the transition that creates an object: it had no state before.
CREATED = ""


class RefusedChange(Exception):
    """A change a state machine (or its service) refuses; `message` is translated and safe to
    show, `code` names the reason for callers that treat one differently. Each machine has
    its own subclass, so callers catch only their app's refusals."""

    def __init__(self, message, *, code: str = ""):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Transition:
    """A change from any of `sources` to `target` that the `actors` may make.

    Transitions with a `name` are offered to people as actions (buttons with `label`, a
    confirmation question and a success message, each taking `%(name)s` for the object);
    the others happen through dedicated pages or automatically.
    """

    sources: frozenset[str]
    target: str
    actors: frozenset[str]
    name: str = ""
    label: str = ""
    confirmation: str = ""
    success_message: str = ""
    icon: str = ""
    comment: str = NO_COMMENT
    serious: bool = False
    # The e-mail template the service queues to the people concerned, if any.
    email: str = ""
    # Extra condition on the object (e.g. "only before the event"); the action is not offered
    # and the change is refused when it returns False.
    condition: Callable[[object], bool] | None = field(default=None, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "sources", frozenset(self.sources))
        object.__setattr__(self, "actors", frozenset(self.actors))

    def applies_to(self, obj) -> bool:
        return self.condition is None or self.condition(obj)


class StateMachine:
    """The transition table of one state field.

    `roles(by, obj)` tells which actors `by` counts as for `obj` (a user may be an organiser
    for one object and nobody for another; "system" and similar keys stand for themselves).
    `locked(obj)` returns True for objects that may not change at all any more (e.g.
    anonymised ones). Refusals raise `error(message)` with a translated message; `refusal`
    words the one for a change the table does not allow (with `%(status)s`).
    """

    def __init__(
        self,
        *,
        field: str,
        choices,
        transitions: Iterable[Transition],
        roles: Callable[[object, object], set[str]],
        error: type[Exception],
        locked: Callable[[object], bool] = lambda obj: False,
        refusal: str = "",
    ):
        self.field = field
        self.choices = choices
        self.transitions = tuple(transitions)
        self.roles = roles
        self.error = error
        self.locked = locked
        # The message for a change the table does not allow, with %(status)s.
        self.refusal = refusal or gettext_lazy(
            "Diese Änderung ist im Status „%(status)s“ nicht möglich."
        )
        pairs = [(s, t.target) for t in self.transitions for s in t.sources]
        if len(pairs) != len(set(pairs)):
            raise ValueError("A source and target pair appears twice in the transition table.")
        names = [t.name for t in self.transitions if t.name]
        if len(names) != len(set(names)):
            raise ValueError("Two transitions have the same name.")
        unknown = {state for pair in pairs for state in pair} - {CREATED, *choices.values}
        if unknown:
            raise ValueError(f"Unknown states in the transition table: {sorted(unknown)}")

    def state_of(self, obj) -> str:
        return getattr(obj, self.field)

    def find(self, source: str, target: str) -> Transition | None:
        return next(
            (t for t in self.transitions if source in t.sources and t.target == target), None
        )

    def by_name(self, name: str) -> Transition | None:
        return next((t for t in self.transitions if t.name and t.name == name), None)

    def _may(self, transition: Transition, obj, by) -> bool:
        return bool(transition.actors & set(self.roles(by, obj)))

    def allows(self, obj, target: str, *, by) -> bool:
        transition = self.find(self.state_of(obj), target)
        return (
            transition is not None
            and not self.locked(obj)
            and transition.applies_to(obj)
            and self._may(transition, obj, by)
        )

    def check(self, obj, target: str, *, by, name: str = "") -> Transition:
        """The transition from `obj`'s current state to `target`, if `by` may make it now;
        raises `error` otherwise.

        `name`: the action a person chose (a button). Then the change is made only if it is
        still that action: a button clicked on a page opened before someone else changed the
        state must not do a different change that happens to have the same target.
        """
        state = self.state_of(obj)
        transition = self.find(state, target)
        if (
            transition is None
            or (name and transition.name != name)
            or self.locked(obj)
            or not transition.applies_to(obj)
        ):
            raise self.error(str(self.refusal) % {"status": self.label(state)})
        if not self._may(transition, obj, by):
            raise self.error(_("Sie dürfen diese Änderung nicht vornehmen."))
        return transition

    def check_creation(self, target: str, *, by, obj=None) -> Transition:
        """The transition that creates an object in state `target`, if `by` may make it."""
        transition = self.find(CREATED, target)
        if transition is None:
            raise self.error(
                _("Im Status „%(status)s“ kann nichts angelegt werden.")
                % {"status": self.label(target)}
            )
        if not self._may(transition, obj, by):
            raise self.error(_("Sie dürfen diese Änderung nicht vornehmen."))
        return transition

    def actions_for(self, obj, *, by) -> list[Transition]:
        """The named transitions `by` may make from `obj`'s current state, in table order."""
        if self.locked(obj):
            return []
        state = self.state_of(obj)
        return [
            t
            for t in self.transitions
            if t.name and state in t.sources and t.applies_to(obj) and self._may(t, obj, by)
        ]

    def sources(self, target: str, *, actor: str) -> frozenset[str]:
        """The states from which `actor` may move an object to `target`."""
        return frozenset().union(
            *(t.sources for t in self.transitions if t.target == target and actor in t.actors)
        )

    def label(self, state: str) -> str:
        return self.choices(state).label if state in self.choices.values else state
