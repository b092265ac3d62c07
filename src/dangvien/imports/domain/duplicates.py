"""Rows of one sheet that clash with each other: the same key twice, overlapping periods.

A row repeated exactly is harmless (copy-paste) and only warned about; the same
key with different content is an error, since the import could not know which
row to believe.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import astuple
from typing import Any, TypeVar

from dangvien.core.domain.text import search_key
from dangvien.imports.domain.issues import IssueCollector
from dangvien.imports.domain.parse import SheetRows
from dangvien.imports.domain.person_rows import HistoryRow, PersonRow
from dangvien.imports.domain.rows import OrgRow, shown

RowT = TypeVar("RowT")


def _content(row: Any) -> tuple[Any, ...]:
    """Return a row's values without its position and line, for comparing two rows."""
    return astuple(row)[2:]


def unique_rows(
    rows: Sequence[RowT],
    sheet: SheetRows,
    issues: IssueCollector,
    *,
    key: Callable[[RowT], Hashable],
    column: str,
    clash: Callable[[RowT, RowT], str],
) -> list[RowT]:
    """Return the rows with each key once: exact repeats warned about, clashes refused.

    `clash(first, repeat)` gives the message for a repeat that differs from the
    first row with its key; both rows are then dropped, so nothing is written.
    """
    first_by_key: dict[Hashable, Any] = {}
    clashing: set[Hashable] = set()
    for row in rows:
        found = first_by_key.setdefault(key(row), row)
        if found is row:
            continue
        position, line = row.position, row.line  # type: ignore[attr-defined]
        if _content(found) == _content(row):
            issues.warning(
                f"Dòng này lặp lại dòng {found.line} nên được bỏ qua",
                sheet=sheet.name,
                row=line,
                code="repeated_row",
            )
        else:
            sheet.error(issues, position, column, clash(found, row), "duplicate")
            clashing.add(key(row))
    return [row for key_, row in first_by_key.items() if key_ not in clashing]


def _same_person(first: PersonRow, other: PersonRow) -> bool:
    """Return whether two rows describe one person: same name (any accents) and birth date."""
    return (
        search_key(first.full_name) == search_key(other.full_name)
        and first.birth_date == other.birth_date
    )


def person_clash(first: PersonRow, repeat: PersonRow) -> str:
    """Return the message for a citizen ID given twice."""
    if _same_person(first, repeat):
        return (
            f"Số CCCD {repeat.citizen_id} đã có ở dòng {first.line} với thông tin khác; "
            "mỗi người chỉ ghi một dòng"
        )
    return (
        f"Số CCCD {repeat.citizen_id} đã dùng ở dòng {first.line} cho người khác "
        f"({first.full_name}, sinh {shown(first.birth_date)}); hai người không thể cùng một "
        "số CCCD"
    )


def check_org_periods(rows: Sequence[OrgRow], sheet: SheetRows, issues: IssueCollector) -> None:
    """Record an error for each row whose period overlaps another row of the same code."""
    by_code: dict[str, list[OrgRow]] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)
    for periods in by_code.values():
        periods.sort(key=lambda row: row.valid_from)
        for before, after in zip(periods, periods[1:], strict=False):
            if after.valid_from <= before.valid_to:
                sheet.error(
                    issues,
                    after.position,
                    "valid_from",
                    f"Tổ chức {after.code}: thời kỳ từ {shown(after.valid_from)} chồng lên thời "
                    f"kỳ ở dòng {before.line} (đến {shown(before.valid_to)})",
                    "org_period_overlap",
                )


def check_history_periods(
    rows: Sequence[HistoryRow], sheet: SheetRows, issues: IssueCollector
) -> None:
    """Record an error for each period that overlaps another period of the same person."""
    by_person: dict[str, list[HistoryRow]] = {}
    for row in rows:
        by_person.setdefault(row.citizen_id, []).append(row)
    for periods in by_person.values():
        periods.sort(key=lambda row: row.valid_from)
        for before, after in zip(periods, periods[1:], strict=False):
            if after.valid_from <= before.valid_to:
                sheet.error(
                    issues,
                    after.position,
                    "valid_from",
                    f"Thời kỳ từ {shown(after.valid_from)} chồng lên thời kỳ ở dòng {before.line} "
                    f"(đến {shown(before.valid_to)})",
                    "period_overlap",
                )
