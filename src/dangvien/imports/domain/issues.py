"""Errors and warnings found in an import workbook, collected all at once.

An import never stops at the first problem: every bad cell is recorded so the
user can fix the whole file in one pass, and the error file marks each of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from dangvien.core.domain.errors import DomainError
from dangvien.imports.domain.cells import CellValue, format_cell_value

T = TypeVar("T")


class Severity(StrEnum):
    """How serious an issue is."""

    ERROR = "error"  # Lỗi: the row is invalid, so nothing is written
    WARNING = "warning"  # Cảnh báo: reported, the import goes on

    @property
    def label(self) -> str:
        """Return the Vietnamese label shown in the error file."""
        return "Lỗi" if self is Severity.ERROR else "Cảnh báo"


@dataclass(frozen=True, slots=True)
class ImportIssue:
    """One problem, placed where the user sees it in Excel."""

    sheet: str
    row: int | None  # Excel row number, header = 1; None for a sheet- or file-wide issue
    column: str | None  # the column header as the contract spells it; None for a whole row
    value: str  # the cell as the user typed it
    message: str  # Vietnamese, says what is wrong and how to fix it
    severity: Severity = Severity.ERROR
    column_index: int | None = None  # 0-based position of the column in the sheet, to mark it
    code: str = "invalid"  # stable identifier, from DomainError.code

    @property
    def is_error(self) -> bool:
        """Return whether the issue blocks the import."""
        return self.severity is Severity.ERROR


class IssueCollector:
    """Accumulates the issues of one import, in the order they were found."""

    def __init__(self) -> None:
        """Start with no issues."""
        self._issues: list[ImportIssue] = []

    def add(self, issue: ImportIssue) -> None:
        """Record `issue`."""
        self._issues.append(issue)

    def extend(self, issues: Iterable[ImportIssue]) -> None:
        """Record several issues."""
        self._issues.extend(issues)

    def error(
        self,
        message: str,
        *,
        sheet: str,
        row: int | None = None,
        column: str | None = None,
        value: CellValue = None,
        column_index: int | None = None,
        code: str = "invalid",
    ) -> None:
        """Record an error that blocks the import."""
        self.add(
            ImportIssue(
                sheet=sheet,
                row=row,
                column=column,
                value=format_cell_value(value),
                message=message,
                severity=Severity.ERROR,
                column_index=column_index,
                code=code,
            )
        )

    def warning(
        self,
        message: str,
        *,
        sheet: str,
        row: int | None = None,
        column: str | None = None,
        value: CellValue = None,
        column_index: int | None = None,
        code: str = "warning",
    ) -> None:
        """Record a warning that does not block the import."""
        self.add(
            ImportIssue(
                sheet=sheet,
                row=row,
                column=column,
                value=format_cell_value(value),
                message=message,
                severity=Severity.WARNING,
                column_index=column_index,
                code=code,
            )
        )

    def capture(
        self,
        parse: Callable[[CellValue], T],
        value: CellValue,
        *,
        sheet: str,
        row: int,
        column: str,
        column_index: int | None = None,
    ) -> T | None:
        """Return `parse(value)`; on a DomainError, record it at the cell and return None."""
        try:
            return parse(value)
        except DomainError as refusal:
            self.error(
                refusal.message,
                sheet=sheet,
                row=row,
                column=column,
                value=value,
                column_index=column_index,
                code=refusal.code,
            )
            return None

    @property
    def issues(self) -> tuple[ImportIssue, ...]:
        """Return every issue, in the order found."""
        return tuple(self._issues)

    @property
    def errors(self) -> tuple[ImportIssue, ...]:
        """Return the issues that block the import."""
        return tuple(issue for issue in self._issues if issue.is_error)

    @property
    def warnings(self) -> tuple[ImportIssue, ...]:
        """Return the issues that do not block the import."""
        return tuple(issue for issue in self._issues if not issue.is_error)

    @property
    def has_errors(self) -> bool:
        """Return whether anything blocks the import."""
        return any(issue.is_error for issue in self._issues)

    def sorted(self, sheet_order: tuple[str, ...] = ()) -> list[ImportIssue]:
        """Return the issues by sheet (in `sheet_order`, others after), then row, then column."""
        rank = {name: index for index, name in enumerate(sheet_order)}

        def position(issue: ImportIssue) -> tuple[int, str, int, int]:
            return (
                rank.get(issue.sheet, len(rank)),
                issue.sheet,
                issue.row if issue.row is not None else 0,
                issue.column_index if issue.column_index is not None else -1,
            )

        return sorted(self._issues, key=position)

    def __len__(self) -> int:
        """Return the number of issues."""
        return len(self._issues)

    def __iter__(self) -> Iterator[ImportIssue]:
        """Iterate over the issues in the order found."""
        return iter(self._issues)
