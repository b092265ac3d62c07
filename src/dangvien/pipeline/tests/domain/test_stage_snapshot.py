"""The stage snapshot's days and stages (no database)."""

from __future__ import annotations

from datetime import date

from dangvien.pipeline.domain.stage_snapshot import OPEN_STAGES, warm_days
from dangvien.pipeline.domain.stages import Stage


def test_the_warm_days_are_today_and_the_end_of_last_year():
    assert warm_days(date(2026, 12, 7)) == [date(2025, 12, 31), date(2026, 12, 7)]
    assert warm_days(date(2026, 12, 31)) == [date(2025, 12, 31), date(2026, 12, 31)]


def test_only_the_stages_of_open_candidacies_are_counted():
    assert Stage.SOURCE.value in OPEN_STAGES
    assert Stage.OFFICIAL.value not in OPEN_STAGES
