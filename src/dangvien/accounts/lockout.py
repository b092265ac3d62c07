"""What a locked-out login sees: the sign-in page (or JSON) with a Vietnamese message."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from dangvien.accounts.actor import Actor, client_ip
from dangvien.accounts.scope import Scope
from dangvien.audit.services import audit_record

LOCKED_STATUS = 429


def lockout_message() -> str:
    """Return the Vietnamese explanation of a lockout, with the waiting time."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return (
        f"Tài khoản tạm thời bị khóa do nhập sai mật khẩu {settings.AXES_FAILURE_LIMIT} lần "
        f"liên tiếp. Hãy thử lại sau {minutes} phút hoặc liên hệ quản trị hệ thống."
    )


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """Return the response django-axes sends instead of checking a locked-out login."""
    username = str((credentials or {}).get("username") or request.POST.get("username", ""))[:150]
    audit_record(
        actor=Actor(None, Scope((), ()), "web", client_ip(request)),
        action="denied",
        object_type="user",
        detail={"reason": "lockout", "username": username},
    )
    message = lockout_message()
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "locked_out"}, status=LOCKED_STATUS)
    context = {"lockout": message, "username": username, "form": None}
    return render(request, "accounts/login.html", context, status=LOCKED_STATUS)
