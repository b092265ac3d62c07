"""Working days in Vietnam: weekends, public holidays, and the yearly swap and make-up days.

Deadlines of the development pipeline are counted in working days ("ngày làm việc").
A day is a working day when it is a Monday to Friday that is not a public holiday,
or a weekend day the government has declared a make-up working day ("làm bù").

Public holidays come from the `holidays` package (`holidays.Vietnam`), which knows:
New Year's Day, the lunar Tết days (from the 29th or 30th of the last lunar month to
the 4th of Tết, with the observed days when one falls on a weekend), the Hùng Kings'
day (lunar 10/3), 30/4, 1/5, National Day (2/9 plus the adjacent day since 2021),
Vietnam Cultural Day (24/11, from 2026), the labour-code substitute day when a holiday
falls on a weekend, and the swap days the government announced up to the package's
release (e.g. 02/05/2025 off in exchange for Saturday 26/04/2025, which it lists as a
worked weekend day). Administrators add what the package does not know: extra days
off ("nghỉ bù", "nghỉ hoán đổi") and make-up working days.

Precedence: an administrator's entry wins over the package, so a wrong or missing
package entry can always be corrected; the same date cannot be both an extra day
off and a make-up day.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import holidays

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import format_date

SATURDAY = 5  # date.weekday(): Monday is 0, so Saturday and Sunday are 5 and 6


@dataclass(frozen=True)
class YearHolidays:
    """The public days off and the worked weekend days a holiday source declares for one year."""

    days_off: frozenset[date]
    make_up_days: frozenset[date] = frozenset()


HolidaySource = Callable[[int], YearHolidays]


def vietnam_public_holidays(year: int) -> YearHolidays:
    """Return Vietnam's public holidays and the package's worked weekend days in `year`."""
    # The package files a swap under the year of the day off, so a make-up Saturday in
    # late December may be declared by the next year's table: read the neighbours too.
    table = holidays.country_holidays("VN", years=range(year - 1, year + 2))
    return YearHolidays(
        days_off=frozenset(day for day in table if day.year == year),
        make_up_days=frozenset(day for day in table.weekend_workdays if day.year == year),
    )


def no_public_holidays(year: int) -> YearHolidays:
    """Return no holidays: a calendar of weekends only, for tests and what-if counts."""
    return YearHolidays(days_off=frozenset())


@dataclass(frozen=True)
class _YearTable:
    """The working days of one year as ascending ordinals, for bisection and membership."""

    ordinals: tuple[int, ...]
    members: frozenset[int]


@dataclass(frozen=True)
class WorkingCalendar:
    """Decide which days are working days and count deadlines in working days.

    Each year's working days are computed once, on first use, and cached on the
    instance; the calendar is otherwise immutable and safe to share between threads
    (two threads filling the same year compute the same table).
    """

    extra_days_off: frozenset[date] = frozenset()
    make_up_days: frozenset[date] = frozenset()
    holiday_source: HolidaySource = no_public_holidays
    _tables: dict[int, _YearTable] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        clash = sorted(self.extra_days_off & self.make_up_days)
        if clash:
            days = ", ".join(format_date(day) for day in clash)
            raise DomainError(
                f"Ngày {days} vừa được khai là ngày nghỉ vừa là ngày làm bù; chỉ chọn một.",
                code="calendar_conflict",
                field="make_up_days",
            )

    def is_working_day(self, day: date) -> bool:
        """Return whether `day` is a working day."""
        return day.toordinal() in self._table(day.year).members

    def add_working_days(self, start: date, n: int) -> date:
        """Return the n-th working day after `start`: the last day of "within n working days".

        `start` itself is never counted, working day or not: counting starts the day
        after, so a resolution of Friday with n=1 is due the following Monday (absent a
        holiday). n=0 returns `start` unchanged.
        """
        if n < 0:
            raise ValueError(f"n must not be negative: {n}")
        if n == 0:
            return start
        year = start.year
        table = self._table(year)
        index = bisect.bisect_right(table.ordinals, start.toordinal()) + n - 1
        while index >= len(table.ordinals):
            index -= len(table.ordinals)
            year += 1
            table = self._table(year)
        return date.fromordinal(table.ordinals[index])

    def working_days_between(self, start: date, end: date) -> int:
        """Count the working days after `start` up to and including `end` (negated if end < start).

        So `working_days_between(d, add_working_days(d, n)) == n`, and counts add up:
        between(a, b) + between(b, c) == between(a, c) for any a, b, c.
        """
        if end < start:
            return -self.working_days_between(end, start)
        total = 0
        for year in range(start.year, end.year + 1):
            ordinals = self._table(year).ordinals
            low = bisect.bisect_right(ordinals, start.toordinal()) if year == start.year else 0
            high = bisect.bisect_right(ordinals, end.toordinal()) if year == end.year else None
            total += (len(ordinals) if high is None else high) - low
        return total

    def next_working_day(self, day: date) -> date:
        """Return the first working day strictly after `day`."""
        return self.add_working_days(day, 1)

    def working_day_on_or_after(self, day: date) -> date:
        """Return `day` if it is a working day, else the first working day after it."""
        return day if self.is_working_day(day) else self.next_working_day(day)

    def preload(self, years: Iterable[int]) -> None:
        """Compute the tables of `years` now rather than on first use."""
        for year in years:
            self._table(year)

    def _table(self, year: int) -> _YearTable:
        """Return the cached working-day table of `year`, computing it on first use."""
        table = self._tables.get(year)
        if table is None:
            table = self._build_table(year)
            self._tables[year] = table
        return table

    def _build_table(self, year: int) -> _YearTable:
        """Compute the working days of `year` from the source and the administrator's days."""
        source = self.holiday_source(year)
        first = date(year, 1, 1).toordinal()
        last = date(year, 12, 31).toordinal()
        ordinals = tuple(
            ordinal
            for ordinal in range(first, last + 1)
            if self._works(date.fromordinal(ordinal), source)
        )
        return _YearTable(ordinals=ordinals, members=frozenset(ordinals))

    def _works(self, day: date, source: YearHolidays) -> bool:
        """Return whether `day` is worked, the administrator's entries first, then the source."""
        if day in self.make_up_days:
            return True
        if day in self.extra_days_off:
            return False
        if day in source.make_up_days:
            return True
        return day.weekday() < SATURDAY and day not in source.days_off


def vietnam_calendar(
    *,
    extra_days_off: Iterable[date] = (),
    make_up_days: Iterable[date] = (),
    years: range | None = None,
) -> WorkingCalendar:
    """Return the Vietnamese calendar plus the administrator's extra days off and make-up days.

    `years`, when given, are computed at once (e.g. when a worker starts); other
    years are computed on first use.
    """
    calendar = WorkingCalendar(
        extra_days_off=frozenset(extra_days_off),
        make_up_days=frozenset(make_up_days),
        holiday_source=vietnam_public_holidays,
    )
    if years is not None:
        calendar.preload(years)
    return calendar
