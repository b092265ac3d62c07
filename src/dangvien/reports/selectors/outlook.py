"""Progress against the year's quota, with the forecast from the pipeline, for a unit and children.

Admissions come from the cube (where each event happened); the forecast from the
pipeline source, with each stage's history taken from the unit's own subtree, or its
parent's when the unit has too few cases (plans.domain.forecast).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, Sum
from django.db.models.functions import ExtractMonth

from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import spans_under
from dangvien.plans.domain.forecast import (
    DEFAULT_MIN_CASES,
    HistoricalCase,
    History,
    StagedHistory,
    forecast_year_end,
)
from dangvien.plans.domain.progress import Month, Progress, progress
from dangvien.plans.domain.quotas import Period
from dangvien.plans.selectors import total_quotas
from dangvien.reports.cube import cube_ensure_fresh
from dangvien.reports.domain.base import OrgRef
from dangvien.reports.models import AdmissionDay
from dangvien.reports.pipeline_source import PipelineSource, Units, pipeline_source
from dangvien.reports.selectors.subject import ChildUnit, Subject

HISTORY_YEARS = 3  # the forecast learns from the candidacies of the last three years


@dataclass(frozen=True)
class ChildOutlook:
    """A child's progress against its quota for the year, with its forecast."""

    org: OrgRef
    progress: Progress


def _paths_in(org_ids: Sequence[int], first: date, last: date) -> Q:
    """Return a cube filter on the paths the units had between two days, day by day."""
    condition = Q(pk__in=[])
    spans = OrgSpan.objects.filter(org_id__in=org_ids, valid_from__lte=last, valid_to__gte=first)
    for path, start, end in spans.values_list("path", "valid_from", "valid_to"):
        condition |= Q(path=path, day__range=(max(start, first), min(end, last)))
    return condition


def admitted_by_month(
    org_ids: Sequence[int], first: date, last: date
) -> dict[int, dict[Month, int]]:
    """Return each unit's admissions per (year, month) between two days, from the cube."""
    cube_ensure_fresh()
    rows = (
        AdmissionDay.objects.filter(_paths_in(org_ids, first, last), own=False)
        .values("org_id", "day__year")
        .annotate(month=ExtractMonth("day"), n=Sum("admitted"))
        .values_list("org_id", "day__year", "month", "n")
        .order_by()
    )
    result: dict[int, dict[Month, int]] = defaultdict(dict)
    for org_id, year, month, n in rows:
        result[org_id][(year, month)] = result[org_id].get((year, month), 0) + n
    return result


def _unit_paths(path: str, day: date) -> tuple[Units, dict[int, str]]:
    """Return the subtree's units (a subquery) and each unit's path, read once per outlook."""
    units = spans_under([path], day)
    return units.values("org_id"), dict(units.values_list("org_id", "path"))


def _histories(
    source: PipelineSource, units: Units, unit_path: Mapping[int, str], day: date, width: int
) -> tuple[list[HistoricalCase], dict[str, list[HistoricalCase]]]:
    """Return the subtree's cases and each child's (keyed by the child's path prefix)."""
    first = date(day.year - HISTORY_YEARS, day.month, 1)
    everything: list[HistoricalCase] = []
    per_child: dict[str, list[HistoricalCase]] = defaultdict(list)
    for org_id, case in source.history(units, first, day):
        everything.append(case)
        per_child[unit_path.get(org_id, "")[:width]].append(case)
    return everything, per_child


def _parent_history(source: PipelineSource, path: str, day: date) -> list[HistoricalCase]:
    if len(path) <= SEGMENT:
        return []
    units, unit_path = _unit_paths(path[:-SEGMENT], day)
    parent_cases, _ = _histories(source, units, unit_path, day, len(path))
    return parent_cases


@dataclass(frozen=True)
class _Inputs:
    """What every progress line of one outlook shares: admissions, quotas, stages, history."""

    year: Period
    day: date
    months: Mapping[int, Mapping[Month, int]]
    quotas: Mapping[int, int]
    stages: Mapping[str, list[str]]  # open candidacies' stages, by child path prefix
    chain: list[History]  # the subject's history, then its parent's if needed

    def progress(self, org_id: int, stages: list[str], histories: Sequence[History]) -> Progress:
        fc = forecast_year_end(candidates=stages, on=self.day, histories=histories)
        return progress(
            period=self.year,
            quota=self.quotas.get(org_id),
            admitted_by_month=self.months.get(org_id, {}),
            on=self.day,
            forecast=fc,
        )


def outlook(
    subject: Subject, day: date, children: Sequence[ChildUnit] = ()
) -> tuple[Progress | None, list[ChildOutlook]]:
    """Return the subject's progress for the year of `day`, with forecasts, and its children's.

    The queries do not depend on the number of children: admissions, quotas, candidates
    and history are each read once for the whole subtree and split by child path prefix.
    The shared histories are grouped by stage once, so forecasting many children does not
    rescan them (plans.domain.forecast.StagedHistory).
    """
    path = subject.path_on(day)
    if path is None:
        return None, []
    source = pipeline_source()
    year = Period.year(day.year)
    ids = [subject.org_id, *(c.org_id for c in children)]
    width = len(path) + SEGMENT
    units, unit_path = _unit_paths(path, day)
    own_cases, child_cases = _histories(source, units, unit_path, day, width)
    chain: list[History] = [StagedHistory(own_cases)]
    if len(own_cases) < DEFAULT_MIN_CASES:
        chain.append(StagedHistory(_parent_history(source, path, day)))
    inputs = _Inputs(
        year,
        day,
        admitted_by_month(ids, year.first_day, day),
        total_quotas(ids, year),
        _stages_by_child(source, units, unit_path, width, day),
        chain,
    )
    mine = inputs.progress(subject.org_id, [s for v in inputs.stages.values() for s in v], chain)
    lines = [
        ChildOutlook(
            c.ref,
            inputs.progress(
                c.org_id,
                inputs.stages.get(c.path, []),
                [StagedHistory(child_cases.get(c.path, [])), *chain],
            ),
        )
        for c in children
    ]
    return mine, lines


def _stages_by_child(
    source: PipelineSource, units: Units, unit_path: Mapping[int, str], width: int, day: date
) -> Mapping[str, list[str]]:
    """Return the stages of the open candidacies, keyed by the child path prefix they are under."""
    by_child: dict[str, list[str]] = defaultdict(list)
    for org_id, stage in source.candidates(units, day):
        by_child[unit_path.get(org_id, "")[:width]].append(stage)
    return by_child


def pipeline_outlook(subject: Subject, day: date) -> Progress | None:
    """Return the subject's progress and forecast for the year of `day` (pipeline report)."""
    mine, _ = outlook(subject, day)
    return mine
