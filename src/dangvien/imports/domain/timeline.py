"""A person's status periods as a workbook states them, derived or listed.

Without a QuaTrinh sheet, a row of NhanSu still says a good deal of history:
probationary from the admission decision, official from recognition, then the
current status from its own start date (the import day when not given). With
QuaTrinh rows, the person's periods are exactly those rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import NamedTuple

from dangvien.core.domain.errors import DomainError
from dangvien.imports.domain.person_rows import HistoryRow, PersonRow
from dangvien.imports.domain.rows import shown
from dangvien.orgs.domain.tree import OPEN_END
from dangvien.people.domain.enums import Status

# Statuses that end a membership (Membership.end_reason).
ENDING = frozenset(
    {Status.TRANSFERRED_OUT, Status.STRUCK_OFF, Status.EXPELLED, Status.RESIGNED, Status.DECEASED}
)


# Named tuples rather than dataclasses: a large import makes hundreds of thousands.
class PeriodDraft(NamedTuple):
    """One period of a person's status and cell."""

    status: Status
    cell_code: str
    valid_from: date
    valid_to: date = OPEN_END
    note: str = ""


class Event(NamedTuple):
    """The start of a status in a cell."""

    day: date
    status: Status
    cell_code: str


def _member_events(row: PersonRow) -> list[Event]:
    """Return the admission events of a row: probationary, then official if recognised."""
    decided = row.admission_date
    if decided is None:
        return []
    cell = row.cell_code
    recognised = row.official_date
    if recognised is None and row.status is Status.OFFICIAL and row.status_since:
        recognised = row.status_since if row.status_since > decided else None
    if recognised is not None:
        return [Event(decided, Status.PROBATIONARY, cell), Event(recognised, Status.OFFICIAL, cell)]
    if row.status in (Status.OFFICIAL, Status.EXEMPT):
        # Recognition not recorded (older records): official from the decision.
        return [Event(decided, Status.OFFICIAL, cell)]
    return [Event(decided, Status.PROBATIONARY, cell)]


def _since_error(row: PersonRow, since: date, after: date) -> DomainError:
    return DomainError(
        f"Ngày bắt đầu trạng thái {row.status.label} ({shown(since)}) phải sau ngày "
        f"{shown(after)} (ngày bắt đầu trạng thái trước đó)",
        code="dates_out_of_order",
        field="status_since",
    )


def events_after(
    row: PersonRow, start: date, current: tuple[Status, str], today: date
) -> list[Event]:
    """Return the row's status changes after `start`, when the person stood as `current`.

    The last event brings the person to the row's status and cell; raise
    DomainError (field "status_since") when that start date is not after the
    previous one.
    """
    events = [event for event in _member_events(row) if event.day > start]
    last = (events[-1].status, events[-1].cell_code) if events else current
    if last != (row.status, row.cell_code):
        since = row.status_since or today
        previous = events[-1].day if events else start
        if since <= previous:
            raise _since_error(row, since, previous)
        events.append(Event(since, row.status, row.cell_code))
    return events


def periods_of(events: Sequence[Event]) -> list[PeriodDraft]:
    """Return consecutive periods, each ending the day before the next event; the last open."""
    periods = []
    for index, event in enumerate(events):
        end = events[index + 1].day - timedelta(days=1) if index + 1 < len(events) else OPEN_END
        periods.append(PeriodDraft(event.status, event.cell_code, event.day, end))
    return periods


def new_person_periods(row: PersonRow, today: date) -> list[PeriodDraft]:
    """Return the periods of a person the import creates, derived from the row's dates."""
    events = _member_events(row)
    if not events:
        return [PeriodDraft(row.status, row.cell_code, row.status_since or today)]
    first = events[0]
    rest = events_after(row, first.day, (first.status, first.cell_code), today)
    return periods_of([first, *rest])


def history_periods(rows: Sequence[HistoryRow]) -> list[PeriodDraft]:
    """Return a person's QuaTrinh rows as periods, oldest first."""
    ordered = sorted(rows, key=lambda row: row.valid_from)
    return [
        PeriodDraft(row.status, row.cell_code, row.valid_from, row.valid_to, row.note)
        for row in ordered
    ]


def history_problem(periods: Sequence[PeriodDraft], row: PersonRow) -> str | None:
    """Return why listed periods cannot be a person's history, None if they can."""
    *past, last = periods
    if past and any(period.valid_to == OPEN_END for period in past):
        return "Chỉ thời kỳ cuối cùng của một người được để trống Đến ngày"
    if last.valid_to != OPEN_END:
        return "Thời kỳ cuối cùng phải để trống Đến ngày (đang tiếp diễn)"
    if (last.status, last.cell_code) != (row.status, row.cell_code):
        return (
            f"Thời kỳ cuối cùng ({last.status.label}, {last.cell_code}) phải khớp trạng thái và "
            f"chi bộ ở trang NhanSu, dòng {row.line} ({row.status.label}, {row.cell_code})"
        )
    return None


def membership_end(
    periods: Sequence[PeriodDraft], decided: date
) -> tuple[date | None, Status | None]:
    """Return when and why a membership decided on `decided` ended, from the periods after it."""
    for period in periods:
        if period.valid_from > decided and period.status in ENDING:
            return period.valid_from, period.status
    return None, None


def cell_on(periods: Sequence[PeriodDraft], day: date, default: str) -> str:
    """Return the cell a person belonged to on `day`, `default` if no period covers it."""
    for period in periods:
        if period.valid_from <= day <= period.valid_to:
            return period.cell_code
    return default
