"""Error pages in Vietnamese: no traceback ever reaches a user."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader


def _error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": str(status)}, status=status)
    return render(request, f"{status}.html", {"message": message}, status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 400, "Yêu cầu không hợp lệ.")


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, "Bạn không có quyền thực hiện thao tác này.")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """Explain a refused form (expired page or blocked cookie) without technical detail."""
    return _error(
        request,
        403,
        "Biểu mẫu đã hết hạn hoặc trình duyệt chặn cookie. Hãy tải lại trang rồi gửi lại.",
    )


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(
        request, 404, "Không tìm thấy trang hoặc dữ liệu bạn cần, hoặc bạn không có quyền xem."
    )


def server_error(request: HttpRequest) -> HttpResponse:
    message = "Hệ thống gặp lỗi ngoài dự kiến. Lỗi đã được ghi lại; hãy thử lại sau."
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message, "code": "500"}, status=500)
    # Rendered without context processors: the database may be what failed.
    return HttpResponse(loader.render_to_string("500.html", {"message": message}), status=500)
