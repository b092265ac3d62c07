"""Write report tables to an Excel workbook: one sheet per table, numbers kept as numbers.

Number formats are stored in Excel's neutral notation (`#,##0`, `0.00%`): Excel and
LibreOffice show them with the reader's separators, so a Vietnamese installation reads
5.348 and 61,40% while the cells stay numbers that sum and sort.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

import xlsxwriter

from dangvien.reports.domain.tables import Cell, Kind, Table

FONT = "Times New Roman"
_FORMATS: dict[Kind, dict[str, Any]] = {
    Kind.TEXT: {},
    Kind.INT: {"num_format": "#,##0"},
    Kind.DECIMAL: {"num_format": "#,##0.00"},
    Kind.PERCENT: {"num_format": "0.00%"},
    Kind.DATE: {"num_format": "dd/mm/yyyy", "align": "left"},
}
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def sheet_name(title: str, taken: set[str]) -> str:
    """Return a valid, unique sheet name (31 characters at most, no []:*?/\\)."""
    base = _SHEET_FORBIDDEN.sub(" ", title).strip()[:31] or "Trang"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _width(cell: Cell) -> int:
    if cell.value is None:
        return 4
    if cell.kind is Kind.DATE:
        return 11
    return min(60, len(str(cell.value)) + (4 if cell.kind is not Kind.TEXT else 1))


def write_xlsx(tables: Sequence[Table], *, title: str) -> bytes:
    """Return the workbook: bold frozen header row with filters, typed cells, sized columns."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "remove_timezone": True})
    book.set_properties({"title": title, "author": "dangvien", "comments": "Dữ liệu mật"})
    header = book.add_format(
        {
            "bold": True,
            "font_name": FONT,
            "bg_color": "#F0F1F4",
            "border": 1,
            "text_wrap": True,
            "valign": "vcenter",
        }
    )
    formats = {k: book.add_format({"font_name": FONT, **v}) for k, v in _FORMATS.items()}
    taken: set[str] = set()
    for table in tables:
        sheet = book.add_worksheet(sheet_name(table.title, taken))
        widths = [len(h) + 2 for h in table.headers]
        for col, text in enumerate(table.headers):
            sheet.write_string(0, col, text, header)
        for r, row in enumerate(table.rows, start=1):
            for col, cell in enumerate(row):
                _write(sheet, r, col, cell, formats[cell.kind])
                widths[col] = max(widths[col], _width(cell))
        for col, width in enumerate(widths):
            sheet.set_column(col, col, width)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(len(table.rows), 1), len(table.headers) - 1)
        if table.note:  # below the filtered range, after an empty row
            sheet.write_string(len(table.rows) + 2, 0, table.note, formats[Kind.TEXT])
    book.close()
    return buffer.getvalue()


def _write(sheet: Any, row: int, col: int, cell: Cell, fmt: Any) -> None:
    value = cell.value
    if value is None:
        sheet.write_blank(row, col, None, fmt)
    elif cell.kind is Kind.PERCENT and isinstance(value, int | float):
        sheet.write_number(row, col, value / 100, fmt)  # Excel percentages are fractions
    elif isinstance(value, date):
        sheet.write_datetime(row, col, value, fmt)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value, fmt)
    else:
        sheet.write_string(row, col, str(value), fmt)
