import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.imports.domain.cells import parse_citizen_id


def _message(value: object) -> str:
    with pytest.raises(DomainError) as caught:
        parse_citizen_id(value)  # type: ignore[arg-type]
    assert caught.value.code == "invalid_citizen_id"
    return caught.value.message


def test_it_keeps_twelve_digits_as_text_with_their_leading_zeros():
    assert parse_citizen_id("001085012345") == "001085012345"


@pytest.mark.parametrize("typed", [" 001 085 012 345 ", "001.085.012.345", "'001085012345"])
def test_it_drops_spaces_dots_and_excel_s_text_apostrophe(typed):
    assert parse_citizen_id(typed) == "001085012345"


def test_it_takes_a_twelve_digit_number_unchanged():
    assert parse_citizen_id(123456789012) == "123456789012"
    assert parse_citizen_id(1.23456789012e11) == "123456789012"


def test_it_restores_the_one_leading_zero_excel_dropped_from_an_eleven_digit_number():
    assert parse_citizen_id(12345678901) == "012345678901"
    assert parse_citizen_id(12345678901.0) == "012345678901"


def test_it_refuses_to_guess_more_than_one_lost_zero():
    assert _message(1234567890) == (
        'Số CCCD "1234567890" không hợp lệ: phải gồm đúng 12 chữ số. '
        "Excel đã lưu ô này dạng số nên bỏ mất các chữ số 0 ở đầu; hệ thống chỉ tự thêm lại "
        "khi thiếu đúng một chữ số, ở đây thiếu 2 nên không đoán được. "
        "Hãy định dạng cột là Văn bản (Text) rồi nhập đủ 12 chữ số"
    )


def test_it_says_how_many_digits_a_short_number_lacks():
    assert "ở đây thiếu 7 nên" in _message(12345)


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("12345", "12345"),
        ("0010850123456", "0010850123456"),
        ("00108501234A", "00108501234A"),
        ("01234567890", "01234567890"),  # text keeps what was typed: 11 digits is a typo
        ("1.23457E+11", "1.23457E+11"),
        (1234567890123, "1234567890123"),
        (1.5, "1.5"),
        (-12345678901, "-12345678901"),
        (True, "TRUE"),
    ],
)
def test_it_refuses_anything_else(value, shown):
    assert _message(value) == f'Số CCCD "{shown}" không hợp lệ: phải gồm đúng 12 chữ số'


@pytest.mark.parametrize("blank", [None, "", "  "])
def test_it_gives_none_for_a_blank_cell(blank):
    assert parse_citizen_id(blank) is None
