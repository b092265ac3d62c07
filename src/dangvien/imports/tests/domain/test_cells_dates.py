from datetime import date, datetime

import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.imports.domain.cells import excel_serial_to_date, parse_date_cell

TODAY = date(2025, 6, 1)


def _error(value: object) -> DomainError:
    with pytest.raises(DomainError) as caught:
        parse_date_cell(value, today=TODAY)  # type: ignore[arg-type]
    return caught.value


def test_it_takes_a_real_excel_date():
    assert parse_date_cell(date(1990, 12, 25), today=TODAY) == date(1990, 12, 25)


def test_it_takes_a_datetime_and_drops_the_time():
    assert parse_date_cell(datetime(1990, 12, 25, 13, 45), today=TODAY) == date(1990, 12, 25)


@pytest.mark.parametrize(
    ("serial", "expected"),
    [
        (45292, date(2024, 1, 1)),
        (45292.0, date(2024, 1, 1)),
        (45292.75, date(2024, 1, 1)),  # the fraction is the time of day
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),  # Excel counts a 29/02/1900 that never was
        (33043, date(1990, 6, 19)),
    ],
)
def test_it_takes_excel_serial_numbers(serial, expected):
    assert parse_date_cell(serial, today=TODAY) == expected


def test_it_refuses_excel_s_phantom_leap_day():
    assert (
        _error(60).message
        == "Ngày 29/02/1900 không tồn tại (số ngày 60 của Excel, do lỗi năm nhuận 1900)"
    )


@pytest.mark.parametrize("serial", [0, -5, float("nan")])
def test_it_refuses_serials_that_are_no_date(serial):
    assert _error(serial).message == f"Giá trị {serial} không phải là ngày hợp lệ"


def test_it_refuses_a_serial_too_large_for_any_calendar():
    assert excel_serial_to_date(2958465) == date(9999, 12, 31)
    assert _error(10**9).message == "Giá trị 1000000000 không phải là ngày hợp lệ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("25/12/1990", date(1990, 12, 25)),
        ("5/3/1990", date(1990, 3, 5)),
        ("05.03.1990", date(1990, 3, 5)),
        ("05-03-1990", date(1990, 3, 5)),
        ("5/3/90", date(1990, 3, 5)),
        ("5/3/24", date(2024, 3, 5)),
        ("1/1/26", date(2026, 1, 1)),  # up to next year, this century
        ("1/1/27", date(1927, 1, 1)),
        ("1990-12-25", date(1990, 12, 25)),
        ("1990.12.25", date(1990, 12, 25)),
        ("1990/12/25", date(1990, 12, 25)),
        ("1990-12-25 00:00:00", date(1990, 12, 25)),
        ("25/12/1990 08:30", date(1990, 12, 25)),
        (" 25 / 12 / 1990 ", date(1990, 12, 25)),
        ("ngày 05 tháng 3 năm 2020", date(2020, 3, 5)),
        ("Ngày 5 tháng 03 năm 2020", date(2020, 3, 5)),
    ],
)
def test_it_reads_dates_written_as_text(text, expected):
    assert parse_date_cell(text, today=TODAY) == expected


def test_it_reads_the_day_first_never_the_month():
    assert parse_date_cell("03/04/2020", today=TODAY) == date(2020, 4, 3)


@pytest.mark.parametrize("text", ["25/12", "1990", "25/12-1990", "abc", "12/25/1990x", "١/١/٢٠٢٠"])
def test_it_refuses_text_that_is_not_a_date(text):
    assert (
        _error(text).message
        == f'Ngày "{text}" không hợp lệ: hãy nhập theo dạng dd/mm/yyyy (ví dụ 25/12/1990)'
    )


@pytest.mark.parametrize("text", ["31/02/2020", "29/02/2023", "12/25/1990", "2020-13-01"])
def test_it_refuses_dates_that_do_not_exist(text):
    assert _error(text).message == f'Ngày "{text}" không tồn tại'


def test_it_refuses_dates_before_1900():
    assert (
        _error("31/12/1899").message
        == "Ngày 31/12/1899 nằm ngoài khoảng cho phép (từ 01/01/1900 đến 01/06/2026)"
    )


def test_it_refuses_dates_more_than_a_year_ahead():
    assert parse_date_cell("01/06/2026", today=TODAY) == date(2026, 6, 1)
    assert (
        _error("02/06/2026").message
        == "Ngày 02/06/2026 nằm ngoài khoảng cho phép (từ 01/01/1900 đến 01/06/2026)"
    )


def test_it_keeps_the_limit_on_28_february_when_today_is_a_leap_day():
    with pytest.raises(DomainError, match="đến 28/02/2025"):
        parse_date_cell("01/03/2025", today=date(2024, 2, 29))


def test_it_refuses_a_boolean():
    assert _error(True).message.startswith('Ngày "TRUE" không hợp lệ')


@pytest.mark.parametrize("blank", [None, "", "   "])
def test_it_gives_none_for_a_blank_cell(blank):
    assert parse_date_cell(blank, today=TODAY) is None


def test_it_uses_the_system_date_by_default():
    assert parse_date_cell("01/01/2000") == date(2000, 1, 1)


def test_it_reads_a_date_typed_with_a_legacy_font():
    # Dates are digits, but a "ngày ... tháng ... năm" line may come in TCVN3.
    assert parse_date_cell("ngµy 5 th¸ng 3 n¨m 2020", today=TODAY) == date(2020, 3, 5)
