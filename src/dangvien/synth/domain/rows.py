"""Plain rows produced by the generator, one dataclass per table.

Field names are the Django attribute names (`parent_id`, not `parent`), so the
writer can map them onto columns without a table of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date


@dataclass(slots=True)
class OrgRow:
    """An organisation's identity ("tổ chức đảng")."""

    id: int
    code: str
    name: str
    org_type: str


@dataclass(slots=True)
class OrgVersionRow:
    """One effective-dated period of an organisation."""

    id: int
    org_id: int
    name: str
    org_type: str
    parent_id: int | None
    may_admit: bool
    valid_from: date
    valid_to: date
    change: str
    decision_number: str = ""
    decision_date: date | None = None
    decision_body: str = ""


@dataclass(slots=True)
class LocalityRow:
    """A village or residential group and the cell that serves it."""

    id: int
    code: str
    name: str
    locality_type: str
    commune_id: int
    cell_id: int | None
    has_independent_cell: bool
    head_id: int | None
    admin_unit_code: str


@dataclass(slots=True)
class PersonRow:
    """A person record; the current status and cell mirror the open period."""

    id: int
    citizen_id: str
    full_name: str
    name_key: str
    sort_key: str
    birth_date: date
    gender: str
    ethnicity: str
    religion: str
    general_education: str
    qualification: str
    theory_level: str
    occupation: str
    youth_union: bool
    trade_union: bool
    hometown: str
    residence: str
    residence_unit_code: str
    locality_id: int | None
    current_org_id: int
    current_status: str


@dataclass(slots=True)
class PositionRow:
    """A position held (village head, Front committee head...)."""

    id: int
    person_id: int
    title: str
    label: str
    valid_from: date | None
    valid_to: date | None


@dataclass(slots=True)
class MembershipRow:
    """One admission and how it ended."""

    id: int
    person_id: int
    decision_date: date
    decision_number: str
    ceremony_date: date | None
    official_date: date | None
    end_date: date | None
    end_reason: str
    admitted_in_id: int


@dataclass(slots=True)
class PeriodRow:
    """A status period of one person in one cell."""

    id: int
    person_id: int
    org_id: int
    status: str
    valid_from: date
    valid_to: date
    note: str = ""


@dataclass
class Chunk:
    """Rows of every table for one slice of the country (the top levels or one commune)."""

    orgs: list[OrgRow] = field(default_factory=list)
    versions: list[OrgVersionRow] = field(default_factory=list)
    localities: list[LocalityRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    positions: list[PositionRow] = field(default_factory=list)
    memberships: list[MembershipRow] = field(default_factory=list)
    periods: list[PeriodRow] = field(default_factory=list)

    def extend(self, other: Chunk) -> None:
        """Append every row of `other`."""
        for name in TABLES:
            getattr(self, name).extend(getattr(other, name))

    def size(self) -> int:
        """Return the number of rows in all tables."""
        return sum(len(getattr(self, name)) for name in TABLES)


# Insertion order that satisfies every foreign key except Locality.head, which
# the writers handle by deferring constraint checks to the end of the transaction.
TABLES = ("orgs", "versions", "localities", "people", "positions", "memberships", "periods")

# The row class of each Chunk list.
ROW_TYPES: dict[str, type] = {
    "orgs": OrgRow,
    "versions": OrgVersionRow,
    "localities": LocalityRow,
    "people": PersonRow,
    "positions": PositionRow,
    "memberships": MembershipRow,
    "periods": PeriodRow,
}


def field_names(table: str) -> tuple[str, ...]:
    """Return the field names of a Chunk list's rows, in declaration order."""
    return tuple(f.name for f in fields(ROW_TYPES[table]))
