"""Workbooks built in tests: sheets of rows written with openpyxl (or as CSV files)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from dangvien.imports.domain.sheets import SHEETS

Rows = Sequence[Sequence[Any]]


def headers(sheet: str, *keys: str) -> list[str]:
    """Return the contract headers of `sheet` for the column keys (all columns if none)."""
    spec = next(s for s in SHEETS if s.name == sheet)
    columns = [spec.column(key) for key in keys] if keys else list(spec.columns)
    return [column.header for column in columns]


def write_xlsx(path: Path, sheets: Mapping[str, Rows]) -> Path:
    """Write an .xlsx with one sheet per entry; cells keep their Python types."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


PEOPLE_HEADER = headers(
    "NhanSu",
    "citizen_id",
    "full_name",
    "birth_date",
    "gender",
    "ethnicity",
    "cell_code",
    "status",
    "admission_date",
    "official_date",
)
