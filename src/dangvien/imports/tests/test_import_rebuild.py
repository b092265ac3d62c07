"""An import that more than doubles a table loads it without indexes, rebuilt afterwards.

PostgreSQL only: elsewhere the import never touches the schema.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dangvien.imports import bulk
from dangvien.imports.tests.conftest import Importer
from dangvien.imports.tests.test_import_people import person
from dangvien.imports.tests.workbooks import PEOPLE_HEADER
from dangvien.people.models import Membership, Person, StatusPeriod
from dangvien.testing import World

pytestmark = pytest.mark.django_db

_TABLES = ("people_person", "people_statusperiod", "people_membership", "people_positionheld")


def _schema() -> list[tuple[str, str]]:
    """Return the indexes and constraints of the tables an import of people fills."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(%s) "
            "UNION ALL SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid::regclass::text = ANY(%s) ORDER BY 1, 2",
            [list(_TABLES), list(_TABLES)],
        )
        return list(cursor.fetchall())


def _newcomers(count: int) -> list[list[object]]:
    """Return NhanSu rows of `count` new probationary members, distinct citizen IDs."""
    given = ["An", "Bình", "Cường", "Dũng", "Em", "Giang", "Hà", "Khánh", "Lan", "Minh"]
    given += ["Nam", "Oanh", "Phúc", "Quân", "Sơn", "Tâm", "Uyên", "Vinh", "Xuân", "Yến"]
    return [
        person(citizen_id=f"0790880{index:05d}", full_name=f"Lê Văn Mới {given[index]}")
        for index in range(count)
    ]


def _dropped(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("DROP INDEX")]


def _people_indexes() -> set[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'people_person' "
            "AND indexname <> 'people_person_pkey'"
        )
        return {name for (name,) in cursor.fetchall()}


def _people_indexes_dropped(queries: CaptureQueriesContext, names: set[str]) -> list[str]:
    return [sql for sql in _dropped(queries) if any(f'"{name}"' in sql for name in names)]


def test_holds_fewer_than_counts_no_further_than_it_needs(world: World):
    existing = Person.objects.count()

    assert bulk.holds_fewer_than(Person, existing + 1)
    assert not bulk.holds_fewer_than(Person, existing)
    assert not bulk.holds_fewer_than(Person, 0)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="index rebuilds are PostgreSQL's")
def test_an_import_outnumbering_the_people_rebuilds_their_indexes_and_keeps_the_schema(
    world: World, run_import: Importer
):
    before = _schema()
    count = Person.objects.count() + 5

    with CaptureQueriesContext(connection) as queries:
        result = run_import({"NhanSu": [PEOPLE_HEADER, *_newcomers(count)]})

    assert result.written, [issue.message for issue in result.errors]
    assert _people_indexes_dropped(queries, _people_indexes()), "dropped for the load"
    assert _schema() == before
    new = Person.objects.filter(full_name__startswith="Lê Văn Mới")
    assert new.count() == count
    assert StatusPeriod.objects.filter(person__in=new).count() == count
    admitted = Membership.objects.filter(person__in=new, decision_date=date(2025, 5, 1))
    assert admitted.count() == count


@pytest.mark.skipif(connection.vendor != "postgresql", reason="index rebuilds are PostgreSQL's")
def test_an_import_smaller_than_the_table_keeps_its_indexes(world: World, run_import: Importer):
    names = _people_indexes()
    assert names

    with CaptureQueriesContext(connection) as queries:
        result = run_import({"NhanSu": [PEOPLE_HEADER, *_newcomers(1)]})

    assert result.written
    assert _people_indexes_dropped(queries, names) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="index rebuilds are PostgreSQL's")
def test_the_switch_off_keeps_every_index_whatever_the_size(
    world: World, run_import: Importer, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(bulk, "REBUILD_OUTNUMBERED", False)

    with CaptureQueriesContext(connection) as queries:
        result = run_import({"NhanSu": [PEOPLE_HEADER, *_newcomers(Person.objects.count() + 5)]})

    assert result.written
    assert _dropped(queries) == []
