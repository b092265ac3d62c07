"""Tallied histories give the statistics of the plain lists of cases they stand for."""

from __future__ import annotations

import random
from datetime import date, timedelta
from statistics import median

from dangvien.plans.domain.forecast import (
    CaseCount,
    HistoricalCase,
    StagedHistory,
    forecast_year_end,
    median_of_counts,
)


def test_the_median_of_counts_is_the_median_of_the_expanded_values():
    rng = random.Random(7)
    for _ in range(300):
        counts = {rng.randint(0, 40): rng.randint(0, 4) for _ in range(rng.randint(1, 8))}
        values = [v for v, n in counts.items() for _ in range(n)]
        expected = float(median(values)) if values else None
        assert median_of_counts(counts) == expected, counts


def test_a_history_from_tallies_forecasts_like_the_cases_it_tallies():
    rng = random.Random(3)
    start = date(2022, 1, 1)
    cases = [
        HistoricalCase(
            rng.choice(["a", "b", "c"]),
            observed := start + timedelta(days=rng.randint(0, 900)),
            observed + timedelta(days=rng.randint(1, 400)) if rng.random() < 0.6 else None,
        )
        for _ in range(200)
    ]
    tallies: dict[tuple[str, int | None], int] = {}
    for c in cases:
        key = (c.stage, None if c.decided_on is None else (c.decided_on - c.observed_on).days)
        tallies[key] = tallies.get(key, 0) + 1
    counts = [CaseCount(stage, days, n) for (stage, days), n in tallies.items()]

    on = date(2025, 6, 30)
    candidates = {"a": 4, "b": 7, "c": 1}
    from_cases = forecast_year_end(candidates=candidates, on=on, histories=[cases])
    from_staged = forecast_year_end(candidates=candidates, on=on, histories=[StagedHistory(cases)])
    from_counts = forecast_year_end(
        candidates=candidates, on=on, histories=[StagedHistory(counts=counts)]
    )

    assert from_cases.to_json() == from_staged.to_json() == from_counts.to_json()
