"""The pipeline's records as the source of the `pipeline` report and the admissions forecast.

`dangvien.reports.pipeline_source` looks for `SOURCE` here; with it the report counts
candidacies by their recorded stage, conversions and days from the transition log,
and overdue steps from the due dates the services keep (see `__getattr__` below).
Every figure is tallied by the database (`report_sql`), so the rows read do not grow
with the number of candidacies.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from dangvien.pipeline import report_sql
from dangvien.pipeline.domain.stage_snapshot import OPEN_STAGES
from dangvien.pipeline.domain.stages import FINAL_STAGES, Stage
from dangvien.pipeline.domain.worklist import WorkKind
from dangvien.pipeline.history_snapshot import history_snapshot_counts
from dangvien.pipeline.models import Candidacy
from dangvien.pipeline.stage_snapshot import (
    readable_width,
    stage_snapshot_counts,
    stage_snapshot_usable,
)
from dangvien.pipeline.stay_snapshot import stay_snapshot_counts
from dangvien.plans.domain.forecast import CaseCount
from dangvien.reports.domain.pipeline import (
    OVERDUE_LISTED,
    ExitCount,
    OpenStep,
    Overdue,
    overdue_order,
)
from dangvien.reports.pipeline_source import PeopleRecordsSource, PipelineSource, Units

DROPPED = frozenset(stage.value for stage in FINAL_STAGES if stage is not Stage.OFFICIAL)
OVERDUE_KINDS = [kind.value for kind in WorkKind if kind.can_be_overdue]


@dataclass(frozen=True)
class CandidacySource:
    """Read the report's figures from candidacies and their transition log.

    A candidacy counts in the units of its current cell. Its stage on a day is the
    `to_stage` of the last transition on or before that day (by date, then record order).
    """

    @property
    def stage_order(self) -> Sequence[str]:
        return OPEN_STAGES

    @property
    def stage_labels(self) -> Mapping[str, str]:
        return {code: Stage(code).label for code in OPEN_STAGES}

    def stage_counts(
        self, units: Units, day: date, width: int = 0, *, subtree: str | None = None
    ) -> Iterable[tuple[str, str, int]]:
        """Read the stage snapshot of `day` when the units are a subtree on that day's tree
        (built for the root or a province), else count the transition log."""
        if (
            subtree is not None
            and readable_width(subtree, width)
            and stage_snapshot_usable([day], subtree)
        ):
            return stage_snapshot_counts(day, subtree, width)
        rows = report_sql.stages_on(units, day, width)
        return [(group, stage, n) for group, stage, n in rows if stage in OPEN_STAGES]

    def exit_counts(
        self, units: Units, first: date, last: date, *, subtree: str | None = None
    ) -> Iterable[ExitCount]:
        """Tally the stays that ended between two days: a stay runs from one change of stage
        to the next (moves to another cell, from_stage == to_stage, are no change).

        Read from the stay snapshot when the units are a root's or its child's subtree on
        the tree of `last` (pipeline.stay_snapshot), else counted live."""
        rows = None if subtree is None else stay_snapshot_counts(first, last, subtree)
        if rows is None:
            rows = report_sql.stays_ended(units, first, last)
        return [ExitCount(stage, days, after not in DROPPED, n) for stage, days, after, n in rows]

    def overdue(
        self, units: Units, day: date, limit: int = OVERDUE_LISTED, *, wide: bool = False
    ) -> Overdue:
        by_stage, steps = report_sql.overdue_steps(units, day, OVERDUE_KINDS, limit, wide=wide)
        # Sorted again: a UNION does not promise to keep its branch's order.
        listed = sorted(map(OpenStep._make, steps), key=overdue_order)
        return Overdue(by_stage=by_stage, steps=tuple(listed))

    def history_counts(
        self,
        units: Units,
        first: date,
        last: date,
        width: int = 0,
        *,
        subtree: str | None = None,
    ) -> Iterable[tuple[str, CaseCount]]:
        """Observe every candidacy at each quarter start it was open, in a stage not yet past
        its decision; tally by stage and days from the observation to the decision.

        Read from the history snapshot when the units are a subtree on the tree of `last`
        and an edition can answer (pipeline.history_snapshot), else counted live."""
        days = report_sql.quarter_starts(first, last)
        if not days:
            return []
        rows = None if subtree is None else history_snapshot_counts(first, last, subtree, width)
        if rows is None:
            rows = report_sql.observations(units, days, width)
        return [
            (group, CaseCount(stage, later, n))
            for group, stage, later, n in rows
            if stage in OPEN_STAGES
        ]


def __getattr__(name: str) -> PipelineSource:
    """Return `SOURCE`: the candidacies once any is recorded, else the people records.

    Chosen each time the reports ask (one query), so an installation that has not
    started recording dossiers keeps the figures derived from statuses and admission
    dates, and switches as soon as the first dossier is opened.
    """
    if name != "SOURCE":
        raise AttributeError(name)
    return CandidacySource() if Candidacy.objects.exists() else PeopleRecordsSource()
