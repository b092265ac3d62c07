"""Root test configuration.

Shared fixtures live in dangvien/testing.py and are loaded for every test, under
src/ and tests/ alike. Hypothesis gets no per-example deadline: on a busy 2-core
CI machine a slow example is load, not a bug, and must not fail the run.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("dangvien", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("dangvien")

pytest_plugins = ["dangvien.testing"]

_TRANSACTIONAL_FIXTURES = {"transactional_db", "live_server"}


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)):
        return True
    return bool(_TRANSACTIONAL_FIXTURES & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Give every transactional test a serialized rollback.

    The reference data (ethnic groups, administrative units, calendar) is loaded by
    migrations, and a transactional test ends by flushing the database. Mixing tests
    with and without serialized rollback breaks in a way that depends on their order:
    a plain flush re-creates the content types under new ids, and the next serialized
    test then fails to restore its snapshot on a unique constraint. Restoring the
    snapshot around every transactional test keeps each one independent of the others.
    """
    for item in items:
        names = getattr(item, "fixturenames", None)
        if isinstance(names, list) and _is_transactional(item):
            if "django_db_serialized_rollback" not in names:
                names.append("django_db_serialized_rollback")
