"""Streamed .xlsx tables: bold frozen header, filters on, typed cells, Vietnamese formats.

Rows are written one at a time (XlsxWriter's constant-memory mode), so an export
of a whole province stays within a few megabytes of memory. Numbers stay numbers
and dates stay dates, in formats Excel shows the reader's way (a Vietnamese
installation shows 5.348 and 25/12/1990); text is never turned into a formula.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import IO, Any

from dangvien.core.security_export import safe_xlsx_workbook

FONT = "Times New Roman"


class Kind(StrEnum):
    """How a column's cells are written."""

    TEXT = "text"
    CODE = "code"  # text that looks like a number (codes, citizen IDs): kept as text
    INT = "int"
    DECIMAL = "decimal"
    PERCENT = "percent"  # a fraction (0.614) shown as 61,40%
    DATE = "date"


_NUMBER_FORMATS = {
    Kind.TEXT: None,
    Kind.CODE: "@",
    Kind.INT: "#,##0",
    Kind.DECIMAL: "#,##0.00",
    Kind.PERCENT: "0.00%",
    Kind.DATE: "dd/mm/yyyy",
}
_WIDTHS = {Kind.DATE: 12, Kind.CODE: 16, Kind.INT: 10, Kind.PERCENT: 10, Kind.DECIMAL: 12}


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table."""

    header: str
    kind: Kind = Kind.TEXT
    width: int | None = None


class TableBook:
    """A workbook of streamed tables, one sheet each."""

    def __init__(self, target: str | IO[bytes], *, title: str) -> None:
        """Open the workbook at a path or on a binary file object."""
        self.book = safe_xlsx_workbook(target)
        self.book.set_properties({"title": title, "author": "dangvien", "comments": "Dữ liệu mật"})
        self.header = self.book.add_format(
            {"bold": True, "font_name": FONT, "bg_color": "#F0F1F4", "border": 1, "text_wrap": True}
        )
        self.formats = {
            kind: self.book.add_format({"font_name": FONT, "num_format": number})
            if number
            else self.book.add_format({"font_name": FONT})
            for kind, number in _NUMBER_FORMATS.items()
        }

    def table(self, name: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> int:
        """Write a sheet with the header and rows; return the number of rows written."""
        sheet = self.book.add_worksheet(name[:31])
        for index, column in enumerate(columns):
            width = column.width or max(len(column.header) + 2, _WIDTHS.get(column.kind, 18))
            sheet.set_column(index, index, width)
            sheet.write_string(0, index, column.header, self.header)
        count = 0
        for count, values in enumerate(rows, start=1):
            for index, (column, value) in enumerate(zip(columns, values, strict=True)):
                self._cell(sheet, count, index, column.kind, value)
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, max(count, 1), len(columns) - 1)
        return count

    def _cell(self, sheet: Any, row: int, column: int, kind: Kind, value: Any) -> None:
        cell_format = self.formats[kind]
        if value is None or value == "":
            return
        if isinstance(value, bool):
            sheet.write_boolean(row, column, value, cell_format)
        elif isinstance(value, int | float) and kind is not Kind.CODE:
            sheet.write_number(row, column, value, cell_format)
        elif isinstance(value, datetime | date):
            sheet.write_datetime(row, column, value, cell_format)
        else:
            sheet.write_string(row, column, str(value), cell_format)

    def close(self) -> None:
        """Finish the file."""
        self.book.close()
