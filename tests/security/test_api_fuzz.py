"""Schemathesis against the real API: random valid and invalid requests never cause a 5xx
and every documented response matches its schema.

Runs in-process against the WSGI app on the test database, as an administrator
of the whole test province (so requests reach as deep as they can). Bounded by
DANGVIEN_FUZZ_EXAMPLES per operation (default 5; CI's dedicated step raises it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from dangvien.accounts.services import token_create
from dangvien.conftest import World

EXAMPLES = int(os.environ.get("DANGVIEN_FUZZ_EXAMPLES", "5"))
app = get_wsgi_application()
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Iterator[None]:
    """Keep Django from closing the test's connection after each request, as its test client does.

    Schemathesis calls the WSGI app directly, so the request signals fire; on
    PostgreSQL closing the connection would end the test's transaction.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(world: World) -> dict[str, str]:
    _, secret = token_create(actor=world.operator, username=world.admin.username)
    return {"Authorization": f"Bearer {secret}"}


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_the_api_survives_generated_requests(case, bearer: dict[str, str]):  # type: ignore[no-untyped-def]
    case.call_and_validate(
        headers=bearer,
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
