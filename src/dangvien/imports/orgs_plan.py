"""Plan the ToChuc sheet: which units and periods to create, which periods change.

Rows of a code are matched to its periods in the database by their first day.
A row starting inside a period the workbook does not repeat ends that period
the day before (a change of parent, name or type from that day). The resulting
tree is computed in memory, so a cycle, a parent missing for part of a period
or a child left without its parent is refused before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from dangvien.imports.domain.parse import SheetRows
from dangvien.imports.domain.rows import OrgRow, shown
from dangvien.imports.known import KnownOrg, KnownVersion
from dangvien.imports.plan_common import Check, SheetCount, changes_between

FIELDS = ("name", "org_type", "parent_code", "may_admit", "valid_from", "valid_to")


@dataclass(slots=True)
class Draft:
    """One period of a unit as it will stand after the import."""

    code: str
    name: str
    org_type: str
    parent_code: str
    may_admit: bool
    valid_from: date
    valid_to: date
    existing: KnownVersion | None = None  # the database period it keeps or changes
    row: OrgRow | None = None  # the workbook row it comes from, if any

    def values(self) -> dict[str, object]:
        """Return the compared fields."""
        return {name: getattr(self, name) for name in FIELDS}


@dataclass(slots=True)
class OrgPlan:
    """What the import does to units and their periods."""

    new_codes: list[str] = field(default_factory=list)
    drafts: dict[str, list[Draft]] = field(default_factory=dict)  # code -> periods after import
    changed: list[tuple[Draft, dict[str, object]]] = field(default_factory=list)
    created: list[Draft] = field(default_factory=list)
    count: SheetCount = field(default_factory=SheetCount)

    def latest(self, code: str) -> Draft:
        """Return the unit's last period after the import."""
        return max(self.drafts[code], key=lambda draft: draft.valid_from)

    def on(self, code: str, day: date) -> Draft:
        """Return the period in force on `day`, or the last one."""
        for draft in self.drafts[code]:
            if draft.valid_from <= day <= draft.valid_to:
                return draft
        return self.latest(code)


def _draft_of(version: KnownVersion, code: str, parent_code: str) -> Draft:
    return Draft(
        code,
        version.name,
        version.org_type,
        parent_code,
        version.may_admit,
        version.valid_from,
        version.valid_to,
        existing=version,
    )


def _draft_from_row(row: OrgRow, existing: KnownVersion | None) -> Draft:
    return Draft(
        row.code,
        row.name,
        row.org_type,
        row.parent_code,
        row.may_admit,
        row.valid_from,
        row.valid_to,
        existing=existing,
        row=row,
    )


def _keep_or_cut(
    version: KnownVersion, draft: Draft, rows: list[OrgRow], sheet: SheetRows, check: Check
) -> Draft | None:
    """Return the existing period unlisted by the workbook, ended before a row that starts in it."""
    overlapping = [
        r for r in rows if r.valid_from <= version.valid_to and version.valid_from <= r.valid_to
    ]
    if not overlapping:
        return draft
    for row in overlapping:
        if row.valid_from < version.valid_from:
            sheet.error(
                check.issues,
                row.position,
                "valid_from",
                f"Thời kỳ của dòng này chồng lên thời kỳ đã có trong hệ thống của {row.code} "
                f"(từ {shown(version.valid_from)}); hãy ghi lại cả thời kỳ đó với ngày đúng",
                "org_period_overlap",
            )
            return None
    draft.valid_to = min(row.valid_from for row in overlapping) - timedelta(days=1)
    return draft


def _count_row(
    row: OrgRow, existing: KnownVersion | None, parent_codes: dict[int, str], plan: OrgPlan
) -> Draft:
    """Return the period a row describes, counted as created, updated or unchanged."""
    draft = _draft_from_row(row, existing)
    changes: dict[str, object] = {}
    if existing is not None:
        old = _draft_of(existing, row.code, parent_codes.get(existing.parent_id or 0, ""))
        changes = changes_between(old.values(), draft.values())
    plan.count.add(changes, created=existing is None)
    if existing is None:
        plan.created.append(draft)
    elif changes:
        plan.changed.append((draft, changes))
    return draft


def merge_code(
    code: str,
    rows: list[OrgRow],
    known: KnownOrg | None,
    parent_codes: dict[int, str],
    sheet: SheetRows,
    check: Check,
    plan: OrgPlan,
) -> None:
    """Work out the periods of one unit after the import and count its rows."""
    by_start = {version.valid_from: version for version in (known.versions if known else [])}
    drafts = [
        _count_row(row, by_start.pop(row.valid_from, None), parent_codes, plan) for row in rows
    ]
    for version in by_start.values():
        kept = _draft_of(version, code, parent_codes.get(version.parent_id or 0, ""))
        cut = _keep_or_cut(version, kept, rows, sheet, check)
        if cut is None:
            continue
        drafts.append(cut)
        if cut.valid_to != version.valid_to:
            old_end, new_end = version.valid_to.isoformat(), cut.valid_to.isoformat()
            change: dict[str, object] = {"valid_to": {"old": old_end, "new": new_end}}
            plan.changed.append((cut, change))
    plan.drafts[code] = sorted(drafts, key=lambda draft: draft.valid_from)
    if known is None:
        plan.new_codes.append(code)
