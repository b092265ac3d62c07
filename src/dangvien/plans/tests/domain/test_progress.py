from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvien.plans.domain.forecast import Forecast
from dangvien.plans.domain.progress import (
    MonthProgress,
    Risk,
    RiskRules,
    classify,
    completed_months,
    monthly_progress,
    planned_to_date,
    progress,
    straight_line_plan,
)
from dangvien.plans.domain.quotas import Period

YEAR = Period.year(2025)


def test_the_straight_line_plan_rounds_each_month_half_up():
    assert straight_line_plan(85) == [7, 14, 21, 28, 35, 43, 50, 57, 64, 71, 78, 85]
    assert straight_line_plan(18) == [2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]


@given(quota=st.integers(min_value=0, max_value=100_000), months=st.integers(1, 72))
def test_the_straight_line_plan_rises_to_the_quota(quota, months):
    plan = straight_line_plan(quota, months)

    assert plan[-1] == quota
    assert plan == sorted(plan)


@pytest.mark.parametrize(
    ("on", "months"),
    [
        (date(2024, 12, 31), 0),
        (date(2025, 1, 30), 0),
        (date(2025, 1, 31), 1),
        (date(2025, 2, 28), 2),
        (date(2025, 6, 29), 5),
        (date(2025, 6, 30), 6),
        (date(2025, 12, 31), 12),
        (date(2026, 3, 1), 12),
    ],
)
def test_a_month_counts_as_completed_on_its_last_day(on, months):
    assert completed_months(YEAR, on) == months


def test_the_plan_to_date_is_the_figure_of_the_last_completed_month():
    assert planned_to_date(85, YEAR, date(2025, 6, 30)) == 43
    assert planned_to_date(85, YEAR, date(2025, 7, 15)) == 43
    assert planned_to_date(85, YEAR, date(2025, 1, 15)) == 0


def test_a_term_plan_spreads_over_all_its_months():
    assert planned_to_date(600, Period(2021, 2025), date(2021, 12, 31)) == 120


def test_month_by_month_progress_is_cumulative_and_stops_at_today():
    months = monthly_progress(
        YEAR, 12, {(2025, 1): 2, (2025, 3): 1, (2024, 12): 9}, date(2025, 3, 5)
    )

    assert months[:4] == [
        MonthProgress(2025, 1, 1, 2),
        MonthProgress(2025, 2, 2, 2),
        MonthProgress(2025, 3, 3, 3),
        MonthProgress(2025, 4, 4, None),
    ]
    assert months[-1] == MonthProgress(2025, 12, 12, None)


def test_without_a_quota_months_have_no_plan():
    months = monthly_progress(YEAR, None, {}, date(2025, 1, 31))

    assert months[0] == MonthProgress(2025, 1, None, 0)


@pytest.mark.parametrize(
    ("quota", "admitted", "planned", "expected", "risk"),
    [
        (None, 5, 0, None, Risk.NO_QUOTA),
        (0, 5, 0, None, Risk.NO_QUOTA),
        (60, 60, 30, None, Risk.MET),
        (60, 70, 30, 0.0, Risk.MET),
        (60, 24, 30, None, Risk.ON_TRACK),  # 6 behind: exactly the 10% margin
        (60, 23, 30, None, Risk.AT_RISK),  # 7 behind
        (60, 30, 30, 29.5, Risk.AT_RISK),  # forecast 59.5 < 60
        (60, 30, 30, 30.0, Risk.ON_TRACK),
    ],
)
def test_progress_is_classified_against_the_plan_and_the_forecast(
    quota, admitted, planned, expected, risk
):
    assert (
        classify(quota=quota, admitted=admitted, planned=planned, expected_from_pipeline=expected)
        is risk
    )


def test_the_risk_thresholds_are_parameters():
    lenient = RiskRules(behind_margin_percent=20, forecast_shortfall_percent=5)

    assert classify(quota=60, admitted=23, planned=30, rules=lenient) is Risk.ON_TRACK
    assert (
        classify(quota=60, admitted=30, planned=30, expected_from_pipeline=27.5, rules=lenient)
        is Risk.ON_TRACK
    )


def test_progress_sums_the_months_and_reports_json():
    forecast = Forecast(date(2025, 6, 30), 40, 20.5, 16, 25, 0.8, ())

    result = progress(
        period=YEAR,
        quota=85,
        admitted_by_month={(2025, m): 6 for m in range(1, 7)},
        on=date(2025, 6, 30),
        forecast=forecast,
    )

    data = result.to_json()
    assert (data["quota"], data["admitted"], data["planned_to_date"]) == (85, 36, 43)
    assert (data["quota_percent"], data["expected_total"]) == (42.35, 56.5)
    assert data["risk"] == "at_risk"  # 36 + 20.5 < 85
    assert data["months"][5] == {"month": "2025-06", "planned": 43, "admitted": 36}
    assert data["months"][6] == {"month": "2025-07", "planned": 50, "admitted": None}
    assert data["forecast"]["expected"] == 20.5
