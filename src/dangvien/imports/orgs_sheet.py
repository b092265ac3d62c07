"""The ToChuc sheet end to end: plan, tree checks, scope, and the index of units by code."""

from __future__ import annotations

from collections.abc import Iterable

from dangvien.imports.domain.duplicates import check_org_periods
from dangvien.imports.domain.parse import SheetRows
from dangvien.imports.domain.rows import OrgRow
from dangvien.imports.known import KnownOrg, codes_of, max_id
from dangvien.imports.orgs_checks import Timelines, check_children, check_parents, check_tree
from dangvien.imports.orgs_plan import OrgPlan, merge_code
from dangvien.imports.plan_common import Check, OrgRef, outside_scope
from dangvien.orgs.models import Organization


def _rows_by_code(rows: Iterable[OrgRow]) -> dict[str, list[OrgRow]]:
    by_code: dict[str, list[OrgRow]] = {}
    for row in rows:
        by_code.setdefault(row.code, []).append(row)
    return by_code


def _check_scope(
    plan: OrgPlan,
    known: dict[str, KnownOrg],
    paths: dict[str, str],
    sheet: SheetRows,
    check: Check,
) -> None:
    """Record an error for each row that changes a unit or a position outside the user's scope."""
    if check.is_operator:
        return
    touched = plan.created + [draft for draft, _ in plan.changed]
    for draft in touched:
        row = draft.row
        if row is None:
            continue
        existing = known.get(draft.code)
        if existing is not None and not check.can_edit_path(existing.path):
            sheet.error(check.issues, row.position, "code", outside_scope(draft.code), "scope")
        elif not draft.parent_code:
            sheet.error(
                check.issues,
                row.position,
                "parent_code",
                "Chỉ quản trị máy chủ (dòng lệnh) mới tạo được tổ chức gốc; hãy ghi mã cấp trên",
                "scope",
            )
        elif not check.can_edit_path(paths.get(draft.code, "")):
            message = f'Tổ chức cấp trên "{draft.parent_code}" nằm ngoài phạm vi bạn được quyền sửa'
            sheet.error(check.issues, row.position, "parent_code", message, "scope")


def plan_org_sheet(
    sheet: SheetRows, rows: list[OrgRow], known: dict[str, KnownOrg], check: Check
) -> OrgPlan:
    """Return the plan of the ToChuc sheet, recording every error of its rows."""
    errors_before = len(check.issues.errors)
    check_org_periods(rows, sheet, check.issues)
    rows = [row for row in rows if row.position not in sheet.failed]
    parent_ids = {v.parent_id for org in known.values() for v in org.versions if v.parent_id}
    parent_codes = codes_of(parent_ids)
    plan = OrgPlan()
    for code, code_rows in _rows_by_code(rows).items():
        merge_code(code, code_rows, known.get(code), parent_codes, sheet, check, plan)
    timelines = Timelines(plan, known)
    check_parents(timelines, rows, sheet, check)
    check_children(timelines, rows, sheet, check)
    # The tree can only be computed from periods that are consistent on their own.
    if len(check.issues.errors) == errors_before:
        paths = check_tree(plan, known, rows, sheet, check, max_id(Organization) + 1)
        _check_scope(plan, known, paths, sheet, check)
    return plan


def org_index(plan: OrgPlan | None, known: dict[str, KnownOrg], check: Check) -> dict[str, OrgRef]:
    """Return every unit the workbook may name, by code: in the database or created by it."""
    refs: dict[str, OrgRef] = {}
    for code, org in known.items():
        version = next(
            (v for v in org.versions if v.valid_from <= check.today <= v.valid_to),
            org.versions[-1] if org.versions else None,
        )
        org_type = version.org_type if version else org.org_type
        refs[code] = OrgRef(code, org.pk, org_type, check.can_edit_path(org.path))
    if plan is None:
        return refs
    for code in plan.drafts:
        existing = refs.get(code)
        org_type = plan.on(code, check.today).org_type
        if existing is not None:
            refs[code] = OrgRef(code, existing.pk, org_type, existing.editable)
        else:
            # A unit created here is editable when the scope check above let it through.
            refs[code] = OrgRef(code, None, org_type, True)
    return refs
