"""Build the `coverage` report: localities and cells at the end of the period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

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
    localities: Iterable[LocalityFacts],
    cells: Iterable[CellCommitteeFacts],
) -> CoverageReport:
    """Count localities by type and what they lack, and cells without a committee.

    `by_type` lists only the types present, in the order of the `DiaBan` vocabulary.
    """
    places = list(localities)
    cell_list = list(cells)
    present = Counter(p.locality_type for p in places)
    return CoverageReport(
        scope=scope,
        localities=len(places),
        by_type={t: present[t] for t in LocalityType if present[t]},
        without_members=sum(not p.has_members for p in places),
        without_independent_cell=sum(not p.has_independent_cell for p in places),
        heads=sum(p.has_head for p in places),
        heads_who_are_members=sum(p.has_head and p.head_is_member for p in places),
        cells=len(cell_list),
        cells_without_committee=sum(not c.has_committee for c in cell_list),
    )
