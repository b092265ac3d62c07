import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import (
    age_months,
    age_years,
    compact_key,
    format_date,
    format_number,
    format_percent,
    months_between,
    normalize,
    parse_date,
    percent,
    round_half_up,
    search_key,
    sort_key,
    split_name,
)

# --- normalize, search_key, split_name -----------------------------------------------------


def test_it_collapses_every_kind_of_space():
    assert normalize("  Nguyễn\u00a0\u00a0Văn\t\nAn  ") == "Nguyễn Văn An"


def test_it_composes_decomposed_text():
    assert normalize(unicodedata.normalize("NFD", "Nguyễn")) == "Nguyễn"


def test_it_drops_invisible_characters_from_pasted_text():
    assert normalize("\ufeffNguy\u200bễn") == "Nguyễn"


def test_it_replaces_the_eth_left_by_legacy_encodings_with_d_bar():
    assert normalize("Ðặng") == "Đặng"


def test_it_strips_diacritics_for_the_search_key():
    assert search_key("Nguyễn  Văn Á") == "nguyen van a"


def test_it_maps_d_bar_to_d_in_the_search_key():
    assert search_key("ĐẶNG Đình") == "dang dinh"


def test_it_gives_the_same_search_key_for_decomposed_input():
    assert search_key(unicodedata.normalize("NFD", "Nguyễn Văn Á")) == "nguyen van a"


def test_it_keeps_only_letters_and_digits_in_the_compact_key():
    assert compact_key("H'Mông") == compact_key("Hmông") == compact_key("hmong") == "hmong"
    assert compact_key("Ê-đê") == "ede"


def test_it_splits_a_three_word_name():
    assert split_name("Nguyễn Văn An") == ("Nguyễn", "Văn", "An")


def test_it_keeps_several_middle_names_together():
    assert split_name(" Tôn  Nữ Thị Ngọc  Lan ") == ("Tôn", "Nữ Thị Ngọc", "Lan")


def test_it_splits_a_two_word_name_into_family_and_given():
    assert split_name("Lê Na") == ("Lê", "", "Na")


def test_it_treats_a_single_word_as_the_given_name():
    assert split_name("Xuân") == ("", "", "Xuân")


def test_it_splits_an_empty_name_into_empty_parts():
    assert split_name("  ") == ("", "", "")


# --- sort_key ------------------------------------------------------------------------------


def _sorted(names: list[str]) -> list[str]:
    return sorted(names, key=sort_key)


def test_it_sorts_dang_after_duong():
    assert _sorted(["Đặng", "Dương"]) == ["Dương", "Đặng"]


def test_it_sorts_family_names_with_d_bar_after_d():
    assert _sorted(["Đặng Văn An", "Dương Văn An"]) == ["Dương Văn An", "Đặng Văn An"]


def test_it_sorts_the_a_letters_in_alphabet_order():
    assert _sorted(["Ân", "Ăn", "Anh", "An"]) == ["An", "Anh", "Ăn", "Ân"]


def test_it_sorts_the_o_and_u_letters_in_alphabet_order():
    assert _sorted(["Ơn", "Ôn", "On"]) == ["On", "Ôn", "Ơn"]
    assert _sorted(["Ưng", "Ung"]) == ["Ung", "Ưng"]


def test_it_sorts_tones_in_dictionary_order():
    names = ["Bịnh", "Bính", "Bĩnh", "Bỉnh", "Bình", "Binh"]
    assert _sorted(names) == ["Binh", "Bình", "Bỉnh", "Bĩnh", "Bính", "Bịnh"]


def test_it_sorts_binh_before_binh_with_acute():
    assert sort_key("Bình") < sort_key("Bính")


def test_it_compares_letters_before_tones():
    # "Bính" has a tone, but its letters come first: tones only break ties.
    assert _sorted(["Bỉnh", "Bính", "Binh", "Bịch"]) == ["Bịch", "Binh", "Bỉnh", "Bính"]


def test_it_compares_tones_only_after_the_whole_name():
    # All given names are spelled "Ân"/"Ấn": the family name decides before any tone.
    assert _sorted(["Lê Ấn", "Lê Ân", "Hà Ân"]) == ["Hà Ân", "Lê Ân", "Lê Ấn"]


def test_it_sorts_by_given_name_first():
    assert sort_key("Nguyễn Văn An") < sort_key("Trần Thị Anh")
    assert sort_key("Trần Thị An") < sort_key("Nguyễn Văn Bình")


def test_it_sorts_by_family_name_when_given_names_are_equal():
    assert _sorted(["Trần Văn An", "Lê Văn An", "Nguyễn Văn An"]) == [
        "Lê Văn An",
        "Nguyễn Văn An",
        "Trần Văn An",
    ]


def test_it_sorts_by_middle_names_last():
    assert _sorted(["Lê Văn An", "Lê Thị An", "Lê An"]) == ["Lê An", "Lê Thị An", "Lê Văn An"]


def test_it_sorts_a_one_word_name_before_longer_names_with_that_given_name():
    assert _sorted(["Lê An", "An"]) == ["An", "Lê An"]


def test_it_places_foreign_letters_in_latin_order():
    assert _sorted(["Gia", "Fa", "Ê"]) == ["Ê", "Fa", "Gia"]
    assert _sorted(["Zin", "Yến", "Win", "Xuân"]) == ["Win", "Xuân", "Yến", "Zin"]


def test_it_ignores_case_and_extra_spaces():
    assert sort_key("  NGUYỄN   văn  an ") == sort_key("Nguyễn Văn An")


def test_it_gives_decomposed_unicode_the_same_key():
    assert sort_key(unicodedata.normalize("NFD", "Đặng Thị Hường")) == sort_key("Đặng Thị Hường")


def test_it_sorts_old_and_new_tone_placement_alike():
    assert sort_key("Nguyễn Thị Hòa") == sort_key("Nguyễn Thị Hoà")


def test_it_ignores_apostrophes_inside_names():
    assert sort_key("H'Hen Niê") == sort_key("HHen Niê")


def test_it_sorts_the_empty_string_first():
    assert sort_key("") == "00"
    assert sort_key("") < sort_key("A")


def test_it_produces_only_digits():
    assert sort_key("Nguyễn Văn An").isdigit()


def test_it_truncates_very_long_names_to_255_characters():
    assert len(sort_key("Nguyễn " * 100 + "An")) == 255


_VIETNAMESE_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYfjwz"
_TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]

_words = st.builds(
    lambda letters, tone: letters[0] + tone + letters[1:],
    st.text(alphabet=_VIETNAMESE_LETTERS, min_size=1, max_size=8),
    st.sampled_from(_TONES),
).map(lambda word: unicodedata.normalize("NFC", word))
_names = st.lists(_words, min_size=0, max_size=5).map(" ".join)


def _without_tones(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONES))


def _sign(a: str, b: str) -> int:
    return (a > b) - (a < b)


@given(_names)
def test_it_ignores_normalisation_form_case_and_spacing(name: str):
    variants = [
        unicodedata.normalize("NFD", name),
        name.upper(),
        name.lower(),
        "  " + name.replace(" ", " \u00a0 ") + " ",
    ]
    assert {sort_key(v) for v in variants} == {sort_key(name)}


@given(st.text(max_size=400))
def test_it_keeps_any_key_short_and_made_of_digits(text: str):
    key = sort_key(text)
    assert len(key) <= 255
    assert key.isdigit()
    assert key == sort_key(text)


@given(_names, _names)
def test_it_lets_tones_decide_only_between_names_with_the_same_letters(a: str, b: str):
    bare_a, bare_b = _without_tones(a), _without_tones(b)
    if sort_key(bare_a) != sort_key(bare_b):
        assert _sign(sort_key(a), sort_key(b)) == _sign(sort_key(bare_a), sort_key(bare_b))


@given(_names)
def test_it_sorts_a_name_without_tones_no_later_than_with_tones(name: str):
    assert sort_key(_without_tones(name)) <= sort_key(name)


# --- numbers -------------------------------------------------------------------------------


def test_it_rounds_half_up_despite_float_representation():
    assert round_half_up(61.395) == 61.4
    assert round_half_up(2.675) == 2.68
    assert round_half_up(1.005) == 1.01


def test_it_rounds_negative_halves_away_from_zero():
    assert round_half_up(-2.5, 0) == -3.0


def test_it_rounds_decimals_and_integers():
    assert round_half_up(Decimal("0.125")) == 0.13
    assert round_half_up(7) == 7.0


def test_it_rounds_very_large_numbers_without_error():
    assert round_half_up(1e30) == 1e30


def test_it_refuses_to_round_infinity():
    with pytest.raises(ValueError, match="non-finite"):
        round_half_up(float("inf"))


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_it_rounds_every_exact_half_away_from_zero(cents: int):
    # cents + half a cent: the decimal value sits exactly halfway between two cents.
    value = (Decimal(cents) * 10 + 5) / 1000
    expected = (abs(value) + Decimal("0.005")).quantize(Decimal("0.01"))
    assert round_half_up(float(value)) == float(expected.copy_sign(value))


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_it_rounds_within_half_a_unit_and_idempotently(value: float):
    rounded = round_half_up(value)
    assert abs(Decimal(str(rounded)) - Decimal(str(value))) <= Decimal("0.005")
    assert round_half_up(rounded) == rounded


def test_it_computes_a_percentage_rounded_half_up():
    assert percent(35, 57) == 61.4
    assert percent(9, 19) == 47.37
    assert percent(1, 8) == 12.5


def test_it_returns_no_percentage_of_zero():
    assert percent(5, 0) is None


def test_it_allows_percentages_above_100():
    assert percent(57, 50) == 114.0


def test_it_formats_numbers_the_vietnamese_way():
    assert format_number(5348) == "5.348"
    assert format_number(1234.5, 2) == "1.234,50"
    assert format_number(1234567) == "1.234.567"


def test_it_formats_numbers_the_english_way():
    assert format_number(5348, lang="en") == "5,348"
    assert format_number(1234.5, 2, lang="en") == "1,234.50"


def test_it_formats_negative_numbers():
    assert format_number(-5348) == "-5.348"
    assert format_number(-1234.5, 2, lang="en") == "-1,234.50"


def test_it_never_formats_a_negative_zero():
    assert format_number(-0.001, 2) == "0,00"


def test_it_accepts_regional_language_codes():
    assert format_number(5348, lang="en_US") == "5,348"
    assert format_number(5348, lang="vi-VN") == "5.348"


def test_it_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="unsupported language"):
        format_number(1, lang="fr")


def test_it_formats_percentages_with_two_decimals():
    assert format_percent(61.4) == "61,40%"
    assert format_percent(Decimal("100")) == "100,00%"
    assert format_percent(61.4, lang="en") == "61.40%"


def test_it_formats_a_missing_percentage_as_a_dash():
    assert format_percent(None) == "—"


# --- dates ---------------------------------------------------------------------------------


def test_it_formats_a_date_as_day_month_year():
    assert format_date(date(2024, 3, 5)) == "05/03/2024"


def test_it_formats_a_datetime_by_its_date():
    assert format_date(datetime(2024, 3, 5, 23, 59)) == "05/03/2024"


def test_it_formats_no_date_as_empty():
    assert format_date(None) == ""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("05/03/2024", date(2024, 3, 5)),
        ("5/3/2024", date(2024, 3, 5)),
        (" 5-3-2024 ", date(2024, 3, 5)),
        ("5.3.2024", date(2024, 3, 5)),
        ("2024-03-05", date(2024, 3, 5)),
        ("2024.3.5", date(2024, 3, 5)),
        ("2024/03/05", date(2024, 3, 5)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_it_parses_the_accepted_date_formats(text: str, expected: date):
    assert parse_date(text) == expected


def test_it_puts_two_digit_years_up_to_next_year_in_this_century():
    today = date(2025, 6, 1)
    assert parse_date("5/3/26", today=today) == date(2026, 3, 5)
    assert parse_date("5/3/00", today=today) == date(2000, 3, 5)


def test_it_puts_later_two_digit_years_in_the_last_century():
    today = date(2025, 6, 1)
    assert parse_date("5/3/27", today=today) == date(1927, 3, 5)
    assert parse_date("01/01/99", today=today) == date(1999, 1, 1)


def test_it_explains_an_impossible_date_in_vietnamese():
    with pytest.raises(DomainError) as raised:
        parse_date("31/02/2024")
    assert raised.value.message == 'Ngày không hợp lệ: "31/02/2024" (định dạng dd/mm/yyyy)'
    assert raised.value.code == "invalid_date"


@pytest.mark.parametrize(
    "text", ["", "hôm qua", "5/3", "05/03-2024", "2024-13-01", "5/3/202", "١/٣/٢٠٢٤", "0/1/2024"]
)
def test_it_rejects_malformed_dates(text: str):
    with pytest.raises(DomainError, match="Ngày không hợp lệ"):
        parse_date(text)


def test_it_counts_whole_completed_months():
    assert months_between(date(2024, 1, 15), date(2024, 2, 14)) == 0
    assert months_between(date(2024, 1, 15), date(2024, 2, 15)) == 1
    assert months_between(date(2024, 1, 15), date(2025, 1, 15)) == 12


def test_it_completes_a_month_from_the_31st_on_the_first_of_the_next_month():
    assert months_between(date(2024, 1, 31), date(2024, 2, 29)) == 0
    assert months_between(date(2024, 1, 31), date(2024, 3, 1)) == 1


def test_it_counts_negative_months_when_the_end_is_earlier():
    assert months_between(date(2024, 2, 15), date(2024, 1, 15)) == -1


def test_it_reaches_18_years_on_the_birthday():
    assert age_years(date(2006, 5, 10), date(2024, 5, 9)) == 17
    assert age_years(date(2006, 5, 10), date(2024, 5, 10)) == 18
    assert age_months(date(2006, 5, 10), date(2024, 5, 10)) == 216


def test_it_reaches_a_29_february_birthday_on_1_march_in_common_years():
    assert age_years(date(2008, 2, 29), date(2026, 2, 28)) == 17
    assert age_years(date(2008, 2, 29), date(2026, 3, 1)) == 18


def test_it_reaches_a_29_february_birthday_on_29_february_in_leap_years():
    assert age_years(date(2004, 2, 29), date(2024, 2, 29)) == 20


def test_it_mirrors_ages_before_birth():
    assert age_years(date(2020, 1, 1), date(2018, 6, 1)) == -1


@given(st.dates(), st.dates())
def test_it_agrees_with_the_calendar_on_completed_months(start: date, end: date):
    months = months_between(start, end)
    if start <= end:
        assert months >= 0
        assert months_between(start, end) // 12 == age_years(start, end)
    else:
        assert months <= 0
