import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.imports.domain.cells import (
    Period,
    PeriodKind,
    parse_int,
    parse_period,
    parse_positions,
    parse_yes_no,
)

YES_NO_MESSAGE = (
    'Giá trị "{}" không hợp lệ: chỉ nhận Có hoặc Không '
    "(có thể ghi x thay cho Có, để trống thay cho Không)"
)


@pytest.mark.parametrize(
    "value",
    ["Có", "có", "CÓ", "co", " Co ", "x", "X", "1", 1, 1.0, True, "TRUE", "true", "Yes", "✓"],
)
def test_it_reads_yes(value):
    assert parse_yes_no(value) is True


@pytest.mark.parametrize(
    "value", ["Không", "không", "KHÔNG", "khong", "", "  ", None, "0", 0, False, "FALSE", "no"]
)
def test_it_reads_no(value):
    assert parse_yes_no(value) is False


def test_it_reads_yes_and_no_typed_with_legacy_fonts():
    assert parse_yes_no("Kh«ng") is False  # TCVN3
    assert parse_yes_no("Coù") is True  # VNI
    assert parse_yes_no("Cã") is True  # TCVN3, though "Cã" also reads as Unicode


@pytest.mark.parametrize(("value", "shown"), [("có lẽ", "có lẽ"), ("2", "2"), (2, "2"), ("v", "v")])
def test_it_refuses_anything_else_as_yes_or_no(value, shown):
    with pytest.raises(DomainError) as caught:
        parse_yes_no(value)
    assert caught.value.message == YES_NO_MESSAGE.format(shown)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(12, 12), (12.0, 12), ("12", 12), (" 12 ", 12), ("+3", 3), ("-3", -3), ("1.234", 1234),
     ("12,345", 12345), ("1 234 567", 1234567), ("1.234.567", 1234567)],
)  # fmt: skip
def test_it_reads_integers(value, expected):
    assert parse_int(value) == expected


@pytest.mark.parametrize(
    ("value", "shown"),
    [("2.5", "2.5"), (2.5, "2.5"), ("12a", "12a"), ("1.23", "1.23"), ("1.234,5", "1.234,5"),
     (True, "TRUE"), ("1,234.567", "1,234.567")],
)  # fmt: skip
def test_it_refuses_what_is_not_a_whole_number(value, shown):
    with pytest.raises(DomainError) as caught:
        parse_int(value)
    assert caught.value.message == f'Giá trị "{shown}" không phải là số nguyên'


def test_it_checks_the_bounds_of_an_integer():
    assert parse_int("0", minimum=0, maximum=10) == 0
    with pytest.raises(DomainError) as too_small:
        parse_int("-1", minimum=0)
    assert too_small.value.message == "Giá trị -1 phải từ 0 trở lên"
    with pytest.raises(DomainError) as too_large:
        parse_int(11, maximum=10)
    assert too_large.value.message == "Giá trị 11 không được lớn hơn 10"


def test_it_gives_none_for_a_blank_integer():
    assert parse_int("  ") is None


@pytest.mark.parametrize("value", ["2020", 2020, 2020.0, " 2020 ", "Năm 2020"])
def test_it_reads_a_year_period(value):
    assert parse_period(value) == ("year", 2020, 2020)
    assert parse_period(value) == Period(PeriodKind.YEAR, 2020, 2020)


@pytest.mark.parametrize(
    "value", ["2020-2025", "2020–2025", "2020—2025", "2020 - 2025", "2020/2025", "2020-25",
              "Nhiệm kỳ 2020-2025", "nhiem ky 2020 – 2025", "Giai đoạn 2020-2025"],
)  # fmt: skip
def test_it_reads_a_term_period(value):
    assert parse_period(value) == ("term", 2020, 2025)


def test_it_refuses_what_is_neither_a_year_nor_a_term():
    with pytest.raises(DomainError) as caught:
        parse_period("năm nay")
    assert caught.value.message == (
        'Kỳ "năm nay" không hợp lệ: hãy ghi một năm (ví dụ 2020) '
        "hoặc một nhiệm kỳ (ví dụ 2020-2025)"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-2020", 'Nhiệm kỳ "2025-2020" không hợp lệ: năm kết thúc phải sau năm bắt đầu'),
        ("2020-2020", 'Nhiệm kỳ "2020-2020" không hợp lệ: năm kết thúc phải sau năm bắt đầu'),
        ("2020-2031", 'Nhiệm kỳ "2020-2031" không hợp lệ: dài quá 10 năm'),
        ("1800", "Năm 1800 nằm ngoài khoảng cho phép (1930–2100)"),
        ("2020-2101", "Năm 2101 nằm ngoài khoảng cho phép (1930–2100)"),
    ],
)
def test_it_refuses_periods_out_of_order_too_long_or_out_of_range(value, message):
    with pytest.raises(DomainError) as caught:
        parse_period(value)
    assert caught.value.message == message


def test_it_gives_none_for_a_blank_period():
    assert parse_period(None) is None


def test_it_splits_positions_on_semicolons_trimming_and_dropping_blanks():
    cell = " Trưởng thôn ;; Trưởng ban công tác Mặt trận;  ;Chi hội trưởng Hội Phụ nữ; "
    assert parse_positions(cell) == (
        "Trưởng thôn",
        "Trưởng ban công tác Mặt trận",
        "Chi hội trưởng Hội Phụ nữ",
    )


def test_it_splits_positions_on_line_breaks_and_drops_repeats():
    assert parse_positions("Trưởng thôn\nBí thư chi đoàn;trưởng  thôn") == (
        "Trưởng thôn",
        "Bí thư chi đoàn",
    )


def test_it_converts_positions_typed_with_a_legacy_font():
    assert parse_positions("Tr\u00adëng th«n; Chi héi tr\u00adëng Héi Phô n÷") == (
        "Trưởng thôn",
        "Chi hội trưởng Hội Phụ nữ",
    )


def test_it_gives_no_positions_for_a_blank_cell():
    assert parse_positions(None) == ()
    assert parse_positions(" ; ") == ()
