"""Local criteria: written as data by a committee, checked without code changes."""

from __future__ import annotations

import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.pipeline.domain.local_criteria import Condition, LocalCriterion, Operator

STUDENTS = {
    "code": "HS-KHA",
    "description": "Học sinh, sinh viên phải có kết quả học tập khá trở lên",
    "source": "Nghị quyết 05-NQ/ĐU",
    "when": {"field": "occupation", "op": "eq", "value": "hoc_sinh"},
    "require": {"field": "study_result", "op": "in", "values": ["kha", "gioi", "xuat_sac"]},
}


def test_a_criterion_is_met_by_a_listed_value() -> None:
    criterion = LocalCriterion.from_data(STUDENTS)
    assert criterion.check({"occupation": "hoc_sinh", "study_result": "gioi"}) is None


def test_a_criterion_not_met_explains_itself_citing_the_committees_resolution() -> None:
    reason = LocalCriterion.from_data(STUDENTS).check(
        {"occupation": "hoc_sinh", "study_result": "trung_binh"}
    )
    assert reason is not None
    assert reason.code == "local_HS-KHA"
    assert reason.message == (
        "Chưa đạt tiêu chí: Học sinh, sinh viên phải có kết quả học tập khá trở lên "
        "(Nghị quyết 05-NQ/ĐU)"
    )


def test_a_criterion_does_not_apply_when_its_condition_is_not_met() -> None:
    assert LocalCriterion.from_data(STUDENTS).check({"occupation": "nong_dan"}) is None


def test_a_missing_attribute_is_reported_as_missing_information() -> None:
    reason = LocalCriterion.from_data(STUDENTS).check({"occupation": "hoc_sinh"})
    assert reason is not None
    assert reason.code == "local_HS-KHA_missing"
    assert "Chưa có thông tin «study_result»" in reason.message


def test_a_criterion_without_condition_applies_to_everyone() -> None:
    criterion = LocalCriterion.from_data(
        {
            "code": "TUOI-35",
            "description": "Không quá 35 tuổi",
            "require": {"field": "age_years", "op": "lte", "value": 35},
        }
    )
    assert criterion.check({"age_years": 35}) is None
    reason = criterion.check({"age_years": 36})
    assert reason is not None
    assert "tiêu chí bổ sung TUOI-35 của cấp ủy" in reason.message


@pytest.mark.parametrize(
    ("op", "values", "value", "holds"),
    [
        (Operator.EQ, (1,), 1, True),
        (Operator.NE, (1,), 1, False),
        (Operator.IN, ("a", "b"), "b", True),
        (Operator.NOT_IN, ("a", "b"), "b", False),
        (Operator.GTE, (18,), 18, True),
        (Operator.GT, (18,), 18, False),
        (Operator.LTE, (18,), 19, False),
        (Operator.LT, (18,), 17, True),
        (Operator.GTE, (18,), "18", False),
        (Operator.GTE, (18,), True, False),
        (Operator.EQ, (True,), None, False),
    ],
)
def test_operators_compare_as_written(
    op: Operator, values: tuple[str | int | bool, ...], value: str | int | bool | None, holds: bool
) -> None:
    assert Condition("x", op, values).holds(value) is holds


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        ({"description": "d", "require": {"field": "x", "op": "eq", "value": 1}}, "thiếu mã"),
        ({"code": "C", "require": {"field": "x", "op": "eq", "value": 1}}, "thiếu nội dung"),
        ({"code": "C", "description": "d"}, 'thiếu điều kiện "require"'),
        ({"code": "C", "description": "d", "require": {"op": "eq", "value": 1}}, "thiếu tên"),
        (
            {"code": "C", "description": "d", "require": {"field": "x", "op": "~", "value": 1}},
            '"~"',
        ),
        (
            {"code": "C", "description": "d", "require": {"field": "x", "op": "in", "values": []}},
            "thiếu giá trị",
        ),
        (
            {"code": "C", "description": "d", "require": {"field": "x", "op": "gte", "value": "a"}},
            "giá trị số",
        ),
        (
            {"code": "C", "description": "d", "require": {"field": "x", "op": "eq", "value": [1]}},
            "chữ, số",
        ),
    ],
)
def test_a_badly_written_criterion_is_refused_in_vietnamese(
    data: dict[str, object], fragment: str
) -> None:
    with pytest.raises(DomainError) as caught:
        LocalCriterion.from_data(data)
    assert caught.value.code == "invalid_criterion"
    assert fragment in caught.value.message
