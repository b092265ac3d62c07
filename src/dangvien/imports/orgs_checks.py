"""Checks of the tree the ToChuc sheet would produce: parents present, no cycle, scope."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from dangvien.core.domain.errors import DomainError
from dangvien.imports.domain.parse import SheetRows
from dangvien.imports.domain.rows import OrgRow, shown
from dangvien.imports.known import KnownOrg, child_versions, codes_of, span_rank, spans_of
from dangvien.imports.orgs_plan import OrgPlan
from dangvien.imports.plan_common import Check, unknown_org
from dangvien.orgs.domain.tree import OPEN_END, SEGMENT, Span, Version, compute_spans

Period = tuple[date, date]


def first_gap(periods: Iterable[Period], start: date, end: date) -> date | None:
    """Return the first day of [start, end] no period covers, None if they cover it all."""
    day = start
    for valid_from, valid_to in sorted(periods):
        if valid_from > day:
            return day
        if valid_to >= end:
            return None
        day = max(day, valid_to + timedelta(days=1))
    return day if day <= end else None


class Timelines:
    """The periods of every unit the checks look at: the workbook's, else the database's."""

    def __init__(self, plan: OrgPlan, known: dict[str, KnownOrg]) -> None:
        """Index the plan's drafts and the known units' versions by code."""
        self.plan = plan
        self.known = known

    def exists(self, code: str) -> bool:
        """Return whether `code` names a unit, here or in the workbook."""
        return code in self.plan.drafts or code in self.known

    def periods(self, code: str) -> list[Period]:
        """Return the periods of the unit `code` after the import."""
        if code in self.plan.drafts:
            return [(d.valid_from, d.valid_to) for d in self.plan.drafts[code]]
        return [(v.valid_from, v.valid_to) for v in self.known[code].versions]


def _first_row(sheet_rows: list[OrgRow], code: str) -> OrgRow:
    return min((row for row in sheet_rows if row.code == code), key=lambda row: row.valid_from)


def check_parents(timelines: Timelines, rows: list[OrgRow], sheet: SheetRows, check: Check) -> None:
    """Record an error for each period whose parent is unknown or missing for part of it."""
    for code, drafts in timelines.plan.drafts.items():
        for draft in drafts:
            # A recorded period the workbook does not list keeps its recorded parent,
            # which covered it; it needs a look only if the workbook changes that parent.
            unlisted_parent = draft.row is None and draft.parent_code not in timelines.plan.drafts
            if not draft.parent_code or unlisted_parent:
                continue
            if not timelines.exists(draft.parent_code):
                row = draft.row or _first_row(rows, code)
                sheet.error(
                    check.issues,
                    row.position,
                    "parent_code",
                    unknown_org(draft.parent_code),
                    "unknown_org",
                )
                continue
            gap = first_gap(timelines.periods(draft.parent_code), draft.valid_from, draft.valid_to)
            if gap is not None:
                row = draft.row or _first_row(rows, code)
                sheet.error(
                    check.issues,
                    row.position,
                    "parent_code",
                    f'Tổ chức cấp trên "{draft.parent_code}" không tồn tại vào ngày {shown(gap)} '
                    f"(trong thời kỳ {_period(draft.valid_from, draft.valid_to)} của {code})",
                    "org_parent_missing",
                )


def _period(start: date, end: date) -> str:
    return f"từ {shown(start)}" + ("" if end == OPEN_END else f" đến {shown(end)}")


def check_children(
    timelines: Timelines, rows: list[OrgRow], sheet: SheetRows, check: Check
) -> None:
    """Record an error when a period change leaves an existing child unit without its parent."""
    parents = {timelines.known[c].pk: c for c in timelines.plan.drafts if c in timelines.known}
    children = child_versions(parents)
    codes = codes_of(version.org_id for version in children)
    for version in children:
        child_code = codes.get(version.org_id, "")
        if child_code in timelines.plan.drafts or version.parent_id is None:
            continue
        parent_code = parents[version.parent_id]
        gap = first_gap(timelines.periods(parent_code), version.valid_from, version.valid_to)
        if gap is not None:
            row = _first_row(rows, parent_code)
            sheet.error(
                check.issues,
                row.position,
                "valid_to",
                f'Đơn vị trực thuộc "{child_code}" vẫn thuộc "{parent_code}" vào ngày '
                f"{shown(gap)}, nhưng theo tệp {parent_code} không tồn tại ngày đó; "
                "hãy ghi cả đơn vị trực thuộc",
                "org_child_orphaned",
            )


def _provisional_ids(plan: OrgPlan, known: dict[str, KnownOrg], first_free: int) -> dict[str, int]:
    ids = {code: org.pk for code, org in known.items()}
    for offset, code in enumerate(plan.new_codes):
        ids[code] = first_free + offset
    return ids


def _spans(plan: OrgPlan, ids: dict[str, int]) -> list[Span]:
    """Return the spans of the workbook's units, over the known spans of outside parents."""
    versions = [
        Version(
            ids[code],
            code,
            ids.get(d.parent_code) if d.parent_code else None,
            d.valid_from,
            d.valid_to,
        )
        for code, drafts in plan.drafts.items()
        for d in drafts
    ]
    inside = {version.org_id for version in versions}
    outside = {v.parent_id for v in versions if v.parent_id is not None} - inside
    known_spans = {
        org_id: [Span(org_id, path, parent, start, end) for path, parent, start, end in spans]
        for org_id, spans in spans_of(outside).items()
    }
    return compute_spans(versions, known_spans=known_spans)


def _has_cycle(span: Span) -> bool:
    """Return whether a path passes through the same unit twice (via outside units)."""
    segments = [span.path[i : i + SEGMENT] for i in range(0, len(span.path), SEGMENT)]
    return len(set(segments)) < len(segments)


def check_tree(
    plan: OrgPlan,
    known: dict[str, KnownOrg],
    rows: list[OrgRow],
    sheet: SheetRows,
    check: Check,
    first_free: int,
) -> dict[str, str]:
    """Compute the workbook's units' paths in memory; record cycles; return each one's path.

    The path returned is the one in force today, or the last one for a unit that
    does not exist today; new units get provisional ids after `first_free`, which
    is enough to tell whether a path lies under one of the user's units.
    """
    ids = _provisional_ids(plan, known, first_free)
    try:
        spans = _spans(plan, ids)
    except DomainError as refusal:
        check.issues.error(refusal.message, sheet=sheet.name, code=refusal.code)
        return {}
    codes = {ids[code]: code for code in plan.drafts}
    ranked: dict[str, tuple[tuple[int, int], str]] = {}
    for span in spans:
        code = codes[span.org_id]
        if _has_cycle(span):
            row = _first_row(rows, code)
            message = f"Cây tổ chức bị vòng lặp tại {code}: một tổ chức không thể nằm dưới chính nó"
            sheet.error(check.issues, row.position, "parent_code", message, "org_cycle")
        rank = span_rank(span.valid_from, span.valid_to, check.today)
        if code not in ranked or rank > ranked[code][0]:
            ranked[code] = (rank, span.path)
    return {code: path for code, (_, path) in ranked.items()}
