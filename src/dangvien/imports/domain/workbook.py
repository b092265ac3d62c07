"""A workbook as read from a file, before any parsing: sheets of raw cell values.

The readers (python-calamine for .xlsx/.xls/.ods, the CSV reader for a folder of
.csv files) produce this; everything after works on it, whatever the file type.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from dangvien.imports.domain.cells import CellValue


class SourceKind(StrEnum):
    """The kind of file a workbook came from; decides how the error file is made."""

    XLSX = "xlsx"  # Excel 2007+: the error file is a marked-up copy of it
    XLS = "xls"  # Excel 97-2003
    ODS = "ods"  # LibreOffice Calc
    CSV = "csv"  # one or more .csv files named like the sheets


@dataclass(frozen=True, slots=True)
class RawSheet:
    """One sheet: its name as written and its rows, row 0 being Excel row 1."""

    name: str
    rows: Sequence[Sequence[CellValue]]


@dataclass(frozen=True, slots=True)
class RawWorkbook:
    """Every sheet of a file, in the file's order."""

    sheets: tuple[RawSheet, ...]
    kind: SourceKind

    def sheet(self, name: str) -> RawSheet:
        """Return the sheet named exactly `name`; raise KeyError if there is none."""
        for sheet in self.sheets:
            if sheet.name == name:
                return sheet
        raise KeyError(name)

    @property
    def row_count(self) -> int:
        """Return the number of rows in all sheets (headers and blank rows included)."""
        return sum(len(sheet.rows) for sheet in self.sheets)
