"""The one project error type; views, API and CLI map it to a response in one place."""

from __future__ import annotations


class DomainError(Exception):
    """A refused operation, with a Vietnamese message a user can act on.

    `code` is a stable machine-readable identifier (for the API and tests);
    `rule` names the regulation article the refusal rests on, when there is one;
    `field` names the input the message is about, when there is one.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        rule: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.rule = rule
        self.field = field


class NotFoundError(DomainError):
    """The object does not exist or is outside the caller's scope (never say which)."""

    def __init__(
        self, message: str = "Không tìm thấy dữ liệu hoặc bạn không có quyền xem."
    ) -> None:
        super().__init__(message, code="not_found")


class PermissionDeniedError(DomainError):
    """The caller may see the object but may not perform this change."""

    def __init__(self, message: str = "Bạn không có quyền thực hiện thao tác này.") -> None:
        super().__init__(message, code="forbidden")
