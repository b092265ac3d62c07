"""Request-level safety nets: Vietnamese error pages, and logging of denials and token use."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from dangvien.core.domain.errors import DomainError, NotFoundError, PermissionDeniedError

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
# How long failed API-token attempts from one address are counted.
API_FAILURE_WINDOW_SECONDS = 15 * 60


class VietnameseByDefaultMiddleware:
    """Ignore the browser's Accept-Language on pages, so Vietnamese stays the default.

    Many office computers in Vietnam run an English Windows and browser, which then
    ask for English on every request; users would get English pages they never
    chose. Pages switch language only through the footer's switch (the language
    cookie). API clients state a language on purpose, so the API keeps the header.
    Placed just before Django's LocaleMiddleware.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX):
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class FriendlyErrorsMiddleware:
    """Render a DomainError escaping a view as a Vietnamese page with the right status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if request.path.startswith(API_PREFIX):
            return None  # the API renders its own JSON errors
        if isinstance(exception, NotFoundError):
            return render(request, "404.html", {"message": exception.message}, status=404)
        if isinstance(exception, PermissionDeniedError):
            return render(request, "403.html", {"message": exception.message}, status=403)
        if isinstance(exception, DomainError):
            return render(request, "400.html", {"message": exception.message}, status=400)
        return None


def _failure_key(ip: str | None) -> str:
    return f"dangvien:api-auth-failures:{ip or '-'}"


class AccessAuditMiddleware:
    """Write denials (401/403) and API-token use to the access log; slow down token guessing.

    Sits outside the error middleware so it sees the final status of every
    response, whichever layer produced it (view, CSRF check, API handler).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from dangvien.accounts.actor import client_ip

        ip = client_ip(request)
        is_api = request.path.startswith(API_PREFIX)
        if is_api and self._throttled(ip):
            return JsonResponse(
                {
                    "detail": "Quá nhiều lần xác thực thất bại từ địa chỉ này; "
                    "hãy thử lại sau 15 phút.",
                    "code": "throttled",
                },
                status=429,
            )
        from dangvien.audit.services import audit_entries_reset

        audit_entries_reset()
        response = self.get_response(request)
        try:
            self._record(request, response, ip, is_api)
        except Exception:
            # The response is already decided; a failure to log must surface in
            # the server log, not as a second error page.
            logger.exception("Could not write the access log for %s", request.path)
        return response

    def _throttled(self, ip: str | None) -> bool:
        count: int = cache.get(_failure_key(ip), 0)
        return count >= settings.DANGVIEN_API_AUTH_FAILURES

    def _record(
        self, request: HttpRequest, response: HttpResponse, ip: str | None, is_api: bool
    ) -> None:
        from dangvien.accounts.actor import api_token_of
        from dangvien.accounts.services import token_use_record
        from dangvien.audit.services import audit_entries_written

        status = response.status_code
        if is_api and status == 401:
            key = _failure_key(ip)
            cache.add(key, 0, API_FAILURE_WINDOW_SECONDS)
            cache.incr(key)
        if status in (401, 403):
            _record_denial(request, status, ip, "api" if is_api else "web")
        token = api_token_of(getattr(request, "user", None))
        if token is not None and not audit_entries_written():
            token_use_record(token=token, ip=ip, path=request.path)


def _record_denial(request: HttpRequest, status: int, ip: str | None, channel: str) -> None:
    from dangvien.accounts.actor import Actor
    from dangvien.accounts.models import User
    from dangvien.accounts.scope import Scope
    from dangvien.audit.services import audit_record

    user = getattr(request, "user", None)
    actor = Actor(user if isinstance(user, User) else None, Scope((), ()), channel, ip)
    audit_record(
        actor=actor,
        action="denied",
        object_type="request",
        detail={"status": status, "method": request.method, "path": request.path[:200]},
    )
