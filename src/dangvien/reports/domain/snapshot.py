"""Fold each unit's own members on a day into subtree totals: the rows of the member snapshot.

A unit's members on a day are counted once, where their status period places them; the
snapshot stores, for every unit on the way up to the root, the sum over its subtree, so a
report on any unit reads its own row and its children's rows and nothing else.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from dangvien.orgs.domain.tree import SEGMENT, decode_path
from dangvien.reports.domain.categories import Category

# The counters of one (unit, status) row, in storage order: the members, the sum of their
# whole-year ages, each report category, and those at or above the cell-health elderly age.
STOCK_COLUMNS: tuple[str, ...] = ("members", "age_sum", *(c.value for c in Category), "elderly")

# What a snapshot row is counted by besides its unit (a status, a stage and outcome...).
Key = TypeVar("Key", bound=Hashable)


@dataclass(frozen=True)
class OwnStock:
    """The members a status period places directly in one unit (by path) with one status."""

    path: str
    status: str
    counters: Sequence[int]

    def __post_init__(self) -> None:
        if len(self.counters) != len(STOCK_COLUMNS):
            raise ValueError(f"{len(self.counters)} counters, expected {len(STOCK_COLUMNS)}")


@dataclass(frozen=True)
class StockRow:
    """One stored row: a unit's subtree total for one status (the unit's id from its path)."""

    org_id: int
    path: str
    parent_path: str
    status: str
    counters: tuple[int, ...]


def ancestors_and_self(path: str) -> Iterator[str]:
    """Yield the path of every unit from the root down to the unit itself."""
    for end in range(SEGMENT, len(path) + 1, SEGMENT):
        yield path[:end]


def stock_row(path: str, status: str, counters: Sequence[int]) -> StockRow:
    """Return the stored row of a subtree total (the unit is the path's last segment)."""
    return StockRow(decode_path(path[-SEGMENT:])[0], path, path[:-SEGMENT], status, tuple(counters))


def fold_totals(own: Iterable[tuple[str, Key, Sequence[int]]]) -> dict[tuple[str, Key], list[int]]:
    """Return the subtree totals, by (unit path, key), of counters given per unit and key.

    Each (path, key, counters) is added to the unit and to every unit above it.
    """
    totals: dict[tuple[str, Key], list[int]] = {}
    for path, key, counters in own:
        for above in ancestors_and_self(path):
            total = totals.get((above, key))
            if total is None:
                totals[(above, key)] = list(counters)
            else:
                for i, value in enumerate(counters):
                    total[i] += value
    return totals


def fold_stock(own: Iterable[OwnStock]) -> list[StockRow]:
    """Return the subtree total of every unit above or at a unit with members, per status."""
    totals = fold_totals((item.path, item.status, item.counters) for item in own)
    return [stock_row(path, status, counters) for (path, status), counters in totals.items()]


def subtract(after: Sequence[int], before: Sequence[int]) -> tuple[int, ...]:
    """Return the change of each counter (used to move subtree totals by a unit's recount)."""
    return tuple(a - b for a, b in zip(after, before, strict=True))


def own_from_subtree(
    subtree: Sequence[int] | None,
    children: Iterable[Sequence[int]],
    *,
    size: int = len(STOCK_COLUMNS),
) -> tuple[int, ...]:
    """Return a unit's own counters: its subtree total minus its children's subtree totals."""
    own = list(subtree or [0] * size)
    for child in children:
        for i, value in enumerate(child):
            own[i] -= value
    return tuple(own)


def subtree_changes(
    paths: Iterable[str],
    *,
    stored: Mapping[tuple[str, Key], Sequence[int]],
    children: Mapping[tuple[str, Key], Sequence[int]],
    fresh: Mapping[tuple[str, Key], Sequence[int]],
    size: int,
) -> dict[tuple[str, Key], list[int]]:
    """Return how each subtree total moves when the units at `paths` are recounted.

    `stored` holds the current subtree totals of those units, `children` the sums of their
    children's subtree totals (keyed by the parent's path), `fresh` the units' own counters
    recounted. A unit's old own counters are its total minus its children's; the difference
    to the fresh ones moves the unit and every unit above it. Keys whose counters did not
    change are left out, so a second recount of the same units moves nothing.
    """
    keys: dict[str, set[Key]] = {}
    for path, key in (*stored, *children, *fresh):
        keys.setdefault(path, set()).add(key)
    changes: dict[tuple[str, Key], list[int]] = {}
    for path in paths:
        for key in keys.get(path, set()):
            below = [children[(path, key)]] if (path, key) in children else []
            old = own_from_subtree(stored.get((path, key)), below, size=size)
            delta = subtract(fresh.get((path, key), (0,) * size), old)
            if not any(delta):
                continue
            for above in ancestors_and_self(path):
                total = changes.setdefault((above, key), [0] * size)
                for i, value in enumerate(delta):
                    total[i] += value
    return changes
