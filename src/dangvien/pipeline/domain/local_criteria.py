"""Extra admission criteria a committee adds for its own area, written as data, not code.

A criterion is stored as JSON, e.g. students must have a good study result:

    {"code": "HS-KHA", "description": "Học sinh, sinh viên phải có kết quả học tập khá trở lên",
     "source": "Nghị quyết 05-NQ/ĐU",
     "when": {"field": "occupation", "op": "eq", "value": "hoc_sinh_sinh_vien"},
     "require": {"field": "study_result", "op": "in", "values": ["kha", "gioi", "xuat_sac"]}}

`when` is optional: without it the criterion applies to every candidate.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import cast

from dangvien.core.domain.errors import DomainError
from dangvien.pipeline.domain.decisions import Reason
from dangvien.pipeline.domain.facts import AttributeValue


class Operator(StrEnum):
    """A comparison a condition applies to a candidate attribute."""

    EQ = "eq"  # bằng
    NE = "ne"  # khác
    IN = "in"  # thuộc danh sách
    NOT_IN = "not_in"  # không thuộc danh sách
    GTE = "gte"  # từ ... trở lên
    LTE = "lte"  # không quá
    GT = "gt"  # lớn hơn
    LT = "lt"  # nhỏ hơn


_LIST_OPERATORS = frozenset({Operator.IN, Operator.NOT_IN})
_NUMBER_OPERATORS = frozenset({Operator.GTE, Operator.LTE, Operator.GT, Operator.LT})
_SCALAR_TYPES = (str, int, bool)


def _invalid(message: str) -> DomainError:
    """Return the error raised for a criterion an administrator wrote wrongly."""
    return DomainError(f"Tiêu chí bổ sung không hợp lệ: {message}", code="invalid_criterion")


@dataclass(frozen=True)
class Condition:
    """A test of one attribute: `field op values` (one value except for in / not_in)."""

    field: str
    op: Operator
    values: tuple[str | int | bool, ...]

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> Condition:
        """Return the condition described by a JSON object, or raise DomainError."""
        field_name = data.get("field")
        if not isinstance(field_name, str) or not field_name:
            raise _invalid('thiếu tên thuộc tính ("field").')
        op = _operator(data.get("op"))
        raw = data.get("values") if op in _LIST_OPERATORS else [data.get("value")]
        if not isinstance(raw, list) or not raw:
            raise _invalid(f'thuộc tính "{field_name}" thiếu giá trị so sánh.')
        if not all(isinstance(value, _SCALAR_TYPES) for value in raw):
            raise _invalid(f'giá trị so sánh của "{field_name}" phải là chữ, số hoặc đúng/sai.')
        numeric = all(isinstance(v, int) and not isinstance(v, bool) for v in raw)
        if op in _NUMBER_OPERATORS and not numeric:
            raise _invalid(f'phép "{op.value}" với "{field_name}" cần một giá trị số.')
        return cls(field=field_name, op=op, values=tuple(raw))

    def holds(self, value: AttributeValue) -> bool:
        """Return whether `value` satisfies the condition; a missing value never does."""
        if value is None:
            return False
        if self.op is Operator.IN:
            return value in self.values
        if self.op is Operator.NOT_IN:
            return value not in self.values
        if self.op is Operator.EQ:
            return value == self.values[0]
        if self.op is Operator.NE:
            return value != self.values[0]
        if isinstance(value, bool) or not isinstance(value, int):
            return False
        bound = cast(int, self.values[0])
        return {
            Operator.GTE: value >= bound,
            Operator.LTE: value <= bound,
            Operator.GT: value > bound,
            Operator.LT: value < bound,
        }[self.op]


@dataclass(frozen=True)
class LocalCriterion:
    """An organisation's extra admission criterion."""

    code: str
    description: str  # Vietnamese, shown as the reason when the criterion is not met
    require: Condition
    when: Condition | None = None
    source: str | None = None  # the committee's resolution that set the criterion

    @classmethod
    def from_data(cls, data: Mapping[str, object]) -> LocalCriterion:
        """Return the criterion described by a JSON object, or raise DomainError."""
        code = data.get("code")
        description = data.get("description")
        if not isinstance(code, str) or not code:
            raise _invalid('thiếu mã tiêu chí ("code").')
        if not isinstance(description, str) or not description:
            raise _invalid(f'tiêu chí "{code}" thiếu nội dung ("description").')
        source = data.get("source")
        return cls(
            code=code,
            description=description,
            require=Condition.from_data(_object(data, "require", code)),
            when=Condition.from_data(_object(data, "when", code)) if "when" in data else None,
            source=source if isinstance(source, str) and source else None,
        )

    def check(self, attributes: Mapping[str, AttributeValue]) -> Reason | None:
        """Return why the candidate fails this criterion, or None if it is met or not applicable."""
        if self.when is not None and not self.when.holds(attributes.get(self.when.field)):
            return None
        value = attributes.get(self.require.field)
        if self.require.holds(value):
            return None
        citation = self.source or f"tiêu chí bổ sung {self.code} của cấp ủy"
        if value is None:
            text = f"Chưa có thông tin «{self.require.field}» để xét tiêu chí: {self.description}"
            return Reason.cite(f"local_{self.code}_missing", text, citation)
        return Reason.cite(f"local_{self.code}", f"Chưa đạt tiêu chí: {self.description}", citation)


def _operator(text: object) -> Operator:
    """Return the operator named `text`, or raise DomainError."""
    try:
        return Operator(str(text))
    except ValueError:
        raise _invalid(f'phép so sánh "{text}" không được hỗ trợ.') from None


def _object(data: Mapping[str, object], key: str, code: str) -> Mapping[str, object]:
    """Return the nested JSON object under `key`, or raise DomainError."""
    value = data.get(key)
    if not isinstance(value, Mapping):
        raise _invalid(f'tiêu chí "{code}" thiếu điều kiện "{key}".')
    return cast(Mapping[str, object], value)
