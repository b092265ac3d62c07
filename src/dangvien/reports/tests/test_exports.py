"""Excel and Word downloads carry the JSON's figures, as numbers and in Vietnamese format."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document
from openpyxl import load_workbook

from dangvien.conftest import World
from dangvien.people.domain.enums import Gender
from dangvien.plans.services import quota_set
from dangvien.reports.domain.pipeline import OpenStep, build_pipeline_report, summarise_overdue
from dangvien.reports.exports import render
from dangvien.reports.selectors import report_build
from dangvien.reports.tests.domain import scope
from dangvien.reports.tests.factories import admit

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world: World):  # type: ignore[no-untyped-def]
    op = world.operator
    quota_set(actor=op, org_code="P01", period=2023, number=10)
    quota_set(actor=op, org_code="XA-A", period=2023, number=3)
    admit(op, "CB-A1", date(2023, 3, 1), gender=Gender.FEMALE, birth_date=date(2000, 1, 1))
    admit(op, "CB-A1", date(2023, 4, 1))
    admit(op, "CB-A2", date(2023, 5, 1))
    admit(op, "CB-A2", date(2023, 6, 1))
    return report_build(
        scope=op.scope,
        kind="admissions",
        code="XA-A",
        date_from=date(2023, 1, 1),
        date_to=date(2023, 12, 31),
    )


def facts(sheet) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}


def test_the_workbook_has_one_sheet_per_level_with_typed_figures(report):
    data = report.to_json()

    book = load_workbook(io.BytesIO(render("admissions", report, "xlsx").content))

    assert book.sheetnames == ["Tổng hợp", "Theo nhóm", "Đơn vị trực thuộc"]
    summary = facts(book["Tổng hợp"])
    assert summary["Số đảng viên kết nạp"].value == data["admitted"] == 4
    assert summary["Chỉ tiêu"].value == data["quota"] == 3
    assert summary["Tỷ lệ so với chỉ tiêu"].value == pytest.approx(data["quota_percent"] / 100)
    assert summary["Tỷ lệ so với chỉ tiêu"].number_format == "0.00%"
    assert summary["Số đảng viên kết nạp"].number_format == "#,##0"
    assert summary["Tuổi bình quân khi kết nạp"].value == data["average_age"]
    women = facts(book["Theo nhóm"])["Nữ"]
    assert women.value == data["by_category"]["women"]["count"] == 1
    children = list(book["Đơn vị trực thuộc"].iter_rows(min_row=2, values_only=True))
    assert children == [
        ("CB-A1", "Chi bộ thôn Đông", 2, None, None),
        ("CB-A2", "Chi bộ thôn Tây", 2, None, None),
    ]


def test_every_sheet_has_a_frozen_header_and_filters(report):
    book = load_workbook(io.BytesIO(render("admissions", report, "xlsx").content))

    for sheet in book.worksheets:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref is not None
        assert sheet["A1"].font.bold


def test_the_word_file_has_the_paragraph_and_vietnamese_numbers(report):
    document = Document(io.BytesIO(render("admissions", report, "docx").content))

    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "BÁO CÁO KẾT NẠP ĐẢNG VIÊN" in text
    assert "đã kết nạp được 4 đảng viên mới, vượt 33,33% chỉ tiêu được giao (3 đảng viên)" in text
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in cells[1]
    assert "133,33%" in cells
    assert "25,00%" in cells  # one woman of four


def test_the_text_format_is_the_paragraph(report):
    text = render("admissions", report, "text").content.decode()

    assert text.startswith("Từ ngày 01/01/2023 đến ngày 31/12/2023, Đảng bộ xã An Phú")
    assert text.endswith(".\n")


@pytest.mark.parametrize("kind", ["training", "coverage", "cells", "pipeline", "members"])
def test_every_report_renders_in_every_format(world: World, kind: str):
    built = report_build(
        scope=world.operator.scope,
        kind=kind,
        code="P01",
        date_from=date(2023, 1, 1),
        date_to=date(2023, 12, 31),
    )

    for fmt in ("json", "text", "xlsx", "docx"):
        assert render(kind, built, fmt).content


def test_a_cut_overdue_list_says_so_in_every_download():
    steps = [
        OpenStep("du_bi", "cho_chi_bo_xet_chinh_thuc", date(2023, 1, 1 + n % 28), str(n))
        for n in range(1, 1201)
    ]
    report = build_pipeline_report(
        scope=scope(),
        stage_order=["du_bi"],
        candidates_by_stage={"du_bi": 1200},
        exits=[],
        overdue=summarise_overdue(steps, date(2023, 12, 31)),
    )
    note = (
        "Chỉ liệt kê 1.000 bước quá hạn lâu nhất trong tổng số 1.200 bước; danh sách đầy đủ "
        "ở trang Danh sách hồ sơ phát triển đảng viên, lọc “Chỉ hồ sơ có việc quá hạn”."
    )

    sheet = load_workbook(io.BytesIO(render("pipeline", report, "xlsx").content))["Quá hạn"]
    document = Document(io.BytesIO(render("pipeline", report, "docx").content))

    assert sheet.max_row == 1 + 1000 + 2  # header, the listed steps, an empty row, the note
    assert sheet.cell(row=1003, column=1).value == note
    assert note in [p.text for p in document.paragraphs]
    assert "1.200 bước quá hạn" in render("pipeline", report, "text").content.decode()
