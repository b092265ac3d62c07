import unicodedata
from datetime import date, datetime, time

import pytest

from dangvien.imports.domain.cells import fold, format_cell_value, is_blank, parse_text
from dangvien.imports.domain.legacy_encoding import Encoding


def test_it_trims_and_collapses_spaces_including_non_breaking_ones():
    assert parse_text("  Nguyễn \u00a0 Văn\tAn \n").text == "Nguyễn Văn An"


def test_it_normalises_nfd_text_to_nfc():
    parsed = parse_text(unicodedata.normalize("NFD", "Nguyễn Thị Ánh"))
    assert parsed.text == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", parsed.text)
    assert not parsed.converted


def test_it_converts_tcvn3_and_says_so():
    parsed = parse_text("  NguyÔn  V¨n An ")
    assert parsed.text == "Nguyễn Văn An"
    assert parsed.encoding is Encoding.TCVN3
    assert parsed.converted


def test_it_converts_vni_and_says_so():
    parsed = parse_text("Ñaûng Coäng saûn Vieät Nam")
    assert parsed.text == "Đảng Cộng sản Việt Nam"
    assert parsed.encoding is Encoding.VNI


def test_it_passes_the_assumed_encoding_to_the_detector():
    assert parse_text("Khai trõ", assume=Encoding.TCVN3).text == "Khai trừ"
    assert parse_text("Khai trõ").text == "Khai trõ"


def test_it_drops_invisible_characters_and_soft_hyphens_from_unicode_text():
    assert parse_text("Nguy\u200bễn\ufeff Văn\u00ad An").text == "Nguyễn Văn An"


def test_it_turns_an_icelandic_eth_into_a_vietnamese_d_bar():
    assert parse_text("Ðinh Văn Ðức").text == "Đinh Văn Đức"


def test_it_gives_empty_text_for_a_blank_cell():
    assert parse_text(None).text == ""
    assert parse_text("   ").text == ""


def test_it_shows_numbers_and_dates_as_excel_shows_them():
    assert parse_text(12.0).text == "12"
    assert parse_text(2.5).text == "2.5"
    assert parse_text(7).text == "7"
    assert parse_text(date(2024, 1, 5)).text == "05/01/2024"


def test_it_formats_every_kind_of_cell_value():
    assert format_cell_value(None) == ""
    assert format_cell_value(True) == "TRUE"
    assert format_cell_value(1.23456789012e11) == "123456789012"
    assert format_cell_value(datetime(2024, 1, 5)) == "05/01/2024"
    assert format_cell_value(datetime(2024, 1, 5, 8, 30)) == "05/01/2024 08:30:00"
    assert format_cell_value(time(8, 30)) == "08:30:00"


def test_it_tells_blank_cells():
    assert is_blank(None)
    assert is_blank(" \u200b ")
    assert not is_blank(0)
    assert not is_blank("x")


@pytest.mark.parametrize(
    ("text", "key"), [("Có ", "co"), ("KHÔNG", "khong"), ("Đảng  bộ", "dang bo")]
)
def test_it_folds_text_for_comparison(text, key):
    assert fold(text) == key
