"""Read the cell snapshot: a unit's cell counters in one row, its flagged cells by prefix.

Only for the tree of the snapshot day itself (not restated with `as_of`), and only for
the rules the snapshot follows (`reports.cell_snapshot.CELL_RULES`, `COMMITTEE_RULE`);
callers check `cell_snapshot_fits` and `snapshot_usable` first.
"""

from __future__ import annotations

from datetime import date

from dangvien.core.gc_pause import gc_paused
from dangvien.orgs.paths import path_prefix_q
from dangvien.reports.cell_snapshot import CELL_COLUMNS, CELL_RULES, COMMITTEE_RULE
from dangvien.reports.domain.base import OrgRef, ReportScope
from dangvien.reports.domain.cells import (
    WARNINGS,
    CellHealthRules,
    CellsReport,
    cells_report_of,
)
from dangvien.reports.domain.coverage import CommitteeRule
from dangvien.reports.models import CellSnapshot


def cell_snapshot_fits(
    rules: CellHealthRules | None = None, committee: CommitteeRule | None = None
) -> bool:
    """Return whether the snapshot's counters follow these rules (None: not asked)."""
    return (rules is None or rules == CELL_RULES) and (
        committee is None or committee == COMMITTEE_RULE
    )


def snapshot_cell_counters(day: date, path: str) -> dict[str, int]:
    """Return the unit's cell counters on `day`: cells, each warning sign, with a committee.

    One row, whatever the size of the subtree; zeros when the unit has no cell.
    """
    row = (
        CellSnapshot.objects.filter(day=day, path=path, own=False)
        .values_list(*CELL_COLUMNS)
        .first()
    )
    return dict(zip(CELL_COLUMNS, row or (0,) * len(CELL_COLUMNS), strict=True))


def snapshot_cells_report(scope: ReportScope, day: date, path: str) -> CellsReport:
    """Build the cells report of the unit at `path` on `day` from the snapshot: two reads.

    The number of cells from the unit's row, the lists from the flagged cells' own rows
    under its path, in code order as the live report lists them.
    """
    cells = snapshot_cell_counters(day, path)["cells"]
    with gc_paused():  # ~59,000 rows nationally, no cycles: collections only cost time
        rows = list(
            CellSnapshot.objects.filter(path_prefix_q(path), day=day, own=True)
            .order_by("code")
            .values_list("code", "name", *WARNINGS)
        )
        # `_make` builds each reference from a slice in C; calling OrgRef(code, name) per
        # row took twice as long for the flagged cells of the whole country.
        refs = map(OrgRef._make, [row[:2] for row in rows])
        flagged = zip(refs, [row[2:] for row in rows], strict=True)
        return cells_report_of(scope=scope, rules=CELL_RULES, cells=cells, flagged=flagged)
