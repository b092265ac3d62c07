from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvien.people.domain.enums import Gender
from dangvien.plans.domain.quotas import Period
from dangvien.reports.domain.admissions import (
    AdmissionTally,
    AdmittedRow,
    ChildAdmissions,
    build_admissions_report,
    count_by_child,
    quota_percent,
    tally_admissions,
)
from dangvien.reports.domain.base import OrgRef
from dangvien.reports.domain.categories import Category, CategoryTally
from dangvien.reports.tests.domain import person, scope

YEAR_2023 = Period.year(2023)
TERM = Period(2020, 2025)


def rows() -> list[AdmittedRow]:
    """Three admissions in 2023 and one in 2024 that the 2023 report must leave out."""
    young_woman = person(
        born=date(2000, 5, 10), gender=Gender.FEMALE, youth_union=True, qualification="dai_hoc"
    )
    tay_buddhist = person(born=date(1990, 6, 1), ethnicity="tay", religion="phat_giao")
    just_18 = person(
        born=date(2005, 7, 1),
        gender=Gender.FEMALE,
        religion="",
        youth_union=True,
        qualification="cao_dang",
    )
    return [
        AdmittedRow(young_woman, date(2023, 3, 1), "X-1"),  # 22 years old
        AdmittedRow(tay_buddhist, date(2023, 6, 1), "X-1"),  # 33 on the day
        AdmittedRow(just_18, date(2023, 7, 1), "X-2"),  # 18 on the day
        AdmittedRow(person(), date(2024, 1, 2), "X-2"),
    ]


def test_the_report_matches_the_contract_field_for_field():
    # given
    report_scope = scope()
    children = [
        ChildAdmissions(OrgRef("X-1", "Chi bộ thôn 1"), 2, {YEAR_2023: 2}),
        ChildAdmissions(OrgRef("X-2", "Chi bộ thôn 2"), 1),
        ChildAdmissions(OrgRef("X-3", "Chi bộ thôn 3"), 0, {YEAR_2023: 0}),
    ]

    # when
    report = build_admissions_report(
        scope=report_scope,
        tally=tally_admissions(rows(), report_scope),
        members_at_start=80,
        quotas={YEAR_2023: 4, Period.year(2024): 9},
        children=children,
    )

    # then
    assert report.to_json() == {
        "report": "admissions",
        "org": {"code": "X", "name": "Đảng bộ xã X"},
        "from": "2023-01-01",
        "to": "2023-12-31",
        "as_of": None,
        "admitted": 3,
        "quota": 4,
        "quota_percent": 75.0,
        "members_at_start": 80,
        "admitted_percent_of_members_at_start": 3.75,
        "by_category": {
            "age_18_30": {"count": 2, "percent": 66.67},
            "women": {"count": 2, "percent": 66.67},
            "ethnic_minority": {"count": 1, "percent": 33.33},
            "religious": {"count": 1, "percent": 33.33},
            "youth_union": {"count": 2, "percent": 66.67},
            "college_or_higher": {"count": 2, "percent": 66.67},
        },
        "average_age": 24.33,
        "children": [
            {
                "org": {"code": "X-1", "name": "Chi bộ thôn 1"},
                "admitted": 2,
                "quota": 2,
                "quota_percent": 100.0,
            },
            {
                "org": {"code": "X-2", "name": "Chi bộ thôn 2"},
                "admitted": 1,
                "quota": None,
                "quota_percent": None,
            },
            {
                "org": {"code": "X-3", "name": "Chi bộ thôn 3"},
                "admitted": 0,
                "quota": 0,
                "quota_percent": None,
            },
        ],
    }


def test_a_unit_with_no_admissions_and_no_quota_gets_nulls_not_zeros():
    report = build_admissions_report(
        scope=scope(), tally=AdmissionTally(), members_at_start=0, quotas={}
    )

    data = report.to_json()
    assert data["admitted"] == 0
    assert data["quota"] is None
    assert data["quota_percent"] is None
    assert data["admitted_percent_of_members_at_start"] is None
    assert data["average_age"] is None
    assert data["by_category"]["women"] == {"count": 0, "percent": None}
    assert data["children"] == []


def test_over_fulfilment_shows_above_100_percent():
    tally = AdmissionTally(CategoryTally(23, {}), age_sum=23 * 25)

    report = build_admissions_report(
        scope=scope(), tally=tally, members_at_start=500, quotas={YEAR_2023: 18}
    )

    assert report.quota_percent == 127.78


def test_a_year_to_date_report_is_measured_against_the_year_quota():
    report = build_admissions_report(
        scope=scope(date(2023, 1, 1), date(2023, 6, 30)),
        tally=AdmissionTally(CategoryTally(30, {}), 900),
        members_at_start=1000,
        quotas={YEAR_2023: 60, TERM: 300},
    )

    assert (report.quota, report.quota_percent) == (60, 50.0)


def test_a_report_spanning_several_years_that_is_not_a_term_has_no_quota():
    report = build_admissions_report(
        scope=scope(date(2022, 3, 1), date(2023, 12, 31)),
        tally=AdmissionTally(CategoryTally(30, {}), 900),
        members_at_start=1000,
        quotas={YEAR_2023: 60, Period.year(2022): 50, Period(2022, 2023): 1},
    )

    assert (report.quota, report.quota_percent) == (None, None)


def test_a_report_on_exactly_a_term_uses_the_term_quota():
    report = build_admissions_report(
        scope=scope(date(2020, 1, 1), date(2025, 12, 31)),
        tally=AdmissionTally(CategoryTally(330, {}), 330 * 28),
        members_at_start=5000,
        quotas={TERM: 300, Period.year(2020): 50},
    )

    assert (report.quota, report.quota_percent) == (300, 110.0)


def test_the_tally_leaves_out_decisions_outside_the_period():
    tally = tally_admissions(rows(), scope(date(2023, 3, 2), date(2023, 7, 1)))

    assert tally.admitted == 2
    assert tally.categories.counts[Category.ETHNIC_MINORITY] == 1
    assert tally.age_sum == 33 + 18


def test_the_average_age_is_the_mean_of_whole_years_rounded_half_up():
    # 2,245 / 8 = 280.625: a binary float would round it down
    assert AdmissionTally(CategoryTally(8, {}), 2245).average_age() == 280.63


def test_tallies_of_two_units_add_up():
    tally = tally_admissions(rows()[:1], scope()) + tally_admissions(rows()[1:], scope())

    assert tally == tally_admissions(rows(), scope())


def test_count_by_child_maps_each_unit_to_its_direct_child():
    child_of = {"X-1": "A", "X-2": "B"}

    counts = count_by_child(rows(), scope(), child_of)

    assert counts == {"A": 2, "B": 1}


def test_children_keep_the_order_given_by_the_caller():
    children = [ChildAdmissions(OrgRef(code, code), 0) for code in ("Z", "A", "M")]

    report = build_admissions_report(
        scope=scope(), tally=AdmissionTally(), members_at_start=0, quotas={}, children=children
    )

    assert [c.org.code for c in report.children] == ["Z", "A", "M"]


@pytest.mark.parametrize(
    ("admitted", "quota", "expected"),
    [(2, 3, 66.67), (1, 8, 12.5), (1, 800, 0.13), (12279, 20000, 61.4), (5, 0, None)],
)
def test_quota_percent_rounds_half_up(admitted, quota, expected):
    assert quota_percent(admitted, quota) == expected


@given(admitted=st.integers(min_value=0, max_value=10**7), quota=st.integers(1, 10**7))
def test_quota_percent_is_never_negative_and_reaches_100_exactly_at_the_quota(admitted, quota):
    value = quota_percent(admitted, quota)

    assert value is not None
    assert value >= 0
    if admitted >= quota:
        assert value >= 100
