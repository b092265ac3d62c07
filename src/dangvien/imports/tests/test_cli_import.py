"""`dangvien import`, `dangvien template` and `dangvien export` on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from dangvien.cli import main
from dangvien.imports.tests.workbooks import PEOPLE_HEADER, write_xlsx
from dangvien.people.models import Person
from dangvien.testing import World

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROW = ["001200000001", "Trần Thị Bích", "04/03/1995", "Nữ", "Kinh", "CB-A1", "Dự bị", "01/05/2025"]


def test_it_imports_and_prints_the_counts(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = write_xlsx(tmp_path / "nhap.xlsx", {"NhanSu": [PEOPLE_HEADER[:8], ROW]})
    assert main(["import", str(path)]) == 0
    out = capsys.readouterr().out
    assert "NhanSu" in out
    assert "Đã nhập xong 1 dòng." in out
    assert Person.objects.filter(full_name="Trần Thị Bích").exists()


def test_a_dry_run_writes_nothing(world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = write_xlsx(tmp_path / "nhap.xlsx", {"NhanSu": [PEOPLE_HEADER[:8], ROW]})
    assert main(["import", str(path), "--dry-run"]) == 0
    assert "chạy thử (--dry-run)" in capsys.readouterr().out
    assert not Person.objects.filter(full_name="Trần Thị Bích").exists()


def test_errors_exit_1_with_a_summary_and_the_error_file(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    path = write_xlsx(
        tmp_path / "nhap.xlsx", {"NhanSu": [PEOPLE_HEADER[:8], [*ROW[:2], "x", *ROW[3:]]]}
    )
    assert main(["import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "Có 1 lỗi, không có dữ liệu nào được ghi:" in err
    assert 'NhanSu, dòng 2, cột Ngày sinh (C2): Ngày "x" không hợp lệ' in err
    assert (tmp_path / "nhap.xlsx.loi.xlsx").exists()
    assert "Traceback" not in err


def test_a_missing_file_is_a_message_not_a_traceback(
    world: World, capsys: pytest.CaptureFixture[str]
):
    assert main(["import", "/khong/co/tep.xlsx"]) == 1
    assert "Không tìm thấy tệp /khong/co/tep.xlsx" in capsys.readouterr().err


def test_the_template_command_writes_the_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    target = tmp_path / "mau.xlsx"
    assert main(["template", "--out", str(target)]) == 0
    assert "NhanSu" in load_workbook(target).sheetnames


def test_the_export_command_writes_the_subtree_in_the_import_format(
    world: World, tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    target = tmp_path / "xa-a.xlsx"
    assert main(["export", "--org", "XA-A", "--out", str(target)]) == 0
    book = load_workbook(target)
    people = [row[1] for row in book["NhanSu"].iter_rows(min_row=2, values_only=True)]
    assert sorted(people) == ["Nguyễn Văn An", "Đặng Thị Hoa"]
