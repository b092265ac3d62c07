"""Safe spreadsheet exports: cell text never becomes a formula (CSV/formula injection).

Every xlsx/csv export in the project writes user-typed text through these
helpers. A value starting with = + - @ (or a tab/carriage return) would be run
as a formula by Excel or LibreOffice when the file is opened, e.g.
`=HYPERLINK("http://...", "Bấm vào đây")`; here it is always written as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import IO, Any

import xlsxwriter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Return whether a spreadsheet would treat this text as a formula."""
    return text.startswith(FORMULA_STARTS)


def neutralize_formula(value: Any) -> Any:
    """Return the value to put in a CSV cell: formula-like text gets a leading apostrophe.

    Numbers, dates and booleans pass unchanged; only text can smuggle a formula.
    """
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def safe_xlsx_workbook(target: str | IO[bytes], **options: Any) -> xlsxwriter.Workbook:
    """Return an XlsxWriter workbook that streams rows and never turns text into formulas.

    `constant_memory` keeps memory flat for large exports (rows must then be
    written in order); text is never converted to formulas or links.
    """
    settings: dict[str, Any] = {
        "constant_memory": True,
        "strings_to_formulas": False,
        "strings_to_urls": False,
        "strings_to_numbers": False,
        "remove_timezone": True,
    }
    settings.update(options)
    return xlsxwriter.Workbook(target, settings)


def xlsx_write_row(
    worksheet: Any,
    row: int,
    values: Iterable[Any],
    *,
    cell_format: Any = None,
    date_format: Any = None,
) -> None:
    """Write one row, text as text (even "=1+1"), numbers as numbers, dates as dates."""
    for col, value in enumerate(values):
        if value is None or value == "":
            worksheet.write_blank(row, col, None, cell_format)
        elif isinstance(value, bool):
            worksheet.write_boolean(row, col, value, cell_format)
        elif isinstance(value, int | float | Decimal):
            worksheet.write_number(row, col, float(value), cell_format)
        elif isinstance(value, datetime | date):
            worksheet.write_datetime(row, col, value, date_format or cell_format)
        else:
            worksheet.write_string(row, col, str(value), cell_format)


def csv_row(values: Iterable[Any]) -> list[Any]:
    """Return a row ready for csv.writer with every formula-like text neutralised."""
    return [neutralize_formula(value) for value in values]
