"""Restating on another day's tree by moved blocks equals placing every unit (no database)."""

from __future__ import annotations

import random

import pytest

from dangvien.orgs.domain.tree import SEGMENT, encode_segment
from dangvien.reports.domain.restate import MovedUnit, plan_restatement, restate

Tree = dict[int, int | None]  # unit -> parent (None for the root)


def _paths(tree: Tree) -> dict[int, str]:
    paths: dict[int, str] = {}

    def path(unit: int) -> str:
        if unit not in paths:
            parent = tree[unit]
            paths[unit] = (path(parent) if parent is not None else "") + encode_segment(unit)
        return paths[unit]

    for unit in tree:
        path(unit)
    return paths


def _placed(subject: int, tree_t: Tree, own: dict[int, tuple[int, ...]]) -> dict[str, tuple]:
    """The reference: each unit's own figures summed by the subject's child holding it on T."""
    paths = _paths(tree_t)
    top = paths[subject]
    width = len(top) + SEGMENT
    found: dict[str, list[int]] = {}
    for unit, figures in own.items():
        where = paths.get(unit)
        if where is None or not where.startswith(top):
            continue
        key = where[:width]
        slot = found.setdefault(key, [0] * len(figures))
        for i, value in enumerate(figures):
            slot[i] += value
    return {key: tuple(v) for key, v in found.items() if any(v)}


def _by_blocks(subject: int, tree_d: Tree, tree_t: Tree, own: dict[int, tuple[int, ...]]) -> dict:
    """Restate as the reports do: subtree totals on D, the moved units, the plan."""
    paths_d, paths_t = _paths(tree_d), _paths(tree_t)
    size = len(next(iter(own.values())))
    totals: dict[str, list[int]] = {}
    for unit, figures in own.items():
        if unit not in paths_d:
            continue
        path = paths_d[unit]
        for end in range(SEGMENT, len(path) + 1, SEGMENT):
            slot = totals.setdefault(path[:end], [0] * size)
            for i, value in enumerate(figures):
                slot[i] += value
    moved = [
        MovedUnit(paths_d[u], paths_t.get(u))
        for u in tree_d
        if u not in tree_t or tree_t[u] != tree_d[u]
    ]
    on_day = paths_d.get(subject)
    plan = plan_restatement(
        subject_on_tree=paths_t[subject],
        subject_on_day=on_day,
        children_on_day=[paths_d[u] for u, p in tree_d.items() if p == subject],
        moved=moved,
        segment=SEGMENT,
    )
    wanted_totals = {p: tuple(totals.get(p, (0,) * size)) for p in plan.subtree_paths()}
    by_path = {paths_d[u]: f for u, f in own.items() if u in paths_d}
    wanted_own = {p: by_path[p] for p in plan.own_paths() if p in by_path}
    return restate(plan, own=wanted_own, totals=wanted_totals, size=size)


# Root 1; provinces 2, 3; districts 4 (under 2), 5 (under 3); communes 6, 7 under 4, 8 under 5;
# cells 9, 10 under 6, 11 under 7, 12 under 8.
BEFORE: Tree = {1: None, 2: 1, 3: 1, 4: 2, 5: 3, 6: 4, 7: 4, 8: 5, 9: 6, 10: 6, 11: 7, 12: 8}
OWN = {unit: (unit, 1) for unit in BEFORE}  # figures on D: units of D only


def test_districts_dissolved_and_communes_under_their_province_need_no_commune_figures():
    after = {u: p for u, p in BEFORE.items() if u not in (4, 5)} | {6: 2, 7: 2, 8: 3}
    paths = _paths(BEFORE)
    moved = [MovedUnit(paths[u], _paths(after).get(u)) for u in (4, 5, 6, 7, 8)]

    plan = plan_restatement(
        subject_on_tree=_paths(after)[1],
        subject_on_day=paths[1],
        children_on_day=[paths[2], paths[3]],
        moved=moved,
        segment=SEGMENT,
    )

    assert plan.blocks == ()
    assert plan.subtree_paths() == sorted([paths[2], paths[3]])
    assert plan.own_paths() == sorted([paths[1], paths[4], paths[5]])
    assert _by_blocks(1, BEFORE, after, OWN) == _placed(1, after, OWN)


def test_a_commune_moved_to_another_province_carries_its_cells_with_it():
    after = dict(BEFORE) | {7: 5}

    result = _by_blocks(1, BEFORE, after, OWN)

    assert result == _placed(1, after, OWN)
    paths = _paths(after)
    assert result[paths[3]] == (3 + 5 + 8 + 12 + 7 + 11, 6)


def test_the_district_losing_a_commune_reports_what_is_left():
    after = dict(BEFORE) | {7: 5}

    assert _by_blocks(4, BEFORE, after, OWN) == _placed(4, after, OWN)
    assert _by_blocks(5, BEFORE, after, OWN) == _placed(5, after, OWN)


def test_a_unit_created_after_the_day_counted_holds_only_what_moved_under_it():
    after = dict(BEFORE) | {13: 2, 6: 13}

    assert _by_blocks(13, BEFORE, after, OWN) == _placed(13, after, OWN)
    assert _by_blocks(2, BEFORE, after, OWN) == _placed(2, after, OWN)


def test_a_moved_subject_reports_its_own_subtree_from_its_new_place():
    after = dict(BEFORE) | {6: 7}

    assert _by_blocks(6, BEFORE, after, OWN) == _placed(6, after, OWN)
    assert _by_blocks(7, BEFORE, after, OWN) == _placed(7, after, OWN)


def _reorganise(tree: Tree, rng: random.Random, next_id: int) -> Tree:
    """Return a valid later tree: units re-parented (never under their own subtree),
    dissolved (their children moved elsewhere first) and created."""
    after = dict(tree)

    def under(unit: int, ancestor: int) -> bool:
        while unit is not None:
            if unit == ancestor:
                return True
            unit = after[unit]  # type: ignore[assignment]
        return False

    units = [u for u in tree if tree[u] is not None]
    for _ in range(rng.randint(0, 6)):
        unit = rng.choice(units)
        if unit not in after:
            continue
        targets = [t for t in after if not under(t, unit)]
        after[unit] = rng.choice(targets)
    for _ in range(rng.randint(0, 3)):
        unit = rng.choice(units)
        if unit not in after:
            continue
        children = [c for c, p in after.items() if p == unit]
        keep = [t for t in after if not under(t, unit)]
        for child in children:
            after[child] = rng.choice(keep)
        del after[unit]
    for new in range(next_id, next_id + rng.randint(0, 3)):
        after[new] = rng.choice(list(after))
    return after


def _random_tree(rng: random.Random, size: int) -> Tree:
    tree: Tree = {1: None}
    for unit in range(2, size + 1):
        tree[unit] = rng.choice(list(tree))
    return tree


@pytest.mark.parametrize("seed", range(60))
def test_blocks_equal_placing_each_unit_for_every_subject_of_a_random_reorganisation(seed: int):
    rng = random.Random(seed)
    before = _random_tree(rng, rng.randint(2, 40))
    after = _reorganise(before, rng, next_id=100)
    own = {u: (rng.randint(0, 9), rng.randint(0, 3)) for u in before}

    for subject in after:
        assert _by_blocks(subject, before, after, own) == _placed(subject, after, own), subject
