"""Build the `pipeline` report: candidates by stage, conversions, time per stage, overdue steps."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
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

    A named tuple, not a frozen dataclass: the national report lists about 68,000 overdue
    steps, and tuples are built and sorted several times faster.
    """

    stage: str
    step: str
    due_on: date
    ref: str


# Most overdue first; ties by stage, then dossier.
_OVERDUE_ORDER = itemgetter(2, 0, 3)


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
    overdue: tuple[OpenStep, ...]
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
                "count": len(self.overdue),
                "by_stage": dict(Counter(step.stage for step in self.overdue)),
                "steps": _overdue_json(self.overdue, self.scope.date_to),
            },
            "outlook": None if self.outlook is None else self.outlook.to_json(),
        }


def _overdue_json(steps: Sequence[OpenStep], to: date) -> list[JsonDict]:
    # Deadlines share a few hundred days: each day is formatted and subtracted once.
    days: dict[date, tuple[str, int]] = {}
    for due in {step.due_on for step in steps}:
        days[due] = (due.isoformat(), (to - due).days)
    return [
        {
            "stage": stage,
            "step": step,
            "due": days[due][0],
            "days_overdue": days[due][1],
            "ref": ref,
        }
        for stage, step, due, ref in steps
    ]


def build_pipeline_report(
    *,
    scope: ReportScope,
    stage_order: Sequence[str],
    candidates_by_stage: Mapping[str, int],
    exits: Iterable[StageExit | ExitCount],
    open_steps: Iterable[OpenStep],
    outlook: Progress | None = None,
) -> PipelineReport:
    """Build the report with one line per stage in `stage_order`, even when empty.

    `candidates_by_stage` counts the candidates at each stage (pipeline stage codes) on `to`.
    Conversions and median days use stays that ended in the period (calendar days from
    entry to exit): single stays are kept when they ended in the period, tallies are taken
    as already limited to it. A step is overdue when its deadline is before `to`, most
    overdue first.
    """
    known = set(stage_order)
    on_stage = Counter(candidates_by_stage)
    ended: defaultdict[str, Counter[tuple[int, bool]]] = defaultdict(Counter)
    for stay in exits:
        if isinstance(stay, ExitCount):
            ended[stay.stage][(stay.days, stay.advanced)] += stay.count
        elif scope.contains(stay.left_on):
            ended[stay.stage][((stay.left_on - stay.entered_on).days, stay.advanced)] += 1
    unknown = (set(on_stage) | set(ended)) - known
    if unknown:
        raise ValueError(f"stages missing from stage_order: {sorted(unknown)}")
    lines = tuple(_stage_line(stage, on_stage[stage], ended[stage]) for stage in stage_order)
    to = scope.date_to
    overdue = sorted([s for s in open_steps if s.due_on < to], key=_OVERDUE_ORDER)
    return PipelineReport(scope=scope, stages=lines, overdue=tuple(overdue), outlook=outlook)


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
