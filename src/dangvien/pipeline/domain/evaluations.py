"""Monthly evaluations of candidates ("bình xét hằng tháng") and which months are missing."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum


class EvaluationResult(StrEnum):
    """The cell's monthly assessment of a candidate."""

    GOOD = "tot"  # Tốt: tiêu biểu, tích cực
    FAIR = "kha"  # Khá
    AVERAGE = "trung_binh"  # Trung bình
    NOT_MET = "chua_dat"  # Chưa đạt: the cell should consider removing from the list

    @property
    def label(self) -> str:
        return EVALUATION_LABELS[self]


EVALUATION_LABELS: dict[EvaluationResult, str] = {
    EvaluationResult.GOOD: "Tốt",
    EvaluationResult.FAIR: "Khá",
    EvaluationResult.AVERAGE: "Trung bình",
    EvaluationResult.NOT_MET: "Chưa đạt",
}


def month_start(day: date) -> date:
    """Return the first day of the month of `day`."""
    return day.replace(day=1)


def next_month(month: date) -> date:
    """Return the first day of the month after `month`."""
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_end(month: date) -> date:
    """Return the last day of the month of `month`."""
    return next_month(month) - timedelta(days=1)


def first_expected_month(listed_on: date) -> date:
    """Return the first month a candidate listed on `listed_on` must be evaluated for.

    The month after listing: a candidate listed mid-month has not yet been followed
    for a whole month, so the first monthly meeting that can assess them is the next.
    """
    return next_month(month_start(listed_on))


def first_unevaluated_month(listed_on: date, evaluated: Iterable[date]) -> date:
    """Return the earliest month from the first expected one without an evaluation."""
    done = {month_start(month) for month in evaluated}
    month = first_expected_month(listed_on)
    while month in done:
        month = next_month(month)
    return month


def missing_months(listed_on: date, evaluated: Iterable[date], *, today: date) -> list[date]:
    """Return every month whose evaluation is missing and whose month has ended by `today`."""
    done = {month_start(month) for month in evaluated}
    missing = []
    month = first_expected_month(listed_on)
    while month_end(month) < today:
        if month not in done:
            missing.append(month)
        month = next_month(month)
    return missing


def format_month(month: date) -> str:
    """Return a month the Vietnamese way: "03/2025"."""
    return f"{month.month:02d}/{month.year:04d}"
