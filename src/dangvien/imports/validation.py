"""Check a parsed workbook against itself and the database; plan every change.

Nothing is written here. Every error found is collected (not just the first),
each at its sheet, row and column, and the plan says per sheet how many rows
create, update or leave a record unchanged: the preview shows exactly that.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dangvien.accounts.actor import Actor
from dangvien.imports.domain import sheets as specs
from dangvien.imports.domain.duplicates import check_history_periods, person_clash, unique_rows
from dangvien.imports.domain.issues import IssueCollector
from dangvien.imports.domain.parse import ParsedWorkbook, SheetRows
from dangvien.imports.domain.person_rows import (
    HistoryRow,
    PersonRow,
    history_row,
    person_row_builder,
)
from dangvien.imports.domain.rows import (
    ClassRow,
    LocalityRow,
    OrgRow,
    QuotaRow,
    TraineeRow,
    build_rows,
    class_row,
    locality_row,
    org_row,
    quota_row,
    trainee_row,
)
from dangvien.imports.known import KnownLocality, KnownOrg
from dangvien.imports.known_people import KnownPerson
from dangvien.imports.localities_sheet import LocalityPlan
from dangvien.imports.orgs_plan import OrgPlan
from dangvien.imports.people_plan import PeoplePlan
from dangvien.imports.plan_common import SheetCount
from dangvien.imports.quotas_sheet import QuotaPlan, key_of
from dangvien.imports.training_sheet import KnownClass, TrainingPlan

Progress = Callable[[str, int, int], None]


@dataclass(slots=True)
class Rows:
    """The typed rows of every sheet present, each key given once."""

    orgs: list[OrgRow] = field(default_factory=list)
    localities: list[LocalityRow] = field(default_factory=list)
    people: list[PersonRow] = field(default_factory=list)
    history: list[HistoryRow] = field(default_factory=list)
    quotas: list[QuotaRow] = field(default_factory=list)
    classes: list[ClassRow] = field(default_factory=list)
    trainees: list[TraineeRow] = field(default_factory=list)


@dataclass(slots=True)
class Known:
    """What the database holds about what the workbook names."""

    orgs: dict[str, KnownOrg] = field(default_factory=dict)
    localities: dict[str, KnownLocality] = field(default_factory=dict)
    people: dict[str, KnownPerson] = field(default_factory=dict)  # by digest
    digests: dict[str, str] = field(default_factory=dict)  # citizen ID -> digest
    classes: dict[str, KnownClass] = field(default_factory=dict)


@dataclass(slots=True)
class ImportPlan:
    """Everything an import would do, and everything wrong with the workbook."""

    actor: Actor
    today: date
    parsed: ParsedWorkbook
    rows: Rows = field(default_factory=Rows)
    known: Known = field(default_factory=Known)
    orgs: OrgPlan | None = None
    localities: LocalityPlan | None = None
    people: PeoplePlan | None = None
    quotas: QuotaPlan | None = None
    training: TrainingPlan = field(default_factory=TrainingPlan)

    @property
    def issues(self) -> IssueCollector:
        """Return the issues of every step."""
        return self.parsed.issues

    @property
    def ok(self) -> bool:
        """Return whether the import may be written."""
        return not self.issues.has_errors

    def counts(self) -> dict[str, SheetCount]:
        """Return the row counts of each sheet present, in processing order."""
        found: dict[str, SheetCount] = {}
        pairs: list[tuple[str, Any]] = [
            ("ToChuc", self.orgs),
            ("DiaBan", self.localities),
            ("NhanSu", self.people),
            ("ChiTieu", self.quotas),
        ]
        for name, plan in pairs:
            if plan is not None:
                found[name] = plan.count
        if self.people is not None and "QuaTrinh" in self.parsed.sheets:
            found["QuaTrinh"] = self.people.history_count
        if "LopHoc" in self.parsed.sheets:
            found["LopHoc"] = self.training.class_count
        if "HocVien" in self.parsed.sheets:
            found["HocVien"] = self.training.trainee_count
        order = [spec.name for spec in specs.SHEETS]
        return dict(sorted(found.items(), key=lambda item: order.index(item[0])))


def _unique(
    sheet: SheetRows,
    rows: list[Any],
    issues: IssueCollector,
    key: Callable[[Any], Any],
    column: str,
    what: Callable[[Any, Any], str],
) -> list[Any]:
    return unique_rows(rows, sheet, issues, key=key, column=column, clash=what)


def typed_rows(parsed: ParsedWorkbook, today: date) -> Rows:
    """Return the typed rows of each sheet, repeated keys refused or dropped."""
    issues, sheets, rows = parsed.issues, parsed.sheets, Rows()
    if sheet := sheets.get("ToChuc"):
        rows.orgs = _unique(
            sheet,
            build_rows(sheet, issues, org_row),
            issues,
            lambda r: (r.code, r.valid_from),
            "code",
            lambda a, b: f"Tổ chức {b.code} đã có ở dòng {a.line} cùng ngày hiệu lực từ",
        )
    if sheet := sheets.get("DiaBan"):
        rows.localities = _unique(
            sheet,
            build_rows(sheet, issues, locality_row),
            issues,
            lambda r: r.code,
            "code",
            lambda a, b: f"Mã địa bàn {b.code} đã có ở dòng {a.line}",
        )
    if sheet := sheets.get("NhanSu"):
        built = build_rows(sheet, issues, person_row_builder(today))
        rows.people = _unique(
            sheet, built, issues, lambda r: r.citizen_id, "citizen_id", person_clash
        )
    if sheet := sheets.get("QuaTrinh"):
        rows.history = _history_rows(sheet, issues, rows.people)
    _typed_plans_and_classes(parsed, rows)
    return rows


def _history_rows(
    sheet: SheetRows, issues: IssueCollector, people: list[PersonRow]
) -> list[HistoryRow]:
    built = build_rows(sheet, issues, history_row)
    listed = {row.citizen_id for row in people}
    for row in built:
        if row.citizen_id not in listed:
            message = f"Người có số CCCD {row.citizen_id} không có ở trang NhanSu"
            sheet.error(issues, row.position, "citizen_id", message, "unknown_person")
    check_history_periods(built, sheet, issues)
    return [row for row in built if row.position not in sheet.failed]


def _typed_plans_and_classes(parsed: ParsedWorkbook, rows: Rows) -> None:
    issues, sheets = parsed.issues, parsed.sheets
    if sheet := sheets.get("ChiTieu"):
        rows.quotas = _unique(
            sheet,
            build_rows(sheet, issues, quota_row),
            issues,
            key_of,
            "org_code",
            lambda a, b: f"Chỉ tiêu của {b.org_code} cho cùng kỳ và nhóm đã có ở dòng {a.line}",
        )
    if sheet := sheets.get("LopHoc"):
        rows.classes = _unique(
            sheet,
            build_rows(sheet, issues, class_row),
            issues,
            lambda r: r.code,
            "class_code",
            lambda a, b: f"Mã lớp {b.code} đã có ở dòng {a.line}",
        )
    if sheet := sheets.get("HocVien"):
        rows.trainees = _unique(
            sheet,
            build_rows(sheet, issues, trainee_row),
            issues,
            lambda r: (r.class_code, r.citizen_id),
            "citizen_id",
            lambda a, b: f"Học viên {b.citizen_id} của lớp {b.class_code} đã có ở dòng {a.line}",
        )
