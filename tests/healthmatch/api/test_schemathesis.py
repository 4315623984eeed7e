"""The schema fuzz harness: schemathesis generates requests from the live OpenAPI schema for
every operation under /api/v1/ (endpoints added later are fuzzed too) and sends them through
the project's WSGI application, as each role: anonymous, a hospital member, a company member
and a coordinator, with real API tokens. Every response must be a non-5xx, with a status code,
content type, headers and body the schema documents. Half the cases are valid by the schema,
half are not (wrong types, missing fields): neither may break the server.

Bounded: a handful of examples per operation, derandomized (the same cases on every run), no
deadline, and an alarm that fails the test rather than let it hang. Writes are allowed: the
whole test runs in one transaction that is rolled back.
"""

import signal

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests import factories as f
from tests.healthmatch.api.conftest import token_for

MAX_EXAMPLES = 15
# What every response must satisfy, for valid and invalid input alike. Left out on purpose:
# "a schema-valid request is accepted" (business rules and DRF's own limits, such as no NUL
# characters in text, refuse schema-valid values with a documented 400) and "an invalid
# request is rejected" (DRF ignores what it cannot use, such as a bad page_size).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
ALARM_SECONDS = 600
ROLES = {
    "anonymous": None,
    "hospital member": "member",
    "company member": "company_member",
    "coordinator": "coordinator",
}


@pytest.fixture
def _world(owner, member, company_owner, company_member, coordinator, outsider, foreign_need):
    """Something to find: organisations of both kinds in two hubs, needs, capabilities."""
    f.NeedFactory(organisation=member.memberships.get().organisation, submitted=True)
    profile = f.CompanyProfileFactory(organisation=company_member.memberships.get().organisation)
    f.CapabilityFactory(company=profile)


@pytest.fixture(params=list(ROLES))
def auth_headers(request, db, _world):
    fixture = ROLES[request.param]
    if fixture is None:
        return {}
    user = request.getfixturevalue(fixture)
    return {"Authorization": f"Bearer {token_for(user, name='fuzz')}"}


@pytest.fixture
def _in_the_test_transaction():
    """The WSGI handler closes "old" database connections around each request, which would
    end the test's transaction (Django's test client unhooks the same signal)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def _alarm():
    def _timeout(signum, frame):
        raise TimeoutError(f"the fuzz run took longer than {ALARM_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(ALARM_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture
def api_schema(settings, _in_the_test_transaction, _alarm, auth_headers):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": None, "user": None, "anon": None},
    }
    return schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())


def _operations() -> list[tuple[str, str]]:
    """Every operation of the schema, read when the tests are collected, so each (role,
    operation) is a test of its own."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return [
        (method.upper(), path)
        for path, item in generated["paths"].items()
        for method in item
        if method in {"get", "post", "put", "patch", "delete"}
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("method", "path"), _operations())
def test_the_api_conforms_to_its_schema(api_schema, auth_headers, method, path):
    operation = api_schema[path][method]

    @given(
        case=operation.as_strategy(GenerationMode.POSITIVE)
        | operation.as_strategy(GenerationMode.NEGATIVE)
    )
    @settings(
        max_examples=MAX_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case):
        case.call_and_validate(headers=auth_headers, checks=CHECKS)

    fuzz()
