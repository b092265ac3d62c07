"""Write many rows of a derived table at once: COPY on PostgreSQL, batched INSERTs elsewhere."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.db import connection, models

Value = int | str | date | bool
_BATCH = 5000


def insert_rows(
    model: type[models.Model], columns: Sequence[str], rows: Iterable[Sequence[Value]]
) -> int:
    """Store rows (values in `columns` order, no model instances); return how many.

    On PostgreSQL the rows must not come from a query still being read on this same
    connection: COPY holds the connection until it ends.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(columns)
    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor, for its COPY support
            with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    count += 1
            return count
        marks = ", ".join(["%s"] * len(columns))
        sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608
        batch: list[Sequence[Value]] = []
        for row in rows:
            batch.append(row)
            if len(batch) >= _BATCH:
                cursor.executemany(sql, batch)
                count, batch = count + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
    return count + len(batch)


def add_rows(
    model: type[models.Model],
    columns: Sequence[str],
    *,
    key: Sequence[str],
    added: Sequence[str],
    rows: Iterable[Sequence[Value]],
) -> None:
    """Add each row's `added` columns to the stored row with the same `key` (insert if none).

    Moves pre-aggregated totals by a difference; one statement per row, batched.
    """
    table = connection.ops.quote_name(model._meta.db_table)
    marks = ", ".join(["%s"] * len(columns))
    sums = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in added)
    sql = (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks}) "  # noqa: S608
        f"ON CONFLICT ({', '.join(key)}) DO UPDATE SET {sums}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(rows))


def analyze(model: type[models.Model]) -> None:
    """Refresh PostgreSQL's planner statistics of a table just filled in bulk.

    Without them a freshly filled snapshot day looks like a few rows and is joined row by
    row: the cells of a 15,000-cell tree took 430 ms instead of 30.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
