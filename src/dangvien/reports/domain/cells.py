"""Build the `cells` report: warning signs of cell health at the end of the period."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dangvien.reports.domain.base import JsonDict, OrgRef, ReportScope
from dangvien.reports.domain.categories import latest_birth_date_for_age

KIND = "cells"

# The warning signs, in report order: the keys of the report's lists, and the counters the
# cell snapshot keeps per unit (reports.cell_snapshot).
WARNINGS: tuple[str, ...] = (
    "few_official_members",
    "without_women",
    "mostly_elderly",
    "mostly_exempt",
    "without_recent_admission",
)


@dataclass(frozen=True)
class CellHealthRules:
    """The thresholds of the cell-health warnings; defaults follow common practice."""

    min_official_members: int = 3  # the Charter's minimum for a cell
    elderly_age: int = 60
    admission_years: int = 3


@dataclass(frozen=True)
class CellFacts:
    """One cell's members on `to` (members = official, exempt and probationary).

    `official_members` counts official members including exempt ones (probationary excluded);
    `elderly` counts members whose age on `to` is at least the rule's `elderly_age`
    (see `elderly_birth_cutoff`); `last_admission` is the latest admission decision date of
    anyone admitted into this cell, on or before `to`.
    """

    org: OrgRef
    members: int
    official_members: int
    women: int
    elderly: int
    exempt: int
    last_admission: date | None


def elderly_birth_cutoff(to: date, rules: CellHealthRules) -> date:
    """Return the last birth date counted in `CellFacts.elderly` for a report ending on `to`."""
    return latest_birth_date_for_age(to, rules.elderly_age)


def recent_admission_start(to: date, rules: CellHealthRules) -> date:
    """Return the first day of the window in which an admission counts as recent.

    The window is the `admission_years` years ending on `to`: 01/01/2021 for 31/12/2023.
    """
    try:
        start = to.replace(year=to.year - rules.admission_years)
    except ValueError:  # 29 February in a leap year, shifted to a common year
        start = to.replace(year=to.year - rules.admission_years, day=28)
    return start + timedelta(days=1)


@dataclass(frozen=True)
class CellWarning:
    """The cells showing one warning sign."""

    cells: tuple[OrgRef, ...]

    def to_json(self) -> JsonDict:
        return {"count": len(self.cells), "cells": [c.to_json() for c in self.cells]}


@dataclass(frozen=True)
class CellsReport:
    """The cells report: each warning's count and list, and the thresholds used."""

    scope: ReportScope
    rules: CellHealthRules
    cells: int
    few_official_members: CellWarning
    without_women: CellWarning
    mostly_elderly: CellWarning
    mostly_exempt: CellWarning
    without_recent_admission: CellWarning

    def to_json(self) -> JsonDict:
        return {
            **self.scope.header(KIND),
            "rules": {
                "min_official_members": self.rules.min_official_members,
                "elderly_age": self.rules.elderly_age,
                "admission_years": self.rules.admission_years,
            },
            "cells": self.cells,
            "few_official_members": self.few_official_members.to_json(),
            "without_women": self.without_women.to_json(),
            "mostly_elderly": self.mostly_elderly.to_json(),
            "mostly_exempt": self.mostly_exempt.to_json(),
            "without_recent_admission": self.without_recent_admission.to_json(),
        }


@dataclass(frozen=True)
class CellHealthCounts:
    """How many cells show each warning sign: what the dashboard shows, without the lists."""

    rules: CellHealthRules
    cells: int
    few_official_members: int
    without_women: int
    mostly_elderly: int
    mostly_exempt: int
    without_recent_admission: int

    @classmethod
    def of(cls, report: CellsReport) -> CellHealthCounts:
        """Return the counts of a full cells report."""
        return cls(
            rules=report.rules,
            cells=report.cells,
            few_official_members=len(report.few_official_members.cells),
            without_women=len(report.without_women.cells),
            mostly_elderly=len(report.mostly_elderly.cells),
            mostly_exempt=len(report.mostly_exempt.cells),
            without_recent_admission=len(report.without_recent_admission.cells),
        )


def cell_warnings(cell: CellFacts, *, to: date, rules: CellHealthRules) -> tuple[bool, ...]:
    """Return whether the cell shows each warning sign on `to`, in `WARNINGS` order.

    Signs: fewer official members than the minimum; no women; at least half the members
    elderly; more than half exempt; no admission in the `admission_years` years up to `to`.
    """
    since = recent_admission_start(to, rules)
    last = cell.last_admission
    return (
        cell.official_members < rules.min_official_members,
        cell.members > 0 and cell.women == 0,
        # "at least half" and "most" differ on purpose: a 2-of-4 elderly cell is flagged,
        # a 2-of-4 exempt cell is not.
        cell.members > 0 and 2 * cell.elderly >= cell.members,
        2 * cell.exempt > cell.members,
        last is None or not since <= last <= to,
    )


def cells_report_of(
    *,
    scope: ReportScope,
    rules: CellHealthRules,
    cells: int,
    flagged: Iterable[tuple[OrgRef, Sequence[bool]]],
) -> CellsReport:
    """Build the report from the number of cells and each cell's signs (`WARNINGS` order).

    Lists keep the input order; cells without any sign may be left out of `flagged`.
    """
    rows = list(flagged)
    # One pass per sign over the rows: nationally ~59,000 flagged cells, and a plain
    # comprehension per sign is several times faster than appending sign by sign.
    few, women, elderly, exempt, recent = (
        CellWarning(tuple([ref for ref, signs in rows if signs[index]]))
        for index in range(len(WARNINGS))
    )
    return CellsReport(
        scope=scope,
        rules=rules,
        cells=cells,
        few_official_members=few,
        without_women=women,
        mostly_elderly=elderly,
        mostly_exempt=exempt,
        without_recent_admission=recent,
    )


def build_cells_report(
    *, scope: ReportScope, cells: Iterable[CellFacts], rules: CellHealthRules | None = None
) -> CellsReport:
    """Flag the cells showing each warning sign on `to` (see `cell_warnings`), in input order."""
    rules = rules or CellHealthRules()
    facts = list(cells)
    return cells_report_of(
        scope=scope,
        rules=rules,
        cells=len(facts),
        flagged=((c.org, cell_warnings(c, to=scope.date_to, rules=rules)) for c in facts),
    )
