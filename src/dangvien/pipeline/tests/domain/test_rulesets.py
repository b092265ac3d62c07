"""Rule sets: chosen by effective date, every value cited, shared values stated once."""

from __future__ import annotations

import dataclasses
from datetime import date
from fractions import Fraction

import pytest

from dangvien.core.domain.errors import DomainError
from dangvien.pipeline.domain.facts import EducationLevel
from dangvien.pipeline.domain.rulesets import (
    RULE_SETS,
    RULES_2021,
    RULES_2025_01,
    RULES_2025_07,
    UNVERIFIED,
    RuleSet,
    RuleValue,
    rule_set_by_code,
    rule_set_for,
)

RULE_FIELDS = [
    f.name for f in dataclasses.fields(RuleSet) if f.name not in {"code", "name", "effective_from"}
]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2021, 7, 28), RULES_2021),
        (date(2025, 1, 19), RULES_2021),
        (date(2025, 1, 20), RULES_2025_01),
        (date(2025, 6, 30), RULES_2025_01),
        (date(2025, 7, 1), RULES_2025_07),
        (date(2030, 1, 1), RULES_2025_07),
    ],
)
def test_the_rule_set_in_force_changes_on_its_effective_date(on: date, expected: RuleSet) -> None:
    assert rule_set_for(on) is expected


def test_no_rule_set_applies_before_the_first_one() -> None:
    with pytest.raises(DomainError) as caught:
        rule_set_for(date(2021, 7, 27))
    assert caught.value.code == "no_rule_set"
    assert "28/07/2021" in caught.value.message


@pytest.mark.parametrize("rules", RULE_SETS)
def test_a_rule_set_is_found_by_the_code_recorded_on_a_dossier(rules: RuleSet) -> None:
    assert rule_set_by_code(rules.code) is rules


def test_an_unknown_code_is_refused_listing_the_known_ones() -> None:
    with pytest.raises(DomainError) as caught:
        rule_set_by_code("29-QĐ/TW (2016)")
    assert caught.value.code == "unknown_rule_set"
    assert "294-QĐ/TW (07/2025)" in caught.value.message


def test_the_three_versions_have_the_codes_users_know() -> None:
    assert [rules.code for rules in RULE_SETS] == [
        "24-QĐ/TW (2021)",
        "232-QĐ/TW (01/2025)",
        "294-QĐ/TW (07/2025)",
    ]


@pytest.mark.parametrize("rules", RULE_SETS)
@pytest.mark.parametrize("name", RULE_FIELDS)
def test_every_threshold_carries_a_citation(rules: RuleSet, name: str) -> None:
    value = getattr(rules, name)
    assert isinstance(value, RuleValue)
    assert value.citation.strip()


@pytest.mark.parametrize("name", RULE_FIELDS)
def test_the_versions_share_the_same_numbers(name: str) -> None:
    values = {getattr(rules, name).value for rules in RULE_SETS}
    assert len(values) == 1


@pytest.mark.parametrize("rules", RULE_SETS)
def test_regulation_citations_name_the_versions_own_regulation(rules: RuleSet) -> None:
    regulation = rules.code.split(" ")[0]
    assert regulation in rules.max_age_months.citation
    assert regulation in rules.decision_working_days.citation


def test_citations_not_confirmed_are_marked_for_verification() -> None:
    assert UNVERIFIED == "(cần xác minh)"
    assert UNVERIFIED in RULES_2025_07.certificate_validity_months.citation
    assert UNVERIFIED not in RULES_2025_07.probation_months.citation


def test_the_thresholds_of_domain_section_four() -> None:
    rules = RULES_2025_07
    assert rules.min_age_months.value == 216
    assert rules.max_age_months.value == 720
    assert rules.min_education.value is EducationLevel.LOWER_SECONDARY
    assert rules.exception_min_education.value is EducationLevel.PRIMARY
    assert rules.certificate_validity_months.value == 60
    assert rules.member_introducers.value == 2
    assert rules.member_introducers_with_union.value == 1
    assert rules.introducer_min_months_together.value == 12
    assert rules.cell_vote_threshold.value == Fraction(2, 3)
    assert rules.committee_vote_threshold.value == Fraction(2, 3)
    assert rules.max_failed_cell_votes.value == 3
    assert rules.decision_working_days.value == 60
    assert rules.decision_extension_working_days.value == 30
    assert rules.ceremony_working_days.value == 30
    assert rules.probation_months.value == 12
    assert rules.recognition_cell_working_days.value == 30
    assert rules.recognition_decision_working_days.value == 30
    assert rules.dossier_stale_months.value == 12


def test_a_new_version_can_change_one_number_and_keep_the_rest() -> None:
    stricter = dataclasses.replace(
        RULES_2025_07, code="test", introducer_min_months_together=RuleValue(18, "thử nghiệm")
    )
    assert stricter.introducer_min_months_together.value == 18
    assert stricter.probation_months == RULES_2025_07.probation_months
