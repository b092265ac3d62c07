"""Plan the NhanSu and QuaTrinh sheets: people to create or change, with their history.

The citizen ID is the key. A column missing from the sheet leaves that field as
it is, so a short workbook never blanks what a fuller one recorded.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from operator import attrgetter
from typing import Any

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import search_key
from dangvien.imports.domain.parse import SheetRows
from dangvien.imports.domain.person_rows import PersonRow
from dangvien.imports.domain.timeline import PeriodDraft, cell_on, membership_end
from dangvien.imports.known_people import KnownMembership, KnownPerson
from dangvien.imports.plan_common import Check, SheetCount, changes_between, loggable

# NhanSu column key -> Person field it sets.
COLUMN_FIELDS = {
    "full_name": "full_name",
    "birth_date": "birth_date",
    "gender": "gender",
    "ethnicity": "ethnicity",
    "religion": "religion",
    "general_education": "general_education",
    "qualification": "qualification",
    "political_theory": "theory_level",
    "occupation": "occupation",
    "youth_union": "youth_union",
    "trade_union": "trade_union",
    "hometown": "hometown",
    "residence": "residence",
}
_ROW_ATTRIBUTES = {"political_theory": "theory_level"}
MEMBERSHIP_FIELDS = (
    "decision_date",
    "decision_number",
    "ceremony_date",
    "official_date",
    "end_date",
    "end_reason",
)


@dataclass(slots=True)
class PersonDraft:
    """A person as they will stand after the import, and what changes to get there."""

    row: PersonRow
    digest: str
    known: KnownPerson | None
    values: dict[str, Any]  # Person fields to set (all for a new person, changed ones otherwise)
    locality_code: str | None  # None: keep the current locality
    periods: list[PeriodDraft] | None = None  # replaces every period (new person, QuaTrinh)
    appended: list[PeriodDraft] = field(default_factory=list)  # after closing the open period
    membership: dict[str, Any] | None = None  # values of the admission to create or change
    positions_added: list[tuple[str, str]] = field(default_factory=list)
    positions_closed: list[int] = field(default_factory=list)
    opens_candidacy: bool = False  # a candidate with a source and no open candidacy yet
    changes: dict[str, Any] = field(default_factory=dict)  # for the access log

    @property
    def is_new(self) -> bool:
        """Return whether the import creates this person."""
        return self.known is None


@dataclass(slots=True)
class PeoplePlan:
    """What the import does to people."""

    drafts: list[PersonDraft] = field(default_factory=list)
    count: SheetCount = field(default_factory=SheetCount)
    history_count: SheetCount = field(default_factory=SheetCount)


def row_values(row: PersonRow, present: Collection[str]) -> dict[str, Any]:
    """Return the Person fields the row sets: those whose column the sheet has."""
    return row_values_reader(present)(row)


def row_values_reader(present: Collection[str]) -> Callable[[PersonRow], dict[str, Any]]:
    """Return a function giving `row_values` of a row, for a sheet with the columns `present`.

    The fields are worked out once per sheet, not once per row.
    """
    pairs = [
        (person_field, _ROW_ATTRIBUTES.get(column, column))
        for column, person_field in COLUMN_FIELDS.items()
        if column in present
    ]
    fields = tuple(person_field for person_field, _ in pairs)
    if len(pairs) < 2:  # attrgetter of one name returns the value, not a tuple
        return lambda row: {name: getattr(row, attribute) for name, attribute in pairs}
    getter = attrgetter(*(attribute for _, attribute in pairs))
    return lambda row: dict(zip(fields, getter(row), strict=True))


@lru_cache(maxsize=65536)
def _search_key(full_name: str) -> str:
    return search_key(full_name)  # many people share a name


def is_other_person(row: PersonRow, known: KnownPerson) -> bool:
    """Return whether the database's holder of this citizen ID differs in name and birth date."""
    if row.birth_date == known.values.get("birth_date"):
        return False
    return _search_key(row.full_name) != known.name_key


def membership_target(
    row: PersonRow, periods: list[PeriodDraft], known: KnownMembership | None
) -> dict[str, Any] | None:
    """Return the admission the row describes, None if it names none (existing ones are kept)."""
    decided = row.admission_date
    if decided is None:
        return None
    end_date, end_reason = membership_end(periods, decided)
    if end_date is None and known is not None and known.decision_date == decided:
        # The workbook does not show how an earlier admission ended: keep what is recorded.
        end_date, end_reason_text = known.end_date, known.end_reason
    else:
        end_reason_text = end_reason.value if end_reason else ""
    return {
        "decision_date": decided,
        "decision_number": row.admission_number[:60],
        "ceremony_date": row.ceremony_date,
        "official_date": row.official_date,
        "end_date": end_date,
        "end_reason": end_reason_text,
        "admitted_in_code": cell_on(periods, decided, row.cell_code),
    }


def membership_changes(target: dict[str, Any], known: KnownMembership | None) -> dict[str, Any]:
    """Return the admission's changed fields (all of them for a new admission)."""
    if known is None:
        return {name: {"old": None, "new": loggable(target[name])} for name in MEMBERSHIP_FIELDS}
    old = {name: getattr(known, name) for name in MEMBERSHIP_FIELDS}
    new = {name: target[name] for name in MEMBERSHIP_FIELDS}
    return changes_between(old, new)


def positions_delta(
    row: PersonRow, known: KnownPerson | None
) -> tuple[list[tuple[str, str]], list[int]]:
    """Return the positions to add and the held positions (ids) to close."""
    if not row.positions and (known is None or not known.positions):
        return [], []
    wanted = list(row.positions)
    held = known.positions if known else {}
    added = [position for position in wanted if position not in held]
    closed = [pk for position, pk in held.items() if position not in wanted]
    return added, closed


def refuse(sheet: SheetRows, check: Check, row: PersonRow, key: str, error: DomainError) -> None:
    """Record a refusal at a cell of the row."""
    sheet.error(check.issues, row.position, key, error.message, error.code)


def today_or(day: date | None, check: Check) -> date:
    """Return `day`, or the import's day when it is None."""
    return day or check.today
