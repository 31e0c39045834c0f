"""The transition-table helper every state machine uses (home/transitions.py)."""

from dataclasses import dataclass

import pytest
from django.db import models

from home.transitions import CREATED, StateMachine, Transition


class Colour(models.TextChoices):
    RED = "red", "Rot"
    AMBER = "amber", "Gelb"
    GREEN = "green", "Grün"


class Refused(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


@dataclass
class Light:
    state: str
    broken: bool = False
    night: bool = False


def roles(by, light):
    return {by} if isinstance(by, str) else set()


def machine(**options) -> StateMachine:
    return StateMachine(
        field="state",
        choices=Colour,
        roles=roles,
        error=Refused,
        locked=lambda light: light.broken,
        transitions=[
            Transition({CREATED}, Colour.RED, {"installer"}),
            Transition({Colour.RED}, Colour.GREEN, {"controller"}, name="go", label="Los"),
            Transition(
                {Colour.GREEN},
                Colour.AMBER,
                {"controller", "police"},
                name="slow",
                label="Achtung",
                condition=lambda light: not light.night,
            ),
            Transition({Colour.AMBER, Colour.GREEN}, Colour.RED, {"controller", "police"}),
            Transition({Colour.AMBER}, Colour.GREEN, {"police"}, name="wave-through"),
        ],
        **options,
    )


def test_an_allowed_change_returns_its_transition():
    transition = machine().check(Light(Colour.RED), Colour.GREEN, by="controller")

    assert (transition.name, transition.target) == ("go", Colour.GREEN)


def test_a_change_outside_the_table_is_refused_with_the_state_in_words():
    with pytest.raises(Refused) as refused:
        machine().check(Light(Colour.RED), Colour.AMBER, by="controller")

    assert refused.value.message == "Diese Änderung ist im Status „Rot“ nicht möglich."


def test_the_refusal_can_name_the_kind_of_object():
    lights = machine(refusal="Eine Ampel im Status „%(status)s“ kann das nicht.")

    with pytest.raises(Refused) as refused:
        lights.check(Light(Colour.RED), Colour.AMBER, by="controller")

    assert refused.value.message == "Eine Ampel im Status „Rot“ kann das nicht."


def test_a_change_by_someone_the_table_does_not_name_is_refused():
    with pytest.raises(Refused) as refused:
        machine().check(Light(Colour.RED), Colour.GREEN, by="police")

    assert refused.value.message == "Sie dürfen diese Änderung nicht vornehmen."


def test_a_button_is_refused_when_the_state_changed_to_one_with_another_action():
    # "go" (red -> green) was clicked, but the light is amber now: amber -> green exists too,
    # as "wave-through", and must not happen instead.
    with pytest.raises(Refused):
        machine().check(Light(Colour.AMBER), Colour.GREEN, by="police", name="go")

    assert machine().check(Light(Colour.AMBER), Colour.GREEN, by="police", name="wave-through")


def test_a_locked_object_changes_no_more_and_offers_no_actions():
    broken = Light(Colour.RED, broken=True)

    with pytest.raises(Refused):
        machine().check(broken, Colour.GREEN, by="controller")
    assert machine().actions_for(broken, by="controller") == []


def test_a_condition_on_the_object_hides_and_refuses_the_transition():
    at_night = Light(Colour.GREEN, night=True)

    assert [t.name for t in machine().actions_for(at_night, by="controller")] == []
    assert not machine().allows(at_night, Colour.AMBER, by="controller")
    assert machine().allows(Light(Colour.GREEN), Colour.AMBER, by="controller")


def test_actions_are_the_named_transitions_the_actor_may_make_now():
    lights = machine()

    assert [t.name for t in lights.actions_for(Light(Colour.GREEN), by="police")] == ["slow"]
    assert [t.name for t in lights.actions_for(Light(Colour.AMBER), by="police")] == [
        "wave-through"
    ]
    assert lights.actions_for(Light(Colour.AMBER), by="controller") == []
    assert lights.by_name("go").label == "Los"


def test_state_sets_are_derived_from_the_table():
    assert machine().sources(Colour.RED, actor="police") == {Colour.AMBER, Colour.GREEN}
    assert machine().sources(Colour.GREEN, actor="controller") == {Colour.RED}


def test_creation_is_a_transition_from_no_state():
    lights = machine()

    assert lights.check_creation(Colour.RED, by="installer").target == Colour.RED
    with pytest.raises(Refused):
        lights.check_creation(Colour.GREEN, by="installer")
    with pytest.raises(Refused):
        lights.check_creation(Colour.RED, by="controller")


@pytest.mark.parametrize(
    "transitions, problem",
    [
        (
            [
                Transition({Colour.RED}, Colour.GREEN, {"a"}),
                Transition({Colour.RED, Colour.AMBER}, Colour.GREEN, {"b"}),
            ],
            "appears twice",
        ),
        ([Transition({"blue"}, Colour.GREEN, {"a"})], "Unknown states"),
        (
            [
                Transition({Colour.RED}, Colour.GREEN, {"a"}, name="x"),
                Transition({Colour.GREEN}, Colour.RED, {"a"}, name="x"),
            ],
            "same name",
        ),
    ],
)
def test_a_table_with_a_mistake_is_refused_when_it_is_defined(transitions, problem):
    with pytest.raises(ValueError, match=problem):
        StateMachine(
            field="state", choices=Colour, roles=roles, error=Refused, transitions=transitions
        )
