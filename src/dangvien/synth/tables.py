"""How generated rows map onto database tables, column by column.

Columns come from the models' metadata, so a field added later with a default
is filled without touching the generator; a new required field without a
default makes the writer fail loudly at start instead of writing bad rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from django.db import connection, models
from django.utils import timezone

from dangvien.orgs.models import Locality, Organization, OrgVersion
from dangvien.people.models import Membership, Person, PositionHeld, StatusPeriod
from dangvien.people.services import digest_of
from dangvien.synth.domain.rows import field_names

# A column computed from one of the row's fields: (field name, function of its value).
Computed = dict[str, tuple[str, Callable[[Any], object]]]


@dataclass(frozen=True)
class Table:
    """One target table: its name, its columns in order, and how to turn a row into values."""

    model: type[models.Model]
    chunk_field: str  # the Chunk attribute holding its rows
    columns: tuple[str, ...]
    values: Callable[[Any], tuple[object, ...]]  # a row tuple (pipeline.as_tuples) in, values out

    @property
    def name(self) -> str:
        """Return the database table name."""
        return self.model._meta.db_table


# Field classes whose Python values the database adapters take as they are; a
# value of any other class (an encrypted field, say) goes through the field's
# own get_db_prep_save, so that what lands on disk is what the ORM would write.
_PLAIN = (
    models.BigAutoField,
    models.CharField,
    models.TextField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.BooleanField,
    models.DateField,
    models.ForeignKey,
)


def _prepared(field: models.Field[Any, Any], index: int) -> Callable[[Any], object]:
    """Return a function reading `field` from a row tuple and preparing it like the ORM does."""
    read = itemgetter(index)
    return lambda row: field.get_db_prep_save(read(row), connection)


def _computed(index: int, function: Callable[[Any], object]) -> Callable[[Any], object]:
    read = itemgetter(index)
    return lambda row: function(read(row))


def _constant(field: models.Field[Any, Any], now: object) -> object:
    """Return the value of a column the rows do not carry, or raise if there is none."""
    value: object
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        value = field.get_db_prep_save(now, connection)
        return value
    if field.has_default() or field.null:
        value = field.get_db_prep_save(field.get_default(), connection)
        return value
    raise LookupError(f"synth: no value for {field.model.__name__}.{field.attname}")


def _table(model: type[models.Model], chunk_field: str, computed: Computed) -> Table:
    """Return the mapping of the chunk list's row tuples onto `model`'s concrete columns."""
    position = {name: index for index, name in enumerate(field_names(chunk_field))}
    now = timezone.now()
    plain: list[tuple[str, int]] = []
    derived: list[tuple[str, Callable[[Any], object]]] = []
    constants: list[tuple[str, object]] = []
    for field in model._meta.concrete_fields:
        column = field.column or field.attname
        if field.attname in computed:
            source, function = computed[field.attname]
            derived.append((column, _computed(position[source], function)))
        elif field.attname in position and type(field) in _PLAIN:
            plain.append((column, position[field.attname]))
        elif field.attname in position:
            derived.append((column, _prepared(field, position[field.attname])))
        else:
            constants.append((column, _constant(field, now)))
    # Every table has several plain columns, so the getter always returns a tuple.
    getter: Callable[[Any], tuple[object, ...]] = itemgetter(*(index for _, index in plain))
    functions = tuple(function for _, function in derived)
    fixed = tuple(value for _, value in constants)

    def values(row: Any) -> tuple[object, ...]:
        return getter(row) + tuple(function(row) for function in functions) + fixed

    columns = tuple(column for column, _ in (*plain, *derived, *constants))
    return Table(model, chunk_field, columns, values)


def tables() -> list[Table]:
    """Return the target tables in an order that satisfies their foreign keys."""
    return [
        _table(Organization, "orgs", {}),
        _table(OrgVersion, "versions", {}),
        _table(Locality, "localities", {}),
        _table(Person, "people", {"citizen_id_digest": ("citizen_id", digest_of)}),
        _table(PositionHeld, "positions", {}),
        _table(Membership, "memberships", {}),
        _table(StatusPeriod, "periods", {}),
    ]
