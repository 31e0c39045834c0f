"""The delivery-report webhook: only the configured provider's route exists, and no body, however
malformed, makes it answer 500 (property-based, with hypothesis)."""

import base64
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

URL = "/anymail/postmark/tracking/"
AUTH = {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(b"test:secret").decode()}


def post(client, body: bytes, content_type="application/json", **headers):
    return client.generic("POST", URL, body, content_type=content_type, **{**AUTH, **headers})


@pytest.mark.parametrize(
    "url",
    ["/anymail/mailgun/tracking/", "/anymail/sendgrid/tracking/", "/anymail/postmark/inbound/"],
)
def test_routes_of_other_providers_do_not_exist(client, db, url):
    response = client.post(url, "{}", content_type="application/json", **AUTH)

    assert response.status_code == 404


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"null", id="null"),
        pytest.param(b"42", id="number"),
        pytest.param(b'"text"', id="string"),
        pytest.param(b"[" * 100_000 + b"]" * 100_000, id="deep-nesting"),
        pytest.param(b"\xff\xfe\xfd", id="bad-utf-8"),
        pytest.param(b'{"RecordType": ["Delivery"], "MessageID": {}}', id="wrong-types"),
        pytest.param(b"<xml/>", id="not-json"),
    ],
)
def test_a_malformed_report_is_answered_with_400(client, db, body):
    response = post(client, body)

    assert response.status_code == 400


def test_a_report_without_the_secret_is_refused_before_it_is_read(client, db):
    response = client.generic(
        "POST", URL, b"\xff", content_type="application/json", HTTP_AUTHORIZATION="Basic eDp5"
    )

    assert response.status_code == 400


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["RecordType", "MessageID", "Type", "Email", "BouncedAt", "Metadata"])
            | st.text(max_size=8),
            children,
            max_size=5,
        )
    ),
    max_leaves=12,
)
bodies = st.binary(max_size=200) | json_values.map(lambda value: json.dumps(value).encode())


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=bodies, content_type=st.sampled_from(["application/json", "text/plain", ""]))
def test_no_body_makes_the_webhook_fail(client, db, body, content_type):
    response = post(client, body, content_type=content_type)

    assert response.status_code < 500
