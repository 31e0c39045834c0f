"""What people may type: no control characters, no bidirectional overrides, and a field of only
invisible characters is empty. The form says so in German and keeps the input; nothing with
such characters is stored; exports never fail on what was stored before these rules."""

import io
import re

import openpyxl
import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from events import services
from events.models import Registration
from home.text import BIDI_CONTROLS, CONTROL_CHARACTERS
from tests.factories import EventPageFactory

FORBIDDEN = re.compile(f"[{re.escape(CONTROL_CHARACTERS + BIDI_CONTROLS)}]")
TEXT_FIELDS = ("name", "organisation", "municipality", "role", "accessibility_needs")


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def event(event_index, legal_pages):
    return EventPageFactory(
        parent=event_index, title="Fachforum Vielfalt", registration_enabled=True, capacity=50
    )


def form_url(event) -> str:
    return event.get_url() + event.reverse_subpage("register")


def form_data(**overrides) -> dict:
    return {
        "name": "Aylin Demir",
        "email": "aylin.demir@andernach.example",
        "organisation": "Stadtverwaltung Andernach",
        "municipality": "Stadt Andernach",
        "role": "Integrationsbeauftragte",
        "accessibility_needs": "Stufenloser Zugang",
        "privacy_consent": "on",
        "website": "",
        **overrides,
    }


def field_errors(response, name: str) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    field = soup.select_one(f'[name="{name}"]')
    described = (field.get("aria-describedby") or "").split()
    return [
        " ".join(soup.find(id=ident).get_text().split()).removeprefix("Fehler: ")
        for ident in described
        if soup.find(id=ident) and "error" in ident
    ]


def typed_value(response, name: str) -> str:
    field = BeautifulSoup(response.content, "html.parser").select_one(f'[name="{name}"]')
    return field.get_text() if field.name == "textarea" else field.get("value", "")


CONTROL_MESSAGE = (
    "Ihre Angabe enthält unsichtbare Steuerzeichen (zum Beispiel aus einer kopierten Vorlage). "
    "Bitte tippen Sie die Angabe neu ein."
)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "Max\x1b[31mRed\x07", CONTROL_MESSAGE),
        ("organisation", "Stadt\u202eredrO", CONTROL_MESSAGE),
        ("municipality", "Stadt\u2066Andernach\u2069", CONTROL_MESSAGE),
        ("role", "Lei\x85tung", CONTROL_MESSAGE),
        ("accessibility_needs", "Rampe\x00bitte", "Ihre Angabe enthält ein unzulässiges Zeichen."),
        ("accessibility_needs", "Rampe\x1bbitte", CONTROL_MESSAGE),
        ("name", "Aylin\nDemir", "Bitte schreiben Sie Ihre Angabe in eine Zeile."),
        ("email", "aylin@andernach\u202e.example", CONTROL_MESSAGE),
    ],
)
def test_control_characters_are_refused_in_german_and_nothing_is_stored(
    client, event, field, value, message
):
    response = client.post(form_url(event), form_data(**{field: value}))

    assert response.status_code == 200
    assert message in " ".join(field_errors(response, field))
    assert typed_value(response, "organisation" if field != "organisation" else "name")
    assert not Registration.objects.exists()


@pytest.mark.parametrize("value", ["\u200b", "\ufeff", " \u200b\u2060 ", "\u00ad"])
def test_a_required_field_of_only_invisible_characters_is_empty(client, event, value):
    response = client.post(form_url(event), form_data(name=value))

    assert "Bitte geben Sie Ihren Namen an." in field_errors(response, "name")
    assert typed_value(response, "email") == "aylin.demir@andernach.example"
    assert not Registration.objects.exists()


def test_line_breaks_are_fine_in_the_accessibility_needs(client, event):
    client.post(form_url(event), form_data(accessibility_needs="Rampe\r\nund Induktionsschleife"))

    assert Registration.objects.get().accessibility_needs == "Rampe\r\nund Induktionsschleife"


def test_invisible_characters_around_a_name_are_dropped(client, event):
    client.post(form_url(event), form_data(name="\u200b Aylin Demir\ufeff"))

    assert Registration.objects.get().name == "Aylin Demir"


def test_the_registration_service_refuses_control_characters_too(event):
    # The same rule for every way in (the API uses the service directly).
    from django.core.exceptions import ValidationError

    data = {"name": "Max\x1b", "email": "m@example.org", "organisation": "X", "municipality": "Y"}
    with pytest.raises(ValidationError):
        services.register_for_event(event=event, data=data, language="de")
    assert not Registration.objects.exists()


def test_exports_do_not_fail_on_control_characters_stored_before_the_rules(admin_client, event):
    registration = services.register_for_event(
        event=event,
        data={"name": "Max", "email": "m@example.org", "organisation": "X", "municipality": "Y"},
        language="de",
    )
    Registration.objects.filter(pk=registration.pk).update(
        name="Max\x1b[31mRed\x07", organisation="Org\u202eX"
    )

    xlsx = admin_client.get("/admin/registrations/", {"export": "xlsx"})
    csv = admin_client.get("/admin/registrations/", {"export": "csv"})

    assert xlsx.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    names = [row[2] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == ["Max[31mRed"]
    assert csv.status_code == 200
    assert "Max[31mRed" in b"".join(csv.streaming_content).decode("utf-8-sig")


def test_organisers_cannot_type_control_characters_into_a_registration(admin_client, event):
    registration = services.register_for_event(
        event=event,
        data={"name": "Max", "email": "m@example.org", "organisation": "X", "municipality": "Y"},
        language="de",
    )
    url = f"/admin/registrations/edit/{registration.pk}/"

    response = admin_client.post(
        url, {"name": "Max\x07", "organisation": "X", "municipality": "Y", "role": ""}
    )

    assert response.status_code == 200
    assert Registration.objects.get().name == "Max"


# --- property-based: whatever is typed, no 500 and nothing forbidden stored ------------------

typed_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60
) | st.sampled_from(["", " ", "\u200b", "Max\x1b[31mRed\x07", "a\u202eb", "x" * 300])


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(values=st.fixed_dictionaries(dict.fromkeys(TEXT_FIELDS, typed_text)))
def test_no_input_gives_a_500_or_stores_a_forbidden_character(client, event, values):
    cache.clear()  # the rate limit would otherwise answer 429 after a few examples
    response = client.post(form_url(event), form_data(email="p@example.org", **values))

    assert response.status_code in (200, 303, 409)
    for registration in Registration.objects.all():
        for field in TEXT_FIELDS:
            assert not FORBIDDEN.search(getattr(registration, field)), field
    Registration.objects.all().delete()
