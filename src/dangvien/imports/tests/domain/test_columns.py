"""Whole-column parsing: each distinct cell parsed once, results and refusals by position."""

from __future__ import annotations

from datetime import date, datetime

from dangvien.imports.domain.columns import parse_column
from dangvien.imports.domain.sheets import PEOPLE, QUOTAS
from dangvien.people.domain.vocabularies import GENDERS, POSITIONS

TODAY = date(2026, 1, 15)


def _parse(sheet_column, cells):
    return parse_column(sheet_column, cells, vocabularies={"genders": GENDERS}, today=TODAY)


def test_equal_numbers_of_different_types_are_parsed_by_type():
    # 1, 1.0 and True are one dict key, but True is not a whole number in a quota cell.
    result = _parse(QUOTAS.column("quota"), [1, True, 1.0, "2", 1])
    assert result.values == [1, None, 1, 2, 1]
    assert list(result.errors) == [1]


def test_repeated_values_give_the_same_result_at_every_position():
    cells = ["Nam", "nữ", "Nam", None, "Nam"]
    result = _parse(PEOPLE.column("gender"), cells)
    assert result.values[:3] == ["nam", "nu", "nam"]
    assert result.values[4] == "nam"


def test_refusals_are_recorded_at_each_position_that_holds_the_value():
    result = _parse(PEOPLE.column("birth_date"), ["31/02/1995", "01/02/1995", "31/02/1995"])
    assert result.values == [None, date(1995, 2, 1), None]
    assert sorted(result.errors) == [0, 2]


def test_a_date_and_a_datetime_of_the_same_day_both_parse():
    result = _parse(PEOPLE.column("birth_date"), [date(1990, 5, 1), datetime(1990, 5, 1)])
    assert result.values == [date(1990, 5, 1), date(1990, 5, 1)]


def test_text_cells_in_a_legacy_font_are_converted_and_counted():
    result = _parse(PEOPLE.column("full_name"), ["NguyÔn V¨n An", "NguyÔn V¨n An", "Lê Bình"])
    assert result.values == ["Nguyễn Văn An", "Nguyễn Văn An", "Lê Bình"]
    assert result.converted == 2


def test_repeated_positions_cells_give_the_same_positions_and_count_each_legacy_cell():
    cells = ["Tr\u00adëng th«n", "Trưởng thôn; Bí thư Chi đoàn", "Tr\u00adëng th«n", None, 1]
    result = parse_column(
        PEOPLE.column("positions"),
        cells,
        vocabularies={"positions": POSITIONS},
        today=TODAY,
    )
    village_head = result.values[0]
    assert result.values[2] == village_head
    assert result.values[1][0] == village_head[0]
    assert result.values[3] == ()
    assert result.values[4] == (("khac", "1"),)
    assert result.converted == 2
