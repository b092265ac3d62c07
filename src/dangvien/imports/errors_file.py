"""The error file FILE.loi.xlsx: the workbook with each bad cell marked, plus a list of errors.

For an .xlsx input the file is a copy of the user's own workbook (openpyxl), so
their formatting stays and they can fix the marked cells in place; other inputs
(.xls, .ods, CSV), and .xlsx files too large to load whole, are rebuilt from
the cells read. Each issue is a red (error) or yellow (warning) cell with a
comment in Vietnamese; the sheet "DanhSachLoi" lists them all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from dangvien.core.security_export import neutralize_formula, safe_xlsx_workbook, xlsx_write_row
from dangvien.imports.domain.cells import format_cell_value
from dangvien.imports.domain.headers import column_letter
from dangvien.imports.domain.issues import ImportIssue
from dangvien.imports.domain.workbook import RawSheet, RawWorkbook, SourceKind

LIST_SHEET = "DanhSachLoi"
LIST_HEADERS = ("Trang", "Dòng", "Cột", "Giá trị", "Mức độ", "Nội dung")
ERROR_FILL, WARNING_FILL = "FFC7CE", "FFEB9C"
# openpyxl holds a whole workbook in memory: beyond this many rows, rebuild instead.
COPY_UP_TO_ROWS = 50_000

Marks = dict[str, dict[tuple[int, int], list[ImportIssue]]]  # sheet -> (row, col) -> issues


def error_file_path(path: Path) -> Path:
    """Return where the error file of `path` goes: next to it, named FILE.loi.xlsx."""
    return path.with_name(path.name + ".loi.xlsx")


def _marks(issues: Sequence[ImportIssue]) -> Marks:
    """Group the issues that have a row by sheet and cell (0-based row and column)."""
    marks: Marks = defaultdict(lambda: defaultdict(list))
    for issue in issues:
        if issue.row is not None:
            marks[issue.sheet][(issue.row - 1, issue.column_index or 0)].append(issue)
    return marks


def _note(issues: list[ImportIssue]) -> str:
    return "\n".join(f"{issue.severity.label}: {issue.message}" for issue in issues)


def _list_rows(issues: Sequence[ImportIssue]) -> list[tuple[object, ...]]:
    rows: list[tuple[object, ...]] = []
    for issue in issues:
        column = issue.column or ""
        if issue.column_index is not None:
            column = f"{column_letter(issue.column_index)} – {column}".rstrip(" –")
        rows.append(
            (issue.sheet, issue.row or "", column, issue.value, issue.severity.label, issue.message)
        )
    return rows


def _copy_xlsx(source: Path, issues: Sequence[ImportIssue], target: Path) -> None:
    """Write a copy of the user's workbook with the issues marked, and the list sheet."""
    book = load_workbook(source)
    for sheet_name, cells in _marks(issues).items():
        if sheet_name not in book.sheetnames:
            continue
        sheet = book[sheet_name]
        for (row, column), found in cells.items():
            cell = sheet.cell(row=row + 1, column=column + 1)
            colour = ERROR_FILL if any(i.is_error for i in found) else WARNING_FILL
            cell.fill = PatternFill("solid", start_color=colour, end_color=colour)
            cell.comment = Comment(_note(found), "dangvien", width=320, height=120)
    if LIST_SHEET in book.sheetnames:
        del book[LIST_SHEET]
    listing = book.create_sheet(LIST_SHEET, 0)
    listing.append(LIST_HEADERS)
    for cell in listing[1]:
        cell.font = Font(bold=True)
    for values in _list_rows(issues):
        listing.append([neutralize_formula(value) for value in values])
    listing.freeze_panes = "A2"
    book.active = 0
    book.save(target)


def _formats(book: Any) -> dict[tuple[bool | None, bool], Any]:
    """Return the cell formats by (marked as error / warning / not marked, holds a date)."""
    formats = {}
    for mark, colour in ((True, ERROR_FILL), (False, WARNING_FILL), (None, "")):
        for is_date in (True, False):
            spec: dict[str, Any] = {"num_format": "dd/mm/yyyy"} if is_date else {}
            if colour:
                spec["bg_color"] = f"#{colour}"
            formats[(mark, is_date)] = book.add_format(spec) if spec else None
    return formats


def _write_cell(
    sheet: Any, row: int, column: int, value: Any, formats: dict[Any, Any], mark: bool | None
) -> None:
    """Write one cell as read: numbers as numbers, dates as dates, anything else as text."""
    if isinstance(value, datetime | date):
        sheet.write_datetime(row, column, value, formats[(mark, True)])
    else:
        shown = _shown(value)
        cell_format = formats[(mark, False)]
        if shown is None or shown == "":
            sheet.write_blank(row, column, None, cell_format)
        elif isinstance(shown, bool):
            sheet.write_boolean(row, column, shown, cell_format)
        elif isinstance(shown, int | float):
            sheet.write_number(row, column, shown, cell_format)
        else:
            sheet.write_string(row, column, str(shown), cell_format)


def _rebuild_sheet(
    book: Any,
    raw_sheet: RawSheet,
    cells: dict[tuple[int, int], list[ImportIssue]],
    formats: dict[Any, Any],
) -> None:
    sheet = book.add_worksheet(raw_sheet.name[:31])
    for row_index, row in enumerate(raw_sheet.rows):
        for column, value in enumerate(row):
            found = cells.get((row_index, column))
            mark = any(i.is_error for i in found) if found else None
            if found or not (value is None or value == ""):
                _write_cell(sheet, row_index, column, value, formats, mark)
    for (line, column), found in cells.items():
        if line >= len(raw_sheet.rows) or column >= len(raw_sheet.rows[line]):
            _write_cell(sheet, line, column, None, formats, any(i.is_error for i in found))
        sheet.write_comment(line, column, _note(found), {"x_scale": 2.5, "y_scale": 2})


def _rebuild(raw: RawWorkbook, issues: Sequence[ImportIssue], target: Path) -> None:
    """Write a new workbook holding the cells read, with the issues marked, and the list sheet."""
    # Comments are written after their sheet's cells, which streaming mode cannot do.
    book = safe_xlsx_workbook(str(target), constant_memory=False)
    formats = _formats(book)
    listing = book.add_worksheet(LIST_SHEET)
    xlsx_write_row(listing, 0, LIST_HEADERS, cell_format=book.add_format({"bold": True}))
    for index, values in enumerate(_list_rows(issues), start=1):
        xlsx_write_row(listing, index, values)
    listing.freeze_panes(1, 0)
    marks = _marks(issues)
    for raw_sheet in raw.sheets:
        _rebuild_sheet(book, raw_sheet, marks.get(raw_sheet.name, {}), formats)
    book.close()


def _shown(value: Any) -> Any:
    """Return a cell value XlsxWriter can write (times and durations as text)."""
    if value is None or isinstance(value, str | int | float | bool):
        return value
    return format_cell_value(value)


def write_error_file(
    raw: RawWorkbook, source: Path, issues: Sequence[ImportIssue], target: Path
) -> None:
    """Write the error file of an import to `target`."""
    if raw.kind is SourceKind.XLSX and raw.row_count <= COPY_UP_TO_ROWS:
        _copy_xlsx(source, issues, target)
    else:
        _rebuild(raw, issues, target)
