"""A synthetic commune with candidacies and classes, loaded once for the scale tests.

The rows are committed (each test then runs in its own rolled-back transaction
on top of them) and removed when the module is done, so other tests still find
an empty database.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from django.db import transaction
from django.test import Client

from dangvien.accounts.models import User
from dangvien.synth.writer import LoadResult

AS_OF = date(2026, 3, 15)
SEED = 7


@pytest.fixture(scope="module")
def commune(
    django_db_setup: None, django_db_blocker: pytest.FixtureRequest
) -> Iterator[LoadResult]:
    """Load the commune preset, its candidacies and classes; empty the database afterwards."""
    from dangvien.pipeline.demo import pipeline_demo_seed
    from dangvien.synth.reset import data_truncate
    from dangvien.synth.writer import synth_load
    from dangvien.training.demo import training_demo_seed

    with django_db_blocker.unblock():  # type: ignore[attr-defined]
        result = synth_load("commune", SEED, as_of=AS_OF, reset=True)
        pipeline_demo_seed(seed=SEED)
        training_demo_seed(seed=SEED)
    yield result
    with django_db_blocker.unblock(), transaction.atomic():  # type: ignore[attr-defined]
        data_truncate()


def user(username: str) -> User:
    """Return one of the generated demo accounts (admin, capxa, coso, chibo, xem)."""
    return User.objects.get(username=username)


def signed_in(username: str) -> Client:
    """Return a page client signed in as a demo account, second factor passed."""
    from dangvien.testing import login

    return login(Client(), user(username))


def api_client(username: str) -> Client:
    """Return an API client with a fresh bearer token of a demo account."""
    from dangvien.accounts.actor import operator_actor
    from dangvien.accounts.services import token_create

    _, secret = token_create(actor=operator_actor(), username=username)
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def pytest_configure(config: pytest.Config) -> None:
    # Tests against real servers (a streaming replica, a worker process) run in a
    # session of their own (.ci/run: `-m real_servers`): once any test has made a
    # test database, the connections point at it instead of the real servers.
    config.addinivalue_line("markers", "real_servers: needs the servers started by .ci/run")
