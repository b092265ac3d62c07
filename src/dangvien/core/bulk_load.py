"""Bulk loads on PostgreSQL: drop a table's secondary indexes and constraints, restore them after.

Maintaining half a dozen b-trees row by row is what makes a multi-million-row load
slow; building each index once from the finished table is several times faster,
and checking a foreign key once over the whole table is cheaper than a trigger
per row. Everything runs in the caller's transaction (PostgreSQL's DDL is
transactional), so a failed load leaves the schema as it was. While the load
runs, the table is locked against readers: use it for loads and rebuilds, not
for everyday writes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models, transaction


def strip_table(cursor: Any, table: str) -> list[str]:
    """Drop a table's secondary indexes and constraints; return the SQL that restores them."""
    quote = connection.ops.quote_name
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid), contype FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype IN ('f', 'u') ORDER BY contype DESC, conname",
        [table],
    )
    constraints = cursor.fetchall()
    cursor.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x "
        "JOIN pg_class i ON i.oid = x.indexrelid "
        "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT EXISTS ("
        " SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid"
        " AND c.conrelid = x.indrelid) ORDER BY i.relname",
        [table],
    )
    indexes = cursor.fetchall()
    for name, _, _ in constraints:
        cursor.execute(f"ALTER TABLE {quote(table)} DROP CONSTRAINT {quote(name)}")
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {quote(name)}")
    # Unique constraints ('u') sort before foreign keys ('f') thanks to ORDER BY above.
    return [definition for _, definition in indexes] + [
        f"ALTER TABLE {quote(table)} ADD CONSTRAINT {quote(name)} {definition}"
        for name, definition, _ in constraints
    ]


@contextmanager
def indexes_rebuilt_after(*tables: type[models.Model]) -> Iterator[None]:
    """Load into these tables without their indexes and constraints, rebuilt at the end.

    PostgreSQL only (elsewhere it does nothing). Must run inside a transaction.
    """
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        raise transaction.TransactionManagementError("indexes_rebuilt_after needs a transaction")
    with connection.cursor() as cursor:
        # Deferred foreign-key checks still pending on these tables would forbid the
        # ALTER TABLE: run them now (the constraints are deferred again below).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        restore = [s for table in tables for s in strip_table(cursor, table._meta.db_table)]
    yield
    with connection.cursor() as cursor:
        for statement in restore:
            cursor.execute(statement)
