"""Eligibility on the day of the cell vote: age, education, certificate, all failures at once."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.pipeline.domain.eligibility import (
    check_age,
    check_certificate,
    check_education,
    check_eligibility,
)
from dangvien.pipeline.domain.facts import (
    CandidateFacts,
    Consent,
    EducationLevel,
    SpecialArea,
    education_from_grade,
)
from dangvien.pipeline.domain.forms import FormCode
from dangvien.pipeline.domain.local_criteria import LocalCriterion
from dangvien.pipeline.domain.rulesets import RULES_2025_07

RULES = RULES_2025_07
VOTE_ON = date(2026, 3, 15)


def candidate(**changes: Any) -> CandidateFacts:
    """Return an eligible candidate born 15/03/1996, with `changes` applied."""
    base = CandidateFacts(birth_date=date(1996, 3, 15), education=EducationLevel.UPPER_SECONDARY)
    return dataclasses.replace(base, **changes)


# --- age -----------------------------------------------------------------------------------


def test_17_years_11_months_is_too_young_and_says_so_with_the_rule() -> None:
    decision = check_age(candidate(birth_date=date(2008, 3, 16)), vote_on=VOTE_ON, rule_set=RULES)
    assert not decision.ok
    (reason,) = decision.reasons
    assert reason.code == "age_below_minimum"
    assert reason.message.startswith(
        "Chưa đủ 18 tuổi tại ngày chi bộ xét (15/03/2026): 17 tuổi 11 tháng"
    )
    assert reason.citation == RULES.min_age_months.citation
    assert "Điều lệ Đảng, Điều 1" in reason.message


def test_18_years_0_months_on_the_vote_day_is_old_enough() -> None:
    decision = check_age(candidate(birth_date=date(2008, 3, 15)), vote_on=VOTE_ON, rule_set=RULES)
    assert decision.ok


def test_60_years_0_months_is_still_within_the_window() -> None:
    decision = check_age(candidate(birth_date=date(1966, 3, 15)), vote_on=VOTE_ON, rule_set=RULES)
    assert decision.ok
    assert decision.reasons == ()


def test_60_years_1_month_needs_the_province_standing_committees_consent() -> None:
    decision = check_age(candidate(birth_date=date(1966, 2, 15)), vote_on=VOTE_ON, rule_set=RULES)
    assert not decision.ok
    (reason,) = decision.reasons
    assert reason.code == "age_above_maximum"
    assert "Quá 60 tuổi tại ngày chi bộ xét (15/03/2026): 60 tuổi 1 tháng" in reason.message
    assert "Ban Thường vụ Tỉnh ủy" in reason.message


def test_over_60_with_a_recorded_consent_is_accepted_with_a_note() -> None:
    over = candidate(birth_date=date(1966, 2, 15), consents=frozenset({Consent.OVER_MAX_AGE}))
    decision = check_age(over, vote_on=VOTE_ON, rule_set=RULES)
    assert decision.ok
    assert [r.code for r in decision.reasons] == ["age_above_maximum_consented"]


def test_someone_born_on_29_february_turns_18_on_1_march() -> None:
    leapling = candidate(birth_date=date(2008, 2, 29))
    assert not check_age(leapling, vote_on=date(2026, 2, 28), rule_set=RULES).ok
    assert check_age(leapling, vote_on=date(2026, 3, 1), rule_set=RULES).ok


# --- education -----------------------------------------------------------------------------


def test_lower_secondary_meets_the_requirement() -> None:
    assert check_education(candidate(education=EducationLevel.LOWER_SECONDARY), rule_set=RULES).ok


def test_primary_school_alone_is_refused_naming_the_requirement() -> None:
    decision = check_education(candidate(education=EducationLevel.PRIMARY), rule_set=RULES)
    assert not decision.ok
    assert "Tiểu học, yêu cầu Trung học cơ sở trở lên" in decision.messages[0]


@pytest.mark.parametrize("area", list(SpecialArea))
def test_primary_school_is_enough_in_a_special_area(area: SpecialArea) -> None:
    facts = candidate(education=EducationLevel.PRIMARY, special_areas=frozenset({area}))
    decision = check_education(facts, rule_set=RULES)
    assert decision.ok
    assert area.label in decision.messages[0]


def test_primary_school_is_enough_for_a_fisherman() -> None:
    facts = candidate(education=EducationLevel.PRIMARY, is_fisherman=True)
    assert check_education(facts, rule_set=RULES).ok


def test_below_primary_is_refused_even_in_a_special_area() -> None:
    facts = candidate(
        education=EducationLevel.BELOW_PRIMARY, special_areas=frozenset({SpecialArea.BORDER})
    )
    decision = check_education(facts, rule_set=RULES)
    assert not decision.ok
    assert "yêu cầu Tiểu học trở lên (áp dụng cho người ở biên giới)" in decision.messages[0]


def test_a_village_elder_needs_consent_below_the_requirement() -> None:
    elder = candidate(education=EducationLevel.BELOW_PRIMARY, is_village_elder=True)
    refused = check_education(elder, rule_set=RULES)
    assert not refused.ok
    assert "già làng cần văn bản đồng ý" in refused.messages[0]
    consented = dataclasses.replace(elder, consents=frozenset({Consent.VILLAGE_ELDER_EDUCATION}))
    assert check_education(consented, rule_set=RULES).ok


@pytest.mark.parametrize(
    ("grade", "level"),
    [
        ("12/12", EducationLevel.UPPER_SECONDARY),
        ("9/12", EducationLevel.LOWER_SECONDARY),
        ("8/12", EducationLevel.PRIMARY),
        ("5/12", EducationLevel.PRIMARY),
        ("4/12", EducationLevel.BELOW_PRIMARY),
        ("7/10", EducationLevel.LOWER_SECONDARY),
        ("10/10", EducationLevel.UPPER_SECONDARY),
        (" 9 / 12 ", EducationLevel.LOWER_SECONDARY),
    ],
)
def test_a_grade_from_the_personal_history_maps_to_a_level(
    grade: str, level: EducationLevel
) -> None:
    assert education_from_grade(grade) is level


@pytest.mark.parametrize("grade", ["13/12", "9/11", "THCS", ""])
def test_an_unreadable_grade_is_refused(grade: str) -> None:
    with pytest.raises(DomainError) as caught:
        education_from_grade(grade)
    assert caught.value.field == "education"


# --- awareness certificate -----------------------------------------------------------------

ISSUED = date(2020, 1, 10)


def test_a_certificate_60_months_old_is_valid() -> None:
    assert check_certificate(ISSUED, on=date(2025, 1, 10), rule_set=RULES).ok


def test_a_certificate_is_expired_the_day_after_its_60_months() -> None:
    assert not check_certificate(ISSUED, on=date(2025, 1, 11), rule_set=RULES).ok


def test_a_certificate_61_months_old_is_expired_with_the_numbers() -> None:
    decision = check_certificate(ISSUED, on=date(2025, 2, 10), rule_set=RULES)
    assert not decision.ok
    (reason,) = decision.reasons
    assert reason.code == "certificate_expired"
    assert "hết hạn ngày 10/01/2025" in reason.message
    assert "61 tháng" in reason.message
    assert reason.form is FormCode.CN_NTVD


def test_a_missing_certificate_is_reported() -> None:
    decision = check_certificate(None, on=VOTE_ON, rule_set=RULES)
    assert [r.code for r in decision.reasons] == ["certificate_missing"]


def test_a_certificate_issued_after_the_vote_is_refused() -> None:
    decision = check_certificate(date(2026, 4, 1), on=VOTE_ON, rule_set=RULES)
    assert [r.code for r in decision.reasons] == ["certificate_future"]


# --- everything at once --------------------------------------------------------------------

STUDENTS_GOOD_RESULTS = LocalCriterion.from_data(
    {
        "code": "HS-KHA",
        "description": "Học sinh, sinh viên phải có kết quả học tập khá trở lên",
        "when": {"field": "occupation", "op": "eq", "value": "hoc_sinh"},
        "require": {"field": "study_result", "op": "in", "values": ["kha", "gioi"]},
    }
)


def test_every_failing_condition_is_returned_at_once() -> None:
    facts = candidate(
        birth_date=date(2008, 4, 1),
        education=EducationLevel.PRIMARY,
        attributes={"occupation": "hoc_sinh", "study_result": "trung_binh"},
    )
    decision = check_eligibility(
        facts, vote_on=VOTE_ON, rule_set=RULES, local_criteria=[STUDENTS_GOOD_RESULTS]
    )
    assert [r.code for r in decision.reasons] == [
        "age_below_minimum",
        "education_insufficient",
        "local_HS-KHA",
    ]


def test_an_eligible_candidate_passes_with_local_criteria() -> None:
    facts = candidate(attributes={"occupation": "hoc_sinh", "study_result": "gioi"})
    decision = check_eligibility(
        facts, vote_on=VOTE_ON, rule_set=RULES, local_criteria=[STUDENTS_GOOD_RESULTS]
    )
    assert decision.ok


def test_a_refused_decision_raises_one_error_with_every_message() -> None:
    facts = candidate(birth_date=date(2008, 4, 1), education=EducationLevel.PRIMARY)
    decision = check_eligibility(facts, vote_on=VOTE_ON, rule_set=RULES)
    with pytest.raises(DomainError) as caught:
        decision.raise_if_refused()
    assert caught.value.code == "age_below_minimum"
    assert caught.value.rule == RULES.min_age_months.citation
    assert caught.value.message.count("\n") == 1
