"""Due dates across Tết and make-up Saturdays, probation in calendar months, work-list status."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dangvien.core.domain.calendar import vietnam_calendar
from dangvien.core.domain.text import months_between
from dangvien.pipeline.domain.dates import format_age, months_later
from dangvien.pipeline.domain.deadlines import (
    DueStatus,
    ceremony_due,
    certificate_expires_on,
    classify_due,
    decision_due,
    dossier_consider_by,
    extended_decision_due,
    official_as_of,
    party_age_start,
    probation_end,
    recognition_cell_due,
    recognition_decision_due,
)
from dangvien.pipeline.domain.rulesets import RULES_2025_01, RULES_2025_07

CALENDAR = vietnam_calendar(years=range(2024, 2028))
RULES = RULES_2025_07


def test_the_decision_due_date_skips_tet_2025_and_lands_on_a_make_up_saturday() -> None:
    # 24/01/2025 + 60 working days: Tết 27-31/01 and Hùng Kings 07/04 are skipped, and
    # the 60th working day is Saturday 26/04/2025, worked in exchange for 02/05/2025.
    assert decision_due(date(2025, 1, 24), calendar=CALENDAR, rule_set=RULES_2025_01) == date(
        2025, 4, 26
    )


def test_the_extended_decision_due_date_adds_30_working_days_skipping_30_4_to_2_5() -> None:
    due = extended_decision_due(date(2025, 1, 24), calendar=CALENDAR, rule_set=RULES_2025_01)
    assert due == date(2025, 6, 11)


def test_the_ceremony_due_date_skips_tet_2026() -> None:
    assert ceremony_due(date(2026, 2, 5), calendar=CALENDAR, rule_set=RULES) == date(2026, 3, 26)


def test_an_administrators_make_up_saturday_brings_the_ceremony_due_date_forward() -> None:
    with_saturday = vietnam_calendar(make_up_days=[date(2026, 3, 14)])
    assert ceremony_due(date(2026, 2, 5), calendar=with_saturday, rule_set=RULES) == date(
        2026, 3, 25
    )


def test_recognition_deadlines_count_working_days_after_their_start() -> None:
    ended = date(2025, 3, 15)  # a Saturday; Hùng Kings 07/04 is skipped
    assert recognition_cell_due(ended, calendar=CALENDAR, rule_set=RULES) == date(
        2025, 4, 26
    )  # a make-up Saturday
    resolved = date(2025, 4, 1)
    assert recognition_decision_due(resolved, calendar=CALENDAR, rule_set=RULES) == date(
        2025, 5, 16
    )


@pytest.mark.parametrize(
    ("ceremony", "end"),
    [
        (date(2024, 3, 15), date(2025, 3, 15)),
        (date(2024, 2, 29), date(2025, 3, 1)),
        (date(2023, 2, 28), date(2024, 2, 28)),
        (date(2024, 12, 31), date(2025, 12, 31)),
    ],
)
def test_probation_ends_12_calendar_months_after_the_ceremony(ceremony: date, end: date) -> None:
    assert probation_end(ceremony, rule_set=RULES) == end


def test_a_recognised_member_is_official_as_of_the_end_of_probation() -> None:
    end = probation_end(date(2024, 3, 15), rule_set=RULES)
    assert official_as_of(end) == date(2025, 3, 15)


def test_party_age_counts_from_the_admission_decision() -> None:
    assert party_age_start(date(2024, 2, 20)) == date(2024, 2, 20)


def test_a_dossier_may_be_considered_until_12_months_after_it_opened() -> None:
    assert dossier_consider_by(date(2024, 1, 1), rule_set=RULES) == date(2025, 1, 1)


def test_a_certificate_is_valid_until_60_months_after_issue() -> None:
    assert certificate_expires_on(date(2020, 1, 10), rule_set=RULES) == date(2025, 1, 10)


@pytest.mark.parametrize(
    ("due", "status"),
    [
        (date(2026, 3, 9), DueStatus.OVERDUE),
        (date(2026, 3, 10), DueStatus.DUE_SOON),
        (date(2026, 4, 9), DueStatus.DUE_SOON),
        (date(2026, 4, 10), DueStatus.LATER),
    ],
)
def test_a_due_date_is_overdue_due_soon_or_later(due: date, status: DueStatus) -> None:
    assert classify_due(due, date(2026, 3, 10)) is status


def test_the_due_soon_window_can_be_narrowed() -> None:
    assert classify_due(date(2026, 3, 20), date(2026, 3, 10), soon_within_days=7) is DueStatus.LATER


@pytest.mark.parametrize(
    ("months", "text"), [(215, "17 tuổi 11 tháng"), (216, "18 tuổi"), (721, "60 tuổi 1 tháng")]
)
def test_ages_read_in_years_and_months(months: int, text: str) -> None:
    assert format_age(months) == text


@settings(max_examples=100, deadline=None)
@given(
    st.dates(min_value=date(1950, 1, 1), max_value=date(2060, 12, 31)),
    st.integers(min_value=1, max_value=800),
)
def test_months_later_is_the_first_day_the_months_are_completed(start: date, n: int) -> None:
    end = months_later(start, n)
    assert months_between(start, end) == n
    assert months_between(start, date.fromordinal(end.toordinal() - 1)) == n - 1
