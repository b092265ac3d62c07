from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangvien.plans.domain.forecast import (
    BacktestYear,
    HistoricalCase,
    backtest,
    explain_forecast,
    forecast_year_end,
    history_known_on,
    likely_to_miss,
    mean_absolute_error,
    stage_stats,
)

SEEN = date(2022, 6, 30)
CUTOFF = date(2023, 6, 30)  # 184 days before 31/12


def case(stage: str, days: int | None, seen: date = SEEN) -> HistoricalCase:
    return HistoricalCase(stage, seen, None if days is None else seen + timedelta(days=days))


# The commune's own history: four candidates seen after the class, two in the dossier step.
OWN = [case("lop", 30), case("lop", 100), case("lop", 300), case("lop", None)]
OWN += [case("ho_so", 10), case("ho_so", 15)]
# The province's history, used where the commune has fewer cases than the minimum.
PARENT = [case("ho_so", 20), case("ho_so", 50), case("ho_so", 200), case("ho_so", None)]


def test_stage_statistics_come_from_the_units_own_history_when_large_enough():
    stats = stage_stats("lop", [OWN, PARENT], min_cases=3)

    assert (stats.cases, stats.decided, stats.source) == (4, 3, 0)
    assert (stats.conversion_percent, stats.median_days) == (75.0, 100.0)
    assert stats.probability_within(184) == 0.5  # 30 and 100 days, of 4 cases


def test_stage_statistics_fall_back_on_the_parent_when_the_unit_has_too_few_cases():
    stats = stage_stats("ho_so", [OWN, PARENT], min_cases=3)

    assert (stats.cases, stats.source, stats.median_days) == (4, 1, 50.0)


def test_when_no_history_is_large_enough_the_largest_is_used():
    stats = stage_stats("ho_so", [OWN, PARENT[:1]], min_cases=10)

    assert (stats.cases, stats.source) == (2, 0)


def test_a_stage_never_seen_has_no_chance():
    stats = stage_stats("bieu_quyet", [OWN, PARENT], min_cases=3)

    assert (stats.cases, stats.source, stats.probability_within(1000)) == (0, -1, 0.0)
    assert (stats.conversion_percent, stats.median_days) == (None, None)


def test_the_forecast_sums_each_candidates_chance_before_31_december():
    forecast = forecast_year_end(
        candidates=["lop", "lop", "ho_so"], on=CUTOFF, histories=[OWN, PARENT], min_cases=3
    )

    # 2 x 0.5 + 1 x 0.5; variance 3 x 0.25, 80% range 1.5 ± 1.2816 x 0.866
    assert forecast.expected == 1.5
    assert (forecast.low, forecast.high) == (0, 3)
    assert forecast.candidates == 3


def test_a_decision_on_31_december_still_counts():
    history = [case("lop", 184)] * 4

    forecast = forecast_year_end(candidates=["lop"], on=CUTOFF, histories=[history], min_cases=1)

    assert (forecast.expected, forecast.low, forecast.high) == (1.0, 1, 1)


def test_an_empty_pipeline_forecasts_nothing():
    forecast = forecast_year_end(candidates=[], on=CUTOFF, histories=[OWN])

    assert (forecast.expected, forecast.low, forecast.high) == (0.0, 0, 0)


@given(
    stages=st.lists(st.sampled_from(["a", "b", "c"]), max_size=40),
    on=st.dates(min_value=date(2023, 1, 1), max_value=date(2023, 12, 31)),
)
def test_the_range_holds_the_expected_value_and_stays_within_the_pipeline(stages, on):
    history = [case("a", 10), case("a", None), case("b", 90), case("c", 400)]

    forecast = forecast_year_end(candidates=stages, on=on, histories=[history], min_cases=1)

    assert 0 <= forecast.low <= forecast.expected <= forecast.high <= len(stages)


def test_the_forecast_reports_json_for_the_dashboard():
    forecast = forecast_year_end(candidates=["lop"], on=CUTOFF, histories=[OWN], min_cases=3)

    assert forecast.to_json() == {
        "on": "2023-06-30",
        "candidates": 1,
        "expected": 0.5,
        "low": 0,
        "high": 1,
        "confidence": 0.8,
        "stages": [
            {
                "stage": "lop",
                "cases": 4,
                "decided": 3,
                "conversion_percent": 75.0,
                "median_days": 100.0,
                "source": 0,
            }
        ],
    }


@pytest.mark.parametrize(
    ("quota", "admitted", "missing"),
    [(10, 8, True), (9, 8, False), (None, 0, False), (0, 0, False), (9, 9, False)],
)
def test_a_unit_is_likely_to_miss_when_admissions_and_forecast_fall_short(quota, admitted, missing):
    forecast = forecast_year_end(
        candidates=["lop", "lop", "ho_so"], on=CUTOFF, histories=[OWN, PARENT], min_cases=3
    )

    assert likely_to_miss(quota, admitted, forecast) is missing


def test_the_explanation_is_one_sentence_naming_the_threshold_and_range():
    vi = explain_forecast(min_cases=15)
    en = explain_forecast(min_cases=15, confidence=0.9, lang="en")

    assert "dưới 15 trường hợp" in vi
    assert "80%" in vi
    assert vi.count(".") == 1
    assert vi.endswith(".")
    assert "fewer than 15 cases" in en
    assert "90% range" in en


def test_history_known_on_keeps_only_cases_with_a_full_horizon_and_hides_later_decisions():
    cases = [
        case("lop", 30, seen=date(2022, 12, 28)),  # 184 days before the cutoff: kept
        case("lop", 30, seen=date(2022, 12, 29)),  # too recent to show a full horizon
        case("lop", 400, seen=date(2022, 1, 1)),  # decided 05/02/2023: known by the cutoff
        case("lop", 600, seen=date(2022, 1, 1)),  # decided after the cutoff: hidden
    ]

    known = history_known_on(cases, CUTOFF, 184)

    assert [c.decided_on for c in known] == [date(2023, 1, 27), date(2023, 2, 5), None]


def test_backtest_forecasts_each_past_year_from_its_cutoff_and_reports_the_error():
    years = [
        BacktestYear(2023, ("lop", "lop", "ho_so"), admitted_by_cutoff=5, admitted_by_year_end=7),
        BacktestYear(2022, ("lop",), admitted_by_cutoff=4, admitted_by_year_end=4),
    ]

    results = backtest(years, [OWN, PARENT], min_cases=3)

    first, second = results
    assert (first.year, first.forecast, first.low, first.high, first.actual) == (2023, 6.5, 5, 8, 7)
    assert (first.error, first.within_range) == (-0.5, True)
    # in 2022 nothing was known yet: the history was observed that very day
    assert (second.forecast, second.error) == (4.0, 0.0)
    assert mean_absolute_error(results) == 0.25


def test_mean_absolute_error_of_no_years_is_none():
    assert mean_absolute_error([]) is None
