from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvien.core.domain.errors import DomainError
from dangvien.plans.domain.quotas import (
    OverrideDecision,
    Period,
    TermYear,
    check_allocation,
    quota_for_report,
    quota_from_rate,
    term_breakdown,
    unallocated,
)

TERM = Period(2020, 2025)
DECISION = OverrideDecision("125-QĐ/ĐU", date(2025, 3, 5))


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("2020", Period(2020, 2020)),
        (" 2025 ", Period(2025, 2025)),
        ("2020-2025", TERM),
        ("2020 – 2025", TERM),
        ("2020—2025", TERM),
    ],
)
def test_a_period_parses_a_year_or_a_term(text, period):
    assert Period.parse(text) == period


@pytest.mark.parametrize(
    "text", ["", "20", "20201", "2025-2020", "2020-2020", "năm 2020", "2020-", "1929", "0000"]
)
def test_a_malformed_period_is_refused_in_vietnamese(text):
    with pytest.raises(DomainError) as error:
        Period.parse(text)

    assert error.value.code == "invalid_period"


def test_a_term_ending_before_it_starts_says_so():
    with pytest.raises(DomainError, match="kết thúc trước khi bắt đầu"):
        Period.parse("2025-2020")


def test_a_period_formats_as_it_is_written_in_the_workbook():
    assert (str(Period.year(2020)), str(TERM)) == ("2020", "2020-2025")
    assert (Period.year(2025).label(), TERM.label()) == ("năm 2025", "nhiệm kỳ 2020–2025")


def test_a_term_runs_from_1_january_of_its_first_year_to_31_december_of_its_last():
    assert TERM.contains(date(2020, 1, 1))
    assert TERM.contains(date(2025, 12, 31))
    assert not TERM.contains(date(2019, 12, 31))
    assert not TERM.contains(date(2026, 1, 1))
    assert list(TERM.years()) == [2020, 2021, 2022, 2023, 2024, 2025]


@pytest.mark.parametrize(
    ("date_from", "date_to", "period"),
    [
        (date(2023, 1, 1), date(2023, 12, 31), Period.year(2023)),
        (date(2023, 1, 1), date(2023, 6, 30), Period.year(2023)),  # year to date
        (date(2023, 3, 1), date(2023, 3, 31), Period.year(2023)),
        (date(2020, 1, 1), date(2025, 12, 31), TERM),
        (date(2020, 1, 2), date(2025, 12, 31), None),
        (date(2022, 7, 1), date(2023, 6, 30), None),
    ],
)
def test_a_report_period_is_measured_against_its_year_or_exact_term(date_from, date_to, period):
    assert Period.for_report(date_from, date_to) == period


def test_quota_for_report_is_none_when_the_period_has_no_quota():
    quotas = {Period.year(2023): 60, TERM: 300}

    assert quota_for_report(quotas, date(2023, 1, 1), date(2023, 9, 30)) == 60
    assert quota_for_report(quotas, date(2020, 1, 1), date(2025, 12, 31)) == 300
    assert quota_for_report(quotas, date(2024, 1, 1), date(2024, 12, 31)) is None
    assert quota_for_report(quotas, date(2022, 1, 1), date(2023, 12, 31)) is None


def test_children_may_share_the_parent_quota_and_the_rest_stays_unallocated():
    check = check_allocation(
        parent_name="Đảng bộ xã X",
        parent_quota=85,
        children_quotas=[30, 40],
        period=Period.year(2025),
    )

    assert (check.allocated, check.unallocated, check.override) == (70, 15, None)


def test_giving_children_more_than_the_parent_is_refused_with_the_numbers():
    with pytest.raises(DomainError) as error:
        check_allocation(
            parent_name="Đảng bộ xã X",
            parent_quota=85,
            children_quotas=[50, 45],
            period=Period.year(2025),
        )

    assert error.value.code == "quota_over_allocated"
    assert error.value.message == (
        "Tổng chỉ tiêu giao cho đơn vị cấp dưới (95) vượt chỉ tiêu của Đảng bộ xã X (85) "
        "năm 2025. Chỉ được giao vượt khi ghi số và ngày của quyết định cho phép."
    )


def test_the_refusal_names_the_category_and_the_term_with_vietnamese_numbers():
    with pytest.raises(DomainError) as error:
        check_allocation(
            parent_name="Đảng bộ tỉnh Y",
            parent_quota=5000,
            children_quotas=[3000, 2100],
            period=TERM,
            category="Trưởng ban công tác Mặt trận",
        )

    assert error.value.message.startswith(
        "Tổng chỉ tiêu nhóm “Trưởng ban công tác Mặt trận” giao cho đơn vị cấp dưới (5.100) "
        "vượt chỉ tiêu của Đảng bộ tỉnh Y (5.000) nhiệm kỳ 2020–2025."
    )


def test_a_recorded_decision_allows_giving_more_and_is_kept():
    check = check_allocation(
        parent_name="Đảng bộ xã X",
        parent_quota=85,
        children_quotas=[50, 45],
        period=Period.year(2025),
        override=DECISION,
    )

    assert (check.allocated, check.unallocated, check.override) == (95, -10, DECISION)


def test_a_decision_is_not_kept_when_it_was_not_needed():
    check = check_allocation(
        parent_name="X", parent_quota=85, children_quotas=[5], period=TERM, override=DECISION
    )

    assert check.override is None


def test_a_decision_needs_a_number():
    with pytest.raises(DomainError) as error:
        OverrideDecision("  ", date(2025, 3, 5))

    assert error.value.code == "override_decision_required"


def test_a_parent_without_a_quota_sets_no_ceiling():
    check = check_allocation(
        parent_name="X", parent_quota=None, children_quotas=[50, 45], period=TERM
    )

    assert (check.allocated, check.unallocated) == (95, None)


def test_negative_quotas_are_refused():
    with pytest.raises(DomainError, match="âm"):
        check_allocation(parent_name="X", parent_quota=10, children_quotas=[-1], period=TERM)


@given(
    parent=st.integers(min_value=0, max_value=10_000),
    children=st.lists(st.integers(min_value=0, max_value=3_000), max_size=8),
)
def test_an_allocation_is_accepted_exactly_when_the_children_fit(parent, children):
    try:
        check = check_allocation(
            parent_name="X", parent_quota=parent, children_quotas=children, period=TERM
        )
    except DomainError:
        assert sum(children) > parent
    else:
        assert check.unallocated is not None
        assert check.unallocated >= 0
        assert check.allocated + check.unallocated == parent


def test_unallocated_is_the_parent_minus_the_children():
    assert unallocated(85, [30, 40]) == 15
    assert unallocated(85, []) == 85
    assert unallocated(None, [30]) is None


def test_yearly_quotas_are_shown_against_the_term_total():
    breakdown = term_breakdown(TERM, 5000, {2020: 800, 2021: 900, 2023: 1000})

    assert breakdown.yearly_total == 2700
    assert breakdown.remaining == 2300
    assert breakdown.years[:4] == (
        TermYear(2020, 800),
        TermYear(2021, 900),
        TermYear(2022, None),
        TermYear(2023, 1000),
    )
    assert len(breakdown.years) == 6


def test_yearly_quotas_may_go_beyond_a_term_target_which_is_a_minimum():
    breakdown = term_breakdown(TERM, 100, dict.fromkeys(TERM.years(), 20))

    assert breakdown.remaining == -20


def test_a_year_outside_the_term_is_refused():
    with pytest.raises(DomainError) as error:
        term_breakdown(TERM, 5000, {2019: 10, 2026: 10})

    assert error.value.message == "Năm 2019, 2026 không thuộc nhiệm kỳ 2020–2025."


@pytest.mark.parametrize(
    ("rate", "members", "quota"),
    [
        (3, 1000, 30),  # a float would give 30.000000000000004 and round up to 31
        (3, 1001, 31),
        ("3,5", 200, 7),
        (Decimal("3.3"), 1000, 33),
        ("0.07", 1000, 1),
        (4, 0, 0),
    ],
)
def test_a_rate_target_implies_a_number_rounded_up(rate, members, quota):
    assert quota_from_rate(rate, members) == quota


@pytest.mark.parametrize("rate", ["ba phần trăm", "-1", "NaN"])
def test_a_malformed_rate_is_refused(rate):
    with pytest.raises(DomainError) as error:
        quota_from_rate(rate, 1000)

    assert error.value.code == "invalid_rate"
