"""Restate subtree totals on another day's tree from a few stored subtree totals.

A report restated with `as_of` places each unit's own figures where the unit stood on
the tree of `as_of` (T), while the pre-aggregates hold subtree totals on the tree of the
day counted (D). Between the two trees only some units break the structure: those whose
parent changed and those that exist on D but not on T ("moved" units). Every other unit
keeps its parent, hence its whole chain up to its nearest moved ancestor, so each moved
unit carries a rigid block to its place on T: its subtree on D without the subtrees of
the moved units below it. A dissolved unit's children all moved (a unit cannot outlive
its parent, orgs.domain.tree), so only its own figures disappear with it.

A report only needs figures per child of the subject (a "key": the child's path on T, or
the subject's own path for its own figures). A moved unit whose block lands in the key it
already counted in (a commune placed under its own province when its district is
dissolved) changes nothing and needs no figures: the plan reads the subtree totals of the
other moved units only. After the 2025 reorganisation that is none of the 3,300 communes
for the whole country by province, instead of every one of 300,000 units' rows.

Paths are strings of fixed-width segments, one per unit from the root down (see
orgs.domain.tree). Figures are tuples of counters of one length, added element-wise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

Counters = tuple[int, ...]
# The key of the subject's own block on D: units under the subject not under a child that
# stayed. Its remainder is never reported (the subject's own figures are read directly).
_SUBJECT = "\0subject"


@dataclass(frozen=True)
class MovedUnit:
    """A unit that exists on D and either has another parent on T or does not exist on T."""

    path_on_day: str
    path_on_tree: str | None


@dataclass(frozen=True)
class Cut:
    """Figures leaving an anchor's block: a moved unit's subtree, or a dissolved unit's own."""

    anchor: str
    path: str
    subtree: bool


@dataclass(frozen=True)
class RestatePlan:
    """What to read on D and where each block lands on T."""

    subject_on_tree: str
    subject_on_day: str | None
    kept_children: tuple[str, ...]  # the subject's children on D that kept their parent
    blocks: tuple[tuple[str, str | None], ...]  # (moved unit's path on D, key on T or None)
    cuts: tuple[Cut, ...]
    segment: int

    def subtree_paths(self) -> list[str]:
        """Return the paths on D whose subtree totals the restatement needs."""
        paths = set(self.kept_children) | {path for path, _ in self.blocks}
        return sorted(paths | {cut.path for cut in self.cuts if cut.subtree})

    def own_paths(self) -> list[str]:
        """Return the paths on D whose own figures the restatement needs."""
        paths = {cut.path for cut in self.cuts if not cut.subtree}
        if self.subject_on_day is not None:
            paths.add(self.subject_on_day)
        return sorted(paths)

    def child_key(self, child_on_day: str) -> str:
        return self.subject_on_tree + child_on_day[-self.segment :]


def add_counters(into: dict[str, list[int]], key: str, figures: Sequence[int]) -> None:
    """Add figures element-wise to the counters kept under `key` (zeros when new)."""
    slot = into.setdefault(key, [0] * len(figures))
    for i, value in enumerate(figures):
        slot[i] += value


def _nearest(path: str, anchors: Mapping[str, str | None], segment: int) -> str | None:
    """Return the nearest proper ancestor of `path` that is an anchor, if any."""
    for end in range(len(path) - segment, 0, -segment):
        if path[:end] in anchors:
            return path[:end]
    return None


def plan_restatement(
    *,
    subject_on_tree: str,
    subject_on_day: str | None,
    children_on_day: Sequence[str],
    moved: Sequence[MovedUnit],
    segment: int,
) -> RestatePlan:
    """Plan the restatement of the subject at `subject_on_tree` (T) from the tree of D.

    `subject_on_day` is the subject's path on D (None if it did not exist then),
    `children_on_day` the paths of its children on D, `moved` every moved unit of D.
    """
    width = len(subject_on_tree) + segment
    moved_paths = {unit.path_on_day for unit in moved}
    # Anchors root the blocks: path on D -> the key its block counts in (None: outside).
    anchors: dict[str, str | None] = {}
    kept: tuple[str, ...] = ()
    if subject_on_day is not None:
        anchors[subject_on_day] = _SUBJECT
        kept = tuple(c for c in children_on_day if c not in moved_paths)
        for child in kept:
            anchors[child] = subject_on_tree + child[-segment:]
    blocks: list[tuple[str, str | None]] = []
    cuts: list[Cut] = []
    # Parents before children: a unit's block depends on the anchors above it.
    for unit in sorted(moved, key=lambda u: (len(u.path_on_day), u.path_on_day)):
        path = unit.path_on_day
        above = _nearest(path, anchors, segment)
        before = None if above is None else anchors[above]
        counted = above is not None and before is not None and before != _SUBJECT
        if path == subject_on_day:
            # The subject's block is its own figures and its children's, read directly;
            # it still leaves the block it was in (which may have moved under it).
            if counted:
                cuts.append(Cut(str(above), path, subtree=True))
            continue
        if unit.path_on_tree is None:
            if counted:
                cuts.append(Cut(str(above), path, subtree=False))
            continue  # dissolved: not an anchor, its children are moved units themselves
        placed = unit.path_on_tree
        inside = placed.startswith(subject_on_tree) and len(placed) >= width
        after = placed[:width] if inside else None
        if after == before:
            continue  # lands in the key it counted in: nothing changes for this report
        anchors[path] = after
        blocks.append((path, after))
        if counted:
            cuts.append(Cut(str(above), path, subtree=True))
    return RestatePlan(subject_on_tree, subject_on_day, kept, tuple(blocks), tuple(cuts), segment)


def restate(
    plan: RestatePlan,
    *,
    own: Mapping[str, Counters],
    totals: Mapping[str, Counters],
    size: int,
) -> dict[str, Counters]:
    """Return the subject's figures on T by key: its own, and each child's subtree.

    `own` holds the own figures of `plan.own_paths()`, `totals` the subtree totals of
    `plan.subtree_paths()`, both on D (absent means zero).
    """
    zero = (0,) * size
    block: dict[str, list[int]] = {c: list(totals.get(c, zero)) for c in plan.kept_children}
    for path, _ in plan.blocks:
        block[path] = list(totals.get(path, zero))
    for cut in plan.cuts:
        leaving = (totals if cut.subtree else own).get(cut.path, zero)
        figures = block[cut.anchor]
        for i, value in enumerate(leaving):
            figures[i] -= value
    result: dict[str, list[int]] = {}
    if plan.subject_on_day is not None:
        add_counters(result, plan.subject_on_tree, own.get(plan.subject_on_day, zero))
        for child in plan.kept_children:
            add_counters(result, plan.child_key(child), block[child])
    for path, key in plan.blocks:
        if key is not None:
            add_counters(result, key, block[path])
    return {key: tuple(values) for key, values in result.items() if any(values)}
