"""The cell half of a snapshot day: each cell's warning signs, rolled up per unit.

Built and refreshed with the member snapshot (reports.snapshot), which owns the days and
the marks: a cell is recounted when its members change (the same marks as its member
rows, read after them) and when an admission into it changes (reports.signals, or the
snapshot day's membership watermark for admissions loaded in bulk). A unit's subtree row
answers "how many cells, how many with each sign" in one read; the flagged cells' own
rows, with their code and name, are the report's lists, read by path prefix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce

from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.paths import spans_on
from dangvien.orgs.selectors import CELL_TYPES
from dangvien.people.domain.enums import FULL_MEMBER_STATUSES, Status
from dangvien.people.models import Membership
from dangvien.reports.bulk import Value, add_rows, insert_rows
from dangvien.reports.domain.base import OrgRef
from dangvien.reports.domain.cells import WARNINGS, CellFacts, CellHealthRules, cell_warnings
from dangvien.reports.domain.coverage import CommitteeRule
from dangvien.reports.domain.snapshot import fold_totals, stock_row, subtree_changes
from dangvien.reports.models import CellSnapshot, MemberSnapshot

# The counters of a row: cells, cells showing each sign, cells with a committee.
CELL_COLUMNS: tuple[str, ...] = ("cells", *WARNINGS, "with_committee")
# The rules the stored signs follow; reports with other rules count live.
CELL_RULES = CellHealthRules()
COMMITTEE_RULE = CommitteeRule()
_ROW_COLUMNS = ["day", "org_id", "path", "parent_path", "own", "code", "name", *CELL_COLUMNS]
_KEY = ""  # one row per unit: the generic fold is keyed by (path, key)


@dataclass(frozen=True)
class CellOwn:
    """One cell on a snapshot day: where it stands, how it is listed, its counters."""

    path: str
    ref: OrgRef
    counters: tuple[int, ...]

    @property
    def flagged(self) -> bool:
        return any(self.counters[1 : 1 + len(WARNINGS)])


def _own_cells(day: date, org_ids: Sequence[int] | None = None) -> list[CellOwn]:
    """Return the cells on `day` (those among `org_ids` when given) with their counters.

    Members come from the day's own member rows, so they must be current (a build or a
    recount of the member snapshot runs first, in the same transaction).
    """
    cells = spans_on(day).filter(version__org_type__in=CELL_TYPES)
    stock = MemberSnapshot.objects.filter(day=day, own=True)
    if org_ids is not None:
        cells = cells.filter(org_id__in=org_ids)
        stock = stock.filter(org_id__in=org_ids)
    full = [s.value for s in FULL_MEMBER_STATUSES]
    figures = {
        org_id: row
        for org_id, *row in stock.values("org_id")
        .annotate(
            n=Sum("members"),
            official=Coalesce(Sum("members", filter=Q(status__in=full)), 0),
            women_n=Sum("women"),
            elderly_n=Sum("elderly"),
            exempt=Coalesce(Sum("members", filter=Q(status=Status.EXEMPT.value)), 0),
        )
        .values_list("org_id", "n", "official", "women_n", "elderly_n", "exempt")
        .order_by()
    }
    last = Subquery(
        Membership.objects.filter(admitted_in_id=OuterRef("org_id"), decision_date__lte=day)
        .order_by("-decision_date")
        .values("decision_date")[:1]
    )
    rows = cells.annotate(last=last).values_list(
        "org_id", "path", "org__code", "version__name", "last"
    )
    found = []
    for org_id, path, code, name, last_admission in rows:
        members, official, women, elderly, exempt = figures.get(org_id, (0, 0, 0, 0, 0))
        facts = CellFacts(
            OrgRef(code, name), members, official, women, elderly, exempt, last_admission
        )
        signs = cell_warnings(facts, to=day, rules=CELL_RULES)
        committee = official >= COMMITTEE_RULE.min_official_members
        counters = (1, *(int(s) for s in signs), int(committee))
        found.append(CellOwn(path, facts.org, counters))
    return found


def _values(
    day: date, path: str, own: bool, counters: Sequence[int], ref: OrgRef | None
) -> tuple[Value, ...]:
    row = stock_row(path, _KEY, counters)
    code, name = (ref.code, ref.name) if ref else ("", "")
    return (day, row.org_id, path, row.parent_path, own, code, name, *row.counters)


def cell_snapshot_count(day: date) -> int:
    """Store every unit's cell counters of `day` and the flagged cells; return the rows."""
    own = _own_cells(day)
    totals = fold_totals((cell.path, _KEY, cell.counters) for cell in own)
    rows = [_values(day, path, False, counters, None) for (path, _), counters in totals.items()]
    rows += [_values(day, c.path, True, c.counters, c.ref) for c in own if c.flagged]
    return insert_rows(CellSnapshot, _ROW_COLUMNS, rows)


def cell_snapshot_recount(day: date, org_ids: Sequence[int]) -> None:
    """Recount these units' cells on `day` and move every ancestor's counters by the change.

    Units that are not cells that day are ignored. A cell's old counters are its subtree
    row minus its children's (cells have none), so a second recount moves nothing.
    """
    fresh_cells = _own_cells(day, org_ids)
    paths = list(
        spans_on(day)
        .filter(org_id__in=org_ids, version__org_type__in=CELL_TYPES)
        .values_list("path", flat=True)
    )
    if not paths:
        return
    size = len(CELL_COLUMNS)
    children: dict[tuple[str, str], list[int]] = {}
    for path, counters in _stored(day, Q(parent_path__in=paths)).items():
        total = children.setdefault((path[:-SEGMENT], _KEY), [0] * size)
        for i, value in enumerate(counters):
            total[i] += value
    changes = subtree_changes(
        paths,
        stored={(p, _KEY): c for p, c in _stored(day, Q(path__in=paths)).items()},
        children=children,
        fresh={(c.path, _KEY): c.counters for c in fresh_cells},
        size=size,
    )
    if changes:
        add_rows(
            CellSnapshot,
            _ROW_COLUMNS,
            key=["day", "path", "own"],
            added=CELL_COLUMNS,
            rows=(_values(day, p, False, delta, None) for (p, _), delta in changes.items()),
        )
        CellSnapshot.objects.filter(
            day=day, own=False, cells=0, path__in=[p for p, _ in changes]
        ).delete()
    # The flagged cells' own rows are replaced outright.
    CellSnapshot.objects.filter(day=day, own=True, path__in=paths).delete()
    insert_rows(
        CellSnapshot,
        _ROW_COLUMNS,
        [_values(day, c.path, True, c.counters, c.ref) for c in fresh_cells if c.flagged],
    )


def _stored(day: date, where: Q) -> dict[str, tuple[int, ...]]:
    rows = CellSnapshot.objects.filter(where, day=day, own=False).values_list("path", *CELL_COLUMNS)
    return {path: tuple(counters) for path, *counters in rows}


def cell_snapshot_forget(first: date, last: date) -> None:
    """Drop the rows of the days between two dates."""
    CellSnapshot.objects.filter(day__range=(first, last)).delete()
