"""Introducers: two official members of 12 months, or one plus a union resolution."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.people.domain.enums import Status
from dangvien.pipeline.domain.facts import (
    CandidateFacts,
    EducationLevel,
    IntroducerFacts,
    IntroducerKind,
)
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.introducers import check_introducers
from dangvien.pipeline.domain.rulesets import RULES_2025_07

RULES = RULES_2025_07
APPLICANT = CandidateFacts(birth_date=date(2000, 1, 1), education=EducationLevel.UPPER_SECONDARY)
YOUTH = CandidateFacts(
    birth_date=date(2000, 1, 1), education=EducationLevel.UPPER_SECONDARY, youth_union_member=True
)
WORKER = CandidateFacts(
    birth_date=date(1980, 1, 1), education=EducationLevel.UPPER_SECONDARY, trade_union_member=True
)
YOUTH_UNION = IntroducerFacts(IntroducerKind.YOUTH_UNION, "BCH Đoàn xã")
TRADE_UNION = IntroducerFacts(IntroducerKind.TRADE_UNION, "BCH Công đoàn công ty")


def member(
    name: str = "Nguyễn Văn An", *, months: int | None = 24, status: Status | None = Status.OFFICIAL
) -> IntroducerFacts:
    """Return a member introducer."""
    return IntroducerFacts(IntroducerKind.PARTY_MEMBER, name, status=status, months_together=months)


def test_two_official_members_of_12_months_suffice() -> None:
    decision = check_introducers(
        [member(months=12), member("Trần Thị Bình", months=30)], APPLICANT, RULES
    )
    assert decision.ok
    assert decision.reasons[0].code == "introducers_ok"


def test_an_introducer_of_11_months_does_not_count() -> None:
    decision = check_introducers([member(months=11), member("Trần Thị Bình")], APPLICANT, RULES)
    assert not decision.ok
    codes = [r.code for r in decision.reasons]
    assert codes == ["introducer_too_short", "introducers_insufficient"]
    message = decision.messages[0]
    assert "Nguyễn Văn An" in message
    assert "11 tháng, cần ít nhất 12 tháng" in message


def test_a_probationary_member_cannot_introduce() -> None:
    decision = check_introducers(
        [member(status=Status.PROBATIONARY), member("B")], APPLICANT, RULES
    )
    assert not decision.ok
    assert decision.reasons[0].code == "introducer_not_official"
    assert "(tình trạng: Dự bị)" in decision.messages[0]
    assert decision.reasons[0].form is FormCode.KND_3


def test_an_exempt_official_member_can_introduce() -> None:
    assert check_introducers([member(status=Status.EXEMPT), member("B")], APPLICANT, RULES).ok


def test_an_introducer_without_recorded_months_is_reported() -> None:
    decision = check_introducers([member(months=None), member("B")], APPLICANT, RULES)
    assert decision.reasons[0].code == "introducer_months_missing"


def test_one_member_and_the_youth_union_suffice_for_a_youth_union_member() -> None:
    assert check_introducers([member(), YOUTH_UNION], YOUTH, RULES).ok


def test_one_member_and_the_trade_union_suffice_for_a_trade_union_member() -> None:
    assert check_introducers([member(), TRADE_UNION], WORKER, RULES).ok


@pytest.mark.parametrize("resolution", [YOUTH_UNION, TRADE_UNION])
def test_a_union_resolution_needs_the_applicant_to_be_in_that_union(
    resolution: IntroducerFacts,
) -> None:
    decision = check_introducers([member(), resolution], APPLICANT, RULES)
    assert not decision.ok
    assert decision.reasons[0].code == "union_introduction_invalid"
    assert decision.reasons[0].form is resolution.kind.form


def test_a_union_resolution_alone_is_not_enough() -> None:
    decision = check_introducers([YOUTH_UNION], YOUTH, RULES)
    assert not decision.ok
    assert "hiện có 0 đảng viên và 1 nghị quyết hợp lệ" in decision.messages[-1]


def test_every_faulty_introducer_is_reported_at_once() -> None:
    faulty = [member("A", months=3, status=Status.PROBATIONARY), member("B", months=11)]
    decision = check_introducers(faulty, APPLICANT, RULES)
    assert [r.code for r in decision.reasons] == [
        "introducer_not_official",
        "introducer_too_short",
        "introducer_too_short",
        "introducers_insufficient",
    ]


def test_a_third_faulty_introducer_does_not_spoil_two_good_ones() -> None:
    assert check_introducers([member("A"), member("B"), member("C", months=1)], APPLICANT, RULES).ok


def test_no_introducers_at_all_is_insufficient() -> None:
    decision = check_introducers([], APPLICANT, RULES)
    assert [r.code for r in decision.reasons] == ["introducers_insufficient"]
