"""Vietnamese wording of the API's input validation errors."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_MESSAGES = {
    "missing": "Trường này là bắt buộc.",
    "date_from_datetime_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_parsing": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "date_type": "Ngày không hợp lệ (định dạng YYYY-MM-DD).",
    "int_parsing": "Phải là số nguyên.",
    "int_type": "Phải là số nguyên.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "string_type": "Phải là chuỗi ký tự.",
    "string_too_long": "Quá dài.",
    "string_too_short": "Quá ngắn.",
    "enum": "Giá trị không nằm trong danh mục cho phép.",
    "literal_error": "Giá trị không nằm trong danh mục cho phép.",
    "json_invalid": "Nội dung JSON không hợp lệ.",
    "model_attributes_type": "Nội dung gửi lên phải là một đối tượng JSON.",
    "dict_type": "Nội dung gửi lên phải là một đối tượng JSON.",
    "greater_than_equal": "Giá trị quá nhỏ.",
    "less_than_equal": "Giá trị quá lớn.",
    "extra_forbidden": "Trường này không được phép.",
}


def translate_validation_errors(errors: Iterable[dict[str, Any]]) -> list[dict[str, str]]:
    """Return pydantic-style errors as (field, Vietnamese message) pairs."""
    result = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        kind = str(error.get("type", ""))
        message = _MESSAGES.get(kind, "Giá trị không hợp lệ.")
        result.append({"field": ".".join(location), "message": message, "type": kind})
    return result


def check_limit(limit: int, maximum: int) -> None:
    """Refuse a page size outside 1..maximum with a Vietnamese message."""
    from dangvien.core.domain.errors import DomainError

    if not 1 <= limit <= maximum:
        raise DomainError(f"Số dòng mỗi trang phải từ 1 đến {maximum}.", field="limit")
