"""Build the `coverage` report: localities and cells at the end of the period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from dangvien.core.domain.text import percent
from dangvien.orgs.domain.enums import LocalityType
from dangvien.reports.domain.base import JsonDict, ReportScope

KIND = "coverage"


@dataclass(frozen=True)
class LocalityFacts:
    """One locality ("địa bàn dân cư") as it stands on `to`.

    `has_members`: an official or probationary member lives there; `head_is_member`: its
    recorded head is an official or probationary member (False when no head is recorded).
    """

    locality_type: LocalityType
    has_members: bool
    has_independent_cell: bool
    has_head: bool
    head_is_member: bool


@dataclass(frozen=True)
class LocalityCounts:
    """Localities counted by type and by what they lack (what the report shows of them)."""

    by_type: dict[LocalityType, int] = field(default_factory=dict)
    without_members: int = 0
    without_independent_cell: int = 0
    heads: int = 0
    heads_who_are_members: int = 0

    @property
    def localities(self) -> int:
        return sum(self.by_type.values())

    @classmethod
    def of(cls, localities: Iterable[LocalityFacts]) -> LocalityCounts:
        """Return the counts of these localities."""
        places = list(localities)
        return cls(
            by_type=dict(Counter(p.locality_type for p in places)),
            without_members=sum(not p.has_members for p in places),
            without_independent_cell=sum(not p.has_independent_cell for p in places),
            heads=sum(p.has_head for p in places),
            heads_who_are_members=sum(p.has_head and p.head_is_member for p in places),
        )

    def __add__(self, other: LocalityCounts) -> LocalityCounts:
        by_type = dict(self.by_type)
        for kind, n in other.by_type.items():
            by_type[kind] = by_type.get(kind, 0) + n
        return LocalityCounts(
            by_type=by_type,
            without_members=self.without_members + other.without_members,
            without_independent_cell=self.without_independent_cell + other.without_independent_cell,
            heads=self.heads + other.heads,
            heads_who_are_members=self.heads_who_are_members + other.heads_who_are_members,
        )


@dataclass(frozen=True)
class CommitteeRule:
    """When a cell is taken to have a cell committee ("chi ủy").

    The Party Charter (Art. 24) has cells with at least 9 official members elect a
    committee; the organisation records do not say whether one was elected, so the
    report counts cells below that size as without one.
    """

    min_official_members: int = 9


@dataclass(frozen=True)
class CellCommitteeFacts:
    """One party cell (Chi bộ or Chi bộ cơ sở) in the subtree and whether it has a committee."""

    has_committee: bool


@dataclass(frozen=True)
class CoverageReport:
    """The coverage report of contracts.md §3."""

    scope: ReportScope
    localities: int
    by_type: dict[LocalityType, int]
    without_members: int
    without_independent_cell: int
    heads: int
    heads_who_are_members: int
    cells: int
    cells_without_committee: int

    @property
    def heads_member_percent(self) -> float | None:
        return percent(self.heads_who_are_members, self.heads)

    def to_json(self) -> JsonDict:
        return {
            **self.scope.header(KIND),
            "localities": self.localities,
            "by_type": {t.label: n for t, n in self.by_type.items()},
            "without_members": self.without_members,
            "without_independent_cell": self.without_independent_cell,
            "heads": self.heads,
            "heads_who_are_members": self.heads_who_are_members,
            "heads_member_percent": self.heads_member_percent,
            "cells": self.cells,
            "cells_without_committee": self.cells_without_committee,
        }


def build_coverage_report(
    *,
    scope: ReportScope,
    localities: Iterable[LocalityFacts] | LocalityCounts,
    cells: Iterable[CellCommitteeFacts],
) -> CoverageReport:
    """Count localities by type and what they lack, and cells without a committee.

    `localities` may come already counted. `by_type` lists only the types present, in
    the order of the `DiaBan` vocabulary.
    """
    counts = localities if isinstance(localities, LocalityCounts) else LocalityCounts.of(localities)
    cell_list = list(cells)
    present = counts.by_type
    return CoverageReport(
        scope=scope,
        localities=counts.localities,
        by_type={t: present[t] for t in LocalityType if present.get(t)},
        without_members=counts.without_members,
        without_independent_cell=counts.without_independent_cell,
        heads=counts.heads,
        heads_who_are_members=counts.heads_who_are_members,
        cells=len(cell_list),
        cells_without_committee=sum(not c.has_committee for c in cell_list),
    )
