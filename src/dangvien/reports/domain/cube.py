"""Fold admissions into per-unit, per-day counts: the rows of the pre-aggregated cube.

Each admission adds to the row of every unit on its cell's path that day (`own=False`,
the subtree totals) and to the cell's own row (`own=True`, for restated reports).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from dangvien.core.domain.text import age_years
from dangvien.orgs.domain.tree import SEGMENT, decode_path
from dangvien.reports.domain.categories import Category, PersonFacts, categories_of

# Column order of the category counters, as stored in the cube.
CATEGORY_COLUMNS: tuple[Category, ...] = tuple(Category)


@dataclass
class CubeCell:
    """The counters of one (path, day, own) key."""

    admitted: int = 0
    age_sum: int = 0
    categories: list[int] = field(default_factory=lambda: [0] * len(CATEGORY_COLUMNS))

    def add(self, age: int, flags: dict[str, bool]) -> None:
        self.admitted += 1
        self.age_sum += age
        for i, category in enumerate(CATEGORY_COLUMNS):
            self.categories[i] += flags[category.value]


@dataclass(frozen=True)
class CubeRow:
    """One row to store: the unit (its id decoded from the path), the key and the counters."""

    org_id: int
    path: str
    parent_path: str
    day: date
    own: bool
    cell: CubeCell


@dataclass(frozen=True)
class PlacedAdmission:
    """An admission with the path its cell had on the decision day."""

    path: str
    day: date
    person: PersonFacts


def fold_admissions(admissions: Iterable[PlacedAdmission]) -> Iterator[CubeRow]:
    """Return the cube rows of the admissions: one per (unit on a path, day, own) key."""
    cells: dict[tuple[str, date, bool], CubeCell] = {}
    for item in admissions:
        age = age_years(item.person.birth_date, item.day)
        flags = categories_of(item.person, item.day)
        keys = [(item.path[:end], item.day, False) for end in _prefix_ends(item.path)]
        keys.append((item.path, item.day, True))
        for key in keys:
            cell = cells.get(key)
            if cell is None:
                cell = cells[key] = CubeCell()
            cell.add(age, flags)
    for (path, day, own), cell in cells.items():
        yield CubeRow(decode_path(path[-SEGMENT:])[0], path, path[:-SEGMENT], day, own, cell)


def _prefix_ends(path: str) -> range:
    return range(SEGMENT, len(path) + 1, SEGMENT)
