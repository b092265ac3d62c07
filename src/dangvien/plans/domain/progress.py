"""Measure progress against a quota: the straight-line plan, month by month, and risk."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from dangvien.core.domain.text import percent, round_half_up
from dangvien.plans.domain.forecast import Forecast
from dangvien.plans.domain.quotas import Period

Month = tuple[int, int]  # (year, month)


class Risk(StrEnum):
    """Where a unit stands against its quota for the period."""

    NO_QUOTA = "no_quota"  # no quota (or 0) for the period: nothing to measure
    MET = "met"  # admitted at least the quota already
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"  # behind the straight line or forecast to fall short


@dataclass(frozen=True)
class RiskRules:
    """Thresholds of the at-risk classification, in percentage points of the quota."""

    behind_margin_percent: float = 10.0  # tolerated lag behind the straight-line plan
    forecast_shortfall_percent: float = 0.0  # tolerated shortfall of admitted + forecast


def months_of(period: Period) -> list[Month]:
    """Return the months of the period in order."""
    return [(y, m) for y in period.years() for m in range(1, 13)]


def straight_line_plan(quota: int, months: int = 12) -> list[int]:
    """Return the expected cumulative admissions at the end of each month: quota × k / months.

    Rounded half up in integers (42.5 → 43) so the last month equals the quota exactly.
    """
    return [(2 * quota * k + months) // (2 * months) for k in range(1, months + 1)]


def completed_months(period: Period, on: date) -> int:
    """Return how many months of the period have ended by `on`; a month ends on its last day."""
    if on < period.first_day:
        return 0
    if on > period.last_day:
        return len(months_of(period))
    elapsed = (on.year - period.start_year) * 12 + on.month - 1
    return elapsed + ((on + timedelta(days=1)).day == 1)


def planned_to_date(quota: int, period: Period, on: date) -> int:
    """Return the straight-line plan at the end of the last completed month by `on`."""
    done = completed_months(period, on)
    return 0 if done == 0 else straight_line_plan(quota, len(months_of(period)))[done - 1]


@dataclass(frozen=True)
class MonthProgress:
    """One month: the cumulative plan (None without a quota) and the cumulative admissions.

    `admitted` is None for months that have not started by `on`.
    """

    year: int
    month: int
    planned: int | None
    admitted: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "month": f"{self.year:04d}-{self.month:02d}",
            "planned": self.planned,
            "admitted": self.admitted,
        }


def monthly_progress(
    period: Period, quota: int | None, admitted_by_month: Mapping[Month, int], on: date
) -> list[MonthProgress]:
    """Return cumulative plan and admissions month by month over the whole period."""
    months = months_of(period)
    plan = straight_line_plan(quota, len(months)) if quota else [None] * len(months)
    rows = []
    total = 0
    for (year, month), planned in zip(months, plan, strict=True):
        total += admitted_by_month.get((year, month), 0)
        started = (year, month) <= (on.year, on.month)
        rows.append(MonthProgress(year, month, planned, total if started else None))
    return rows


def classify(
    *,
    quota: int | None,
    admitted: int,
    planned: int,
    expected_from_pipeline: float | None = None,
    rules: RiskRules | None = None,
) -> Risk:
    """Classify progress: at risk when behind the plan by more than the margin or forecast short."""
    rules = rules or RiskRules()
    if not quota:
        return Risk.NO_QUOTA
    if admitted >= quota:
        return Risk.MET
    floor = quota * (1 - rules.forecast_shortfall_percent / 100)
    if expected_from_pipeline is not None and admitted + expected_from_pipeline < floor:
        return Risk.AT_RISK
    if planned - admitted > quota * rules.behind_margin_percent / 100:
        return Risk.AT_RISK
    return Risk.ON_TRACK


@dataclass(frozen=True)
class Progress:
    """A unit's progress against its quota for a period on a given date, for the dashboard."""

    period: Period
    on: date
    quota: int | None
    admitted: int
    planned_to_date: int | None
    months: tuple[MonthProgress, ...]
    forecast: Forecast | None
    risk: Risk

    @property
    def quota_percent(self) -> float | None:
        return None if self.quota is None else percent(self.admitted, self.quota)

    @property
    def expected_total(self) -> float | None:
        return None if self.forecast is None else self.admitted + self.forecast.expected

    def to_json(self) -> dict[str, Any]:
        expected = self.expected_total
        return {
            "period": str(self.period),
            "on": self.on.isoformat(),
            "quota": self.quota,
            "admitted": self.admitted,
            "quota_percent": self.quota_percent,
            "planned_to_date": self.planned_to_date,
            "risk": self.risk.value,
            "expected_total": None if expected is None else round_half_up(expected, 2),
            "forecast": None if self.forecast is None else self.forecast.to_json(),
            "months": [m.to_json() for m in self.months],
        }


def progress(
    *,
    period: Period,
    quota: int | None,
    admitted_by_month: Mapping[Month, int],
    on: date,
    forecast: Forecast | None = None,
    rules: RiskRules | None = None,
) -> Progress:
    """Measure admissions up to `on` against the period's quota and straight-line plan.

    `admitted_by_month` counts decisions up to `on` per (year, month); months outside the
    period are ignored. The forecast, for a year period, counts only the decisions still
    expected from the pipeline by 31/12.
    """
    months = monthly_progress(period, quota, admitted_by_month, on)
    admitted = max((m.admitted for m in months if m.admitted is not None), default=0)
    planned = planned_to_date(quota, period, on) if quota else None
    risk = classify(
        quota=quota,
        admitted=admitted,
        planned=planned or 0,
        expected_from_pipeline=None if forecast is None else forecast.expected,
        rules=rules,
    )
    return Progress(period, on, quota, admitted, planned, tuple(months), forecast, risk)
