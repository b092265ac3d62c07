"""The working-day calendar of this installation: public holidays plus the administrator's edits.

Building a calendar reads the `CalendarDay` table once; the result is cached in the
process. Edits made through `calendar_day_set`/`calendar_day_delete` clear the cache
of the process that made them at once; other server processes pick the edit up
within `CACHE_SECONDS`, which is why the cache is short-lived rather than permanent.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.accounts.domain.roles import Role
from dangvien.audit.services import audit_record
from dangvien.core.domain.calendar import WorkingCalendar, vietnam_calendar
from dangvien.core.domain.errors import DomainError, PermissionDeniedError
from dangvien.core.domain.text import format_date
from dangvien.core.models import CalendarDay

CACHE_SECONDS = 60.0


@dataclass
class _Cached:
    calendar: WorkingCalendar
    built_at: float


_lock = threading.Lock()
_cached: _Cached | None = None


def working_calendar() -> WorkingCalendar:
    """Return the calendar with every administrator edit, built at most once a minute."""
    global _cached  # noqa: PLW0603 - one process-wide cache, guarded by _lock
    with _lock:
        now = time.monotonic()
        if _cached is None or now - _cached.built_at > CACHE_SECONDS:
            _cached = _Cached(build_calendar(), now)
        return _cached.calendar


def calendar_invalidate() -> None:
    """Forget the cached calendar, so the next call reads the edits again."""
    global _cached  # noqa: PLW0603 - see working_calendar
    with _lock:
        _cached = None


def build_calendar() -> WorkingCalendar:
    """Return a fresh calendar from the table, bypassing the cache (sees uncommitted edits)."""
    rows = list(CalendarDay.objects.values_list("day", "kind"))
    return vietnam_calendar(
        extra_days_off=[day for day, kind in rows if kind == CalendarDay.Kind.DAY_OFF],
        make_up_days=[day for day, kind in rows if kind == CalendarDay.Kind.MAKE_UP],
    )


def calendar_days(*, year: int | None = None) -> list[CalendarDay]:
    """Return the administrator's calendar edits, of one year or all, by date."""
    days = CalendarDay.objects.all()
    if year is not None:
        days = days.filter(day__year=year)
    return list(days.order_by("day"))


def _require_admin(actor: Actor) -> None:
    if actor.user is not None and Role.SYSTEM_ADMIN not in actor.scope.roles:
        raise PermissionDeniedError("Chỉ quản trị hệ thống được sửa lịch ngày làm việc.")


def _check_kind(day: date, kind: str) -> CalendarDay.Kind:
    try:
        chosen = CalendarDay.Kind(kind)
    except ValueError:
        raise DomainError("Loại ngày không hợp lệ.", field="kind") from None
    weekend = day.weekday() >= 5
    if chosen is CalendarDay.Kind.MAKE_UP and not weekend:
        raise DomainError(
            f"Ngày {format_date(day)} là ngày thường; chỉ thứ Bảy, Chủ nhật mới khai là ngày "
            "làm bù.",
            field="kind",
        )
    return chosen


@transaction.atomic
def calendar_day_set(*, actor: Actor, day: date, kind: str, note: str = "") -> CalendarDay:
    """Declare `day` an extra day off or a make-up working day (replacing an earlier entry)."""
    _require_admin(actor)
    chosen = _check_kind(day, kind)
    entry, created = CalendarDay.objects.update_or_create(
        day=day, defaults={"kind": chosen.value, "note": " ".join(note.split())[:200]}
    )
    audit_record(
        actor=actor,
        action="create" if created else "update",
        object_type="calendar_day",
        object_id=day.isoformat(),
        detail={"kind": chosen.value, "note": entry.note},
    )
    transaction.on_commit(calendar_invalidate)
    return entry


@transaction.atomic
def calendar_day_delete(*, actor: Actor, day: date) -> None:
    """Remove the administrator's entry for `day`, returning it to the public-holiday rules."""
    _require_admin(actor)
    deleted, _ = CalendarDay.objects.filter(day=day).delete()
    if not deleted:
        raise DomainError(f"Ngày {format_date(day)} không có trong danh sách đã sửa.", field="day")
    audit_record(
        actor=actor, action="delete", object_type="calendar_day", object_id=day.isoformat()
    )
    transaction.on_commit(calendar_invalidate)
