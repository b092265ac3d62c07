import pytest

from dangvien.imports.domain.cells import fold
from dangvien.imports.domain.headers import header_key
from dangvien.imports.domain.sheets import QUOTAS, SHEETS, ColumnKind, SheetSpec

# The contract's tables (contracts.md §2): header and whether it is required.
CONTRACT = {
    "ToChuc": [("Mã", True), ("Tên", True), ("Loại", True), ("Mã cấp trên", False),
               ("Hiệu lực từ", False), ("Hiệu lực đến", False), ("Được ủy quyền kết nạp", False)],
    "DiaBan": [("Mã", True), ("Tên", True), ("Loại", True), ("Mã tổ chức", True),
               ("Mã chi bộ", False), ("Chi bộ độc lập", False), ("CCCD người đứng đầu", False)],
    "NhanSu": [("Số CCCD", True), ("Họ và tên", True), ("Ngày sinh", True), ("Giới tính", True),
               ("Dân tộc", True), ("Tôn giáo", False), ("Giáo dục phổ thông", False),
               ("Chuyên môn", False), ("Lý luận chính trị", False), ("Nghề nghiệp", False),
               ("Đoàn viên", False), ("Chức danh", False), ("Mã chi bộ", True),
               ("Mã địa bàn", False), ("Trạng thái", True), ("Ngày quyết định kết nạp", False),
               ("Số quyết định kết nạp", False), ("Ngày lễ kết nạp", False),
               ("Ngày công nhận chính thức", False), ("Nguồn", False)],
    "ChiTieu": [("Mã tổ chức", True), ("Kỳ", True), ("Nhóm", False), ("Chỉ tiêu", True)],
    "LopHoc": [("Mã lớp", True), ("Loại lớp", True), ("Mã tổ chức", True),
               ("Ngày khai giảng", True), ("Ngày bế giảng", False)],
    "HocVien": [("Mã lớp", True), ("Số CCCD", True), ("Kết quả", False),
                ("Số giấy chứng nhận", False), ("Ngày cấp", False)],
}  # fmt: skip


CONTRACT_SHEETS = [sheet for sheet in SHEETS if sheet.name in CONTRACT]


def test_the_contract_s_sheets_come_in_its_processing_order():
    names = [sheet.name for sheet in SHEETS]
    assert [name for name in names if name in CONTRACT] == list(CONTRACT)


def test_the_sheets_beyond_the_contract_come_after_what_they_refer_to():
    names = [sheet.name for sheet in SHEETS]
    assert names.index("NhanSu") < names.index("QuaTrinh") < names.index("ChiTieu")


@pytest.mark.parametrize("sheet", CONTRACT_SHEETS, ids=lambda sheet: sheet.name)
def test_every_sheet_starts_with_exactly_the_contract_s_columns(sheet: SheetSpec):
    contract = CONTRACT[sheet.name]
    columns = [(column.header, column.required) for column in sheet.columns]
    assert columns[: len(contract)] == contract


@pytest.mark.parametrize("sheet", CONTRACT_SHEETS, ids=lambda sheet: sheet.name)
def test_columns_beyond_the_contract_are_optional(sheet: SheetSpec):
    extra = sheet.columns[len(CONTRACT[sheet.name]) :]
    assert not any(column.required for column in extra)


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: sheet.name)
def test_column_keys_and_headers_are_unique_even_without_diacritics(sheet: SheetSpec):
    keys = [column.key for column in sheet.columns]
    loose = [fold(header_key(column.header)) for column in sheet.columns]
    assert len(set(keys)) == len(keys)
    assert len(set(loose)) == len(loose)


@pytest.mark.parametrize("sheet", SHEETS, ids=lambda sheet: sheet.name)
def test_choice_columns_name_their_vocabulary_and_others_do_not_need_one(sheet: SheetSpec):
    for column in sheet.columns:
        if column.kind is ColumnKind.CHOICE:
            assert column.vocabulary, column.key
        assert column.description, column.key


def test_citizen_id_and_date_columns_have_their_kinds():
    people = SHEETS[2]
    assert people.column("citizen_id").kind is ColumnKind.CITIZEN_ID
    assert people.column("birth_date").kind is ColumnKind.DATE
    assert people.column("admission_date").required_when == "đảng viên"


def test_it_raises_key_error_for_an_unknown_column_key():
    with pytest.raises(KeyError):
        SHEETS[0].column("nope")


def test_it_lists_the_required_columns():
    assert [column.header for column in QUOTAS.required_columns] == [
        "Mã tổ chức",
        "Kỳ",
        "Chỉ tiêu",
    ]
