"""The REST API: one NinjaAPI, token auth, and project errors mapped to JSON in one place."""

from __future__ import annotations

import logging
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.security import HttpBearer

from dangvien.accounts.models import User
from dangvien.accounts.services import token_authenticate
from dangvien.core.api_errors import translate_validation_errors
from dangvien.core.domain.errors import DomainError, NotFoundError, PermissionDeniedError

logger = logging.getLogger(__name__)


class BearerToken(HttpBearer):
    """`Authorization: Bearer dv_...`; only the token's digest is stored."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = token_authenticate(token)
        if user is not None:
            request.user = user
        return user


class UnicodeJSONRenderer(JSONRenderer):
    """Write Vietnamese text as UTF-8 rather than \\u escapes, so responses stay readable."""

    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    renderer=UnicodeJSONRenderer(),
    title="dangvien API",
    version="1",
    description="API quản lý công tác phát triển đảng viên. Xác thực: `Authorization: Bearer <mã>`"
    " (tạo mã bằng lệnh `dangvien token create TÊN`). Mọi dữ liệu được giới hạn trong phạm vi "
    "đơn vị của tài khoản.",
    auth=BearerToken(),
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _json(request: HttpRequest, status: int, detail: str, **extra: Any) -> HttpResponse:
    return api.create_response(request, {"detail": detail, **extra}, status=status)


@api.exception_handler(NotFoundError)
def _not_found(request: HttpRequest, exc: NotFoundError) -> HttpResponse:
    return _json(request, 404, exc.message, code=exc.code)


@api.exception_handler(PermissionDeniedError)
def _forbidden(request: HttpRequest, exc: PermissionDeniedError) -> HttpResponse:
    return _json(request, 403, exc.message, code=exc.code)


@api.exception_handler(DomainError)
def _domain(request: HttpRequest, exc: DomainError) -> HttpResponse:
    status = 409 if exc.code in {"conflict", "duplicate"} else 400
    return _json(request, status, exc.message, code=exc.code, field=exc.field, rule=exc.rule)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = translate_validation_errors(exc.errors)
    return _json(request, 422, "Dữ liệu gửi lên không hợp lệ.", code="invalid", errors=errors)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _json(
        request,
        401,
        "Chưa xác thực: thiếu mã API hoặc mã không hợp lệ/đã hết hạn.",
        code="unauthenticated",
    )


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _json(request, exc.status_code, str(exc.message), code="http_error")


@api.exception_handler(Exception)
def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("Unexpected API error on %s", request.path)
    return _json(
        request, 500, "Hệ thống gặp lỗi ngoài dự kiến; lỗi đã được ghi lại.", code="server_error"
    )


# Apps whose `api` module defines a `router`; each adds its own paths.
API_APPS = [
    "orgs",
    "people",
    "pipeline",
    "training",
    "plans",
    "reports",
    "imports",
    "audit",
    "accounts",
]


def _register_routers() -> None:
    for app in API_APPS:
        if find_spec(f"dangvien.{app}.api") is not None:
            module = import_module(f"dangvien.{app}.api")
            api.add_router("/", module.router)


_register_routers()
