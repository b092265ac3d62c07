from datetime import date

from dangvien.reports.domain.ranges import changed_days

OPEN = date(9999, 12, 31)


def test_a_new_period_affects_its_own_days():
    assert changed_days(None, (1, "du_bi", date(2024, 5, 1), OPEN)) == [(date(2024, 5, 1), OPEN)]


def test_closing_a_period_affects_only_the_days_it_loses():
    old = (1, "chinh_thuc", date(1990, 1, 1), OPEN)
    new = (1, "chinh_thuc", date(1990, 1, 1), date(2024, 5, 31))

    assert changed_days(old, new) == [(date(2024, 5, 31), OPEN)]


def test_a_moved_period_affects_its_old_and_new_days():
    old = (1, "chinh_thuc", date(2020, 1, 1), date(2020, 12, 31))
    new = (2, "chinh_thuc", date(2021, 1, 1), date(2021, 12, 31))

    assert changed_days(old, new) == [
        (date(2020, 1, 1), date(2020, 12, 31)),
        (date(2021, 1, 1), date(2021, 12, 31)),
    ]
