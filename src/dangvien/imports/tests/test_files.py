"""Files in and out: CSV folders, the error file, the template, all-or-nothing writes."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from dangvien.core.domain.errors import DomainError
from dangvien.imports import write_people
from dangvien.imports.domain.sheets import SHEETS
from dangvien.imports.services import workbook_import
from dangvien.imports.template import write_template
from dangvien.imports.tests.conftest import snapshot
from dangvien.imports.tests.workbooks import PEOPLE_HEADER, write_xlsx
from dangvien.imports.vocabularies import vocabularies
from dangvien.people.models import Person
from dangvien.testing import World

pytestmark = pytest.mark.django_db

ROW = [
    "001200000001",
    "Trần Thị Bích",
    "04/03/1995",
    "Nữ",
    "Kinh",
    "CB-A1",
    "Dự bị",
    "01/05/2025",
    "",
]


TONES = "\u0300\u0301\u0303\u0309\u0323"


def _cp1258(text: str) -> bytes:
    """Return text as Vietnamese Windows writes it: letters precomposed, tones apart."""
    encoded = b""
    for char in unicodedata.normalize("NFC", text):
        try:
            encoded += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            tone = "".join(c for c in parts if c in TONES)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            encoded += (base + tone).encode("cp1258")
    return encoded


def _csv(folder: Path, name: str, rows: list[list[str]], encoding: str, sep: str = ",") -> Path:
    folder.mkdir(exist_ok=True)
    text = "\r\n".join(sep.join(row) for row in rows) + "\r\n"
    data = _cp1258(text) if encoding == "cp1258" else text.encode(encoding)
    (folder / f"{name}.csv").write_bytes(data)
    return folder


@pytest.mark.parametrize(("encoding", "sep"), [("utf-8-sig", ","), ("utf-8", ";"), ("cp1258", ",")])
def test_it_imports_a_folder_of_csv_files_in_any_office_encoding(
    world: World, tmp_path: Path, encoding: str, sep: str
):
    folder = _csv(tmp_path / "csv", "NhanSu", [PEOPLE_HEADER, ROW], encoding, sep)
    result = workbook_import(actor=world.operator, path=folder)
    assert result.written, result.issues
    assert Person.objects.filter(full_name="Trần Thị Bích").exists()


def test_a_file_that_is_not_a_workbook_is_refused_with_a_message(world: World, tmp_path: Path):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(b"not a zip at all")
    with pytest.raises(DomainError) as refusal:
        workbook_import(actor=world.operator, path=path)
    assert refusal.value.message == (
        "Không đọc được tệp hong.xlsx: tệp hỏng, có mật khẩu hoặc không phải bảng tính"
    )


def test_the_error_file_marks_each_bad_cell_and_lists_every_error(world: World, tmp_path: Path):
    path = write_xlsx(
        tmp_path / "nhap.xlsx", {"NhanSu": [PEOPLE_HEADER, ROW, [*ROW[:2], "x", *ROW[3:]]]}
    )
    result = workbook_import(actor=world.operator, path=path)

    assert result.error_file == tmp_path / "nhap.xlsx.loi.xlsx"
    book = load_workbook(result.error_file)
    assert book["NhanSu"]["C3"].comment.text.startswith('Lỗi: Ngày "x" không hợp lệ')
    assert book["NhanSu"]["C3"].fill.start_color.rgb.endswith("FFC7CE")
    listing = [[cell.value for cell in row] for row in book["DanhSachLoi"].iter_rows()]
    assert listing[0] == ["Trang", "Dòng", "Cột", "Giá trị", "Mức độ", "Nội dung"]
    assert listing[1][:5] == ["NhanSu", 3, "C – Ngày sinh", "x", "Lỗi"]


def test_a_csv_input_gets_a_rebuilt_error_file_with_its_cells(world: World, tmp_path: Path):
    folder = _csv(
        tmp_path / "csv", "NhanSu", [PEOPLE_HEADER, [*ROW[:2], "=1+1", *ROW[3:]]], "utf-8"
    )
    result = workbook_import(actor=world.operator, path=folder)
    assert result.error_file == tmp_path / "csv.loi.xlsx"
    book = CalamineWorkbook.from_path(str(result.error_file))
    assert book.sheet_names == ["DanhSachLoi", "NhanSu"]
    assert book.get_sheet_by_name("NhanSu").to_python()[1][2] == "=1+1"  # text, not a formula


def test_an_import_that_fails_while_writing_leaves_the_database_as_it_was(
    world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    before = snapshot()

    def crash(*args: object, **kwargs: object) -> None:
        raise RuntimeError("máy chủ bị tắt giữa chừng")

    monkeypatch.setattr(write_people, "apply_tallies", crash)
    path = write_xlsx(tmp_path / "nhap.xlsx", {"NhanSu": [PEOPLE_HEADER, ROW]})
    with pytest.raises(RuntimeError):
        workbook_import(actor=world.operator, path=path)
    assert snapshot() == before


def test_the_template_has_every_sheet_header_list_and_format(tmp_path: Path):
    path = tmp_path / "mau.xlsx"
    write_template(str(path), vocabularies())
    book = load_workbook(path)
    assert book.sheetnames == ["HuongDan", "DanhMuc", *(spec.name for spec in SHEETS)]
    people = book["NhanSu"]
    assert people["A1"].value == "Số CCCD *"
    assert people.column_dimensions["A"].number_format == "@"
    assert people.column_dimensions["C"].number_format == "dd/mm/yyyy"
    lists = {
        str(rule.sqref).split(":")[0]: rule.formula1
        for rule in people.data_validations.dataValidation
    }
    assert lists["E2"] == "'DanhMuc'!$B$2:$B$55"  # the 54 ethnic groups
    assert book["DanhMuc"].sheet_state == "hidden"


def test_the_template_imports_as_an_empty_workbook(world: World, tmp_path: Path):
    path = tmp_path / "mau.xlsx"
    write_template(str(path), vocabularies())
    result = workbook_import(actor=world.operator, path=path)
    assert result.ok
    assert all(
        count == {"created": 0, "updated": 0, "unchanged": 0} for count in result.counts.values()
    )


def test_a_filled_template_imports(world: World, tmp_path: Path):
    path = tmp_path / "mau.xlsx"
    write_template(str(path), vocabularies())
    book = load_workbook(path)
    sheet = book["NhanSu"]
    values = ["001200000001", "Trần Thị Bích", date(1995, 3, 4), "Nữ", "Kinh"]
    for column, value in enumerate(values, start=1):
        sheet.cell(row=2, column=column, value=value)
    sheet["M2"], sheet["O2"], sheet["P2"] = "CB-A1", "Dự bị", date(2025, 5, 1)
    book.save(path)
    result = workbook_import(actor=world.operator, path=path)
    assert result.written, result.issues
