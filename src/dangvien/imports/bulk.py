"""Bulk inserts for large imports: COPY on PostgreSQL, executemany on SQLite, never a save per row.

The row writers are the synthetic-data generator's (`synth.sinks`), fed plain
tuples; this module only maps model fields to columns, prepares the few values
the database adapter cannot take as they are, and hands out primary keys ahead
of the insert so that dependent rows can refer to them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

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


def _converter(field: models.Field[Any, Any]) -> Any:
    """Return a function preparing a value of `field` for the database, None if none is needed."""
    if type(field) in _PLAIN:
        return None
    return lambda value: field.get_db_prep_save(value, connection)


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

    def values(row: Sequence[object]) -> tuple[object, ...]:
        if converted:
            row = list(row)
            for index, convert in converted:
                row[index] = convert(row[index])
        return (*row, *fixed)

    sink_for_connection().write(Table(model, "", columns, values), rows)


def batched(items: Sequence[Any], size: int = 5000) -> Iterator[Sequence[Any]]:
    """Yield slices of at most `size` items."""
    for start in range(0, len(items), size):
        yield items[start : start + size]
