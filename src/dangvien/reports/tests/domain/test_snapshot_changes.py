"""Moving subtree totals by a unit's recount, whatever the key counted by (no database)."""

from __future__ import annotations

from dangvien.orgs.domain.tree import encode_segment
from dangvien.reports.domain.snapshot import fold_totals, subtree_changes

ROOT = encode_segment(1)
COMMUNE = ROOT + encode_segment(2)
CELL_A = COMMUNE + encode_segment(3)
CELL_B = COMMUNE + encode_segment(4)


def test_fold_totals_adds_each_units_counters_to_every_unit_above_it():
    totals = fold_totals([(CELL_A, "x", (2,)), (CELL_B, "x", (1,)), (CELL_B, "y", (5,))])

    assert totals == {
        (CELL_A, "x"): [2],
        (CELL_B, "x"): [1],
        (CELL_B, "y"): [5],
        (COMMUNE, "x"): [3],
        (COMMUNE, "y"): [5],
        (ROOT, "x"): [3],
        (ROOT, "y"): [5],
    }


def test_a_recounted_cell_moves_itself_and_its_ancestors_by_the_difference():
    stored = {(CELL_A, "x"): (2,)}

    changes = subtree_changes(
        [CELL_A], stored=stored, children={}, fresh={(CELL_A, "y"): (2,)}, size=1
    )

    assert changes == {
        (CELL_A, "x"): [-2],
        (COMMUNE, "x"): [-2],
        (ROOT, "x"): [-2],
        (CELL_A, "y"): [2],
        (COMMUNE, "y"): [2],
        (ROOT, "y"): [2],
    }


def test_a_unit_with_children_is_recounted_from_its_own_counters_only():
    # the commune holds 1 candidacy of its own and 3 in its cells
    stored = {(COMMUNE, "x"): (4,)}
    children = {(COMMUNE, "x"): (3,)}

    unchanged = subtree_changes(
        [COMMUNE], stored=stored, children=children, fresh={(COMMUNE, "x"): (1,)}, size=1
    )
    gone = subtree_changes([COMMUNE], stored=stored, children=children, fresh={}, size=1)

    assert unchanged == {}
    assert gone == {(COMMUNE, "x"): [-1], (ROOT, "x"): [-1]}
