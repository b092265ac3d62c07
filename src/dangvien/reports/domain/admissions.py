"""Build the `admissions` report: new members whose admission decision falls in the period."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from dangvien.core.domain.text import age_years, percent, round_half_up
from dangvien.plans.domain.quotas import Period, quota_for_report
from dangvien.reports.domain.base import JsonDict, OrgRef, ReportScope
from dangvien.reports.domain.categories import (
    EMPTY_TALLY,
    CategoryCount,
    CategoryTally,
    PersonFacts,
    tally_categories,
)

KIND = "admissions"


@dataclass(frozen=True)
class AdmittedRow:
    """One admission: the person, the decision date, and the unit it counts for.

    `org_code` is the cell the new member belonged to on the decision date (or, for a
    restated report, the unit that cell belongs to on `as_of`).
    """

    person: PersonFacts
    decision_date: date
    org_code: str


@dataclass(frozen=True)
class AdmissionTally:
    """Category counts and the sum of ages of a set of admissions; addable across units.

    Selectors may build it from rows (`tally_admissions`) or from pre-aggregated counts.
    """

    categories: CategoryTally = EMPTY_TALLY
    age_sum: int = 0  # sum of whole-year ages at the decision date

    @property
    def admitted(self) -> int:
        return self.categories.total

    def __add__(self, other: AdmissionTally) -> AdmissionTally:
        return AdmissionTally(self.categories + other.categories, self.age_sum + other.age_sum)

    def average_age(self) -> float | None:
        """Return the mean whole-year age at the decision date, 2 decimals; None when no one."""
        if self.admitted == 0:
            return None
        return round_half_up(Decimal(self.age_sum) / self.admitted, 2)


def tally_admissions(rows: Iterable[AdmittedRow], scope: ReportScope) -> AdmissionTally:
    """Tally the admissions whose decision date falls in the period; others are left out."""
    kept = [r for r in rows if scope.contains(r.decision_date)]
    return AdmissionTally(
        categories=tally_categories((r.person, r.decision_date) for r in kept),
        age_sum=sum(age_years(r.person.birth_date, r.decision_date) for r in kept),
    )


def count_by_child(
    rows: Iterable[AdmittedRow], scope: ReportScope, child_of: Mapping[str, str]
) -> Counter[str]:
    """Count admissions in the period per direct child, mapping each row's unit to its child.

    Rows whose unit has no child (members attached to the reported unit itself) are left out.
    """
    return Counter(
        child_of[r.org_code]
        for r in rows
        if scope.contains(r.decision_date) and r.org_code in child_of
    )


@dataclass(frozen=True)
class ChildAdmissions:
    """A direct child's admissions in the period and its `Tổng số` quotas by period."""

    org: OrgRef
    admitted: int
    quotas: Mapping[Period, int] = field(default_factory=dict)


@dataclass(frozen=True)
class ChildLine:
    """A child's row in the report."""

    org: OrgRef
    admitted: int
    quota: int | None
    quota_percent: float | None

    def to_json(self) -> JsonDict:
        return {
            "org": self.org.to_json(),
            "admitted": self.admitted,
            "quota": self.quota,
            "quota_percent": self.quota_percent,
        }


@dataclass(frozen=True)
class AdmissionsReport:
    """The admissions report of contracts.md §3."""

    scope: ReportScope
    admitted: int
    quota: int | None
    quota_percent: float | None
    members_at_start: int
    admitted_percent_of_members_at_start: float | None
    by_category: Mapping[str, CategoryCount]
    average_age: float | None
    children: tuple[ChildLine, ...]

    def to_json(self) -> JsonDict:
        return {
            **self.scope.header(KIND),
            "admitted": self.admitted,
            "quota": self.quota,
            "quota_percent": self.quota_percent,
            "members_at_start": self.members_at_start,
            "admitted_percent_of_members_at_start": self.admitted_percent_of_members_at_start,
            "by_category": {name: c.to_json() for name, c in self.by_category.items()},
            "average_age": self.average_age,
            "children": [c.to_json() for c in self.children],
        }


def quota_percent(admitted: int, quota: int | None) -> float | None:
    """Return admitted as a percent of the quota (above 100 when exceeded); None without a quota."""
    return None if quota is None else percent(admitted, quota)


def build_admissions_report(
    *,
    scope: ReportScope,
    tally: AdmissionTally,
    members_at_start: int,
    quotas: Mapping[Period, int],
    children: Sequence[ChildAdmissions] = (),
) -> AdmissionsReport:
    """Build the report from the subtree's tally, its quotas and its children, in the given order.

    `members_at_start` counts official and probationary members on `from`; category
    percentages are of the admitted and null when no one was admitted.
    """
    quota = quota_for_report(quotas, scope.date_from, scope.date_to)
    lines = []
    for child in children:
        child_quota = quota_for_report(child.quotas, scope.date_from, scope.date_to)
        lines.append(
            ChildLine(
                child.org, child.admitted, child_quota, quota_percent(child.admitted, child_quota)
            )
        )
    return AdmissionsReport(
        scope=scope,
        admitted=tally.admitted,
        quota=quota,
        quota_percent=quota_percent(tally.admitted, quota),
        members_at_start=members_at_start,
        admitted_percent_of_members_at_start=percent(tally.admitted, members_at_start),
        by_category=tally.categories.shares(),
        average_age=tally.average_age(),
        children=tuple(lines),
    )
