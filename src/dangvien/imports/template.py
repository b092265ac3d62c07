"""The empty import workbook: headers, instructions, drop-down lists, typed columns.

Built from the sheet specs, so the template, the importer and the docs never
disagree. Code and citizen-ID columns are formatted as text, because Excel
drops the leading zeros of a number; date columns show dd/mm/yyyy.
"""

from __future__ import annotations

from typing import IO, Any

from dangvien.core.security_export import safe_xlsx_workbook
from dangvien.imports.domain.columns import Vocabularies
from dangvien.imports.domain.headers import column_letter
from dangvien.imports.domain.sheets import (
    INSTRUCTIONS_SHEET,
    LISTS_SHEET,
    SHEETS,
    ColumnKind,
    ColumnSpec,
    SheetSpec,
)

# Rows offered a drop-down list and a column format: enough for a province's file.
VALIDATED_ROWS = 200_000
_YES_NO = ["Có", "Không", "x"]
_WIDTHS = {ColumnKind.DATE: 14, ColumnKind.CITIZEN_ID: 16, ColumnKind.YES_NO: 10}
_RULES = (
    "Mỗi trang là một loại dữ liệu; có thể chỉ điền một số trang. Thứ tự xử lý: "
    + ", ".join(spec.name for spec in SHEETS)
    + ".",
    "Dòng đầu tiên của mỗi trang là tiêu đề, không đổi tên cột; cột có dấu * là bắt buộc.",
    "Ngày ghi theo dạng dd/mm/yyyy (ví dụ 25/12/1990) hoặc dùng ô ngày của Excel.",
    "Số CCCD gồm đủ 12 chữ số; cột đã định dạng Văn bản để Excel không bỏ số 0 ở đầu.",
    "Cột Có/Không: ghi Có hoặc Không, có thể ghi x thay cho Có, để trống thay cho Không.",
    "Chữ gõ bằng phông TCVN3 (.VnTime) hoặc VNI được tự động chuyển sang Unicode.",
    "Nhập lại cùng một tệp không tạo bản ghi trùng: dòng có mã hoặc số CCCD đã có sẽ cập nhật.",
    "Nếu có lỗi, không dữ liệu nào được ghi; tệp .loi.xlsx đánh dấu từng ô lỗi kèm lời giải thích.",
)


def _header(column: ColumnSpec) -> str:
    return column.header + (" *" if column.required else "")


def _lists_sheet(book: Any, vocabularies: Vocabularies, formats: dict[str, Any]) -> dict[str, str]:
    """Write every vocabulary's labels in a hidden sheet; return the range of each list."""
    sheet = book.add_worksheet(LISTS_SHEET)
    ranges: dict[str, str] = {}
    names = sorted({c.vocabulary for s in SHEETS for c in s.columns if c.vocabulary})
    for index, name in enumerate([*names, "yes_no"]):
        labels = _YES_NO if name == "yes_no" else vocabularies[name].labels()
        sheet.write_string(0, index, name, formats["bold"])
        for row, label in enumerate(labels, start=1):
            sheet.write_string(row, index, label)
        letter = column_letter(index)
        ranges[name] = f"='{LISTS_SHEET}'!${letter}$2:${letter}${len(labels) + 1}"
    sheet.hide()
    return ranges


def _validation(column: ColumnSpec, ranges: dict[str, str]) -> dict[str, Any] | None:
    """Return the data-validation rule of a column, None if it takes free input."""
    if column.kind is ColumnKind.CHOICE and column.vocabulary:
        source = ranges[column.vocabulary]
    elif column.kind is ColumnKind.YES_NO:
        source = ranges["yes_no"]
    else:
        return None
    return {
        "validate": "list",
        "source": source,
        "error_type": "warning",  # variants ("Hmông", "ĐVCT") are accepted by the import
        "error_title": column.header,
        "error_message": "Giá trị không có trong danh sách; hệ thống vẫn nhận các cách viết "
        "thông dụng. Chọn Có để giữ giá trị này.",
        "input_title": column.header[:32],
        "input_message": column.description[:255],
    }


def _data_sheet(
    book: Any, spec: SheetSpec, ranges: dict[str, str], formats: dict[str, Any]
) -> None:
    sheet = book.add_worksheet(spec.name)
    for index, column in enumerate(spec.columns):
        header = formats["required"] if column.required else formats["header"]
        sheet.write_string(0, index, _header(column), header)
        comment = column.description + (f"\nVí dụ: {column.example}" if column.example else "")
        sheet.write_comment(0, index, comment, {"x_scale": 2, "y_scale": 1.2})
        cell_format = formats.get(column.kind.value)
        width = max(len(column.header) + 4, _WIDTHS.get(column.kind, 18))
        sheet.set_column(index, index, width, cell_format)
        rule = _validation(column, ranges)
        if rule is not None:
            sheet.data_validation(1, index, VALIDATED_ROWS, index, rule)
    sheet.freeze_panes(1, 0)


def _instructions(book: Any, formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet(INSTRUCTIONS_SHEET)
    sheet.set_column(0, 0, 26)
    sheet.set_column(1, 1, 10)
    sheet.set_column(2, 2, 70)
    sheet.set_column(3, 3, 30)
    sheet.write_string(0, 0, "HƯỚNG DẪN NHẬP DỮ LIỆU", formats["title"])
    row = 2
    for rule in _RULES:
        sheet.write_string(row, 0, "• " + rule)
        row += 1
    for spec in SHEETS:
        row += 1
        sheet.write_string(row, 0, f"Trang {spec.name}: {spec.title}", formats["bold"])
        row += 1
        for col, title in enumerate(("Cột", "Bắt buộc", "Ý nghĩa", "Ví dụ")):
            sheet.write_string(row, col, title, formats["header"])
        for column in spec.columns:
            row += 1
            needed = "Có" if column.required else (column.required_when or "")
            meaning = column.description + (
                f" (mặc định: {column.default})" if column.default else ""
            )
            for col, text in enumerate((column.header, needed, meaning, column.example)):
                sheet.write_string(row, col, text, formats["wrap"])
    sheet.activate()


def write_template(target: str | IO[bytes], vocabularies: Vocabularies) -> None:
    """Write the empty import workbook to a path or a binary file object."""
    book = safe_xlsx_workbook(target, constant_memory=False)
    book.set_properties({"title": "Mẫu nhập liệu phát triển đảng viên", "author": "dangvien"})
    formats = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "bold": book.add_format({"bold": True}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
        "header": book.add_format({"bold": True, "bg_color": "#F0F1F4", "border": 1}),
        "required": book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1}),
        ColumnKind.DATE.value: book.add_format({"num_format": "dd/mm/yyyy"}),
        ColumnKind.CODE.value: book.add_format({"num_format": "@"}),
        ColumnKind.CITIZEN_ID.value: book.add_format({"num_format": "@"}),
    }
    _instructions(book, formats)
    ranges = _lists_sheet(book, vocabularies, formats)
    for spec in SHEETS:
        _data_sheet(book, spec, ranges, formats)
    book.close()
