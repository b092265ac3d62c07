"""From raw sheets to column-keyed typed values: header row, cells, required columns.

Nothing here knows the database: this step finds what is wrong with a cell on
its own (a date that is not a date, a term outside a vocabulary, a required cell
left blank); what is wrong between rows or against the database comes later.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter

from dangvien.imports.domain.cells import CellValue, is_blank
from dangvien.imports.domain.columns import Vocabularies, parse_column, row_is_blank
from dangvien.imports.domain.headers import (
    column_letter,
    locate_header_row,
    match_headers,
    plan_sheets,
)
from dangvien.imports.domain.issues import IssueCollector
from dangvien.imports.domain.sheets import ColumnSpec, SheetSpec
from dangvien.imports.domain.workbook import RawSheet, RawWorkbook


@dataclass(slots=True)
class SheetRows:
    """The non-blank data rows of one sheet, column by column."""

    spec: SheetSpec
    name: str  # the sheet's name in the workbook
    positions: Mapping[str, int]  # column key -> 0-based index in the sheet
    lines: list[int]  # Excel row number of each data row
    raw: list[Sequence[CellValue]]  # the cells of each data row, as read
    values: dict[str, list[object]] = field(default_factory=dict)  # column key -> typed values
    failed: set[int] = field(default_factory=set)  # positions of rows with a refused cell
    converted: int = 0  # cells converted from a legacy font

    def __len__(self) -> int:
        """Return the number of data rows."""
        return len(self.lines)

    def raw_value(self, position: int, key: str) -> CellValue:
        """Return the cell of a row in the column `key` as read, None if absent."""
        index = self.positions.get(key)
        row = self.raw[position]
        return row[index] if index is not None and index < len(row) else None

    def error(
        self, issues: IssueCollector, position: int, key: str, message: str, code: str
    ) -> None:
        """Record an error at a cell and mark its row as failed."""
        column = self.spec.column(key)
        issues.error(
            message,
            sheet=self.name,
            row=self.lines[position],
            column=column.header,
            value=self.raw_value(position, key),
            column_index=self.positions.get(key),
            code=code,
        )
        self.failed.add(position)


@dataclass(slots=True)
class ParsedWorkbook:
    """Every known sheet of a workbook, parsed; keyed by the contract's sheet name."""

    sheets: dict[str, SheetRows]
    issues: IssueCollector

    @property
    def converted(self) -> int:
        """Return how many cells were typed with a legacy font and converted."""
        return sum(sheet.converted for sheet in self.sheets.values())


def _column_cells(rows: Sequence[Sequence[CellValue]], index: int | None) -> list[CellValue]:
    """Return the cells of one column of `rows` (None where the row is shorter)."""
    if index is None:
        return [None] * len(rows)
    try:
        return list(map(itemgetter(index), rows))  # spreadsheets give rows of equal width
    except IndexError:
        return [row[index] if index < len(row) else None for row in rows]


def _parse_values(
    sheet: SheetRows, column: ColumnSpec, issues: IssueCollector, context: _Context
) -> None:
    """Parse one column of the sheet into `sheet.values`, recording refusals."""
    index = sheet.positions.get(column.key)
    cells = _column_cells(sheet.raw, index)
    result = parse_column(column, cells, vocabularies=context.vocabularies, today=context.today)
    sheet.values[column.key] = result.values
    sheet.converted += result.converted
    for position, refusal in result.errors.items():
        sheet.error(issues, position, column.key, refusal.message, refusal.code)
    if column.required and index is not None:
        # Tested once per distinct cell; only None and text can be blank, and neither
        # compares equal to a cell of another type.
        blanks = {c for c in set(cells) if (c is None or c.__class__ is str) and is_blank(c)}
        if not blanks:
            return
        for position, cell in enumerate(cells):
            if (cell is None or cell.__class__ is str) and cell in blanks:
                message = f'Cột "{column.header}" không được để trống'
                sheet.error(issues, position, column.key, message, "required")


@dataclass(frozen=True, slots=True)
class _Context:
    vocabularies: Vocabularies
    today: date


def _locate(raw: RawSheet, spec: SheetSpec, issues: IssueCollector) -> SheetRows | None:
    """Return the sheet's data rows below its header row, or None (and an error) if unusable."""
    header_index = locate_header_row(raw.rows, spec)
    if header_index is None:
        wanted = ", ".join(f'"{column.header}"' for column in spec.required_columns)
        issues.error(
            f"Không tìm thấy dòng tiêu đề trong 10 dòng đầu; trang cần các cột {wanted}",
            sheet=raw.name,
            code="missing_header",
        )
        return None
    match = match_headers(spec, raw.rows[header_index])
    issues.extend(match.issues(raw.name, header_row=header_index + 1))
    if not match.ok:
        return None
    used = sorted(match.positions.values())
    sheet = SheetRows(spec, raw.name, match.positions, [], [])
    for offset, row in enumerate(raw.rows[header_index + 1 :], start=header_index + 2):
        if not row_is_blank(row, used):
            sheet.lines.append(offset)
            sheet.raw.append(row)
    return sheet


def parse_sheet(
    raw: RawSheet,
    spec: SheetSpec,
    issues: IssueCollector,
    *,
    vocabularies: Vocabularies,
    today: date,
) -> SheetRows | None:
    """Return the typed values of a sheet's rows; None if its header row is unusable."""
    sheet = _locate(raw, spec, issues)
    if sheet is None:
        return None
    context = _Context(vocabularies, today)
    for column in spec.columns:
        _parse_values(sheet, column, issues, context)
    return sheet


def parse_workbook(
    workbook: RawWorkbook, *, vocabularies: Vocabularies, today: date
) -> ParsedWorkbook:
    """Return every known sheet of the workbook parsed, with all cell-level issues."""
    issues = IssueCollector()
    plan = plan_sheets(sheet.name for sheet in workbook.sheets)
    issues.extend(plan.issues)
    sheets: dict[str, SheetRows] = {}
    for spec, name in plan.sheets:
        parsed = parse_sheet(
            workbook.sheet(name), spec, issues, vocabularies=vocabularies, today=today
        )
        if parsed is not None:
            sheets[spec.name] = parsed
    if not plan.sheets:
        issues.error(
            "Tệp không có trang nào theo mẫu nhập liệu (ToChuc, DiaBan, NhanSu, QuaTrinh, "
            "ChiTieu, LopHoc, HocVien)",
            sheet="",
            code="no_sheet",
        )
    return ParsedWorkbook(sheets, issues)


def cell_reference(sheet: SheetRows, position: int, key: str) -> str:
    """Return the Excel reference of a cell ("C12"), for messages; "" if the column is absent."""
    index = sheet.positions.get(key)
    return "" if index is None else f"{column_letter(index)}{sheet.lines[position]}"
