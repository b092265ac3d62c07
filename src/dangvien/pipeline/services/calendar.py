"""Administrator edits of the working-day calendar, with the due dates they move."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.core.calendar_service import build_calendar, calendar_day_delete, calendar_day_set
from dangvien.core.models import CalendarDay
from dangvien.pipeline.deadlines_store import deadlines_rebuild_all


@transaction.atomic
def calendar_day_edit(*, actor: Actor, day: date, kind: str, note: str = "") -> CalendarDay:
    """Declare an extra day off or a make-up day, then recompute every open due date."""
    entry = calendar_day_set(actor=actor, day=day, kind=kind, note=note)
    # The cached calendar only changes on commit; this transaction needs the edit now.
    deadlines_rebuild_all(calendar=build_calendar())
    return entry


@transaction.atomic
def calendar_day_remove(*, actor: Actor, day: date) -> None:
    """Remove an edit of the calendar, then recompute every open due date."""
    calendar_day_delete(actor=actor, day=day)
    deadlines_rebuild_all(calendar=build_calendar())
