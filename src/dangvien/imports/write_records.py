"""Write the records around a person: status periods, admissions, positions, per-cell tallies.

Shared by new and existing people; everything is inserted in bulk.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from dangvien.imports.bulk import bulk_insert
from dangvien.imports.domain.timeline import PeriodDraft
from dangvien.imports.known import chunked
from dangvien.imports.people_plan import PersonDraft
from dangvien.orgs.counts_cache import counts_changed
from dangvien.people.models import CellTally, Membership, PositionHeld, StatusPeriod

PERIOD_COLUMNS = ("person_id", "org_id", "status", "valid_from", "valid_to", "note")
MEMBERSHIP_COLUMNS = (
    "person_id",
    "decision_date",
    "decision_number",
    "ceremony_date",
    "official_date",
    "end_date",
    "end_reason",
    "admitted_in_id",
)
POSITION_COLUMNS = ("person_id", "title", "label", "valid_from", "valid_to")


def insert_periods(periods: Iterable[tuple[int, PeriodDraft]], orgs: Mapping[str, int]) -> None:
    """Insert (person id, period) pairs."""
    bulk_insert(
        StatusPeriod,
        PERIOD_COLUMNS,
        (
            (person, orgs[p.cell_code], p.status.value, p.valid_from, p.valid_to, p.note)
            for person, p in periods
        ),
    )


def membership_row(
    person_id: int, values: Mapping[str, Any], orgs: Mapping[str, int]
) -> tuple[object, ...]:
    """Return the insert values of an admission."""
    return (
        person_id,
        values["decision_date"],
        values["decision_number"],
        values["ceremony_date"],
        values["official_date"],
        values["end_date"],
        values["end_reason"],
        orgs[values["admitted_in_code"]],
    )


def insert_memberships(rows: Iterable[tuple[object, ...]]) -> None:
    """Insert admissions given as membership_row() tuples."""
    bulk_insert(Membership, MEMBERSHIP_COLUMNS, rows)


def insert_positions(positions: Iterable[tuple[int, str, str]], since: date | None) -> None:
    """Insert (person id, code, label) positions held from `since` (None: not recorded)."""
    bulk_insert(
        PositionHeld,
        POSITION_COLUMNS,
        ((person, code, label[:200], since, None) for person, code, label in positions),
    )


def close_positions(ids: Sequence[int], day: date) -> None:
    """Record that these positions ended on `day`."""
    if ids:
        PositionHeld.objects.filter(pk__in=ids).update(valid_to=day)


def tally_changes(
    drafts: Iterable[PersonDraft], orgs: Mapping[str, int]
) -> Counter[tuple[int, str]]:
    """Return the change of head count per (cell id, status) the drafts make."""
    delta: Counter[tuple[int, str]] = Counter()
    for draft in drafts:
        row, known = draft.row, draft.known
        new = (orgs[row.cell_code], row.status.value)
        old = (known.current_org_id, known.current_status) if known else None
        if old != new:
            delta[new] += 1
            if old is not None:
                delta[old] -= 1
    return delta


def apply_tallies(delta: Counter[tuple[int, str]]) -> None:
    """Add the changes to the per-cell tallies, creating missing rows, in a few queries."""
    counts_changed()  # the home page's cached sums
    keys = [key for key, change in delta.items() if change]
    if not keys:
        return
    existing: dict[tuple[int, str], CellTally] = {}
    for batch in chunked({org for org, _ in keys}):
        for row in CellTally.objects.filter(org_id__in=batch):
            existing[(row.org_id, row.status)] = row
    changed: list[CellTally] = []
    created: list[tuple[int, str, int]] = []
    for key in keys:
        tally = existing.get(key)
        if tally is None:
            created.append((key[0], key[1], delta[key]))
        else:
            tally.count += delta[key]
            changed.append(tally)
    CellTally.objects.bulk_update(changed, ["count"], batch_size=1000)
    bulk_insert(CellTally, ("org_id", "status", "count"), created)
