"""How generated rows map onto database tables, column by column.

Columns come from the models' metadata, so a field added later with a default
is filled without touching the generator; a new required field without a
default makes the writer fail loudly at start instead of writing bad rows.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

from django.db import connection, models
from django.utils import timezone

from dangvien.orgs.models import Locality, Organization, OrgVersion
from dangvien.people.models import Membership, Person, PositionHeld, StatusPeriod
from dangvien.people.services import digest_of
from dangvien.synth.domain.rows import (
    LocalityRow,
    MembershipRow,
    OrgRow,
    OrgVersionRow,
    PeriodRow,
    PersonRow,
    PositionRow,
)

Computed = dict[str, Callable[[Any], object]]


@dataclass(frozen=True)
class Table:
    """One target table: its name, its columns in order, and how to turn a row into values."""

    model: type[models.Model]
    chunk_field: str  # the Chunk attribute holding its rows
    columns: tuple[str, ...]
    values: Callable[[Any], tuple[object, ...]]

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


def _prepared(field: models.Field[Any, Any]) -> Callable[[Any], object]:
    """Return a function reading `field` from a row and preparing it like the ORM does."""
    read = attrgetter(field.attname)
    return lambda row: field.get_db_prep_save(read(row), connection)


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


def _table(
    model: type[models.Model], row_type: type, chunk_field: str, computed: Computed
) -> Table:
    """Return the mapping of `row_type` onto `model`'s concrete columns."""
    attributes = {f.name for f in dataclasses.fields(row_type)}
    now = timezone.now()
    plain: list[tuple[str, str]] = []
    derived: list[tuple[str, Callable[[Any], object]]] = []
    constants: list[tuple[str, object]] = []
    for field in model._meta.concrete_fields:
        column = field.column or field.attname
        if field.attname in computed:
            derived.append((column, computed[field.attname]))
        elif field.attname in attributes and type(field) in _PLAIN:
            plain.append((column, field.attname))
        elif field.attname in attributes:
            derived.append((column, _prepared(field)))
        else:
            constants.append((column, _constant(field, now)))
    getter = attrgetter(*(attname for _, attname in plain))
    functions = tuple(function for _, function in derived)
    fixed = tuple(value for _, value in constants)

    def values(row: Any) -> tuple[object, ...]:
        return getter(row) + tuple(function(row) for function in functions) + fixed

    columns = tuple(column for column, _ in (*plain, *derived, *constants))
    return Table(model, chunk_field, columns, values)


def tables() -> list[Table]:
    """Return the target tables in an order that satisfies their foreign keys."""
    return [
        _table(Organization, OrgRow, "orgs", {}),
        _table(OrgVersion, OrgVersionRow, "versions", {}),
        _table(Locality, LocalityRow, "localities", {}),
        _table(
            Person,
            PersonRow,
            "people",
            {"citizen_id_digest": lambda row: digest_of(row.citizen_id)},
        ),
        _table(PositionHeld, PositionRow, "positions", {}),
        _table(Membership, MembershipRow, "memberships", {}),
        _table(StatusPeriod, PeriodRow, "periods", {}),
    ]
