"""Bulk inserts for large imports: COPY on PostgreSQL, executemany on SQLite, never a save per row.

The row writers are the synthetic-data generator's (`synth.sinks`), fed plain
tuples; this module only maps model fields to columns, prepares the few values
the database adapter cannot take as they are, and hands out primary keys ahead
of the insert so that dependent rows can refer to them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, models
from django.utils import timezone
from psycopg.copy import QueuedLibpqWriter

from dangvien.core.bulk_load import indexes_rebuilt_after
from dangvien.core.copy_text import copy_lines, copy_text
from dangvien.core.security_crypto import EncryptedTextField, encrypt_text, is_encrypted
from dangvien.synth.sinks import sink_for_connection
from dangvien.synth.tables import Table

# Field classes whose Python values the database adapters take as they are; any
# other class (an encrypted field, JSON) goes through its own get_db_prep_save.
_PLAIN = (
    models.AutoField,
    models.BigAutoField,
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.BigIntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.SmallIntegerField,
    models.BooleanField,
    models.DateField,
    models.ForeignKey,
)


# Whether an import that brings a table more rows than it holds rebuilds the table's
# indexes after the load (`rebuilt_when_outnumbered`); the benchmark's baseline turns it off.
REBUILD_OUTNUMBERED = True


def holds_fewer_than(model: type[models.Model], count: int) -> bool:
    """Return whether the model's table holds fewer than `count` rows (counting no further)."""
    return count > 0 and model._default_manager.all()[:count].count() < count


@contextmanager
def rebuilt_when_outnumbered(incoming: Mapping[type[models.Model], int]) -> Iterator[None]:
    """Load without the indexes and constraints of every table the load will more than double.

    Keeping a table's b-trees and foreign-key checks current row by row costs more than
    building them once, when most of the table's rows are new: the first import of a
    province into a new installation (100,000 people: the write step 24.7 -> 17.3 s on
    PostgreSQL). The price is that such a table is locked against readers until the
    import commits, which only matters for a table that held little. A load smaller than
    the table keeps its indexes. PostgreSQL only; elsewhere nothing changes.
    """
    tables = [
        model
        for model, count in incoming.items()
        if REBUILD_OUTNUMBERED
        and connection.vendor == "postgresql"
        and holds_fewer_than(model, count)
    ]
    if not tables:
        yield
        return
    with indexes_rebuilt_after(*tables):
        yield


def allocate_ids(model: type[models.Model], count: int) -> list[int]:
    """Return `count` fresh primary keys for `model`, reserved for this transaction.

    PostgreSQL hands them out from the table's sequence; on SQLite the import
    holds the database's write lock, so the next ids after the highest are free.
    """
    if count == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        first = int(cursor.fetchone()[0]) + 1
    return list(range(first, first + count))


def _encrypted(value: object) -> object:
    """Return the stored form of a citizen ID; one already encrypted (`encrypt_many`) as it is."""
    if value is None or (isinstance(value, str) and is_encrypted(value)):
        return value
    return encrypt_text(str(value))


def _converter(field: models.Field[Any, Any]) -> Any:
    """Return a function preparing a value of `field` for the database, None if none is needed."""
    if type(field) in _PLAIN:
        return None
    if isinstance(field, EncryptedTextField):
        return _encrypted
    return lambda value: field.get_db_prep_save(value, connection)


def _copy_suffix(fixed: Sequence[object]) -> str | None:
    """Return the COPY text of the constant columns and line end; None if COPY cannot take them."""
    if connection.vendor != "postgresql":
        return None
    try:
        return "".join("\t" + copy_text(value) for value in fixed) + "\n"
    except TypeError:
        return None


def _copy(
    model: type[models.Model],
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    suffix: str,
) -> None:
    """Stream the rows into the model's table through one COPY command.

    A worker thread sends the blocks (psycopg's queued writer), so that
    building the next block, and whatever produces the rows (encrypting
    citizen IDs), runs while the server inserts the previous one and updates
    its indexes, instead of waiting for the socket.
    """
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column in columns)
    sql = f"COPY {quote(model._meta.db_table)} ({names}) FROM STDIN"
    connection.ensure_connection()
    raw: Any = connection.connection
    with raw.cursor() as cursor, cursor.copy(sql, writer=QueuedLibpqWriter(cursor)) as copy:
        for block in copy_lines(rows, suffix):
            copy.write(block)


def _constants(model: type[models.Model], given: Sequence[str]) -> list[tuple[str, object]]:
    """Return (column, value) for the fields not given: timestamps now, others their default."""
    now = timezone.now()
    found = []
    for field in model._meta.concrete_fields:
        if field.attname in given or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value: object = now
        elif field.has_default() or (field.empty_strings_allowed and field.blank):
            value = field.get_default()  # "" for a blank text field without a default
        elif field.null:
            value = None
        else:
            raise LookupError(f"imports: no value for {model.__name__}.{field.attname}")
        found.append((str(field.column), field.get_db_prep_save(value, connection)))
    return found


def bulk_insert(
    model: type[models.Model], attnames: Sequence[str], rows: Iterable[Sequence[object]]
) -> None:
    """Insert rows of values for `attnames` (plus defaults for the rest) in one bulk write."""
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    fields = [by_attname[name] for name in attnames]
    converters = [_converter(field) for field in fields]
    constants = _constants(model, attnames)
    fixed = tuple(value for _, value in constants)
    columns = tuple(str(field.column) for field in fields) + tuple(c for c, _ in constants)

    converted = [(index, convert) for index, convert in enumerate(converters) if convert]
    suffix = _copy_suffix(fixed)
    if suffix is not None and all(convert in (None, _encrypted) for convert in converters):
        _copy(model, columns, _converted(rows, converted), suffix)
        return

    def values(row: Sequence[object]) -> tuple[object, ...]:
        if converted:
            row = list(row)
            for index, convert in converted:
                row[index] = convert(row[index])
        return (*row, *fixed)

    sink_for_connection().write(Table(model, "", columns, values), rows)


def _converted(
    rows: Iterable[Sequence[object]], converted: list[tuple[int, Callable[[Any], Any]]]
) -> Iterator[Sequence[object]]:
    """Yield the rows with the values that need it prepared for the database."""
    if not converted:
        yield from rows
        return
    for row in rows:
        values = list(row)
        for index, convert in converted:
            values[index] = convert(values[index])
        yield values


def batched(items: Sequence[Any], size: int = 5000) -> Iterator[Sequence[Any]]:
    """Yield slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
