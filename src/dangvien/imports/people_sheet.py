"""The NhanSu and QuaTrinh sheets end to end: references, scope, history, counts."""

from __future__ import annotations

from collections.abc import Collection, Mapping

from dangvien.core.domain.errors import DomainError
from dangvien.imports.domain.parse import SheetRows
from dangvien.imports.domain.person_rows import HistoryRow, PersonRow
from dangvien.imports.domain.timeline import (
    PeriodDraft,
    events_after,
    history_periods,
    history_problem,
    new_person_periods,
    periods_of,
)
from dangvien.imports.known import codes_of, locality_codes, org_paths
from dangvien.imports.known_people import KnownPerson
from dangvien.imports.people_plan import (
    PeoplePlan,
    PersonDraft,
    is_other_person,
    membership_changes,
    membership_target,
    positions_delta,
    refuse,
    row_values_reader,
)
from dangvien.imports.plan_common import Check, changes_between, outside_scope
from dangvien.people.domain.enums import Status
from dangvien.people.domain.status import check_status_change

_STATUSES = {status.value: status for status in Status}  # faster than Status(value)


class PeopleSheets:
    """The parsed NhanSu sheet, the QuaTrinh sheet if any, and what they refer to."""

    def __init__(
        self,
        sheet: SheetRows,
        history: SheetRows | None,
        history_rows: list[HistoryRow],
        localities: Mapping[str, int | None],
        digests: Mapping[str, str],
    ) -> None:
        """Group the history rows by citizen ID."""
        self.sheet = sheet
        self.present = frozenset(sheet.positions)  # the column keys the sheet has
        self.values_of = row_values_reader(self.present)
        self.history = history
        self.localities = localities  # code -> id (None: created by this import)
        self.digests = digests  # citizen ID -> digest
        self.good_cells: set[str] = set()  # QuaTrinh cell codes already checked
        self.history_rows: dict[str, list[HistoryRow]] = {}
        for row in history_rows:
            self.history_rows.setdefault(row.citizen_id, []).append(row)


def check_cell(sheet: SheetRows, position: int, key: str, code: str, check: Check) -> bool:
    """Record an error unless `code` names a cell; return whether it does."""
    ref = check.orgs.get(code)
    if ref is None:
        message = f'Không tìm thấy chi bộ có mã "{code}" (trong hệ thống hoặc trang ToChuc)'
        sheet.error(check.issues, position, key, message, "unknown_org")
    elif not ref.is_cell:
        sheet.error(
            check.issues, position, key, f'Đơn vị "{code}" không phải là chi bộ', "not_a_cell"
        )
    return ref is not None and ref.is_cell


def _check_references(row: PersonRow, sheets: PeopleSheets, check: Check) -> None:
    sheet = sheets.sheet
    if check_cell(sheet, row.position, "cell_code", row.cell_code, check):
        if not check.orgs[row.cell_code].editable:
            sheet.error(
                check.issues, row.position, "cell_code", outside_scope(row.cell_code), "scope"
            )
    if row.locality_code and row.locality_code not in sheets.localities:
        message = (
            f'Không tìm thấy địa bàn có mã "{row.locality_code}" (trong hệ thống hoặc trang DiaBan)'
        )
        sheet.error(check.issues, row.position, "locality_code", message, "unknown_locality")


def _check_known(
    row: PersonRow,
    known: KnownPerson,
    editable: Mapping[int, bool],
    sheets: PeopleSheets,
    check: Check,
) -> None:
    sheet = sheets.sheet
    if not editable.get(known.current_org_id, False):
        message = (
            f"Số CCCD {row.citizen_id} đã có trong hồ sơ của một người thuộc đơn vị ngoài phạm vi "
            "bạn được quyền sửa"
        )
        sheet.error(check.issues, row.position, "citizen_id", message, "scope")
    elif is_other_person(row, known):
        message = (
            f"Số CCCD {row.citizen_id} đã thuộc về một người khác trong hệ thống (khác cả họ tên "
            "và ngày sinh); hãy kiểm tra lại số CCCD"
        )
        sheet.error(check.issues, row.position, "citizen_id", message, "citizen_id_taken")
    elif known.current_status != row.status.value:
        try:
            check_status_change(Status(known.current_status), row.status)
        except DomainError as refusal:
            refuse(sheet, check, row, "status", refusal)


def _listed_history(row: PersonRow, sheets: PeopleSheets, check: Check) -> list[PeriodDraft] | None:
    """Return the person's QuaTrinh periods, None (with errors) if they do not fit."""
    rows = sheets.history_rows.get(row.citizen_id, [])
    history = sheets.history
    if history is None or (history.failed and any(r.position in history.failed for r in rows)):
        return None
    valid = True
    for listed in rows:
        if listed.cell_code in sheets.good_cells:
            continue
        if check_cell(history, listed.position, "cell_code", listed.cell_code, check):
            sheets.good_cells.add(listed.cell_code)
        else:
            valid = False
    periods = history_periods(rows)
    problem = history_problem(periods, row)
    if problem is not None:
        last = max(rows, key=lambda r: r.valid_from)
        history.error(check.issues, last.position, "valid_to", problem, "history_mismatch")
    return periods if valid and problem is None else None


def _known_periods(known: KnownPerson, codes: Mapping[int, str]) -> list[PeriodDraft]:
    return [
        PeriodDraft(_STATUSES[p.status], codes.get(p.org_id, ""), p.valid_from, p.valid_to, p.note)
        for p in known.periods
    ]


def _timeline(
    draft: PersonDraft, sheets: PeopleSheets, codes: Mapping[int, str], check: Check
) -> list[PeriodDraft]:
    """Set the draft's period changes; return the person's periods after the import."""
    row, known = draft.row, draft.known
    if row.citizen_id in sheets.history_rows:
        listed = _listed_history(row, sheets, check) or []
        if known is None or listed != _known_periods(known, codes):
            draft.periods = listed
        return listed
    try:
        if known is None:
            draft.periods = new_person_periods(row, check.today)
            return draft.periods
        current = _known_periods(known, codes)
        open_period = current[-1]
        start = (open_period.status, open_period.cell_code)
        appended = events_after(row, open_period.valid_from, start, check.today)
    except DomainError as refusal:
        refuse(sheets.sheet, check, row, refusal.field or "status_since", refusal)
        return []
    draft.appended = periods_of(appended)
    return current + draft.appended


def _locality_change(
    draft: PersonDraft, sheets: PeopleSheets, known_codes: Mapping[int, str]
) -> None:
    """Record a change of locality when the sheet has the column."""
    if draft.locality_code is None or draft.known is None:
        return
    old_id = draft.known.values.get("locality_id")
    old = known_codes.get(old_id, "") if isinstance(old_id, int) else ""
    if old != draft.locality_code:
        draft.changes["locality"] = {"old": old, "new": draft.locality_code}


def _standing_change(draft: PersonDraft, codes: Mapping[int, str]) -> None:
    """Record a change of current status or cell."""
    known, row = draft.known, draft.row
    if known is None:
        return
    old = (known.current_status, codes.get(known.current_org_id, ""))
    if old != (row.status.value, row.cell_code):
        draft.changes["standing"] = {"old": list(old), "new": [row.status.value, row.cell_code]}
    if draft.periods is not None:
        draft.changes["history"] = {"old": len(known.periods), "new": len(draft.periods)}


def _records(draft: PersonDraft, periods: list[PeriodDraft], present: Collection[str]) -> None:
    """Set the admission and position changes of a draft."""
    known = draft.known
    target = membership_target(draft.row, periods, known.membership if known else None)
    if target is not None and known is None:
        draft.membership = target  # a new person: logged as created, no field changes to list
    elif target is not None:
        changes = membership_changes(target, known.membership if known else None)
        if changes:
            draft.membership = target
            draft.changes["membership"] = changes
    if "positions" in present:
        draft.positions_added, draft.positions_closed = positions_delta(draft.row, known)
        if draft.positions_added or draft.positions_closed:
            draft.changes["positions"] = {
                "added": [label for _, label in draft.positions_added],
                "closed": draft.positions_closed,
            }


def _source(draft: PersonDraft, sheets: PeopleSheets, check: Check) -> None:
    """Open a candidacy for a candidate's source, or warn when an open one says otherwise."""
    row, known = draft.row, draft.known
    if row.status is not Status.CANDIDATE or not row.source:
        return
    recorded = known.open_source if known else None
    if recorded is None:
        draft.opens_candidacy = True
        if known is not None:
            draft.changes["source"] = {"old": None, "new": row.source}
    elif recorded != row.source:
        check.issues.warning(
            "Nguồn khác với hồ sơ phát triển đảng viên đang mở của người này; giữ nguồn của hồ sơ",
            sheet=sheets.sheet.name,
            row=row.line,
            column="Nguồn",
            column_index=sheets.sheet.positions.get("source"),
            code="source_differs",
        )


class _Lookups:
    """Codes and scope of the units and localities the known people refer to."""

    def __init__(self, known: Mapping[str, KnownPerson], check: Check) -> None:
        people = list(known.values())
        org_ids = {p.current_org_id for p in people} | {q.org_id for p in people for q in p.periods}
        self.codes = codes_of(org_ids)
        paths = org_paths({p.current_org_id for p in people}, check.today)
        self.editable = {pk: check.can_edit_path(path) for pk, path in paths.items()}
        locality_ids = {p.values.get("locality_id") for p in people}
        self.localities = locality_codes(i for i in locality_ids if isinstance(i, int))


def _draft(
    row: PersonRow,
    sheets: PeopleSheets,
    known: KnownPerson | None,
    lookups: _Lookups,
    check: Check,
) -> PersonDraft:
    present = sheets.present
    values = sheets.values_of(row)
    locality = row.locality_code if "locality_code" in present else None
    draft = PersonDraft(row, sheets.digests[row.citizen_id], known, values, locality)
    if known is not None:
        draft.changes = changes_between(known.values, values)
        draft.values = {name: values[name] for name in draft.changes}
    periods = _timeline(draft, sheets, lookups.codes, check)
    _standing_change(draft, lookups.codes)
    _locality_change(draft, sheets, lookups.localities)
    _records(draft, periods, present)
    if "source" in present:
        _source(draft, sheets, check)
    return draft


def plan_people_sheet(
    sheets: PeopleSheets, rows: list[PersonRow], known: Mapping[str, KnownPerson], check: Check
) -> PeoplePlan:
    """Return the plan of the NhanSu (and QuaTrinh) sheets, recording every error."""
    lookups = _Lookups(known, check)
    plan = PeoplePlan()
    for row in rows:
        _check_references(row, sheets, check)
        person = known.get(sheets.digests[row.citizen_id])
        if person is not None:
            _check_known(row, person, lookups.editable, sheets, check)
        if row.position in sheets.sheet.failed:
            continue
        draft = _draft(row, sheets, person, lookups, check)
        plan.drafts.append(draft)
        plan.count.add(draft.changes, created=draft.is_new)
        history = sheets.history_rows.get(row.citizen_id, [])
        for _ in history:
            plan.history_count.add({"h": 1} if draft.periods else None, created=draft.is_new)
    return plan
