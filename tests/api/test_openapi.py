"""The API (Wagtail's v3 and our routers) against its own OpenAPI schema, as an anonymous client.

schemathesis reads /api/v3/openapi.json and sends generated requests, valid and invalid ones, to
every operation in it: in-process through Django's WSGI handler, without an Authorization
header. Operations that the schema gains later are covered without changes here. Each response
must

- not be a server error (5xx);
- have a status code, content type and body that the schema documents for the operation
  (schemathesis' `status_code_conformance`, `content_type_conformance`,
  `response_headers_conformance`, `response_schema_conformance`);
- if it is an error, be an RFC 7807 problem (application/problem+json) with the same status;
- if it is a write (except ANONYMOUS_WRITES), or an operation that the schema reserves for
  tokens: be a 401 or 403.

Per operation (REQUEST_KINDS): each object that the public collections list, through its detail
endpoint; schemathesis' deterministic coverage cases (boundary values, wrong types, missing
parameters); integer parameters without a maximum at 2**63; MAX_EXAMPLES valid and
MAX_EXAMPLES invalid requests from Hypothesis (derandomized: CI sends the same requests every
time). The random path parameters, too, name existing objects half of the time, so that detail
bodies are checked and not only 404s.

The data is the demo content (`manage.py load_demo_content`), built once for this module in a
transaction that is rolled back afterwards, as in tests/peer_learning/test_demo.py.

Wagtail 8.0.1's own operations contradict their schema in known ways (UNDOCUMENTED_STATUSES,
NO_VALID_REQUEST, KNOWN_SERVER_ERRORS). Each is tolerated for exactly those operations (method
and path), and only for the status, kind of request or input concerned.
"""

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import strategies as st
from pydantic import ValidationError
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.openapi.checks import UndefinedStatusCode
from wagtail.api.v3.errors import PROBLEM_JSON, ProblemDetail
from wagtail.models import Site
from werkzeug.test import Client

from tests import base_site

pytestmark = pytest.mark.django_db

SCHEMA_URL = "/api/v3/openapi.json"
MAX_EXAMPLES = 15  # per operation and mode (valid, invalid)
MAX_KNOWN_IDS = 60  # per collection
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
# The security scheme of Wagtail's `AllowAnonymous` auth: operations that list it are public.
ANONYMOUS_SCHEME = "AllowAnonymous"
# Writes that anonymous clients may make by design. Any other write must answer 401 or 403.
ANONYMOUS_WRITES = {
    "POST /api/v3/events/{event_id}/registrations/": "the public event registration",
}

CONFIG = schemathesis.Config.from_dict(
    {
        # Never invent credentials (a random bearer token): the client stays anonymous.
        "generation": {"with-security-parameters": False},
        # Requests with methods the operation does not have test the router, not the schema.
        "phases": {"coverage": {"unexpected-methods": []}},
    }
)

# --- Known contradictions in Wagtail 8.0.1's own operations -----------------------------------

# Wagtail's routers document only the success status of each operation, while its exception
# handlers (wagtail/api/v3/errors.py) answer anonymous clients with 401, missing objects and
# unknown ?site= with 404, invalid parameters with 422, `limit` above 20 with 400 (the schema
# has no maximum), and the find endpoints redirect (302) to the detail endpoint. These
# undocumented statuses are tolerated for these operations only, and only as problem+json
# bodies with the same status (see `error_is_a_problem`); every other check still applies.
TOKEN_ONLY = {401}
PUBLIC_LIST = {400, 404, 422}
PUBLIC_FIND = {302, 404, 422}
PUBLIC_DETAIL = {404, 422}
UNDOCUMENTED_STATUSES: dict[str, set[int]] = {
    "GET /api/v3/pages/": PUBLIC_LIST,
    "POST /api/v3/pages/": TOKEN_ONLY,
    "GET /api/v3/pages/find/": PUBLIC_FIND,
    "GET /api/v3/pages/{page_id}/": PUBLIC_DETAIL,
    "PATCH /api/v3/pages/{page_id}/": TOKEN_ONLY,
    "DELETE /api/v3/pages/{page_id}/": TOKEN_ONLY,
    "GET /api/v3/pages/{page_id}/revisions/": TOKEN_ONLY,
    "GET /api/v3/pages/{page_id}/revisions/{revision_id}/": TOKEN_ONLY,
    "POST /api/v3/pages/{page_id}/actions/publish/": TOKEN_ONLY,
    "POST /api/v3/pages/{page_id}/actions/unpublish/": TOKEN_ONLY,
    "POST /api/v3/pages/{page_id}/actions/copy/": TOKEN_ONLY,
    "POST /api/v3/pages/{page_id}/actions/move/": TOKEN_ONLY,
    "DELETE /api/v3/pages/{page_id}/actions/delete/": TOKEN_ONLY,
    "POST /api/v3/pages/{page_id}/actions/revert/": TOKEN_ONLY,
    "POST /api/v3/pages/{page_id}/actions/convert_alias/": TOKEN_ONLY,
    "POST /api/v3/pages/{page_id}/actions/create_alias/": TOKEN_ONLY,
    "POST /api/v3/pages/{page_id}/actions/copy_for_translation/": TOKEN_ONLY,
    "GET /api/v3/schema/": TOKEN_ONLY,
    "GET /api/v3/schema/{type_name}/": TOKEN_ONLY,
    "GET /api/v3/sites/": TOKEN_ONLY,
    "POST /api/v3/sites/": TOKEN_ONLY,
    "GET /api/v3/sites/{site_id}/": TOKEN_ONLY,
    "PUT /api/v3/sites/{site_id}/": TOKEN_ONLY,
    "DELETE /api/v3/sites/{site_id}/": TOKEN_ONLY,
    "GET /api/v3/whoami/": TOKEN_ONLY,
    "GET /api/v3/redirects/": PUBLIC_LIST,
    "POST /api/v3/redirects/": TOKEN_ONLY,
    "GET /api/v3/redirects/find/": PUBLIC_FIND,
    "GET /api/v3/redirects/{redirect_id}/": PUBLIC_DETAIL,
    "PUT /api/v3/redirects/{redirect_id}/": TOKEN_ONLY,
    "DELETE /api/v3/redirects/{redirect_id}/": TOKEN_ONLY,
    "GET /api/v3/snippets/{type}/": TOKEN_ONLY,
    "POST /api/v3/snippets/{type}/": TOKEN_ONLY,
    "GET /api/v3/snippets/{type}/{pk}/": TOKEN_ONLY,
    "PATCH /api/v3/snippets/{type}/{pk}/": TOKEN_ONLY,
    "DELETE /api/v3/snippets/{type}/{pk}/": TOKEN_ONLY,
    "GET /api/v3/snippets/{type}/{pk}/revisions/": TOKEN_ONLY,
    "GET /api/v3/snippets/{type}/{pk}/revisions/{revision_id}/": TOKEN_ONLY,
    "DELETE /api/v3/snippets/{type}/{pk}/actions/delete/": TOKEN_ONLY,
    "POST /api/v3/snippets/{type}/{pk}/actions/publish/": TOKEN_ONLY,
    "POST /api/v3/snippets/{type}/{pk}/actions/unpublish/": TOKEN_ONLY,
    "POST /api/v3/snippets/{type}/{pk}/actions/revert/": TOKEN_ONLY,
    "POST /api/v3/snippets/{type}/{pk}/actions/copy_for_translation/": TOKEN_ONLY,
    "GET /api/v3/documents/": PUBLIC_LIST,
    "POST /api/v3/documents/": TOKEN_ONLY,
    "GET /api/v3/documents/{document_id}/": PUBLIC_DETAIL,
    "PATCH /api/v3/documents/{document_id}/": TOKEN_ONLY,
    "DELETE /api/v3/documents/{document_id}/": TOKEN_ONLY,
    "GET /api/v3/images/": PUBLIC_LIST,
    "POST /api/v3/images/": TOKEN_ONLY,
    "GET /api/v3/images/{image_id}/": PUBLIC_DETAIL,
    "PATCH /api/v3/images/{image_id}/": TOKEN_ONLY,
    "DELETE /api/v3/images/{image_id}/": TOKEN_ONLY,
}

# The snippet router's `type` path parameter is documented as `{"const": ""}`: Wagtail lists the
# snippet models when the router is imported (wagtail.snippets' AppConfig.ready()), before our
# wagtail_hooks.py registers FocusArea and Municipality. No valid request exists, so only the
# coverage cases and invalid requests are sent (anonymous: all 401).
NO_VALID_REQUEST = {
    label: "path parameter `type` is documented as the empty string"
    for label in UNDOCUMENTED_STATUSES
    if label.split(" ", 1)[1].startswith("/api/v3/snippets/")
}


# Wagtail's pagination passes any `offset` to the database: from 2**63 on, beyond a bigint, the
# list endpoints answer 500 (SQLite: "datatype mismatch", PostgreSQL: "bigint out of range").
# Tolerated for exactly these operations and only for such offsets.
BIGINT_OVERFLOW = 2**63


def offset_beyond_bigint(case) -> bool:
    offset = case.query.get("offset")
    return isinstance(offset, int) and not isinstance(offset, bool) and offset >= BIGINT_OVERFLOW


KNOWN_SERVER_ERRORS = {
    "GET /api/v3/pages/": offset_beyond_bigint,
    "GET /api/v3/redirects/": offset_beyond_bigint,
    "GET /api/v3/documents/": offset_beyond_bigint,
    "GET /api/v3/images/": offset_beyond_bigint,
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo site, built once for this module and rolled back after its last test."""
    with base_site.demo_site(django_db_blocker) as output:
        yield output


@pytest.fixture
def keep_connection():
    """Keep the test's database connection, and so its transaction, across requests.

    Django's WSGI handler closes old connections when a request starts and finishes, which would
    end the test's transaction on PostgreSQL; Django's test client disconnects them the same way.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api(demo, keep_connection, settings):
    """The schema as the app serves it, and the ids of existing objects by path parameter."""
    settings.API_ANONYMOUS_RATE_LIMIT = 1_000_000  # requests per minute and IP
    app = WSGIHandler()
    schema = schemathesis.openapi.from_wsgi(SCHEMA_URL, app, config=CONFIG)
    # Through the WSGI handler, too: Django's test client would connect close_old_connections.
    known_ids = collect_known_ids(schema, Client(app))

    @schema.hook
    def flatmap_path_parameters(context, path_parameters):
        """Half of the generated requests name objects that exist."""
        choices = {
            name: ids
            for name, ids in known_ids.get(context.operation.path, {}).items()
            if name in path_parameters
        }
        if not choices:
            return st.just(path_parameters)
        existing = st.fixed_dictionaries(
            {name: st.sampled_from(ids) for name, ids in choices.items()}
        ).map(lambda drawn: {**path_parameters, **drawn})
        return st.one_of(st.just(path_parameters), existing)

    return schema, known_ids


def collect_known_ids(schema, client: Client) -> dict[str, dict[str, list[int]]]:
    """For path templates `/x/{name}/...`: the ids that an anonymous GET of `/x/` lists."""
    known: dict[str, dict[str, list[int]]] = {}
    for result in schema.get_all_operations():
        path = result.ok().path
        collection, brace, rest = path.partition("{")
        if brace and (ids := list_ids(client, collection)):
            known.setdefault(path, {})[rest.partition("}")[0]] = ids
    return known


def list_ids(client: Client, collection: str) -> list[int]:
    ids: list[int] = []
    while len(ids) < MAX_KNOWN_IDS:
        response = client.get(collection, query_string={"limit": 20, "offset": len(ids)})
        if response.status_code != 200 or response.mimetype != "application/json":
            break
        body = response.get_json()
        items = body.get("items") if isinstance(body, dict) else None
        page = [item["id"] for item in items or [] if isinstance(item, dict) and "id" in item]
        if not page:
            break
        ids += page
    return ids


# --- Checks beyond schemathesis' own ----------------------------------------------------------


def status_code_is_documented(ctx, response, case):
    """schemathesis' `status_code_conformance`, except for UNDOCUMENTED_STATUSES."""
    try:
        return status_code_conformance(ctx, response, case)
    except UndefinedStatusCode:
        if response.status_code not in UNDOCUMENTED_STATUSES.get(case.operation.label, ()):
            raise
    return None


def error_is_a_problem(ctx, response, case):
    """Errors are RFC 7807 problems (Wagtail's `problem_response`) with the response's status."""
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0].partition(";")[0].strip()
    assert content_type == PROBLEM_JSON, (
        f"{response.status_code} answered as {content_type!r}, not as {PROBLEM_JSON!r}"
    )
    try:
        problem = ProblemDetail.model_validate_json(response.content)
    except ValidationError as error:
        raise AssertionError(f"Not a problem detail: {error}") from None
    assert problem.status == response.status_code, (
        f"Problem with status {problem.status} in a {response.status_code} response"
    )
    return None


def is_public(operation) -> bool:
    """Whether the schema lets anonymous clients call the operation at all."""
    security = operation.definition.raw.get("security")
    return security is None or any(
        not requirement or ANONYMOUS_SCHEME in requirement for requirement in security
    )


def anonymous_client_is_refused(ctx, response, case):
    """Anonymous writes, and operations that the schema reserves for tokens, answer 401/403."""
    if case.method.upper() in SAFE_METHODS and is_public(case.operation):
        return None
    if case.operation.label in ANONYMOUS_WRITES and is_public(case.operation):
        return None
    assert response.status_code in (401, 403), (
        f"Anonymous {case.method.upper()} answered {response.status_code}, not 401 or 403"
    )
    return None


CHECKS = [
    not_a_server_error,
    status_code_is_documented,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    error_is_a_problem,
    anonymous_client_is_refused,
]

# --- The test ---------------------------------------------------------------------------------


def test_api_answers_anonymous_clients_as_its_schema_says(api):
    """One test for all operations: the demo site is built once, and every failing operation is
    reported (each with a curl command that reproduces it), not only the first."""
    schema, known_ids = api
    base_url = Site.objects.get(is_default_site=True).root_url  # the demo site's own Host
    failures: dict[str, str] = {}
    for result in schema.get_all_operations():
        try:
            operation = result.ok()
        except Exception as error:  # an operation that schemathesis cannot read
            failures[type(error).__name__] = str(error)
            continue
        for kind, send in REQUEST_KINDS.items():
            if kind == "valid" and operation.label in NO_VALID_REQUEST:
                continue
            try:
                send(schema, operation, known_ids.get(operation.path, {}), base_url)
            except Exception as error:
                failures[f"{operation.label} ({kind})"] = f"{type(error).__name__}: {error}"
    if failures:
        pytest.fail(report(failures), pytrace=False)


def send_existing_ids(schema, operation, ids, base_url):
    """Each object that a public collection lists, once through its public detail operation."""
    parameters = {parameter.name for parameter in operation.path_parameters}
    if operation.method.upper() != "GET" or not is_public(operation) or len(parameters) != 1:
        return
    for name, values in ids.items():
        for value in values:
            response = call_and_check(operation.Case(path_parameters={name: value}), base_url)
            assert response.status_code == 200, (
                f"{name}={value} is listed, but its detail answers {response.status_code}"
            )


def send_coverage_cases(schema, operation, ids, base_url):
    """schemathesis' deterministic cases: boundary values, wrong types, missing parameters."""
    cases = schema.iter_coverage_cases(
        operation,
        generation_modes=list(schemathesis.GenerationMode),
        generation_config=schema.config.generation_for(operation=operation),
    )
    for case in cases:
        call_and_check(case, base_url)


def send_huge_integers(schema, operation, ids, base_url):
    """Each integer path or query parameter without a maximum once at 2**63, beyond a bigint."""
    path = {name: values[0] for name, values in ids.items()}  # existing objects, if known
    names = {parameter.name for parameter in operation.path_parameters}
    for parameter in [*operation.path_parameters, *operation.query]:
        if not is_unbounded_integer(parameter.definition.get("schema", {})):
            continue
        huge = {parameter.name: BIGINT_OVERFLOW}
        if parameter.location == "path":
            case = operation.Case(path_parameters={**path, **huge})
        else:
            case = operation.Case(path_parameters=path, query=huge)
        if names <= set(case.path_parameters):
            call_and_check(case, base_url)


def is_unbounded_integer(schema: dict) -> bool:
    options = [schema, *schema.get("anyOf", []), *schema.get("oneOf", [])]
    return any(option.get("type") == "integer" for option in options) and not any(
        "maximum" in option or "exclusiveMaximum" in option for option in options
    )


def send_valid_requests(schema, operation, ids, base_url):
    fuzz(operation, schemathesis.GenerationMode.POSITIVE, base_url)


def send_invalid_requests(schema, operation, ids, base_url):
    fuzz(operation, schemathesis.GenerationMode.NEGATIVE, base_url)


def fuzz(operation, mode, base_url):
    """MAX_EXAMPLES random requests that match the schema (POSITIVE) or break it (NEGATIVE)."""

    @hypothesis.settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        # No shrinking: each failure comes with a curl command already, and shrinking through
        # requests can take minutes.
        phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    @hypothesis.given(case=operation.as_strategy(mode))
    def requests_conform(case):
        call_and_check(case, base_url)

    try:
        requests_conform()
    except hypothesis.errors.Unsatisfiable:
        # No invalid request exists for an operation without parameters (or only string ones).
        if mode is schemathesis.GenerationMode.POSITIVE:
            raise


REQUEST_KINDS = {
    "existing objects": send_existing_ids,
    "coverage": send_coverage_cases,
    "huge integers": send_huge_integers,
    "valid": send_valid_requests,
    "invalid": send_invalid_requests,
}


def call_and_check(case, base_url):
    # Each request in a savepoint that is rolled back: every request sees the demo site as
    # built, and a database error (PostgreSQL then aborts the transaction) stays in its request.
    savepoint = transaction.savepoint()
    try:
        response = case.call(base_url=base_url)
    finally:
        transaction.savepoint_rollback(savepoint)
    sent = {name.lower() for name in response.request.headers}
    assert not sent & {"authorization", "cookie"}, f"Not anonymous: {sorted(sent)}"
    known_server_error = KNOWN_SERVER_ERRORS.get(case.operation.label)
    if response.status_code == 500 and known_server_error and known_server_error(case):
        return response
    try:
        case.validate_response(response, checks=CHECKS)
    except BaseExceptionGroup as group:  # schemathesis' FailureGroup; its text says it all
        raise AssertionError(str(group)) from None
    return response


def report(failures: dict[str, str]) -> str:
    lines = [f"{len(failures)} operation(s) and request kind(s) contradict the schema:"]
    for where, error in failures.items():
        lines += ["", f"=== {where}", error[:3000]]
    return "\n".join(lines)
