"""Typed rows of the organisation, locality, quota, class and trainee sheets.

Each builder turns a parsed sheet into rows, skipping rows with a refused cell
and checking what one row can tell alone (a period that ends before it starts,
a code Excel cannot keep). Vocabulary values are codes, as stored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from dangvien.imports.domain.cells import Period, format_cell_value
from dangvien.imports.domain.issues import IssueCollector
from dangvien.imports.domain.parse import SheetRows
from dangvien.orgs.domain.tree import BEGINNING, OPEN_END
from dangvien.training.domain.enums import TraineeResult

RowT = TypeVar("RowT")

# The codes the organisation and training services accept (orgs.services, training.services).
_UNIT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
_CLASS_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/-]{0,39}")
MAX_NAME = 255


@dataclass(slots=True)
class OrgRow:
    """A row of ToChuc: one period of a unit."""

    position: int  # index among the sheet's data rows
    line: int  # Excel row number
    code: str
    name: str
    org_type: str
    parent_code: str
    valid_from: date
    valid_to: date
    may_admit: bool


@dataclass(slots=True)
class LocalityRow:
    """A row of DiaBan."""

    position: int
    line: int
    code: str
    name: str
    locality_type: str
    org_code: str
    cell_code: str
    has_independent_cell: bool
    head_citizen_id: str | None


@dataclass(slots=True)
class QuotaRow:
    """A row of ChiTieu."""

    position: int
    line: int
    org_code: str
    period: Period
    category: str  # quota category code
    number: int


@dataclass(slots=True)
class ClassRow:
    """A row of LopHoc."""

    position: int
    line: int
    code: str
    class_type: str
    org_code: str
    start_date: date
    end_date: date | None
    name: str


@dataclass(slots=True)
class TraineeRow:
    """A row of HocVien."""

    position: int
    line: int
    class_code: str
    citizen_id: str
    result: str
    certificate_number: str
    certificate_date: date | None


class RowReader(dict[str, Any]):
    """The typed values of one data row of a parsed sheet, by column key.

    A dict, so that reading a value costs no Python call: the builders read
    about twenty values from each of hundreds of thousands of rows.
    """

    __slots__ = ("position", "sheet")

    def __init__(self, sheet: SheetRows, position: int, values: Iterable[tuple[str, Any]]) -> None:
        """Point at row `position` of `sheet`, whose typed values by column key are `values`."""
        super().__init__(values)
        self.sheet = sheet
        self.position = position

    @property
    def line(self) -> int:
        """Return the Excel row number."""
        return self.sheet.lines[self.position]

    def error(self, issues: IssueCollector, key: str, message: str, code: str = "invalid") -> None:
        """Record an error at this row's cell in column `key`."""
        self.sheet.error(issues, self.position, key, message, code)


def build_rows(
    sheet: SheetRows,
    issues: IssueCollector,
    build: Callable[[RowReader, IssueCollector], RowT | None],
) -> list[RowT]:
    """Return the rows `build` accepts, in sheet order, skipping rows with a refused cell."""
    rows = []
    keys = list(sheet.values)
    failed = sheet.failed
    for position, values in enumerate(zip(*sheet.values.values(), strict=True)):
        if position in failed:
            continue
        row = build(RowReader(sheet, position, zip(keys, values, strict=True)), issues)
        if row is not None and position not in sheet.failed:
            rows.append(row)
    return rows


def check_code(row: RowReader, issues: IssueCollector, key: str, pattern: re.Pattern[str]) -> bool:
    """Record an error unless the row's code in column `key` is one Excel and URLs keep."""
    code = row[key]
    if pattern.fullmatch(code):
        return True
    allowed = "gạch chéo, " if pattern is _CLASS_CODE else ""
    row.error(
        issues,
        key,
        f'Mã "{code}" không hợp lệ: chỉ gồm chữ không dấu, chữ số, dấu chấm, gạch ngang, '
        f"{allowed}gạch dưới; tối đa 40 ký tự",
        "invalid_code",
    )
    return False


def check_name(row: RowReader, issues: IssueCollector, key: str, limit: int = MAX_NAME) -> None:
    """Record an error if the text in column `key` is longer than `limit` characters."""
    if len(row[key]) > limit:
        row.error(issues, key, f"Tên quá dài (tối đa {limit} ký tự)", "too_long")


def shown(day: date) -> str:
    """Return a date as dd/mm/yyyy for messages."""
    return format_cell_value(day)


def org_row(row: RowReader, issues: IssueCollector) -> OrgRow | None:
    """Return a ToChuc row; its period must run forward."""
    check_code(row, issues, "code", _UNIT_CODE)
    check_name(row, issues, "name")
    valid_from, valid_to = row["valid_from"] or BEGINNING, row["valid_to"] or OPEN_END
    if valid_to < valid_from:
        row.error(
            issues,
            "valid_to",
            f"Hiệu lực đến ({shown(valid_to)}) trước hiệu lực từ ({shown(valid_from)})",
            "period_inverted",
        )
    if row["parent_code"] == row["code"]:
        row.error(issues, "parent_code", "Tổ chức không thể là cấp trên của chính nó", "org_cycle")
    return OrgRow(
        row.position,
        row.line,
        row["code"],
        row["name"],
        row["type"],
        row["parent_code"],
        valid_from,
        valid_to,
        row["may_admit"],
    )


def locality_row(row: RowReader, issues: IssueCollector) -> LocalityRow | None:
    """Return a DiaBan row."""
    check_code(row, issues, "code", _UNIT_CODE)
    check_name(row, issues, "name")
    return LocalityRow(
        row.position,
        row.line,
        row["code"],
        row["name"],
        row["type"],
        row["org_code"],
        row["cell_code"],
        row["has_independent_cell"],
        row["head_citizen_id"],
    )


def quota_row(row: RowReader, issues: IssueCollector) -> QuotaRow | None:
    """Return a ChiTieu row."""
    return QuotaRow(
        row.position, row.line, row["org_code"], row["period"], row["category"], row["quota"]
    )


def class_row(row: RowReader, issues: IssueCollector) -> ClassRow | None:
    """Return a LopHoc row; it cannot end before it starts."""
    check_code(row, issues, "class_code", _CLASS_CODE)
    check_name(row, issues, "name")
    start, end = row["start_date"], row["end_date"]
    if end is not None and end < start:
        row.error(
            issues,
            "end_date",
            f"Ngày bế giảng ({shown(end)}) trước ngày khai giảng ({shown(start)})",
            "period_inverted",
        )
    return ClassRow(
        row.position,
        row.line,
        row["class_code"],
        row["class_type"],
        row["org_code"],
        start,
        end,
        row["name"],
    )


def trainee_row(row: RowReader, issues: IssueCollector) -> TraineeRow | None:
    """Return a HocVien row; only a trainee who completed the class has a certificate."""
    if row["certificate_number"] and row["result"] != TraineeResult.COMPLETED.value:
        row.error(
            issues,
            "certificate_number",
            "Học viên không hoàn thành lớp học thì không được cấp giấy chứng nhận",
            "certificate_not_completed",
        )
    return TraineeRow(
        row.position,
        row.line,
        row["class_code"],
        row["citizen_id"],
        row["result"],
        row["certificate_number"],
        row["certificate_date"],
    )
