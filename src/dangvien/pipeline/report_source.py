"""The pipeline's records as the source of the `pipeline` report and the admissions forecast.

`dangvien.reports.pipeline_source` looks for `SOURCE` here; with it the report counts
candidacies by their recorded stage, conversions and days from the transition log,
and overdue steps from the due dates the services keep (see `__getattr__` below).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from dangvien.pipeline.domain.stages import FINAL_STAGES, Stage
from dangvien.pipeline.domain.worklist import WorkKind
from dangvien.pipeline.models import Candidacy, Deadline, StageTransition
from dangvien.plans.domain.forecast import HistoricalCase
from dangvien.reports.domain.pipeline import OpenStep, StageExit
from dangvien.reports.pipeline_source import PeopleRecordsSource, PipelineSource

Units = QuerySet[Any]
OPEN_STAGES = tuple(stage.value for stage in Stage if stage not in FINAL_STAGES)
DROPPED = frozenset(stage.value for stage in FINAL_STAGES if stage is not Stage.OFFICIAL)
_OVERDUE_KINDS = [kind.value for kind in WorkKind if kind.can_be_overdue]


def _stage_on(day: date) -> Subquery:
    """Return the stage a candidacy had reached by the end of `day`."""
    latest = StageTransition.objects.filter(candidacy=OuterRef("pk"), on__lte=day).order_by(
        "-on", "-id"
    )
    return Subquery(latest.values("to_stage")[:1])


def _quarter_starts(first: date, last: date) -> list[date]:
    return [
        date(year, month, 1)
        for year in range(first.year, last.year + 1)
        for month in (1, 4, 7, 10)
        if first <= date(year, month, 1) <= last
    ]


@dataclass(frozen=True)
class CandidacySource:
    """Read the report's figures from candidacies and their transition log."""

    @property
    def stage_order(self) -> Sequence[str]:
        return OPEN_STAGES

    @property
    def stage_labels(self) -> Mapping[str, str]:
        return {code: Stage(code).label for code in OPEN_STAGES}

    def candidates(self, units: Units, day: date) -> Iterable[tuple[int, str]]:
        rows = (
            Candidacy.objects.filter(cell_id__in=units, opened_on__lte=day)
            .annotate(stage_on=_stage_on(day))
            .values_list("cell_id", "stage_on")
        )
        for cell_id, stage in rows:
            if stage in OPEN_STAGES:
                yield cell_id, stage

    def exits(self, units: Units, first: date, last: date) -> Iterable[StageExit]:
        moved = StageTransition.objects.filter(
            candidacy__cell_id__in=units, on__range=(first, last)
        ).values("candidacy_id")
        rows = (
            StageTransition.objects.filter(candidacy_id__in=moved)
            .order_by("candidacy_id", "on", "id")
            .values_list("candidacy_id", "on", "from_stage", "to_stage")
        )
        return self._stays(rows, first, last)

    @staticmethod
    def _stays(
        rows: Iterable[tuple[int, date, str, str]], first: date, last: date
    ) -> Iterator[StageExit]:
        entered: dict[int, date] = {}
        for candidacy_id, on, before, after in rows:
            if before and before != after and first <= on <= last and candidacy_id in entered:
                yield StageExit(before, entered[candidacy_id], on, after not in DROPPED)
            if before != after:
                entered[candidacy_id] = on

    def open_steps(self, units: Units, day: date) -> Iterable[OpenStep]:
        rows = (
            Deadline.objects.filter(cell_id__in=units, kind__in=_OVERDUE_KINDS)
            .values_list("candidacy__stage", "kind", "due_on", "candidacy_id")
            .order_by("due_on")
        )
        for stage, kind, due_on, candidacy_id in rows:
            yield OpenStep(stage, kind, due_on, str(candidacy_id))

    def history(
        self, units: Units, first: date, last: date
    ) -> Iterable[tuple[int, HistoricalCase]]:
        """Observe every candidacy at each quarter start it was open, with its decision date."""
        rows = Candidacy.objects.filter(cell_id__in=units, opened_on__lte=last).values_list(
            "pk", "cell_id", "opened_on", "closed_on", "decision_on"
        )
        candidacies = list(rows)
        stages = self._stages_at([pk for pk, *_ in candidacies], _quarter_starts(first, last))
        for pk, cell_id, opened, closed, decided in candidacies:
            for observed in _quarter_starts(max(opened, first), min(closed or last, last)):
                stage = stages.get((pk, observed))
                if stage in OPEN_STAGES and (decided is None or decided > observed):
                    later = decided if decided and decided > observed else None
                    yield cell_id, HistoricalCase(stage, observed, later)

    @staticmethod
    def _stages_at(ids: list[int], days: list[date]) -> dict[tuple[int, date], str]:
        """Return the stage of each candidacy at each day, from one read of their log."""
        found: dict[tuple[int, date], str] = {}
        log = (
            StageTransition.objects.filter(candidacy_id__in=ids)
            .order_by("candidacy_id", "on", "id")
            .values_list("candidacy_id", "on", "to_stage")
        )
        current: dict[int, list[tuple[date, str]]] = {}
        for candidacy_id, on, stage in log:
            current.setdefault(candidacy_id, []).append((on, stage))
        for candidacy_id, moves in current.items():
            dates = [on for on, _ in moves]  # ascending: the log is read in date order
            for day in days:
                reached = bisect_right(dates, day)
                if reached:
                    found[(candidacy_id, day)] = moves[reached - 1][1]
        return found


def __getattr__(name: str) -> PipelineSource:
    """Return `SOURCE`: the candidacies once any is recorded, else the people records.

    Chosen each time the reports ask (one query), so an installation that has not
    started recording dossiers keeps the figures derived from statuses and admission
    dates, and switches as soon as the first dossier is opened.
    """
    if name != "SOURCE":
        raise AttributeError(name)
    return CandidacySource() if Candidacy.objects.exists() else PeopleRecordsSource()
