"""Bulk inserts against the database: many rows, a failure midway, a repeated key."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from dangvien.imports.bulk import bulk_insert
from dangvien.orgs.models import Organization

pytestmark = pytest.mark.django_db

COLUMNS = ("code", "name", "org_type")
Unit = tuple[str, str, str]


def units(prefix: str, count: int) -> list[Unit]:
    return [(f"{prefix}{i}", f"Chi bộ {prefix}{i}", "chi_bo") for i in range(count)]


def failing_rows() -> Iterator[Unit]:
    yield from units("C", 6000)  # more than one block of the COPY stream
    raise ValueError("hỏng giữa chừng")


def test_it_writes_every_row_with_the_default_columns_filled():
    bulk_insert(Organization, COLUMNS, units("A", 12_000))

    assert Organization.objects.filter(code__startswith="A").count() == 12_000
    last = Organization.objects.get(code="A11999")
    assert last.name == "Chi bộ A11999"
    assert last.created_at is not None


def test_a_failure_while_the_rows_are_produced_propagates_and_nothing_is_kept():
    with pytest.raises(ValueError, match="hỏng giữa chừng"), transaction.atomic():
        bulk_insert(Organization, COLUMNS, failing_rows())

    # the connection is usable again and the savepoint left nothing behind
    assert not Organization.objects.filter(code__startswith="C").exists()


def test_a_repeated_key_fails_the_insert_and_nothing_is_kept():
    # psycopg's error on PostgreSQL (COPY bypasses Django's wrapper), Django's on SQLite
    with pytest.raises(Exception, match=r"orgs_organization_code|UNIQUE"), transaction.atomic():
        bulk_insert(Organization, COLUMNS, [*units("D", 2), *units("D", 1)])

    assert not Organization.objects.filter(code__startswith="D").exists()
