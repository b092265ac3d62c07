"""Bulk loads on PostgreSQL: COPY new instances; drop and restore indexes around a load.

Maintaining half a dozen b-trees row by row is what makes a multi-million-row load
slow; building each index once from the finished table is several times faster,
and checking a foreign key once over the whole table is cheaper than a trigger
per row. Everything runs in the caller's transaction (PostgreSQL's DDL is
transactional), so a failed load leaves the schema as it was. While the load
runs, the table is locked against readers: use it for loads and rebuilds, not
for everyday writes.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connection, connections, models, transaction


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


# Fields whose Python values psycopg writes as they are: no Django conversion per value.
_AS_IS = frozenset(
    {
        "AutoField",
        "BigAutoField",
        "SmallAutoField",
        "IntegerField",
        "BigIntegerField",
        "SmallIntegerField",
        "PositiveIntegerField",
        "PositiveSmallIntegerField",
        "PositiveBigIntegerField",
        "CharField",
        "TextField",
        "DateField",
        "BooleanField",
        "DecimalField",
        "ForeignKey",
        "OneToOneField",
    }
)


def create_all(
    objects: Sequence[models.Model], *, ignore_conflicts: bool = False, batch_size: int = 5000
) -> None:
    """Insert new instances of one model; like `bulk_create`, but with COPY on PostgreSQL.

    `bulk_create` spends most of a large load compiling one INSERT per batch and
    reading back the ids; COPY streams the rows. The ids are reserved from the
    table's sequence first and set on the instances, so that children created
    with `parent=instance` pick them up (as after `bulk_create`). With
    `ignore_conflicts` the rows go through a temporary table and `INSERT ... ON
    CONFLICT DO NOTHING`, and the instances keep no id (as with `bulk_create`).
    Elsewhere than on PostgreSQL this is `bulk_create`.
    """
    if not objects:
        return
    model = type(objects[0])
    db = connections[DEFAULT_DB_ALIAS]  # the object itself: the proxy costs a lookup per use
    if db.vendor != "postgresql":
        model._default_manager.bulk_create(
            objects, batch_size=batch_size, ignore_conflicts=ignore_conflicts
        )
        return
    opts = model._meta
    quote = db.ops.quote_name
    table = opts.db_table
    fields = [f for f in opts.concrete_fields if not getattr(f, "generated", False)]
    id_column = str(opts.pk.column)
    _take_parent_ids(objects, fields)
    with db.cursor() as cursor:
        _reserve_ids(cursor, table, id_column, [o for o in objects if o.pk is None])
        target = f"_copy_{table}" if ignore_conflicts else table
        if ignore_conflicts:
            cursor.execute(
                f"CREATE TEMP TABLE {quote(target)} (LIKE {quote(table)} INCLUDING DEFAULTS)"
            )
        columns = ", ".join(quote(str(f.column)) for f in fields)
        row_of = _row_maker(fields, db)
        with cursor.cursor.copy(f"COPY {quote(target)} ({columns}) FROM STDIN") as copy:
            for obj in objects:
                copy.write_row(row_of(obj))
        if ignore_conflicts:
            cursor.execute(
                # Names from model metadata, quoted; the rows came in through COPY.
                f"INSERT INTO {quote(table)} ({columns}) SELECT {columns} "  # noqa: S608  # nosec B608
                f"FROM {quote(target)} ORDER BY {quote(id_column)} ON CONFLICT DO NOTHING"
            )
            cursor.execute(f"DROP TABLE {quote(target)}")
    for obj in objects:
        obj._state.adding = False
        obj._state.db = DEFAULT_DB_ALIAS
        if ignore_conflicts:
            obj.pk = None


def _take_parent_ids(objects: Sequence[models.Model], fields: Sequence[Any]) -> None:
    """Copy the id of a parent given as an instance (parent=obj) into parent_id, as save does."""
    for field in fields:
        if not (field.is_relation and (field.many_to_one or field.one_to_one)):
            continue
        for obj in objects:
            if getattr(obj, field.attname) is None and field.is_cached(obj):
                parent = field.get_cached_value(obj)
                if parent is not None:
                    if parent.pk is None:
                        raise ValueError(f"{field.name}: the parent has not been created yet")
                    setattr(obj, field.attname, parent.pk)


def _row_maker(fields: Sequence[Any], db: Any) -> Any:
    """Return a function giving an instance's column values in `fields` order."""
    as_is = [f.get_internal_type() in _AS_IS and not _stamped(f) for f in fields]
    if all(as_is):
        names = [f.attname for f in fields]
        return lambda obj: [getattr(obj, name) for name in names]
    plan = list(zip(fields, as_is, strict=True))
    return lambda obj: [
        getattr(obj, f.attname) if plain else f.get_db_prep_save(f.pre_save(obj, add=True), db)
        for f, plain in plan
    ]


def _stamped(field: Any) -> bool:
    """Whether saving fills the field (auto_now, auto_now_add), so it needs its pre_save."""
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _reserve_ids(cursor: Any, table: str, column: str, objects: Sequence[models.Model]) -> None:
    """Take the next len(objects) values of the table's id sequence and give them out in order."""
    if not objects:
        return
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        [table, column, len(objects)],
    )
    for obj, value in zip(objects, sorted(row[0] for row in cursor.fetchall()), strict=True):
        obj.pk = value
