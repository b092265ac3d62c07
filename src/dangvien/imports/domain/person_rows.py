"""Typed rows of the NhanSu (people) and QuaTrinh (history) sheets, with one-row checks.

One row can tell whether a member's dates are in order, whether a status needs
an admission date and whether a birth date is plausible; the person's other
rows and the database are checked later.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import age_years
from dangvien.imports.domain.issues import IssueCollector
from dangvien.imports.domain.rows import MAX_NAME, RowReader, check_name, shown
from dangvien.orgs.domain.tree import OPEN_END
from dangvien.people.domain.enums import MEMBER_STATUSES, Status
from dangvien.people.domain.validation import MAX_AGE_ON_RECORD, MIN_AGE_ON_RECORD
from dangvien.people.domain.vocabularies import parse_general_education

MAX_FULL_NAME = 200
_DIGIT = re.compile(r"\d")
_STATUSES = {status.value: status for status in Status}  # faster than Status(value)
# The oldest age checked for people still on the lists; the dead and the departed
# may be older than any living person.
_LIVING = MEMBER_STATUSES | {Status.CANDIDATE}


@dataclass(slots=True)
class PersonRow:
    """A row of NhanSu: one person and their current standing."""

    position: int
    line: int
    citizen_id: str
    full_name: str
    birth_date: date
    gender: str
    ethnicity: str
    religion: str
    general_education: str
    qualification: str
    theory_level: str
    occupation: str
    youth_union: bool
    trade_union: bool
    positions: tuple[tuple[str, str], ...]  # (code, label as written)
    cell_code: str
    locality_code: str
    status: Status
    admission_date: date | None
    admission_number: str
    ceremony_date: date | None
    official_date: date | None
    source: str
    status_since: date | None
    hometown: str
    residence: str

    @property
    def is_member(self) -> bool:
        """Return whether the row's status counts in the membership stock."""
        return self.status in MEMBER_STATUSES


@dataclass(slots=True)
class HistoryRow:
    """A row of QuaTrinh: one period of one person's status and cell."""

    position: int
    line: int
    citizen_id: str
    status: Status
    cell_code: str
    valid_from: date
    valid_to: date
    note: str


def _check_name_and_birth(
    row: RowReader, issues: IssueCollector, status: Status, today: date
) -> None:
    """Record errors for a name with digits or too long, and an implausible birth date."""
    name = row["full_name"]
    if _DIGIT.search(name):
        row.error(issues, "full_name", f'Họ và tên "{name}" không được chứa chữ số', "invalid_name")
    check_name(row, issues, "full_name", MAX_FULL_NAME)
    birth: date = row["birth_date"]
    age = age_years(birth, today)
    too_old = status in _LIVING and age > MAX_AGE_ON_RECORD
    if birth > today or age < MIN_AGE_ON_RECORD or too_old:
        row.error(
            issues,
            "birth_date",
            f"Ngày sinh {shown(birth)} không hợp lý ({age} tuổi); người trong danh sách phải "
            f"từ {MIN_AGE_ON_RECORD} đến {MAX_AGE_ON_RECORD} tuổi",
            "implausible_birth_date",
        )


def _check_status_dates(row: RowReader, issues: IssueCollector, status: Status) -> None:
    """Record errors when the admission dates do not fit the status."""
    admitted = row["admission_date"]
    if status in MEMBER_STATUSES and admitted is None:
        row.error(
            issues,
            "admission_date",
            f"Đảng viên (trạng thái {status.label}) phải có ngày quyết định kết nạp",
            "admission_date_required",
        )
    if status is Status.CANDIDATE and admitted is not None:
        row.error(
            issues,
            "admission_date",
            "Quần chúng ưu tú chưa được kết nạp nên không có ngày quyết định kết nạp",
            "candidate_admitted",
        )
    if status is Status.PROBATIONARY and row["official_date"] is not None:
        row.error(
            issues,
            "official_date",
            "Đảng viên dự bị chưa được công nhận chính thức; hãy sửa trạng thái hoặc xóa ngày này",
            "probationary_official",
        )


_NOUNS = {
    "birth_date": "ngày sinh",
    "admission_date": "ngày quyết định kết nạp",
    "ceremony_date": "ngày lễ kết nạp",
    "official_date": "ngày công nhận chính thức",
    "status_since": "ngày bắt đầu trạng thái",
}


def _check_order(
    row: RowReader, issues: IssueCollector, earlier: str, later: str, *, same_day: bool
) -> None:
    """Record an error at `later` if its date is before `earlier` (or on it, unless `same_day`)."""
    first, second = row[earlier], row[later]
    if first is None or second is None or second > first or (same_day and second == first):
        return
    relation = "không thể trước" if same_day else "phải sau"
    row.error(
        issues,
        later,
        f"{_NOUNS[later].capitalize()} ({shown(second)}) {relation} {_NOUNS[earlier]} "
        f"({shown(first)})",
        "dates_out_of_order",
    )


def _check_dates_in_order(row: RowReader, issues: IssueCollector) -> None:
    """Record errors for a member's dates out of order: birth, decision, ceremony, official."""
    probation_start = "ceremony_date" if row["ceremony_date"] is not None else "admission_date"
    for earlier, later, same_day in (
        ("birth_date", "admission_date", False),
        ("admission_date", "ceremony_date", True),
        (probation_start, "official_date", False),
        ("birth_date", "status_since", False),
        ("admission_date", "status_since", True),
    ):
        _check_order(row, issues, earlier, later, same_day=same_day)


def _general_education(row: RowReader, issues: IssueCollector) -> str:
    """Return the general education as "n/12" or "n/10", "" if blank or refused."""
    try:
        return parse_general_education(row["general_education"]) or ""
    except DomainError as refusal:
        row.error(issues, "general_education", refusal.message, refusal.code)
        return ""


def person_row_builder(today: date) -> Callable[[RowReader, IssueCollector], PersonRow | None]:
    """Return the builder of NhanSu rows, checking birth dates against `today`."""

    def build(row: RowReader, issues: IssueCollector) -> PersonRow | None:
        status = _STATUSES[row["status"]]
        _check_name_and_birth(row, issues, status, today)
        _check_status_dates(row, issues, status)
        _check_dates_in_order(row, issues)
        education = _general_education(row, issues)
        return PersonRow(
            row.position,
            row.line,
            row["citizen_id"],
            row["full_name"],
            row["birth_date"],
            row["gender"],
            row["ethnicity"],
            row["religion"],
            education,
            row["qualification"],
            row["political_theory"],
            row["occupation"] or "",
            row["youth_union"],
            row["trade_union"],
            row["positions"],
            row["cell_code"],
            row["locality_code"],
            status,
            row["admission_date"],
            row["admission_decision_number"],
            row["ceremony_date"],
            row["official_date"],
            row["source"] or "",
            row["status_since"],
            row["hometown"][:MAX_NAME],
            row["residence"][:MAX_NAME],
        )

    return build


def history_row(row: RowReader, issues: IssueCollector) -> HistoryRow | None:
    """Return a QuaTrinh row; its period must run forward."""
    valid_from, valid_to = row["valid_from"], row["valid_to"] or OPEN_END
    if valid_to < valid_from:
        row.error(
            issues,
            "valid_to",
            f"Đến ngày ({shown(valid_to)}) trước từ ngày ({shown(valid_from)})",
            "period_inverted",
        )
    return HistoryRow(
        row.position,
        row.line,
        row["citizen_id"],
        _STATUSES[row["status"]],
        row["cell_code"],
        valid_from,
        valid_to,
        row["note"][:MAX_NAME],
    )
