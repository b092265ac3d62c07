"""Build the `cells` report: warning signs of cell health at the end of the period."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dangvien.reports.domain.base import JsonDict, OrgRef, ReportScope
from dangvien.reports.domain.categories import latest_birth_date_for_age

KIND = "cells"


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


def build_cells_report(
    *, scope: ReportScope, cells: Iterable[CellFacts], rules: CellHealthRules | None = None
) -> CellsReport:
    """Flag the cells showing each warning sign on `to`; lists keep the input order.

    Signs: fewer official members than the minimum; no women; at least half the members
    elderly; more than half exempt; no admission in the `admission_years` years up to `to`.
    """
    rules = rules or CellHealthRules()
    facts = list(cells)
    since = recent_admission_start(scope.date_to, rules)

    def flagged(test: Callable[[CellFacts], bool]) -> CellWarning:
        """Return the cells that pass the test, in input order."""
        return CellWarning(tuple(c.org for c in facts if test(c)))

    return CellsReport(
        scope=scope,
        rules=rules,
        cells=len(facts),
        few_official_members=flagged(lambda c: c.official_members < rules.min_official_members),
        without_women=flagged(lambda c: c.members > 0 and c.women == 0),
        # "at least half" and "most" differ on purpose: a 2-of-4 elderly cell is flagged,
        # a 2-of-4 exempt cell is not.
        mostly_elderly=flagged(lambda c: c.members > 0 and 2 * c.elderly >= c.members),
        mostly_exempt=flagged(lambda c: 2 * c.exempt > c.members),
        without_recent_admission=flagged(
            lambda c: c.last_admission is None or not since <= c.last_admission <= scope.date_to
        ),
    )
