"""Forecast admissions by year end from the candidates in the pipeline, and backtest it."""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import NormalDist
from typing import Any

from dangvien.core.domain.text import format_number, percent, round_half_up

DEFAULT_MIN_CASES = 20
DEFAULT_CONFIDENCE = 0.8
HISTORY_YEARS = 3  # the forecast learns from the candidacies of the last three years


def history_start(day: date) -> date:
    """Return the first day of the history a forecast made on `day` learns from."""
    return date(day.year - HISTORY_YEARS, day.month, 1)


@dataclass(frozen=True)
class HistoricalCase:
    """A candidate seen in a stage on a past date, and the admission decision date if one came.

    Selectors take snapshots of the pipeline on past dates; `decided_on` is None when the
    candidate left without a decision or had none by the time the history was read.
    """

    stage: str
    observed_on: date
    decided_on: date | None


@dataclass(frozen=True)
class CaseCount:
    """How many cases seen in a stage were decided `days` after (None: not decided).

    The tallied form of `HistoricalCase`, which a selector computes in the database so
    that a large subtree does not send one row per case.
    """

    stage: str
    days: int | None
    count: int


def median_of_counts(counts: Mapping[int, int]) -> float | None:
    """Return the median of values given with their multiplicities; None when there are none.

    The same figure as `statistics.median` of the expanded list: the middle value, or the
    mean of the two middle ones.
    """
    total = sum(counts.values())
    if total == 0:
        return None
    ordered = sorted(value for value, count in counts.items() if count > 0)
    middle = [(total - 1) // 2, total // 2]  # 0-based ranks of the middle value(s)
    found: list[int] = []
    seen = 0
    for value in ordered:
        seen += counts[value]
        while middle and middle[0] < seen:
            found.append(value)
            middle.pop(0)
    return float(found[0]) if found[0] == found[1] else (found[0] + found[1]) / 2


@dataclass(frozen=True)
class StageStats:
    """How often and how fast candidates seen in a stage reached an admission decision.

    `source` is the history used: 0 the unit's own, 1 its parent's, and so on; -1 none.
    """

    stage: str
    cases: int
    # (days from observation to decision, how many decided cases took that long), ascending
    durations: tuple[tuple[int, int], ...]
    source: int

    @property
    def decided(self) -> int:
        return sum(count for _, count in self.durations)

    @property
    def conversion_percent(self) -> float | None:
        return percent(self.decided, self.cases)

    @property
    def median_days(self) -> float | None:
        return median_of_counts(dict(self.durations))

    def probability_within(self, days: int) -> float:
        """Return P(decide) × P(decision within `days` | decided): decided within days / cases."""
        if self.cases == 0:
            return 0.0
        return sum(count for length, count in self.durations if length <= days) / self.cases

    def to_json(self) -> dict[str, Any]:
        return {
            "stage": self.stage,
            "cases": self.cases,
            "decided": self.decided,
            "conversion_percent": self.conversion_percent,
            "median_days": self.median_days,
            "source": self.source,
        }


Durations = tuple[tuple[int, int], ...]


class StagedHistory:
    """One level's history grouped by stage once, for the many forecasts that share it.

    A dashboard forecasts every child of a unit from the same ancestor histories; grouping
    them once (and tallying each stage's durations once) replaces a scan of the whole
    history per child and stage. The statistics are those of the plain list of cases.
    Built from cases, from tallies (`counts`), or both.
    """

    def __init__(
        self, cases: Iterable[HistoricalCase] = (), counts: Iterable[CaseCount] = ()
    ) -> None:
        self._cases: Counter[str] = Counter()
        self._decided: defaultdict[str, Counter[int]] = defaultdict(Counter)
        for case in cases:
            self._cases[case.stage] += 1
            if case.decided_on is not None:
                self._decided[case.stage][(case.decided_on - case.observed_on).days] += 1
        for tally in counts:
            self._cases[tally.stage] += tally.count
            if tally.days is not None:
                self._decided[tally.stage][tally.days] += tally.count

    def __len__(self) -> int:
        return self._cases.total()

    def cases(self, stage: str) -> int:
        """Return how many cases were seen in the stage."""
        return self._cases[stage]

    def durations(self, stage: str) -> Durations:
        """Return (days to decision, cases) of the stage's decided cases, ascending."""
        return tuple(sorted(self._decided.get(stage, Counter()).items()))


# A unit's history: a plain list of cases, or the same cases grouped by stage.
History = Sequence[HistoricalCase] | StagedHistory


def _durations(cases: Iterable[HistoricalCase]) -> Durations:
    tally = Counter((c.decided_on - c.observed_on).days for c in cases if c.decided_on is not None)
    return tuple(sorted(tally.items()))


def _cases_of_stage(history: History, stage: str) -> int:
    if isinstance(history, StagedHistory):
        return history.cases(stage)
    return sum(1 for c in history if c.stage == stage)


def stage_stats(stage: str, histories: Sequence[History], *, min_cases: int) -> StageStats:
    """Compute a stage's statistics from the nearest history with at least `min_cases` cases.

    `histories` runs from the unit's own to its farthest ancestor's; when none has enough
    cases the largest one is used (the nearest on a tie), so a small unit still gets a figure.
    """
    # Levels are counted lazily: most units have enough cases of their own, and their
    # parents' (much longer) histories need not be scanned at all.
    sizes: list[int] = []
    chosen = None
    for history in histories:
        sizes.append(_cases_of_stage(history, stage))
        if sizes[-1] >= min_cases:
            chosen = len(sizes) - 1
            break
    if chosen is None:
        chosen = sizes.index(max(sizes)) if sizes and max(sizes) > 0 else -1
    if chosen == -1:
        return StageStats(stage=stage, cases=0, durations=(), source=-1)
    history = histories[chosen]
    durations = (
        history.durations(stage)
        if isinstance(history, StagedHistory)
        else _durations(c for c in history if c.stage == stage)
    )
    return StageStats(stage=stage, cases=sizes[chosen], durations=durations, source=chosen)


@dataclass(frozen=True)
class Forecast:
    """Expected admission decisions from today's pipeline by 31/12, with an integer range."""

    on: date
    candidates: int
    expected: float
    low: int
    high: int
    confidence: float
    stages: tuple[StageStats, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "candidates": self.candidates,
            "expected": round_half_up(self.expected, 2),
            "low": self.low,
            "high": self.high,
            "confidence": self.confidence,
            "stages": [s.to_json() for s in self.stages],
        }


def forecast_year_end(
    *,
    candidates: Iterable[str] | Mapping[str, int],
    on: date,
    histories: Sequence[History],
    min_cases: int = DEFAULT_MIN_CASES,
    confidence: float = DEFAULT_CONFIDENCE,
) -> Forecast:
    """Forecast decisions by 31/12 of `on`'s year for candidates given by their current stage.

    `candidates` lists each candidate's stage, or maps stages to how many candidates are
    there; the stages are reported in the order they first appear. Each candidate is a
    coin with its stage's probability of a decision within the days left; the expected
    value is the sum of those probabilities and the range a normal approximation of the
    sum, clipped to [0, candidates].
    """
    per_stage = Counter(candidates)
    days_left = (date(on.year, 12, 31) - on).days
    stats = tuple(stage_stats(s, histories, min_cases=min_cases) for s in per_stage)
    mean = variance = 0.0
    for s in stats:
        p = s.probability_within(days_left)
        mean += per_stage[s.stage] * p
        variance += per_stage[s.stage] * p * (1 - p)
    low, high = _interval(mean, variance, confidence, per_stage.total())
    return Forecast(on, per_stage.total(), mean, low, high, confidence, stats)


def _interval(mean: float, variance: float, confidence: float, upper: int) -> tuple[int, int]:
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    z = NormalDist().inv_cdf(0.5 + confidence / 2)
    spread = z * math.sqrt(variance)
    # Round before floor/ceil so float noise (2.0000000001) does not widen the range.
    low = math.floor(round(mean - spread, 9))
    high = math.ceil(round(mean + spread, 9))
    return max(0, low), min(upper, max(0, high))


def likely_to_miss(quota: int | None, admitted_so_far: int, forecast: Forecast) -> bool:
    """Return whether the admissions so far plus the expected ones fall short of the quota.

    A unit without a quota (or with 0) cannot miss it.
    """
    if not quota:
        return False
    return admitted_so_far + forecast.expected < quota


def explain_forecast(
    *, min_cases: int = DEFAULT_MIN_CASES, confidence: float = DEFAULT_CONFIDENCE, lang: str = "vi"
) -> str:
    """Return the one-sentence explanation of the method shown next to the forecast."""
    level = f"{format_number(round(confidence * 100))}%"
    if lang == "en":
        return (
            "The forecast adds to the admissions so far each candidate's chance of an admission "
            "decision by 31/12, from how often and how fast candidates at the same stage reached "
            f"a decision in the unit's past (its parent's when it has fewer than {min_cases} "
            f"cases), with a {level} range."
        )
    return (
        "Dự báo cộng số đã kết nạp với khả năng được quyết định kết nạp trước ngày 31/12 của "
        "từng quần chúng đang trong quy trình, tính theo tỷ lệ và thời gian đi đến quyết định "
        "kết nạp của những người cùng bước trước đây trong đơn vị (dùng số liệu của cấp trên "
        f"khi đơn vị có dưới {min_cases} trường hợp), kèm khoảng dao động {level}."
    )


def history_known_on(
    cases: Iterable[HistoricalCase], on: date, horizon_days: int
) -> list[HistoricalCase]:
    """Return the cases as they were known on `on`, old enough to show a full horizon.

    Only cases observed at least `horizon_days` before `on` are kept, so whether each was
    decided within the horizon was already known; later decisions are hidden, as they
    were then. This keeps a backtest free of hindsight.
    """
    return [
        HistoricalCase(
            c.stage, c.observed_on, c.decided_on if c.decided_on and c.decided_on <= on else None
        )
        for c in cases
        if (on - c.observed_on).days >= horizon_days
    ]


@dataclass(frozen=True)
class BacktestYear:
    """A past year: the candidates' stages on the cutoff date and the admissions seen."""

    year: int
    candidates_at_cutoff: tuple[str, ...]
    admitted_by_cutoff: int
    admitted_by_year_end: int


@dataclass(frozen=True)
class BacktestResult:
    """The forecast made on the cutoff date of a past year against what happened by 31/12."""

    year: int
    forecast: float  # admitted by the cutoff plus the expected decisions from the pipeline
    low: int
    high: int
    actual: int

    @property
    def error(self) -> float:
        """Return forecast minus actual: positive when the forecast was too high."""
        return round_half_up(self.forecast - self.actual, 2)

    @property
    def within_range(self) -> bool:
        return self.low <= self.actual <= self.high


def backtest(
    years: Iterable[BacktestYear],
    histories: Sequence[Sequence[HistoricalCase]],
    *,
    cutoff: tuple[int, int] = (6, 30),
    min_cases: int = DEFAULT_MIN_CASES,
    confidence: float = DEFAULT_CONFIDENCE,
) -> list[BacktestResult]:
    """Forecast each past year from its cutoff date (30/06 by default), using only what was known.

    The range and the forecast both include the admissions made by the cutoff.
    """
    results = []
    for year in years:
        on = date(year.year, *cutoff)
        horizon = (date(year.year, 12, 31) - on).days
        known = [history_known_on(cases, on, horizon) for cases in histories]
        fc = forecast_year_end(
            candidates=year.candidates_at_cutoff,
            on=on,
            histories=known,
            min_cases=min_cases,
            confidence=confidence,
        )
        results.append(
            BacktestResult(
                year=year.year,
                forecast=year.admitted_by_cutoff + fc.expected,
                low=year.admitted_by_cutoff + fc.low,
                high=year.admitted_by_cutoff + fc.high,
                actual=year.admitted_by_year_end,
            )
        )
    return results


def mean_absolute_error(results: Sequence[BacktestResult]) -> float | None:
    """Return the mean of |forecast − actual| over the years, 2 decimals; None for no years."""
    if not results:
        return None
    return round_half_up(sum(abs(r.forecast - r.actual) for r in results) / len(results), 2)
