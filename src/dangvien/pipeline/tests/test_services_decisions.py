"""Decisions, their time limits and extension, the ceremony, recognition, and the exits."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.accounts.domain.roles import Role
from dangvien.core.domain.errors import DomainError, PermissionDeniedError
from dangvien.people.domain.enums import Status
from dangvien.people.models import Membership, Person, StatusPeriod
from dangvien.pipeline import services
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.models import Candidacy, Deadline
from dangvien.pipeline.tests.conftest import Pipe, actor_for
from dangvien.pipeline.tests.walk import (
    cell_vote,
    committee_vote,
    complete_dossier,
    open_and_list,
    to_probation,
)
from dangvien.testing import make_user


def _resolved(pipe: Pipe) -> Candidacy:
    candidacy = complete_dossier(pipe)
    services.cell_vote_record(actor=pipe.commune, candidacy_id=candidacy.pk, data=cell_vote())
    services.committee_vote_record(
        actor=pipe.commune, candidacy_id=candidacy.pk, data=committee_vote(date(2025, 7, 15), "21")
    )
    return candidacy


def _decide(pipe: Pipe, candidacy: Candidacy, on: date, late_reason: str = "") -> None:
    data = services.DecisionInput(decided_on=on, number="112", late_reason=late_reason)
    services.decision_record(actor=pipe.commune, candidacy_id=candidacy.pk, data=data)


def test_the_decision_makes_the_person_probationary_from_its_date(pipe: Pipe):
    candidacy = _resolved(pipe)
    _decide(pipe, candidacy, date(2025, 8, 1))
    person = Person.objects.get(pk=pipe.candidate.pk)
    assert person.current_status == Status.PROBATIONARY
    period = StatusPeriod.objects.get(person=person, status=Status.PROBATIONARY)
    assert period.valid_from == date(2025, 8, 1)
    membership = Membership.objects.get(person=person)
    assert (membership.decision_number, membership.admitted_in_id) == (
        "112-QĐ/ĐU",
        pipe.world.cell_a1.pk,
    )
    assert Deadline.objects.get(candidacy=candidacy).kind == "cho_le_ket_nap"


def test_a_decision_after_60_working_days_needs_a_reason(pipe: Pipe):
    candidacy = _resolved(
        pipe
    )  # cell resolution 01/07/2025: due 25/09/2025 (the 1-2/9 holidays skipped)
    with pytest.raises(DomainError, match="hạn cuối là 25/09/2025") as refused:
        _decide(pipe, candidacy, date(2025, 9, 26))
    assert refused.value.code == "late"
    _decide(pipe, candidacy, date(2025, 9, 26), late_reason="Chờ kết quả thẩm tra bổ sung")
    assert "lý do chậm: Chờ kết quả thẩm tra bổ sung" in candidacy.transitions.last().note


def test_an_extension_adds_30_working_days_once_and_only_before_the_limit(pipe: Pipe):
    candidacy = _resolved(pipe)
    with pytest.raises(DomainError, match="đã muộn"):
        services.decision_extend(
            actor=pipe.commune, candidacy_id=candidacy.pk, decided_on=date(2025, 9, 26), reason="x"
        )
    services.decision_extend(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        decided_on=date(2025, 9, 1),
        reason="Trường hợp đặc biệt",
    )
    assert Deadline.objects.get(candidacy=candidacy).due_on == date(2025, 11, 6)
    with pytest.raises(DomainError, match="một lần"):
        services.decision_extend(
            actor=pipe.commune, candidacy_id=candidacy.pk, decided_on=date(2025, 9, 2), reason="x"
        )
    _decide(pipe, candidacy, date(2025, 11, 6))


def test_a_cell_secretary_cannot_record_the_committees_decision(pipe: Pipe):
    candidacy = _resolved(pipe)
    secretary = actor_for(make_user(pipe.operator, "bt.dong", Role.CELL_SECRETARY, "CB-A1"))
    data = services.DecisionInput(decided_on=date(2025, 8, 1), number="112")
    with pytest.raises(PermissionDeniedError, match="Chỉ tài khoản của Đảng ủy xã An Phú"):
        services.decision_record(actor=secretary, candidacy_id=candidacy.pk, data=data)


def test_a_late_ceremony_needs_a_reason_and_probation_runs_twelve_months(pipe: Pipe):
    candidacy = _resolved(pipe)
    _decide(pipe, candidacy, date(2025, 8, 1))
    with pytest.raises(DomainError, match="Lễ kết nạp ngày 20/10/2025 đã quá hạn"):
        services.ceremony_record(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            data=services.CeremonyInput(date(2025, 10, 20)),
        )
    services.ceremony_record(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        data=services.CeremonyInput(date(2025, 10, 20), late_reason="Người vào Đảng đi công tác"),
    )
    stored = Candidacy.objects.get(pk=candidacy.pk)
    assert (stored.stage, stored.probation_ends_on) == (Stage.PROBATION, date(2026, 10, 20))
    assert Membership.objects.get(person_id=pipe.candidate.pk).ceremony_date == date(2025, 10, 20)


def test_recognition_before_probation_ends_is_refused(pipe: Pipe):
    candidacy = to_probation(pipe)  # probation ends 20/08/2026
    with pytest.raises(DomainError, match="Chưa hết thời kỳ dự bị 12 tháng"):
        services.recognition_cell_vote_record(
            actor=pipe.commune, candidacy_id=candidacy.pk, data=cell_vote(date(2026, 8, 19), 6)
        )


def test_refusal_closes_the_dossier_and_takes_the_person_off_the_list(pipe: Pipe):
    candidacy = _resolved(pipe)
    exit_data = services.ExitInput(on=date(2025, 8, 5), reason="Chưa đủ tiêu chuẩn", number="7")
    services.candidacy_refuse(actor=pipe.commune, candidacy_id=candidacy.pk, data=exit_data)
    closed = Candidacy.objects.get(pk=candidacy.pk)
    assert (closed.stage, closed.is_open, closed.closed_on) == (
        Stage.REFUSED,
        False,
        date(2025, 8, 5),
    )
    assert Person.objects.get(pk=pipe.candidate.pk).current_status == Status.STRUCK_OFF
    assert not Deadline.objects.filter(candidacy=candidacy).exists()
    assert candidacy.decisions.get().number == "7-QĐ/ĐU"


def test_an_exit_needs_a_reason_and_a_closed_dossier_takes_no_step(pipe: Pipe):
    candidacy = open_and_list(pipe)
    with pytest.raises(DomainError, match="lý do"):
        services.candidacy_withdraw(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            data=services.ExitInput(date(2025, 4, 1), " "),
        )
    services.candidacy_withdraw(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        data=services.ExitInput(date(2025, 4, 1), "Xin rút"),
    )
    with pytest.raises(DomainError, match="hồ sơ đã kết thúc ở bước này"):
        services.candidacy_remove(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            data=services.ExitInput(date(2025, 4, 2), "x"),
        )


def test_striking_off_a_probationary_member(pipe: Pipe):
    candidacy = to_probation(pipe)
    services.candidacy_strike_off(
        actor=pipe.commune,
        candidacy_id=candidacy.pk,
        data=services.ExitInput(date(2026, 9, 1), "Vi phạm tư cách đảng viên", number="201"),
    )
    assert Candidacy.objects.get(pk=candidacy.pk).stage == Stage.STRUCK_OFF
    assert Person.objects.get(pk=pipe.candidate.pk).current_status == Status.STRUCK_OFF
