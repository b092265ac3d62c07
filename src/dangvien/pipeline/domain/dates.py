"""Month arithmetic that agrees with `dangvien.core.domain.text.months_between`."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def months_later(start: date, months: int) -> date:
    """Return the first day on which `months` whole months since `start` are completed.

    That is the same day of the month `months` later; when that month has no such
    day (31/01 -> February, 29/02 -> a common year) it is the 1st of the following
    month, the convention of `months_between`. So for n >= 0,
    `months_between(start, d) >= n` exactly when `d >= months_later(start, n)`.
    """
    year, month_index = divmod(start.year * 12 + start.month - 1 + months, 12)
    month = month_index + 1
    last_day = calendar.monthrange(year, month)[1]
    if start.day <= last_day:
        return date(year, month, start.day)
    return date(year, month, last_day) + timedelta(days=1)


def format_age(months: int) -> str:
    """Return an age given in months the Vietnamese way: "17 tuổi 11 tháng", "18 tuổi"."""
    years, rest = divmod(months, 12)
    return f"{years} tuổi {rest} tháng" if rest else f"{years} tuổi"
