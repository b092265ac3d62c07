"""Report and export reads go to the replica only when asked, never inside a transaction.

The first tests check the router's decisions with a replica pretended; the last
ones need a real PostgreSQL standby (DATABASE_REPLICA_URL, DANGVIEN_REPLICA_TEST=1)
and are run by .ci/run against a streaming replica of a throwaway primary.
"""

from __future__ import annotations

import io
import os
import threading
import time
from datetime import date

import pytest
from django.db import connections, transaction
from django.test.utils import CaptureQueriesContext

from dangvien.config import db_router
from dangvien.config.db_router import (
    ReplicaRouter,
    primary_reads,
    read_alias,
    reads_from_replica,
    replica_reads,
)

REAL = os.environ.get("DANGVIEN_REPLICA_TEST") == "1"


@pytest.fixture
def pretend_replica(monkeypatch):
    monkeypatch.setattr(db_router, "replica_configured", lambda: True)


def test_reads_stay_on_the_primary_unless_a_caller_asks(pretend_replica):
    assert read_alias() == "default"


def test_reads_inside_replica_reads_go_to_the_replica(pretend_replica):
    with replica_reads():
        assert read_alias() == "replica"
    assert read_alias() == "default"


@pytest.mark.django_db
def test_reads_inside_a_transaction_stay_on_the_primary(pretend_replica):
    with replica_reads(), transaction.atomic():
        assert read_alias() == "default"


def test_primary_reads_overrides_replica_reads(pretend_replica):
    with replica_reads(), primary_reads():
        assert read_alias() == "default"


def test_a_decorated_selector_reads_from_the_replica(pretend_replica):
    seen = reads_from_replica(read_alias)()

    assert seen == "replica"


def test_another_thread_does_not_inherit_the_choice(pretend_replica):
    seen: list[str] = []
    with replica_reads():
        worker = threading.Thread(target=lambda: seen.append(read_alias()))
        worker.start()
        worker.join()

    assert seen == ["default"]


def test_without_a_replica_everything_reads_the_primary():
    with replica_reads():
        assert read_alias() == "default"


def test_writes_and_migrations_only_go_to_the_primary():
    router = ReplicaRouter()

    assert router.db_for_write(object) == "default"
    assert router.allow_migrate("default", "people")
    assert not router.allow_migrate("replica", "people")


def _wait_until_replayed(check, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise AssertionError("the replica did not replay the write in time")


@pytest.mark.real_servers
@pytest.mark.skipif(not REAL, reason="needs a streaming replica (.ci/run)")
def test_the_replica_is_a_read_only_standby_of_the_primary(django_db_blocker):
    with django_db_blocker.unblock():
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            assert cursor.fetchone() == (False,)
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_is_in_recovery()")
            assert cursor.fetchone() == (True,)


@pytest.mark.real_servers
@pytest.mark.skipif(not REAL, reason="needs a streaming replica (.ci/run)")
def test_a_report_read_runs_on_the_replica_and_sees_the_primarys_rows(django_db_blocker):
    from dangvien.accounts.scope import global_scope
    from dangvien.people.selectors import PersonFilter, person_list

    with django_db_blocker.unblock():
        on_primary = person_list(scope=global_scope(), filters=PersonFilter(), limit=20)
        with (
            CaptureQueriesContext(connections["replica"]) as replica,
            CaptureQueriesContext(connections["default"]) as primary,
            replica_reads(),
        ):
            on_replica = person_list(scope=global_scope(), filters=PersonFilter(), limit=20)

    assert [p.pk for p in on_replica.items] == [p.pk for p in on_primary.items]
    assert len(on_replica.items) == 20
    assert replica.captured_queries
    assert not primary.captured_queries


@pytest.mark.real_servers
@pytest.mark.skipif(not REAL, reason="needs a streaming replica (.ci/run)")
def test_a_write_inside_replica_reads_goes_to_the_primary_and_reaches_the_replica(
    django_db_blocker,
):
    from django_tasks_db.models import DBTaskResult

    from dangvien.core.tasks import enqueue, queue_kind, queue_probe

    if queue_kind() != "database":
        pytest.skip("the marker row is a task of the database queue")
    with django_db_blocker.unblock():
        with replica_reads():
            queued = enqueue(queue_probe, "tu-ban-chinh")
        _wait_until_replayed(
            lambda: DBTaskResult.objects.using("replica").filter(id=queued.id).exists()
        )
        with replica_reads(), CaptureQueriesContext(connections["replica"]) as replica:
            assert DBTaskResult.objects.filter(id=queued.id).exists()
        DBTaskResult.objects.filter(id=queued.id).delete()

    assert replica.captured_queries


@pytest.mark.real_servers
@pytest.mark.skipif(not REAL, reason="needs a streaming replica (.ci/run)")
def test_a_report_is_read_from_the_replica(django_db_blocker):
    from dangvien.accounts.scope import global_scope
    from dangvien.orgs.paths import spans_on
    from dangvien.reports.selectors import report_build

    with django_db_blocker.unblock():
        scope = global_scope()
        root = spans_on(scope.day).select_related("org").get(path=scope.prefixes[0]).org
        with CaptureQueriesContext(connections["replica"]) as replica:
            report = report_build(
                scope=scope,
                kind="members",
                code=root.code,
                date_from=date(2025, 1, 1),
                date_to=date(2025, 12, 31),
            )

    assert report.to_json()["report"] == "members"
    assert replica.captured_queries


@pytest.mark.real_servers
@pytest.mark.skipif(not REAL, reason="needs a streaming replica (.ci/run)")
def test_an_export_reads_the_replica_and_logs_on_the_primary(django_db_blocker):
    from dangvien.accounts.actor import operator_actor
    from dangvien.imports.export_lists import orgs_export

    with (
        django_db_blocker.unblock(),
        CaptureQueriesContext(connections["replica"]) as replica,
        CaptureQueriesContext(connections["default"]) as primary,
    ):
        rows = orgs_export(actor=operator_actor(), target=io.BytesIO())

    assert rows > 0
    assert any("orgs_" in q["sql"] for q in replica.captured_queries)
    assert any("audit_accesslog" in q["sql"] for q in primary.captured_queries)
