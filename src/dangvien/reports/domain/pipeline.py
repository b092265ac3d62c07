"""Build the `pipeline` report: candidates by stage, conversions, time per stage, overdue steps."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from heapq import nsmallest
from typing import NamedTuple

from dangvien.core.domain.text import percent
from dangvien.plans.domain.forecast import median_of_counts
from dangvien.plans.domain.progress import Progress
from dangvien.reports.domain.base import JsonDict, ReportScope

KIND = "pipeline"


@dataclass(frozen=True)
class StageExit:
    """A stay in a stage that ended; `advanced` is False when the candidate dropped out."""

    stage: str
    entered_on: date
    left_on: date
    advanced: bool


@dataclass(frozen=True)
class ExitCount:
    """How many stays in a stage ended in the period after `days` calendar days.

    The tallied form of `StageExit`, which a source computes in the database so that a
    large subtree does not send one row per stay.
    """

    stage: str
    days: int
    advanced: bool
    count: int


class OpenStep(NamedTuple):
    """A step not done by `to`, with its deadline; `ref` identifies the dossier for the caller.

    A named tuple, not a frozen dataclass: a source may hand over thousands of them.
    """

    stage: str
    step: str
    due_on: date
    ref: str


# The report lists at most this many overdue steps. The counts stay exact; the whole
# list is the dossier board's "overdue" filter, paged. The national report has about
# 68,000 overdue steps: listing them all took most of a second and a 10 MB answer,
# and nobody reads them in a report.
OVERDUE_LISTED = 1000


def overdue_order(step: OpenStep) -> tuple[date, str, int, str, str]:
    """Most overdue first; ties by stage code, then dossier (a number sorts as a number),
    then step. The database sorts by the same key (pipeline.report_source)."""
    return (step.due_on, step.stage, len(step.ref), step.ref, step.step)


@dataclass(frozen=True)
class Overdue:
    """The steps overdue on `to`: exact counts by stage, and the most overdue listed."""

    by_stage: Mapping[str, int]
    steps: tuple[OpenStep, ...]  # in `overdue_order`, at most OVERDUE_LISTED

    @property
    def count(self) -> int:
        return sum(self.by_stage.values())

    @property
    def truncated(self) -> bool:
        return self.count > len(self.steps)


NO_OVERDUE = Overdue(by_stage={}, steps=())


def summarise_overdue(steps: Iterable[OpenStep], to: date, limit: int = OVERDUE_LISTED) -> Overdue:
    """Count the steps whose deadline is before `to` and keep the `limit` most overdue."""
    due = [step for step in steps if step.due_on < to]
    return Overdue(
        by_stage=Counter(step.stage for step in due),
        steps=tuple(nsmallest(limit, due, key=overdue_order)),
    )


@dataclass(frozen=True)
class StageLine:
    """One stage: candidates there on `to`, and the stays in it that ended during the period."""

    stage: str
    candidates: int
    left: int
    advanced: int
    median_days: float | None

    @property
    def conversion_percent(self) -> float | None:
        return percent(self.advanced, self.left)


@dataclass(frozen=True)
class PipelineReport:
    """The pipeline report, with the year-end outlook when the caller computed one."""

    scope: ReportScope
    stages: tuple[StageLine, ...]
    overdue: Overdue
    outlook: Progress | None

    def to_json(self) -> JsonDict:
        return {
            **self.scope.header(KIND),
            "candidates": sum(s.candidates for s in self.stages),
            "by_stage": {s.stage: s.candidates for s in self.stages},
            "conversions": [
                {
                    "from": here.stage,
                    "to": after.stage,
                    "left": here.left,
                    "advanced": here.advanced,
                    "percent": here.conversion_percent,
                }
                for here, after in zip(self.stages, self.stages[1:], strict=False)
            ],
            "median_days": {s.stage: s.median_days for s in self.stages},
            "overdue": {
                "count": self.overdue.count,
                "by_stage": dict(self.overdue.by_stage),
                "steps": _overdue_json(self.overdue.steps, self.scope.date_to),
                "truncated": self.overdue.truncated,
            },
            "outlook": None if self.outlook is None else self.outlook.to_json(),
        }


def _overdue_json(steps: Sequence[OpenStep], to: date) -> list[JsonDict]:
    return [
        {
            "stage": s.stage,
            "step": s.step,
            "due": s.due_on.isoformat(),
            "days_overdue": (to - s.due_on).days,
            "ref": s.ref,
        }
        for s in steps
    ]


def build_pipeline_report(
    *,
    scope: ReportScope,
    stage_order: Sequence[str],
    candidates_by_stage: Mapping[str, int],
    exits: Iterable[StageExit | ExitCount],
    overdue: Overdue = NO_OVERDUE,
    outlook: Progress | None = None,
) -> PipelineReport:
    """Build the report with one line per stage in `stage_order`, even when empty.

    `candidates_by_stage` counts the candidates at each stage (pipeline stage codes) on `to`.
    Conversions and median days use stays that ended in the period (calendar days from
    entry to exit): single stays are kept when they ended in the period, tallies are taken
    as already limited to it. `overdue` (see `summarise_overdue`) is reported in stage order.
    """
    known = set(stage_order)
    on_stage = Counter(candidates_by_stage)
    ended: defaultdict[str, Counter[tuple[int, bool]]] = defaultdict(Counter)
    for stay in exits:
        if isinstance(stay, ExitCount):
            ended[stay.stage][(stay.days, stay.advanced)] += stay.count
        elif scope.contains(stay.left_on):
            ended[stay.stage][((stay.left_on - stay.entered_on).days, stay.advanced)] += 1
    unknown = (set(on_stage) | set(ended) | set(overdue.by_stage)) - known
    if unknown:
        raise ValueError(f"stages missing from stage_order: {sorted(unknown)}")
    lines = tuple(_stage_line(stage, on_stage[stage], ended[stage]) for stage in stage_order)
    in_order = Overdue(
        by_stage={s: overdue.by_stage[s] for s in stage_order if overdue.by_stage.get(s)},
        steps=overdue.steps,
    )
    return PipelineReport(scope=scope, stages=lines, overdue=in_order, outlook=outlook)


def _stage_line(stage: str, candidates: int, stays: Counter[tuple[int, bool]]) -> StageLine:
    days: Counter[int] = Counter()
    for (length, _), count in stays.items():
        days[length] += count
    return StageLine(
        stage=stage,
        candidates=candidates,
        left=stays.total(),
        advanced=sum(count for (_, advanced), count in stays.items() if advanced),
        median_days=median_of_counts(days),
    )
