"""Repeated timing with a time budget: median and p95 of wall-clock seconds."""

from __future__ import annotations

import math
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from time import perf_counter


@dataclass
class Timing:
    """The runs of one measured function, or why it was cut short."""

    runs: list[float] = field(default_factory=list)
    capped_at: float | None = None  # set when a single run exceeded the budget
    note: str = ""
    answer: object = None  # what the first run returned, to check both sides agree

    @property
    def median(self) -> float | None:
        """Return the median run time in seconds."""
        return statistics.median(self.runs) if self.runs else None

    @property
    def p95(self) -> float | None:
        """Return the 95th percentile by nearest rank (the maximum for fewer than 20 runs)."""
        if not self.runs:
            return None
        ordered = sorted(self.runs)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]

    def as_dict(self) -> dict[str, object]:
        """Return the figures for the JSON results."""
        return {
            "median_s": self.median,
            "p95_s": self.p95,
            "runs": len(self.runs),
            "capped_at_s": self.capped_at,
            "note": self.note,
        }


def measure(action: Callable[[], object], *, repeat: int, budget: float) -> Timing:
    """Time `action` `repeat` times after one warm-up run, stopping once `budget` s is spent.

    The warm-up fills the caches for both sides of a comparison alike. A first
    run slower than the budget is not repeated; it is reported as "> budget".
    """
    timing = Timing()
    started = perf_counter()
    timing.answer = action()
    if perf_counter() - started > budget:
        timing.capped_at = budget
        timing.note = "một lần chạy đã vượt ngân sách thời gian"
        return timing
    for _ in range(repeat):
        begin = perf_counter()
        action()
        timing.runs.append(perf_counter() - begin)
        if perf_counter() - started > budget:
            break
    return timing


class BudgetExceededError(Exception):
    """Raised by a naive loop that ran out of its time budget."""


def check_deadline(started: float, budget: float) -> None:
    """Raise BudgetExceededError once `budget` seconds have passed since `started`."""
    if perf_counter() - started > budget:
        raise BudgetExceededError


def measure_capped(action: Callable[[float], object], *, repeat: int, budget: float) -> Timing:
    """Like `measure` for an action that stops itself (BudgetExceededError) after `budget` s."""
    timing = Timing()
    for index in range(repeat + 1):
        begin = perf_counter()
        try:
            answer = action(budget)
        except BudgetExceededError:
            timing.capped_at = budget
            timing.note = "vòng lặp bị dừng khi hết ngân sách thời gian"
            timing.runs.clear()
            return timing
        if index:  # the first run warms the caches
            timing.runs.append(perf_counter() - begin)
        else:
            timing.answer = answer
        if sum(timing.runs) > budget:
            break
    return timing
