"""The LopHoc and HocVien sheets: classes and trainees, checked as training.services checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from dangvien.imports.domain.parse import SheetRows
from dangvien.imports.domain.rows import ClassRow, TraineeRow, shown
from dangvien.imports.known import chunked, codes_of, org_paths
from dangvien.imports.known_people import KnownPerson
from dangvien.imports.plan_common import (
    Check,
    SheetCount,
    changes_between,
    outside_scope,
    unknown_org,
)
from dangvien.imports.tree_on_day import TreeOnDay
from dangvien.training.models import Enrolment, TrainingClass


@dataclass(frozen=True, slots=True)
class KnownClass:
    """An existing class."""

    pk: int
    values: dict[str, Any]  # class_type, organiser (code), start_date, end_date, name
    editable: bool


@dataclass(slots=True)
class TrainingPlan:
    """The classes and enrolments the import creates or changes."""

    classes: list[ClassRow] = field(default_factory=list)
    trainees: list[TraineeRow] = field(default_factory=list)
    class_count: SheetCount = field(default_factory=SheetCount)
    trainee_count: SheetCount = field(default_factory=SheetCount)


def known_classes(codes: set[str], check: Check) -> dict[str, KnownClass]:
    """Return the existing classes with these codes."""
    rows: list[tuple[Any, ...]] = []
    for batch in chunked(sorted(codes)):
        rows += TrainingClass.objects.filter(code__in=batch).values_list(
            "pk", "code", "class_type", "organiser_id", "start_date", "end_date", "name"
        )
    organisers = {row[3] for row in rows}
    codes_by_id = codes_of(organisers)
    paths = org_paths(organisers, check.today)
    found = {}
    for pk, code, class_type, organiser, start, end, name in rows:
        values = {
            "class_type": class_type,
            "organiser": codes_by_id.get(organiser, ""),
            "start_date": start,
            "end_date": end,
            "name": name,
        }
        found[code] = KnownClass(pk, values, check.can_edit_path(paths.get(organiser, "")))
    return found


def _check_class(
    row: ClassRow, known: KnownClass | None, sheet: SheetRows, tree: TreeOnDay, check: Check
) -> None:
    ref = check.orgs.get(row.org_code)
    if ref is None:
        sheet.error(
            check.issues, row.position, "org_code", unknown_org(row.org_code), "unknown_org"
        )
        return
    if not ref.editable:
        sheet.error(check.issues, row.position, "org_code", outside_scope(row.org_code), "scope")
    if known is not None and not known.editable:
        message = f"Mã lớp “{row.code}” đã được dùng cho một lớp khác"
        sheet.error(check.issues, row.position, "class_code", message, "duplicate")
    if tree.standing(row.org_code, row.start_date) is None:
        message = (
            f"Đơn vị “{row.org_code}” không tồn tại vào ngày khai giảng {shown(row.start_date)}"
        )
        sheet.error(check.issues, row.position, "start_date", message, "org_missing")


def plan_classes(
    sheet: SheetRows,
    rows: list[ClassRow],
    known: Mapping[str, KnownClass],
    tree: TreeOnDay,
    check: Check,
    plan: TrainingPlan,
) -> None:
    """Add the classes to create or change to `plan`, recording every error."""
    present = set(sheet.positions)
    for row in rows:
        existing = known.get(row.code)
        _check_class(row, existing, sheet, tree, check)
        if row.position in sheet.failed:
            continue
        new = {
            "class_type": row.class_type,
            "organiser": row.org_code,
            "start_date": row.start_date,
            "end_date": row.end_date,
        }
        if "name" in present:
            new["name"] = row.name
        changes = changes_between(existing.values, new) if existing else {}
        plan.class_count.add(changes, created=existing is None)
        if existing is None or changes:
            plan.classes.append(row)


def known_enrolments(
    class_ids: list[int], person_ids: set[int]
) -> dict[tuple[int, int], dict[str, Any]]:
    """Return the existing enrolments of these classes, by (class id, person id)."""
    found: dict[tuple[int, int], dict[str, Any]] = {}
    for batch in chunked(class_ids):
        rows = Enrolment.objects.filter(training_class_id__in=batch).values_list(
            "training_class_id", "person_id", "result", "certificate_number", "certificate_date"
        )
        for class_id, person_id, result, number, day in rows:
            if person_id in person_ids:
                found[(class_id, person_id)] = {
                    "result": result,
                    "certificate_number": number,
                    "certificate_date": day,
                }
    return found


@dataclass(frozen=True, slots=True)
class TraineeContext:
    """What the trainee rows refer to: classes and people, in the workbook or the database."""

    class_starts: Mapping[str, date]  # class code -> start date, after the import
    known_classes: Mapping[str, KnownClass]
    people: Mapping[str, KnownPerson | None]  # citizen ID -> holder (None: created here)
    readable: Mapping[int, bool]  # person id -> whether the user may see the person
    enrolments: Mapping[tuple[int, int], dict[str, Any]]


def _check_trainee(
    row: TraineeRow, sheet: SheetRows, context: TraineeContext, check: Check
) -> None:
    start = context.class_starts.get(row.class_code)
    known = context.known_classes.get(row.class_code)
    if start is None:
        message = f"Không tìm thấy lớp có mã “{row.class_code}” (trong hệ thống hoặc trang LopHoc)"
        sheet.error(check.issues, row.position, "class_code", message, "unknown_class")
    elif known is not None and not known.editable:
        sheet.error(
            check.issues, row.position, "class_code", outside_scope(row.class_code), "scope"
        )
    listed = row.citizen_id in context.people
    person = context.people.get(row.citizen_id)
    if not listed or (person is not None and not context.readable.get(person.pk, False)):
        message = (
            f"Không tìm thấy người có số CCCD {row.citizen_id} (trong hệ thống hoặc trang NhanSu)"
        )
        sheet.error(check.issues, row.position, "citizen_id", message, "unknown_person")
    if start is not None and row.certificate_date is not None and row.certificate_date < start:
        message = (
            f"Ngày cấp giấy chứng nhận ({shown(row.certificate_date)}) trước ngày khai giảng "
            f"lớp ({shown(start)})"
        )
        sheet.error(check.issues, row.position, "certificate_date", message, "dates_out_of_order")


def plan_trainees(
    sheet: SheetRows,
    rows: list[TraineeRow],
    context: TraineeContext,
    check: Check,
    plan: TrainingPlan,
) -> None:
    """Add the enrolments to create or change to `plan`, recording every error."""
    for row in rows:
        _check_trainee(row, sheet, context, check)
        if row.position in sheet.failed:
            continue
        known = context.known_classes.get(row.class_code)
        person = context.people.get(row.citizen_id)
        old = context.enrolments.get((known.pk, person.pk)) if known and person else None
        new = {
            "result": row.result,
            "certificate_number": row.certificate_number[:60],
            "certificate_date": row.certificate_date,
        }
        changes = changes_between(old, new) if old is not None else {}
        plan.trainee_count.add(changes, created=old is None)
        if old is None or changes:
            plan.trainees.append(row)
