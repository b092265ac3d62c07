"""The installation's working calendar: cached, rebuilt after an administrator's edit."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.core.calendar_service import (
    calendar_day_delete,
    calendar_day_set,
    calendar_invalidate,
    working_calendar,
)
from dangvien.core.domain.errors import DomainError, PermissionDeniedError
from dangvien.pipeline.tests.conftest import Pipe, actor_for


def test_the_calendar_is_built_once_and_rebuilt_after_an_edit(
    pipe: Pipe, django_capture_on_commit_callbacks
):
    calendar_invalidate()
    first = working_calendar()
    assert working_calendar() is first
    saturday = date(2026, 12, 26)
    assert not first.is_working_day(saturday)
    admin = actor_for(pipe.world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_set(actor=admin, day=saturday, kind="make_up", note="Làm bù cho 01/01/2027")
    rebuilt = working_calendar()
    assert rebuilt is not first
    assert rebuilt.is_working_day(saturday)
    with django_capture_on_commit_callbacks(execute=True):
        calendar_day_delete(actor=admin, day=saturday)
    assert not working_calendar().is_working_day(saturday)


def test_the_lunar_new_year_is_not_a_working_day(pipe: Pipe):
    assert not working_calendar().is_working_day(date(2026, 2, 17))  # Mùng 1 Tết Bính Ngọ


def test_only_an_administrator_edits_and_only_weekends_are_make_up_days(pipe: Pipe):
    with pytest.raises(PermissionDeniedError):
        calendar_day_set(actor=pipe.commune, day=date(2026, 12, 26), kind="make_up")
    admin = actor_for(pipe.world.admin)
    with pytest.raises(DomainError, match="chỉ thứ Bảy, Chủ nhật"):
        calendar_day_set(actor=admin, day=date(2026, 12, 24), kind="make_up")
    with pytest.raises(DomainError, match="không có trong danh sách"):
        calendar_day_delete(actor=admin, day=date(2026, 12, 24))
