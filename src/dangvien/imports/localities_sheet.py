"""The DiaBan sheet: localities to create or change, their commune, cell and head."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from dangvien.imports.domain.parse import SheetRows
from dangvien.imports.domain.rows import LocalityRow
from dangvien.imports.known import KnownLocality, codes_of, org_paths
from dangvien.imports.known_people import KnownPerson
from dangvien.imports.people_sheet import check_cell
from dangvien.imports.plan_common import (
    Check,
    SheetCount,
    changes_between,
    outside_scope,
    unknown_org,
)


@dataclass(slots=True)
class LocalityDraft:
    """A locality as it will stand after the import."""

    row: LocalityRow
    known: KnownLocality | None
    changes: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class LocalityPlan:
    """What the import does to localities."""

    drafts: list[LocalityDraft] = field(default_factory=list)
    count: SheetCount = field(default_factory=SheetCount)


def _check_row(row: LocalityRow, sheet: SheetRows, check: Check, head_known: bool) -> None:
    ref = check.orgs.get(row.org_code)
    if ref is None:
        sheet.error(
            check.issues, row.position, "org_code", unknown_org(row.org_code), "unknown_org"
        )
    elif not ref.editable:
        sheet.error(check.issues, row.position, "org_code", outside_scope(row.org_code), "scope")
    if row.cell_code and check_cell(sheet, row.position, "cell_code", row.cell_code, check):
        if not check.orgs[row.cell_code].editable:
            message = outside_scope(row.cell_code)
            sheet.error(check.issues, row.position, "cell_code", message, "scope")
    if row.head_citizen_id and not head_known:
        message = (
            f"Không tìm thấy người có số CCCD {row.head_citizen_id} (trong hệ thống hoặc "
            "trang NhanSu)"
        )
        sheet.error(check.issues, row.position, "head_citizen_id", message, "unknown_person")


def _values(
    row: LocalityRow,
    present: set[str],
    known: KnownLocality | None,
    codes: Mapping[int, str],
    head: KnownPerson | None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Return the old and new values of the columns the sheet has, for comparison."""
    new: dict[str, Any] = {
        "name": row.name,
        "locality_type": row.locality_type,
        "commune": row.org_code,
    }
    if "cell_code" in present:
        new["cell"] = row.cell_code
    if "has_independent_cell" in present:
        new["has_independent_cell"] = row.has_independent_cell
    if "head_citizen_id" in present:
        # Compared by person id: a head the import creates is always a change.
        new["head"] = (head.pk if head else -1) if row.head_citizen_id else None
    if known is None:
        return {}, new
    old: dict[str, Any] = {
        "name": known.name,
        "locality_type": known.locality_type,
        "commune": codes.get(known.commune_id, ""),
        "cell": codes.get(known.cell_id or 0, ""),
        "has_independent_cell": known.has_independent_cell,
        "head": known.head_id,
    }
    return {key: old[key] for key in new}, new


def plan_locality_sheet(
    sheet: SheetRows,
    rows: list[LocalityRow],
    known: Mapping[str, KnownLocality],
    people: Mapping[str, KnownPerson | None],
    check: Check,
) -> LocalityPlan:
    """Return the plan of the DiaBan sheet; `people` maps citizen IDs to the known holder.

    A citizen ID in `people` with None is a person the same workbook creates.
    """
    communes = {k.commune_id for k in known.values()}
    codes = codes_of(communes | {k.cell_id for k in known.values() if k.cell_id})
    paths = org_paths(communes, check.today)
    present = set(sheet.positions)
    plan = LocalityPlan()
    for row in rows:
        existing = known.get(row.code)
        _check_row(row, sheet, check, row.head_citizen_id in people)
        if existing is not None and not check.can_edit_path(paths.get(existing.commune_id, "")):
            sheet.error(check.issues, row.position, "code", outside_scope(row.code), "scope")
        if row.position in sheet.failed:
            continue
        head = people.get(row.head_citizen_id or "")
        old, new = _values(row, present, existing, codes, head)
        draft = LocalityDraft(row, existing, changes_between(old, new) if existing else {})
        plan.drafts.append(draft)
        plan.count.add(draft.changes, created=existing is None)
    return plan
