"""Monthly evaluations: which month is expected first and which ones are missing."""

from __future__ import annotations

from datetime import date

from dangvien.pipeline.domain.evaluations import (
    first_expected_month,
    first_unevaluated_month,
    format_month,
    missing_months,
    month_end,
    next_month,
)


def test_the_first_expected_month_is_the_month_after_listing() -> None:
    assert first_expected_month(date(2025, 3, 15)) == date(2025, 4, 1)
    assert first_expected_month(date(2025, 12, 1)) == date(2026, 1, 1)


def test_month_arithmetic_crosses_the_year_and_february() -> None:
    assert next_month(date(2025, 12, 1)) == date(2026, 1, 1)
    assert month_end(date(2024, 2, 1)) == date(2024, 2, 29)
    assert format_month(date(2025, 3, 1)) == "03/2025"


def test_the_first_unevaluated_month_skips_the_evaluated_ones() -> None:
    evaluated = {date(2025, 4, 1), date(2025, 5, 20)}
    assert first_unevaluated_month(date(2025, 3, 15), evaluated) == date(2025, 6, 1)


def test_missing_months_lists_only_ended_months_without_an_evaluation() -> None:
    evaluated = {date(2025, 5, 1)}
    missing = missing_months(date(2025, 3, 15), evaluated, today=date(2025, 7, 10))
    # April and June ended without an evaluation; July has not ended yet.
    assert missing == [date(2025, 4, 1), date(2025, 6, 1)]


def test_the_last_day_of_a_month_is_not_yet_missing() -> None:
    assert missing_months(date(2025, 3, 15), set(), today=date(2025, 4, 30)) == []
    assert missing_months(date(2025, 3, 15), set(), today=date(2025, 5, 1)) == [date(2025, 4, 1)]
