"""Fast row writers: executemany on SQLite, COPY on PostgreSQL (psycopg 3)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any, Protocol

from django.db import connection

from dangvien.core.bulk_load import strip_table
from dangvien.core.copy_text import copy_lines, copy_text
from dangvien.orgs.counts_cache import counts_changed
from dangvien.people.models import CellTally, Person
from dangvien.synth.tables import Table


class Sink(Protocol):
    """Something that appends rows to a table inside the current transaction."""

    def write(self, table: Table, rows: Iterable[Any]) -> None: ...

    def prepare(self, tables: list[Table]) -> None: ...

    def finish(self) -> None: ...


class SqliteSink:
    """Plain INSERTs through the raw sqlite3 connection, bypassing model instances."""

    def prepare(self, tables: list[Table]) -> None:
        """Nothing to prepare: a few hundred thousand rows need no index tricks."""

    def write(self, table: Table, rows: Iterable[Any]) -> None:
        """Insert the rows in one executemany call."""
        columns = ", ".join(connection.ops.quote_name(c) for c in table.columns)
        marks = ", ".join("?" for _ in table.columns)
        target = connection.ops.quote_name(table.name)
        # Only quoted names from the models' metadata go into the text; values are bound.
        sql = f"INSERT INTO {target} ({columns}) VALUES ({marks})"  # noqa: S608
        raw: Any = connection.connection
        raw.executemany(sql, map(table.values, rows))

    def finish(self) -> None:
        """Nothing to restore."""


class PostgresSink:
    """COPY FROM STDIN; secondary indexes and constraints are rebuilt once at the end.

    Maintaining a dozen b-trees row by row is what makes a multi-million-row
    load slow; building each index once from sorted data is several times
    faster, and checking a foreign key once over the whole table is cheaper
    than a trigger per row. Everything runs in the caller's transaction, so a
    failed load leaves the schema as it was.
    """

    def __init__(self) -> None:
        self.restore: list[str] = []

    def prepare(self, tables: list[Table]) -> None:
        """Drop the secondary indexes and the unique and foreign-key constraints."""
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for table in tables:
                self.restore.extend(strip_table(cursor, table.name))

    def write(self, table: Table, rows: Iterable[Any]) -> None:
        """Stream the rows through one COPY command, as blocks of text lines.

        A value the text format does not know (a JSON adapter, say) sends the whole
        table through psycopg's own row formatting instead.
        """
        quote = connection.ops.quote_name
        columns = ", ".join(quote(c) for c in table.columns)
        raw: Any = connection.connection
        values = map(table.values, rows)
        first = next(values, None)
        if first is None:
            return
        with (
            raw.cursor() as cursor,
            cursor.copy(f"COPY {quote(table.name)} ({columns}) FROM STDIN") as copy,
        ):
            if not _copy_text_takes(first):
                copy.write_row(first)
                for row in values:
                    copy.write_row(row)
                return
            for block in copy_lines(itertools.chain([first], values), "\n"):
                copy.write(block)

    def finish(self) -> None:
        """Rebuild what `prepare` dropped: indexes first, then constraints."""
        with connection.cursor() as cursor:
            for statement in self.restore:
                cursor.execute(statement)
        self.restore = []


def _copy_text_takes(values: tuple[object, ...]) -> bool:
    """Return whether every value of a row has a COPY text form.

    What could lack one is a constant column (a default), the same in every row.
    """
    try:
        for value in values:
            copy_text(value)
    except TypeError:
        return False
    return True


def tallies_rebuild() -> int:
    """Recount the per-cell tallies in one INSERT ... SELECT; return the number of rows.

    Same result as people.services.tally_rebuild, without bringing a million
    grouped rows into Python and back at national scale.
    """
    counts_changed()
    quote = connection.ops.quote_name
    tally, person = quote(CellTally._meta.db_table), quote(Person._meta.db_table)
    org, status = quote("current_org_id"), quote("current_status")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {tally}")  # noqa: S608 (quoted model table names only)
        cursor.execute(
            f"INSERT INTO {tally} (org_id, status, count) "  # noqa: S608
            f"SELECT {org}, {status}, COUNT(*) FROM {person} "
            f"WHERE {org} IS NOT NULL GROUP BY {org}, {status}"
        )
        return int(cursor.rowcount)


def sink_for_connection() -> Sink:
    """Return the writer for the configured database."""
    if connection.vendor == "postgresql":
        return PostgresSink()
    if connection.vendor == "sqlite":
        return SqliteSink()
    raise NotImplementedError(connection.vendor)
