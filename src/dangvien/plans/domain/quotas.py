"""Compute admission quotas: periods, allocation to children, terms and rate targets (§5)."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import MAXYEAR, date
from decimal import Decimal, InvalidOperation

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import format_number

FIRST_YEAR = 1930
TOTAL_CATEGORY = "Tổng số"  # the quota every report measures against; others are sub-targets
_PERIOD_RE = re.compile(r"^\s*(\d{4})\s*(?:[-–—]\s*(\d{4})\s*)?$")


@dataclass(frozen=True, order=True)
class Period:
    """A quota period: one calendar year, or a congress term from 01/01 to 31/12 of its years."""

    start_year: int
    end_year: int

    def __post_init__(self) -> None:
        if self.end_year < self.start_year:
            raise DomainError(
                f"Nhiệm kỳ {self.start_year}-{self.end_year} kết thúc trước khi bắt đầu.",
                code="invalid_period",
            )
        # The Party was founded in 1930: an earlier year is a typing error, not a quota.
        if self.start_year < FIRST_YEAR or self.end_year > MAXYEAR:
            raise DomainError(
                f"Kỳ {self} nằm ngoài các năm {FIRST_YEAR}–{MAXYEAR}.", code="invalid_period"
            )

    @classmethod
    def year(cls, year: int) -> Period:
        """Return the period of one calendar year."""
        return cls(year, year)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse "2020" or "2020-2025" (an en dash and spaces are accepted too)."""
        match = _PERIOD_RE.match(text)
        if not match:
            raise DomainError(
                f"Kỳ “{text.strip()}” không hợp lệ: nhập một năm (2020) hoặc nhiệm kỳ (2020-2025).",
                code="invalid_period",
                field="Kỳ",
            )
        start = int(match.group(1))
        end = int(match.group(2) or start)
        if end == start and match.group(2):
            raise DomainError(
                f"Nhiệm kỳ “{text.strip()}” phải kéo dài hơn một năm; nhập {start} cho một năm.",
                code="invalid_period",
                field="Kỳ",
            )
        return cls(start, end)

    @classmethod
    def for_report(cls, date_from: date, date_to: date) -> Period | None:
        """Return the quota period a report period is measured against, or None.

        That is the calendar year containing the whole report period (so a year-to-date
        report shows progress against the year's plan), or the term when the report period
        runs exactly from 01/01 of one year to 31/12 of a later one; a report spanning
        several years any other way has no quota.
        """
        if date_from.year == date_to.year:
            return cls.year(date_from.year)
        if (date_from.month, date_from.day) == (1, 1) and (date_to.month, date_to.day) == (12, 31):
            return cls(date_from.year, date_to.year)
        return None

    @property
    def is_term(self) -> bool:
        return self.end_year > self.start_year

    @property
    def first_day(self) -> date:
        return date(self.start_year, 1, 1)

    @property
    def last_day(self) -> date:
        return date(self.end_year, 12, 31)

    def contains(self, day: date) -> bool:
        """Return whether the day falls in the period, both ends included."""
        return self.first_day <= day <= self.last_day

    def years(self) -> range:
        """Return the calendar years of the period."""
        return range(self.start_year, self.end_year + 1)

    def label(self, lang: str = "vi") -> str:
        """Return "năm 2025" / "nhiệm kỳ 2020–2025" (or the English equivalent)."""
        if lang == "en":
            return f"the {self} term" if self.is_term else f"{self}"
        return f"nhiệm kỳ {self.start_year}–{self.end_year}" if self.is_term else f"năm {self}"

    def __str__(self) -> str:
        if self.is_term:
            return f"{self.start_year}-{self.end_year}"
        return str(self.start_year)


def quota_for_report(quotas: Mapping[Period, int], date_from: date, date_to: date) -> int | None:
    """Return the `Tổng số` quota a report period is measured against, or None when there is none.

    `quotas` holds one organisation's `Tổng số` quotas; see `Period.for_report` for the rule.
    """
    period = Period.for_report(date_from, date_to)
    return None if period is None else quotas.get(period)


@dataclass(frozen=True)
class OverrideDecision:
    """The recorded decision that allows giving children more than the parent's quota."""

    number: str
    decided_on: date

    def __post_init__(self) -> None:
        if not self.number.strip():
            raise DomainError(
                "Cần ghi số quyết định cho phép giao chỉ tiêu vượt chỉ tiêu của cấp trên.",
                code="override_decision_required",
                field="decision_number",
            )


@dataclass(frozen=True)
class AllocationCheck:
    """The outcome of an accepted allocation: totals, remainder and the override used, if any."""

    parent_quota: int | None
    allocated: int
    unallocated: int | None
    override: OverrideDecision | None


def unallocated(parent: int | None, children: Iterable[int]) -> int | None:
    """Return the part of the parent's quota not given to children (negative when over-given).

    None when the parent has no quota, since there is then nothing to divide.
    """
    return None if parent is None else parent - sum(children)


def check_allocation(
    *,
    parent_name: str,
    parent_quota: int | None,
    children_quotas: Iterable[int],
    period: Period,
    category: str = TOTAL_CATEGORY,
    override: OverrideDecision | None = None,
) -> AllocationCheck:
    """Refuse children's quotas that add up to more than the parent's, unless a decision allows it.

    A parent without a quota for the period and category sets no ceiling.
    """
    quotas = list(children_quotas)
    if any(q < 0 for q in quotas) or (parent_quota is not None and parent_quota < 0):
        raise DomainError("Chỉ tiêu không được là số âm.", code="negative_quota")
    allocated = sum(quotas)
    over = parent_quota is not None and allocated > parent_quota
    if over and override is None:
        raise DomainError(
            _over_allocation_message(parent_name, parent_quota or 0, allocated, period, category),
            code="quota_over_allocated",
        )
    return AllocationCheck(
        parent_quota=parent_quota,
        allocated=allocated,
        unallocated=unallocated(parent_quota, quotas),
        override=override if over else None,
    )


def _over_allocation_message(
    parent_name: str, parent_quota: int, allocated: int, period: Period, category: str
) -> str:
    which = "" if category == TOTAL_CATEGORY else f" nhóm “{category}”"
    return (
        f"Tổng chỉ tiêu{which} giao cho đơn vị cấp dưới ({format_number(allocated)}) vượt "
        f"chỉ tiêu của {parent_name} ({format_number(parent_quota)}) {period.label()}. "
        "Chỉ được giao vượt khi ghi số và ngày của quyết định cho phép."
    )


@dataclass(frozen=True)
class TermYear:
    """One year of a term with its yearly quota (None when not yet set)."""

    year: int
    quota: int | None


@dataclass(frozen=True)
class TermBreakdown:
    """Yearly quotas inside a term shown against the term total."""

    term: Period
    term_quota: int | None
    years: tuple[TermYear, ...]
    yearly_total: int
    remaining: int | None  # term quota minus the yearly quotas set so far; negative when above


def term_breakdown(
    term: Period, term_quota: int | None, yearly: Mapping[int, int]
) -> TermBreakdown:
    """Set the yearly quotas of a term against the term total; years outside the term are refused.

    Yearly quotas may add up to more than the term target, which is a minimum ("trên 5.000").
    """
    outside = sorted(y for y in yearly if y not in term.years())
    if outside:
        raise DomainError(
            f"Năm {', '.join(map(str, outside))} không thuộc {term.label()}.",
            code="year_outside_term",
        )
    total = sum(yearly.values())
    return TermBreakdown(
        term=term,
        term_quota=term_quota,
        years=tuple(TermYear(y, yearly.get(y)) for y in term.years()),
        yearly_total=total,
        remaining=unallocated(term_quota, yearly.values()),
    )


def quota_from_rate(rate_percent: Decimal | int | str, members_at_start: int) -> int:
    """Return the admissions a rate target implies: ceil(rate% × members at the start of the year).

    Computed in decimals so that 3% of 1,000 is exactly 30, not 31 from a float error.
    """
    try:
        rate = Decimal(str(rate_percent).replace(",", "."))
    except InvalidOperation:
        rate = Decimal("NaN")
    if not rate.is_finite() or rate < 0 or members_at_start < 0:
        raise DomainError(
            f"Tỷ lệ chỉ tiêu “{rate_percent}” không hợp lệ.", code="invalid_rate", field="rate"
        )
    return math.ceil(rate * members_at_start / 100)
