"""Folding each unit's own members into subtree totals, and back (no database)."""

from __future__ import annotations

import pytest

from dangvien.orgs.domain.tree import encode_segment
from dangvien.reports.domain.snapshot import (
    STOCK_COLUMNS,
    OwnStock,
    fold_stock,
    own_from_subtree,
    subtract,
)

ROOT = encode_segment(1)
COMMUNE = ROOT + encode_segment(2)
CELL_A = COMMUNE + encode_segment(3)
CELL_B = COMMUNE + encode_segment(4)


def counters(members: int, women: int = 0) -> tuple[int, ...]:
    values = dict.fromkeys(STOCK_COLUMNS, 0) | {"members": members, "women": women}
    return tuple(values[c] for c in STOCK_COLUMNS)


def test_each_cells_members_count_in_every_unit_above_it():
    rows = fold_stock(
        [
            OwnStock(CELL_A, "chinh_thuc", counters(3, women=1)),
            OwnStock(CELL_B, "chinh_thuc", counters(2)),
            OwnStock(CELL_B, "du_bi", counters(1, women=1)),
        ]
    )

    totals = {(r.path, r.status): r.counters for r in rows}
    assert totals[(ROOT, "chinh_thuc")] == counters(5, women=1)
    assert totals[(COMMUNE, "du_bi")] == counters(1, women=1)
    assert totals[(CELL_A, "chinh_thuc")] == counters(3, women=1)
    assert (CELL_A, "du_bi") not in totals


def test_a_row_knows_its_unit_and_parent_from_its_path():
    rows = fold_stock([OwnStock(CELL_A, "chinh_thuc", counters(1))])

    by_path = {r.path: r for r in rows}
    assert (by_path[CELL_A].org_id, by_path[CELL_A].parent_path) == (3, COMMUNE)
    assert (by_path[ROOT].org_id, by_path[ROOT].parent_path) == (1, "")


def test_a_units_own_members_are_its_total_minus_its_childrens():
    total = counters(7, women=2)

    own = own_from_subtree(total, [counters(3, women=1), counters(2)])

    assert own == counters(2, women=1)
    assert own_from_subtree(None, []) == counters(0)


def test_the_change_of_a_recount_is_the_difference_of_each_counter():
    assert subtract(counters(4, women=2), counters(5, women=1)) == counters(-1, women=1)


def test_a_row_with_the_wrong_number_of_counters_is_refused():
    with pytest.raises(ValueError, match="counters"):
        OwnStock(CELL_A, "chinh_thuc", (1, 2))
