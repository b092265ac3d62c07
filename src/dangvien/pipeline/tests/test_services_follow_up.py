"""Monthly evaluations with the missing month as a due date, and helper assignments."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.people.domain.enums import Status
from dangvien.pipeline import services
from dangvien.pipeline.domain.evaluations import EvaluationResult
from dangvien.pipeline.models import Deadline
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import open_and_list, to_probation
from dangvien.testing import make_person


def test_the_first_missing_month_is_due_at_its_end(pipe: Pipe):
    candidacy = open_and_list(pipe)  # listed 10/03/2025
    due = Deadline.objects.get(candidacy=candidacy, kind="binh_xet")
    assert due.due_on == date(2025, 4, 30)
    services.evaluation_record(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        month=date(2025, 4, 9),
        result=EvaluationResult.GOOD,
    )
    assert Deadline.objects.get(candidacy=candidacy, kind="binh_xet").due_on == date(2025, 5, 31)


def test_a_month_is_evaluated_once_and_not_before_listing_or_in_the_future(pipe: Pipe):
    candidacy = open_and_list(pipe)
    services.evaluation_record(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        month=date(2025, 4, 1),
        result=EvaluationResult.FAIR,
    )
    with pytest.raises(DomainError, match="Đã có kết quả bình xét tháng 04/2025"):
        services.evaluation_record(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            month=date(2025, 4, 20),
            result=EvaluationResult.GOOD,
        )
    for month in (date(2025, 2, 1), date(2026, 11, 1)):
        with pytest.raises(DomainError, match="không hợp lệ"):
            services.evaluation_record(
                actor=pipe.commune,
                candidacy_id=candidacy.pk,
                month=month,
                result=EvaluationResult.GOOD,
            )


def test_a_helper_must_be_an_official_member_of_the_same_cell_on_the_day(pipe: Pipe):
    candidacy = open_and_list(pipe)
    with pytest.raises(DomainError, match="sinh hoạt ở Chi bộ thôn Bắc"):
        services.helper_assign(
            actor=pipe.operator,
            candidacy_id=candidacy.pk,
            member_id=pipe.world.person_b.pk,
            assigned_on=date(2025, 4, 1),
        )
    newcomer = make_person(
        pipe.operator, "001090000333", "Lý Văn Mới", "CB-A1", Status.PROBATIONARY
    )
    with pytest.raises(DomainError, match="không phải đảng viên chính thức vào ngày 01/04/2025"):
        services.helper_assign(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            member_id=newcomer.pk,
            assigned_on=date(2025, 4, 1),
        )
    result = services.helper_assign(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        member_id=pipe.members[3].pk,
        assigned_on=date(2025, 4, 1),
    )
    assert result.assignment.role == "quan_chung"
    assert result.warnings == ()


def test_a_member_helping_more_than_the_configured_load_is_a_warning(pipe: Pipe, settings):
    settings.DANGVIEN_HELPER_LOAD = 1
    first = open_and_list(pipe)
    second_person = make_person(
        pipe.operator, "001300000444", "Phan Thị Hai", "CB-A1", Status.CANDIDATE
    )
    second = services.candidacy_open(
        actor=pipe.commune,
        person_id=second_person.pk,
        source_category="khac",
        opened_on=date(2025, 3, 3),
    )
    helper = pipe.members[3].pk
    services.helper_assign(
        actor=pipe.commune, candidacy_id=first.pk, member_id=helper, assigned_on=date(2025, 4, 1)
    )
    result = services.helper_assign(
        actor=pipe.commune, candidacy_id=second.pk, member_id=helper, assigned_on=date(2025, 4, 2)
    )
    assert result.warnings == ("Hoàng Văn Dũng đang giúp đỡ 2 người, nhiều hơn mức khuyến nghị 1.",)


def test_a_probationary_member_gets_a_probation_helper(pipe: Pipe):
    candidacy = to_probation(pipe)
    result = services.helper_assign(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        member_id=pipe.members[2].pk,
        assigned_on=date(2025, 8, 20),
    )
    assert result.assignment.role == "du_bi"
    services.helper_end(
        actor=pipe.commune, assignment_id=result.assignment.pk, ended_on=date(2025, 12, 1)
    )
    with pytest.raises(DomainError, match="đã kết thúc"):
        services.helper_end(
            actor=pipe.commune, assignment_id=result.assignment.pk, ended_on=date(2025, 12, 2)
        )
