"""Working days: Vietnamese holidays, swap and make-up days, and deadline counting."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvien.core.domain.calendar import (
    WorkingCalendar,
    YearHolidays,
    vietnam_calendar,
    vietnam_public_holidays,
)
from dangvien.core.domain.errors import DomainError

VIETNAM = vietnam_calendar(years=range(2020, 2031))
WEEKENDS_ONLY = WorkingCalendar()

dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2029, 12, 31))
counts = st.integers(min_value=0, max_value=400)
FEW = settings(max_examples=80, deadline=None)


def _brute_add(calendar: WorkingCalendar, start: date, n: int) -> date:
    """Return the n-th working day after `start` by walking day by day."""
    day = start
    while n:
        day += timedelta(days=1)
        n -= calendar.is_working_day(day)
    return day


# --- which days are working days -----------------------------------------------------------


def test_weekdays_work_and_weekends_rest_without_holidays() -> None:
    monday = date(2025, 1, 27)
    week = [monday + timedelta(days=i) for i in range(7)]
    assert [WEEKENDS_ONLY.is_working_day(d) for d in week] == [True] * 5 + [False] * 2


@pytest.mark.parametrize("day", [date(2025, 1, d) for d in range(27, 32)])
def test_tet_2025_weekdays_are_days_off(day: date) -> None:
    assert not VIETNAM.is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 2, d) for d in range(16, 21)])
def test_tet_2026_weekdays_are_days_off(day: date) -> None:
    assert not VIETNAM.is_working_day(day)


def test_work_resumes_after_tet() -> None:
    assert VIETNAM.is_working_day(date(2025, 2, 3))
    assert VIETNAM.is_working_day(date(2026, 2, 23))


@pytest.mark.parametrize(
    "day",
    [
        date(2025, 1, 1),  # Tết Dương lịch
        date(2025, 4, 7),  # Giỗ Tổ Hùng Vương (10/3 âm lịch)
        date(2025, 4, 30),
        date(2025, 5, 1),
        date(2025, 9, 1),  # the day next to National Day
        date(2025, 9, 2),
        date(2026, 4, 27),  # Hùng Kings fell on Sunday 26/04/2026: observed on Monday
    ],
)
def test_public_holidays_are_days_off(day: date) -> None:
    assert not VIETNAM.is_working_day(day)


def test_the_package_swap_of_2025_moves_a_saturday_to_2_may() -> None:
    assert VIETNAM.is_working_day(date(2025, 4, 26))  # Saturday worked
    assert not VIETNAM.is_working_day(date(2025, 5, 2))  # Friday off


def test_an_administrators_make_up_saturday_is_a_working_day() -> None:
    saturday = date(2026, 3, 14)
    calendar = vietnam_calendar(make_up_days=[saturday])
    assert calendar.is_working_day(saturday)
    assert not VIETNAM.is_working_day(saturday)


def test_an_administrators_extra_day_off_is_not_a_working_day() -> None:
    tuesday = date(2026, 3, 10)
    calendar = vietnam_calendar(extra_days_off=[tuesday])
    assert not calendar.is_working_day(tuesday)


def test_the_administrators_entries_win_over_the_package() -> None:
    calendar = vietnam_calendar(make_up_days=[date(2025, 5, 2)], extra_days_off=[date(2025, 4, 26)])
    assert calendar.is_working_day(date(2025, 5, 2))
    assert not calendar.is_working_day(date(2025, 4, 26))


def test_a_day_cannot_be_both_a_day_off_and_a_make_up_day() -> None:
    day = date(2026, 1, 3)
    with pytest.raises(DomainError) as caught:
        vietnam_calendar(extra_days_off=[day], make_up_days=[day])
    assert caught.value.code == "calendar_conflict"
    assert "03/01/2026" in caught.value.message


def test_the_package_source_reads_make_up_days_declared_by_the_next_year() -> None:
    # The 2015 swap gave 02/01/2015 off in exchange for Saturday 27/12/2014.
    assert date(2014, 12, 27) in vietnam_public_holidays(2014).make_up_days


def test_a_custom_holiday_source_is_used() -> None:
    day = date(2030, 6, 5)
    calendar = WorkingCalendar(holiday_source=lambda year: YearHolidays(frozenset({day})))
    assert not calendar.is_working_day(day)


# --- counting ------------------------------------------------------------------------------


def test_the_start_day_is_not_counted() -> None:
    friday = date(2025, 3, 7)
    assert VIETNAM.add_working_days(friday, 1) == date(2025, 3, 10)


def test_counting_from_a_day_off_starts_the_next_working_day() -> None:
    saturday = date(2025, 3, 8)
    assert VIETNAM.add_working_days(saturday, 1) == date(2025, 3, 10)


def test_adding_zero_working_days_returns_the_start() -> None:
    assert VIETNAM.add_working_days(date(2025, 3, 8), 0) == date(2025, 3, 8)


def test_adding_negative_working_days_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        VIETNAM.add_working_days(date(2025, 3, 8), -1)


def test_five_working_days_from_the_friday_before_tet_2025_end_a_week_later() -> None:
    assert VIETNAM.add_working_days(date(2025, 1, 24), 5) == date(2025, 2, 7)


def test_one_working_day_from_the_friday_before_tet_2026_is_after_tet() -> None:
    assert VIETNAM.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)


def test_a_make_up_saturday_can_be_the_deadline() -> None:
    assert VIETNAM.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)


def test_an_administrators_make_up_saturday_shortens_a_deadline() -> None:
    calendar = vietnam_calendar(make_up_days=[date(2026, 3, 14)])
    assert VIETNAM.add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 16)
    assert calendar.add_working_days(date(2026, 3, 13), 1) == date(2026, 3, 14)


def test_counting_crosses_the_new_year() -> None:
    assert VIETNAM.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 2)
    assert VIETNAM.working_days_between(date(2025, 12, 31), date(2026, 1, 2)) == 1


def test_working_days_between_excludes_the_start_and_includes_the_end() -> None:
    monday, friday = date(2025, 3, 10), date(2025, 3, 14)
    assert VIETNAM.working_days_between(monday, friday) == 4
    assert VIETNAM.working_days_between(monday, monday) == 0


def test_working_days_between_is_negative_backwards() -> None:
    assert VIETNAM.working_days_between(date(2025, 3, 14), date(2025, 3, 10)) == -4


def test_tet_2025_removes_a_week_of_working_days() -> None:
    assert VIETNAM.working_days_between(date(2025, 1, 24), date(2025, 2, 7)) == 5


def test_next_working_day_is_strictly_after() -> None:
    assert VIETNAM.next_working_day(date(2025, 3, 10)) == date(2025, 3, 11)
    assert VIETNAM.next_working_day(date(2025, 1, 26)) == date(2025, 2, 3)


def test_working_day_on_or_after_keeps_a_working_day() -> None:
    assert VIETNAM.working_day_on_or_after(date(2025, 3, 10)) == date(2025, 3, 10)
    assert VIETNAM.working_day_on_or_after(date(2025, 1, 29)) == date(2025, 2, 3)


def test_a_calendar_without_preloaded_years_computes_them_on_first_use() -> None:
    lazy = vietnam_calendar()
    assert lazy.add_working_days(date(2024, 2, 7), 1) == date(2024, 2, 15)


# --- properties ----------------------------------------------------------------------------


@FEW
@given(dates, st.integers(min_value=1, max_value=400))
def test_the_nth_working_day_is_a_working_day(start: date, n: int) -> None:
    assert VIETNAM.is_working_day(VIETNAM.add_working_days(start, n))


@FEW
@given(dates, counts)
def test_counting_back_the_working_days_gives_n(start: date, n: int) -> None:
    assert VIETNAM.working_days_between(start, VIETNAM.add_working_days(start, n)) == n


@FEW
@given(dates, counts)
def test_add_working_days_grows_with_n(start: date, n: int) -> None:
    assert VIETNAM.add_working_days(start, n) < VIETNAM.add_working_days(start, n + 1)


@FEW
@given(dates, dates, counts)
def test_add_working_days_grows_with_the_start(first: date, second: date, n: int) -> None:
    early, late = sorted((first, second))
    assert VIETNAM.add_working_days(early, n) <= VIETNAM.add_working_days(late, n)


@FEW
@given(dates, dates, dates)
def test_working_day_counts_add_up(a: date, b: date, c: date) -> None:
    between = VIETNAM.working_days_between
    assert between(a, b) + between(b, c) == between(a, c)


@FEW
@given(
    dates,
    st.integers(min_value=0, max_value=60),
    st.sets(dates, max_size=10),
    st.sets(dates, max_size=10),
)
def test_add_working_days_agrees_with_walking_day_by_day(
    start: date, n: int, off: set[date], worked: set[date]
) -> None:
    calendar = vietnam_calendar(extra_days_off=off - worked, make_up_days=worked)
    assert calendar.add_working_days(start, n) == _brute_add(calendar, start, n)
