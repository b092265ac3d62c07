"""Restated counts (`as_of`) from the pre-aggregates' subtree totals, by moved blocks.

The shape of the computation is in reports.domain.restate; this module finds, for the
tree of each stretch of the period, the units that moved before the tree of `as_of`
(from the unit versions that changed in between, an indexed range) and reads the subtree
totals of those units and of the subject's children: a few thousand rows for the whole
country, where placing every unit's own rows reads hundreds of thousands. Callers keep
the unit-by-unit placement for periods whose tree changed too often (`MAX_TREES`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from django.db.models import Q

from dangvien.orgs.domain.tree import SEGMENT, decode_path
from dangvien.orgs.models import OrgSpan, OrgVersion
from dangvien.orgs.paths import spans_on
from dangvien.reports.domain.restate import (
    Counters,
    MovedUnit,
    RestatePlan,
    add_counters,
    plan_restatement,
    restate,
)

# A period whose tree changed more often than this is restated unit by unit instead:
# each tree of the period costs a few queries here.
MAX_TREES = 8
# The moved units are found for the whole tree (about 0.1 s after the 2025 reorganisation),
# worth it where unit-by-unit placement reads many units' rows: the root (0.8 s) and a
# province (0.1–0.3 s by its size, against 0.11–0.14 s by blocks, docs/performance.md).
# Below a province placing its units is quicker.
BLOCKS_MAX_DEPTH = 2


def block_stretches(path: str, first: date, last: date) -> list[tuple[date, date]] | None:
    """Return the stretches to restate the unit at `path` by blocks, or None to place units."""
    if len(path) // SEGMENT > BLOCKS_MAX_DEPTH:
        return None
    return tree_stretches(first, last)


def tree_stretches(first: date, last: date) -> list[tuple[date, date]] | None:
    """Return the stretches of the period with one tree each, or None beyond MAX_TREES.

    The tree changes only where a unit's version starts or ends.
    """
    if first >= last:
        return [(first, last)]  # one day has one tree: no query
    versions = OrgVersion.objects.order_by()
    starts = versions.filter(valid_from__gt=first, valid_from__lte=last).values_list(
        "valid_from", flat=True
    )
    ends = versions.filter(valid_to__gte=first, valid_to__lt=last).values_list(
        "valid_to", flat=True
    )
    changes = sorted(set(starts.distinct()) | {d + timedelta(days=1) for d in ends.distinct()})
    if len(changes) >= MAX_TREES:
        return None
    bounds = [first, *changes]
    return [
        (start, (bounds[i + 1] - timedelta(days=1)) if i + 1 < len(bounds) else last)
        for i, start in enumerate(bounds)
    ]


def moved_units(day: date, tree_day: date) -> tuple[MovedUnit, ...]:
    """Return the units on the tree of `day` placed differently, or absent, on `tree_day`'s."""
    low, high = sorted((day, tree_day))
    if low == high:
        return ()
    changed = OrgVersion.objects.filter(
        Q(valid_from__gt=low, valid_from__lte=high) | Q(valid_to__gte=low, valid_to__lt=high)
    ).values("org_id")
    # One query, the ids staying in the database: a few thousand index probes.
    spans = OrgSpan.objects.filter(
        Q(valid_from__lte=day, valid_to__gte=day)
        | Q(valid_from__lte=tree_day, valid_to__gte=tree_day),
        org_id__in=changed,
    ).values_list("org_id", "path", "parent_id", "valid_from", "valid_to")
    before: dict[int, tuple[str, int | None]] = {}
    after: dict[int, tuple[str, int | None]] = {}
    for org, path, parent, start, end in spans:
        if start <= day <= end:
            before[org] = (path, parent)
        if start <= tree_day <= end:
            after[org] = (path, parent)
    moved = []
    for org, (path_then, parent_then) in sorted(before.items()):
        placed = after.get(org)
        if placed is None or placed[1] != parent_then:
            moved.append(MovedUnit(path_then, None if placed is None else placed[0]))
    return tuple(moved)


def plan_on(path: str, day: date, tree_day: date) -> RestatePlan:
    """Return the restatement plan of the unit at `path` on the tree of `tree_day`, from `day`'s."""
    org_id = decode_path(path)[-1]
    spans = spans_on(day)
    on_day = spans.filter(org_id=org_id).values_list("path", flat=True).first()
    children: list[str] = []
    if on_day is not None:
        children = list(spans.filter(parent_id=org_id).values_list("path", flat=True))
    return plan_restatement(
        subject_on_tree=path,
        subject_on_day=on_day,
        children_on_day=children,
        moved=moved_units(day, tree_day),
        segment=SEGMENT,
    )


Figures = dict[str, Counters]


def restated_figures(
    path: str,
    tree_day: date,
    stretches: Sequence[tuple[date, date]],
    read: Callable[[RestatePlan, date, date], tuple[Figures, Figures]],
    size: int,
) -> dict[str, Counters]:
    """Sum the restated figures of each stretch; keys as in reports.domain.restate.

    `read(plan, first, last)` returns the own figures of `plan.own_paths()` and the
    subtree totals of `plan.subtree_paths()` over the stretch, on the stretch's tree.
    """
    summed: dict[str, list[int]] = {}
    for first, last in stretches:
        plan = plan_on(path, first, tree_day)
        own, totals = read(plan, first, last)
        for key, counters in restate(plan, own=own, totals=totals, size=size).items():
            add_counters(summed, key, counters)
    return {key: tuple(values) for key, values in summed.items()}
