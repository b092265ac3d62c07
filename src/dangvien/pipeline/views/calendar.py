"""The administrator's page of working-calendar edits (extra days off, make-up days)."""

from __future__ import annotations

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from dangvien.accounts.actor import actor_from_request
from dangvien.accounts.domain.roles import Role
from dangvien.core.calendar_service import calendar_days
from dangvien.core.domain.errors import DomainError, PermissionDeniedError
from dangvien.core.models import CalendarDay
from dangvien.pipeline import services
from dangvien.pipeline.forms import date_field


class CalendarDayForm(forms.Form):
    """One edit of the calendar."""

    day = date_field("Ngày")
    kind = forms.ChoiceField(label="Loại", choices=CalendarDay.Kind.choices)
    note = forms.CharField(label="Ghi chú (căn cứ)", required=False, max_length=200)


class DeleteForm(forms.Form):
    day = forms.DateField()


@login_required
@require_http_methods(["GET", "POST"])
def calendar(request: HttpRequest) -> HttpResponse:
    """List, add and remove the calendar edits of a year; only system administrators."""
    actor = actor_from_request(request)
    if Role.SYSTEM_ADMIN not in actor.scope.roles:
        raise PermissionDeniedError("Chỉ quản trị hệ thống được sửa lịch ngày làm việc.")
    year_text = request.GET.get("nam", "")
    year = int(year_text) if year_text.isdigit() and 1990 < int(year_text) < 2100 else None
    year = year or actor.scope.day.year
    form = CalendarDayForm(request.POST if "kind" in request.POST else None)
    if request.method == "POST":
        try:
            if "delete" in request.POST:
                removal = DeleteForm(request.POST)
                if removal.is_valid():
                    services.calendar_day_remove(actor=actor, day=removal.cleaned_data["day"])
                    messages.success(request, "Đã xóa ngày khỏi lịch sửa đổi.")
                    return redirect(f"{request.path}?nam={year}")
            elif form.is_valid():
                data = form.cleaned_data
                services.calendar_day_edit(
                    actor=actor, day=data["day"], kind=data["kind"], note=data["note"]
                )
                messages.success(request, "Đã lưu; hạn của các hồ sơ đang mở đã được tính lại.")
                return redirect(f"{request.path}?nam={data['day'].year}")
        except DomainError as exc:
            form.add_error(None, exc.message)
    context = {
        "form": form,
        "days": calendar_days(year=year),
        "year": year,
        "years": [year - 1, year, year + 1],
        "today": date.today(),
        "nav": "pipeline",
    }
    return render(request, "pipeline/calendar.html", context)
