"""Fold each unit's own members on a day into subtree totals: the rows of the member snapshot.

A unit's members on a day are counted once, where their status period places them; the
snapshot stores, for every unit on the way up to the root, the sum over its subtree, so a
report on any unit reads its own row and its children's rows and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from dangvien.orgs.domain.tree import SEGMENT, decode_path
from dangvien.reports.domain.categories import Category

# The counters of one (unit, status) row, in storage order: the members, the sum of their
# whole-year ages, each report category, and those at or above the cell-health elderly age.
STOCK_COLUMNS: tuple[str, ...] = ("members", "age_sum", *(c.value for c in Category), "elderly")


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


def fold_stock(own: Iterable[OwnStock]) -> list[StockRow]:
    """Return the subtree total of every unit above or at a unit with members, per status."""
    totals: dict[tuple[str, str], list[int]] = {}
    for item in own:
        for path in ancestors_and_self(item.path):
            total = totals.get((path, item.status))
            if total is None:
                totals[(path, item.status)] = list(item.counters)
            else:
                for i, value in enumerate(item.counters):
                    total[i] += value
    return [stock_row(path, status, counters) for (path, status), counters in totals.items()]


def subtract(after: Sequence[int], before: Sequence[int]) -> tuple[int, ...]:
    """Return the change of each counter (used to move subtree totals by a unit's recount)."""
    return tuple(a - b for a, b in zip(after, before, strict=True))


def own_from_subtree(
    subtree: Sequence[int] | None, children: Iterable[Sequence[int]]
) -> tuple[int, ...]:
    """Return a unit's own counters: its subtree total minus its children's subtree totals."""
    own = list(subtree or [0] * len(STOCK_COLUMNS))
    for child in children:
        for i, value in enumerate(child):
            own[i] -= value
    return tuple(own)
