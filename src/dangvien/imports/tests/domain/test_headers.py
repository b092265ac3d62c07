import unicodedata

import pytest

from dangvien.imports.domain.headers import (
    column_letter,
    find_sheet,
    header_key,
    locate_header_row,
    match_headers,
    plan_sheets,
)
from dangvien.imports.domain.issues import Severity
from dangvien.imports.domain.sheets import (
    CLASSES,
    ORGANISATIONS,
    PEOPLE,
    QUOTAS,
    SHEETS,
    TRAINEES,
)


def _headers(spec):
    return [column.header for column in spec.columns]


def test_it_matches_the_exact_headers():
    match = match_headers(PEOPLE, _headers(PEOPLE))
    assert match.ok
    assert dict(match.positions) == {column.key: i for i, column in enumerate(PEOPLE.columns)}
    assert match.issues("NhanSu") == []


@pytest.mark.parametrize(
    "typed",
    [
        "số cccd",
        "SỐ CCCD",
        "  Số   CCCD  ",
        unicodedata.normalize("NFD", "Số CCCD"),
        unicodedata.normalize("NFD", "SỐ  cccd "),
        "Số CCCD (*)",
        "Số CCCD *",
        "So CCCD",  # typed without diacritics
        "Sè CCCD",  # TCVN3
        "Soá CCCD",  # VNI
    ],
)
def test_it_matches_a_header_whatever_its_case_spacing_form_or_font(typed):
    match = match_headers(TRAINEES, ["Mã lớp", typed])
    assert match.positions == {"class_code": 0, "citizen_id": 1}
    assert match.ok


def test_it_matches_columns_in_any_order():
    match = match_headers(QUOTAS, ["Chỉ tiêu", "Kỳ", "Mã tổ chức"])
    assert dict(match.positions) == {"quota": 0, "period": 1, "org_code": 2}


def test_it_reports_a_missing_required_column_as_an_error():
    match = match_headers(QUOTAS, ["Mã tổ chức", "Nhóm", "Chỉ tiêu"])
    assert not match.ok
    [issue] = match.issues("ChiTieu")
    assert issue.message == 'Thiếu cột bắt buộc "Kỳ"'
    assert (issue.sheet, issue.row, issue.column, issue.severity) == (
        "ChiTieu",
        1,
        "Kỳ",
        Severity.ERROR,
    )


def test_it_does_not_require_optional_columns():
    assert match_headers(QUOTAS, ["Mã tổ chức", "Kỳ", "Chỉ tiêu"]).ok


def test_it_reports_an_unknown_column_as_a_warning():
    match = match_headers(QUOTAS, ["Mã tổ chức", "Kỳ", "Chỉ tiêu", "  Ghi   chú "])
    assert match.ok
    [issue] = match.issues("ChiTieu", header_row=3)
    assert issue.message == 'Cột "Ghi chú" không có trong mẫu nên bị bỏ qua'
    assert (issue.row, issue.column, issue.column_index, issue.severity) == (
        3,
        "Ghi chú",
        3,
        Severity.WARNING,
    )


def test_it_reports_a_repeated_column_as_an_error():
    match = match_headers(QUOTAS, ["Mã tổ chức", "Kỳ", "Chỉ tiêu", "chỉ tiêu"])
    assert not match.ok
    assert match.positions["quota"] == 2
    [issue] = match.issues("ChiTieu")
    assert issue.message == 'Cột "Chỉ tiêu" có hai lần (cột C và cột D); hãy giữ lại một cột'
    assert issue.column_index == 3


def test_it_skips_blank_header_cells():
    match = match_headers(QUOTAS, [None, "Mã tổ chức", "", "Kỳ", "  ", "Chỉ tiêu"])
    assert match.ok
    assert match.unknown == ()


def test_it_keeps_same_named_columns_of_different_sheets_apart():
    # "Mã" is the organisation's code in ToChuc and is not "Mã lớp" in LopHoc.
    assert match_headers(CLASSES, ["Mã"]).unknown == ((0, "Mã"),)
    assert match_headers(ORGANISATIONS, ["Mã"]).positions == {"code": 0}


def test_it_makes_header_keys():
    assert header_key(" Số  CCCD (*) ") == "số cccd"
    assert header_key(None) == ""


@pytest.mark.parametrize(
    ("index", "letters"),
    [(0, "A"), (1, "B"), (25, "Z"), (26, "AA"), (27, "AB"), (701, "ZZ"), (702, "AAA")],
)
def test_it_names_columns_with_excel_letters(index, letters):
    assert column_letter(index) == letters


@pytest.mark.parametrize(
    ("name", "expected"),
    [("NhanSu", "NhanSu"), ("nhansu", "NhanSu"), (" Nhân sự ", "NhanSu"), ("NHAN_SU", "NhanSu"),
     ("Tổ chức", "ToChuc"), ("Địa bàn", "DiaBan"), ("Chỉ tiêu", "ChiTieu"), ("Lớp học", "LopHoc"),
     ("Học viên", "HocVien"), ("Nh©n sù", "NhanSu")],
)  # fmt: skip
def test_it_finds_sheets_by_tolerant_name(name, expected):
    found = find_sheet(name)
    assert found is not None
    assert found.name == expected


def test_it_finds_no_spec_for_an_unknown_sheet():
    assert find_sheet("Sheet1") is None


def test_it_plans_sheets_in_processing_order_whatever_the_workbook_order():
    plan = plan_sheets(["HocVien", "Nhân sự", "HuongDan", "Sheet1", "ToChuc"])
    assert [(spec.name, name) for spec, name in plan.sheets] == [
        ("ToChuc", "ToChuc"),
        ("NhanSu", "Nhân sự"),
        ("HocVien", "HocVien"),
    ]
    [issue] = plan.issues
    assert issue.message == 'Trang "Sheet1" không thuộc mẫu nhập liệu nên bị bỏ qua'
    assert issue.severity is Severity.WARNING
    assert issue.row is None


def test_it_refuses_two_sheets_of_the_same_kind():
    plan = plan_sheets(["NhanSu", "Nhân sự"])
    assert [name for _, name in plan.sheets] == ["NhanSu"]
    [issue] = plan.issues
    assert issue.message == 'Hai trang "NhanSu" và "Nhân sự" cùng là trang NhanSu'
    assert issue.severity is Severity.ERROR


def test_it_finds_the_header_row_below_a_title():
    rows = [
        ["DANH SÁCH CHỈ TIÊU KẾT NẠP NĂM 2025"],
        [],
        ["Mã tổ chức", "Kỳ", "Chỉ tiêu"],
        ["XA-TL", "2025", 12],
    ]
    assert locate_header_row(rows, QUOTAS) == 2


def test_it_finds_no_header_row_when_none_names_two_columns():
    assert locate_header_row([["Mã tổ chức"], ["x"]], QUOTAS) is None
    assert locate_header_row([[f"Cột {i}"] for i in range(20)], QUOTAS) is None


def test_it_only_scans_the_first_rows_for_the_header():
    rows = [[""]] * 10 + [["Mã tổ chức", "Kỳ", "Chỉ tiêu"]]
    assert locate_header_row(rows, QUOTAS) is None
    assert locate_header_row(rows, QUOTAS, scan=11) == 10


def test_every_sheet_spec_is_found_by_its_own_name():
    assert all(find_sheet(spec.name) is spec for spec in SHEETS)
