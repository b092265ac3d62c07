"""Votes: eligible voters counted on the day, two thirds, failed attempts, escalation, appraisal."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.orgs.domain.enums import OrgType
from dangvien.people.domain.enums import Status
from dangvien.people.models import Person
from dangvien.people.services import person_status_change
from dangvien.pipeline import services
from dangvien.pipeline.domain.stages import Stage
from dangvien.pipeline.models import Candidacy, Vote
from dangvien.pipeline.tests.conftest import Pipe
from dangvien.pipeline.tests.walk import cell_vote, committee_vote, complete_dossier
from dangvien.testing import make_org, make_person


def _vote(pipe: Pipe, candidacy: Candidacy, held_on: date, in_favour: int) -> Vote:
    data = cell_vote(held_on, in_favour)
    return services.cell_vote_record(actor=pipe.commune, candidacy_id=candidacy.pk, data=data)


def test_eligible_voters_are_the_official_and_exempt_members_on_the_vote_date(pipe: Pipe):
    op = pipe.operator
    exempt = make_person(op, "001050000201", "Cao Văn Già", "CB-A1", Status.OFFICIAL)
    person_status_change(
        actor=op,
        person_id=exempt.pk,
        status=Status.EXEMPT,
        org_code="CB-A1",
        since=date(2020, 1, 1),
    )
    late = make_person(op, "001090000202", "Đỗ Văn Muộn", "CB-A1", Status.PROBATIONARY)
    person_status_change(
        actor=op,
        person_id=late.pk,
        status=Status.OFFICIAL,
        org_code="CB-A1",
        since=date(2025, 7, 2),
    )
    candidacy = complete_dossier(pipe)
    vote = _vote(pipe, candidacy, date(2025, 7, 1), 5)
    # 6 official + 1 exempt; the member official from 02/07 and the candidate do not count.
    assert (vote.eligible, vote.required, vote.passed) == (7, 5, True)
    assert Candidacy.objects.get(pk=candidacy.pk).stage == Stage.CELL_RESOLVED


def test_four_of_seven_is_a_failed_attempt_and_the_third_failure_escalates(pipe: Pipe):
    make_person(pipe.operator, "001050000203", "Cao Văn Bảy", "CB-A1", Status.OFFICIAL)
    candidacy = complete_dossier(pipe)
    first = _vote(pipe, candidacy, date(2025, 7, 1), 4)
    assert not first.passed
    assert (
        "Không đạt: 4/7 đảng viên chính thức tán thành, cần ít nhất 5 (2/3 của 7)"
        in first.explanation
    )
    after_first = Candidacy.objects.get(pk=candidacy.pk)
    assert (after_first.stage, after_first.failed_cell_votes) == (Stage.DOSSIER, 1)
    assert not candidacy.documents.filter(form_code="6-KNĐ").exists()
    _vote(pipe, candidacy, date(2025, 8, 1), 3)
    _vote(pipe, candidacy, date(2025, 9, 1), 4)
    escalated = Candidacy.objects.get(pk=candidacy.pk)
    assert (escalated.stage, escalated.failed_cell_votes, escalated.escalated) == (
        Stage.ESCALATED,
        3,
        True,
    )


def test_a_candidate_of_17_years_11_months_is_refused_naming_the_rule(pipe: Pipe):
    candidacy = complete_dossier(pipe)
    Person.objects.filter(pk=pipe.candidate.pk).update(birth_date=date(2007, 7, 2))
    with pytest.raises(DomainError, match="Chưa đủ 18 tuổi tại ngày chi bộ xét") as refused:
        _vote(pipe, candidacy, date(2025, 7, 1), 6)
    assert "17 tuổi 11 tháng" in refused.value.message
    assert "Điều lệ Đảng, Điều 1" in refused.value.message


def test_inconsistent_counts_are_refused_before_anything_is_stored(pipe: Pipe):
    candidacy = complete_dossier(pipe)
    data = cell_vote(date(2025, 7, 1), 5)
    bad = services.VoteInput(**{**data.__dict__, "present": 9})
    with pytest.raises(DomainError, match=r"số có mặt \(9\) lớn hơn số có quyền biểu quyết \(6\)"):
        services.cell_vote_record(actor=pipe.commune, candidacy_id=candidacy.pk, data=bad)
    assert not Vote.objects.exists()


def test_a_failed_committee_vote_is_kept_without_moving_the_dossier(pipe: Pipe):
    candidacy = complete_dossier(pipe)
    _vote(pipe, candidacy, date(2025, 7, 1), 5)
    data = committee_vote(date(2025, 7, 15), "21")
    failing = services.VoteInput(**{**data.__dict__, "in_favour": 5, "against": 3})
    vote = services.committee_vote_record(
        actor=pipe.commune, candidacy_id=candidacy.pk, data=failing
    )
    assert not vote.passed
    assert vote.required == 6
    assert Candidacy.objects.get(pk=candidacy.pk).stage == Stage.CELL_RESOLVED


def test_a_committee_vote_needs_the_committee_size(pipe: Pipe):
    candidacy = complete_dossier(pipe)
    _vote(pipe, candidacy, date(2025, 7, 1), 5)
    data = committee_vote(date(2025, 7, 15), "21")
    with pytest.raises(DomainError, match="tổng số cấp ủy viên"):
        services.committee_vote_record(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            data=services.VoteInput(**{**data.__dict__, "eligible": None}),
        )


def test_under_a_partial_committee_the_appraisal_comes_before_the_grassroots_vote(pipe: Pipe):
    op = pipe.operator
    make_org(op, "DUBP-1", "Đảng bộ bộ phận số 1", OrgType.PARTIAL_COMMITTEE, "XA-A")
    make_org(op, "CB-P1", "Chi bộ thôn Nam", OrgType.CELL, "DUBP-1")
    person = make_person(op, "001300000555", "Võ Thị Nam", "CB-P1", Status.CANDIDATE)
    candidacy = services.candidacy_open(
        actor=pipe.commune, person_id=person.pk, source_category="khac", opened_on=date(2025, 3, 3)
    )
    Candidacy.objects.filter(pk=candidacy.pk).update(
        stage=Stage.CELL_RESOLVED, stage_since=date(2025, 7, 1), cell_resolved_on=date(2025, 7, 1)
    )
    with pytest.raises(DomainError, match="phải qua bước «Đảng ủy bộ phận đã thẩm định"):
        services.committee_vote_record(
            actor=pipe.commune,
            candidacy_id=candidacy.pk,
            data=committee_vote(date(2025, 7, 15), "21"),
        )
    services.partial_committee_appraise(
        actor=pipe.commune, candidacy_id=candidacy.pk, on=date(2025, 7, 8), number="3"
    )
    assert candidacy.documents.get(form_code="7-KNĐ").number == "3-BC/ĐUBP"
    services.committee_vote_record(
        actor=pipe.commune, candidacy_id=candidacy.pk, data=committee_vote(date(2025, 7, 15), "21")
    )
    assert Candidacy.objects.get(pk=candidacy.pk).stage == Stage.GRASSROOTS_RESOLVED
