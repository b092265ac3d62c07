"""Progress against the year's quota, with the forecast from the pipeline, for a unit and children.

Admissions come from the cube (where each event happened); the forecast from the
pipeline source, with each stage's history taken from the unit's own subtree, or its
parent's when the unit has too few cases (plans.domain.forecast).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, Sum
from django.db.models.functions import ExtractMonth

from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import spans_under
from dangvien.plans.domain.forecast import (
    DEFAULT_MIN_CASES,
    CaseCount,
    History,
    StagedHistory,
    forecast_year_end,
    history_start,
)
from dangvien.plans.domain.progress import Month, Progress, progress
from dangvien.plans.domain.quotas import Period
from dangvien.plans.selectors import total_quotas
from dangvien.reports.cube import cube_ensure_fresh
from dangvien.reports.domain.base import OrgRef
from dangvien.reports.models import AdmissionDay
from dangvien.reports.pipeline_source import PipelineSource, pipeline_source
from dangvien.reports.selectors.subject import ChildUnit, Subject


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


def _histories(
    source: PipelineSource, path: str, day: date, width: int
) -> tuple[list[CaseCount], dict[str, list[CaseCount]]]:
    """Return the subtree's tallied cases and each child's (keyed by the child's path prefix)."""
    units = spans_under([path], day)
    everything: list[CaseCount] = []
    per_child: dict[str, list[CaseCount]] = defaultdict(list)
    tallies = source.history_counts(units, history_start(day), day, width, subtree=path)
    for group, tally in tallies:
        everything.append(tally)
        per_child[group].append(tally)
    return everything, per_child


def _parent_history(source: PipelineSource, path: str, day: date) -> list[CaseCount]:
    if len(path) <= SEGMENT:
        return []
    parent_cases, _ = _histories(source, path[:-SEGMENT], day, 0)
    return parent_cases


@dataclass(frozen=True)
class _Inputs:
    """What every progress line of one outlook shares: admissions, quotas, stages, history."""

    year: Period
    day: date
    months: Mapping[int, Mapping[Month, int]]
    quotas: Mapping[int, int]
    stages: Mapping[str, Counter[str]]  # open candidacies by stage, by child path prefix
    chain: list[History]  # the subject's history, then its parent's if needed

    def progress(
        self, org_id: int, stages: Mapping[str, int], histories: Sequence[History]
    ) -> Progress:
        fc = forecast_year_end(candidates=stages, on=self.day, histories=histories)
        return progress(
            period=self.year,
            quota=self.quotas.get(org_id),
            admitted_by_month=self.months.get(org_id, {}),
            on=self.day,
            forecast=fc,
        )


def outlook(
    subject: Subject,
    day: date,
    children: Sequence[ChildUnit] = (),
    *,
    on_stage: Mapping[str, int] | None = None,
) -> tuple[Progress | None, list[ChildOutlook]]:
    """Return the subject's progress for the year of `day`, with forecasts, and its children's.

    The queries do not depend on the number of children: admissions, quotas, candidates
    and history are each tallied once for the whole subtree by the database, grouped by
    child path prefix. The shared histories are grouped by stage once, so forecasting many
    children does not rescan them (plans.domain.forecast.StagedHistory). `on_stage`, the
    subtree's candidates by stage on `day` when the caller has them, saves their count.
    """
    path = subject.path_on(day)
    if path is None:
        return None, []
    source = pipeline_source()
    year = Period.year(day.year)
    ids = [subject.org_id, *(c.org_id for c in children)]
    width = len(path) + SEGMENT if children else 0
    units = spans_under([path], day)
    own_cases, child_cases = _histories(source, path, day, width)
    chain: list[History] = [StagedHistory(counts=own_cases)]
    if sum(tally.count for tally in own_cases) < DEFAULT_MIN_CASES:
        chain.append(StagedHistory(counts=_parent_history(source, path, day)))
    if on_stage is None or children:
        counts = source.stage_counts(units, day, width, subtree=path)
        by_child = _by_group(source.stage_order, counts)
    else:
        by_child = {"": _total(source.stage_order, [on_stage])}
    inputs = _Inputs(
        year,
        day,
        admitted_by_month(ids, year.first_day, day),
        total_quotas(ids, year),
        by_child,
        chain,
    )
    mine = inputs.progress(subject.org_id, _total(source.stage_order, by_child.values()), chain)
    lines = [
        ChildOutlook(
            c.ref,
            inputs.progress(
                c.org_id,
                inputs.stages.get(c.path, Counter()),
                [StagedHistory(counts=child_cases.get(c.path, [])), *chain],
            ),
        )
        for c in children
    ]
    return mine, lines


def _by_group(
    order: Sequence[str], rows: Iterable[tuple[str, str, int]]
) -> dict[str, Counter[str]]:
    """Return the open candidacies by stage (in pipeline order), by child path prefix."""
    found: dict[str, dict[str, int]] = defaultdict(dict)
    for group, stage, n in rows:
        found[group][stage] = found[group].get(stage, 0) + n
    return {group: _total(order, [counts]) for group, counts in found.items()}


def _total(order: Sequence[str], groups: Iterable[Mapping[str, int]]) -> Counter[str]:
    """Return the sum of the groups' counts, stages in pipeline order, without empty stages."""
    total: Counter[str] = Counter()
    for counts in groups:
        total.update(counts)
    rank = {stage: i for i, stage in enumerate(order)}
    return Counter(
        {s: total[s] for s in sorted(total, key=lambda s: rank.get(s, len(rank))) if total[s]}
    )


def pipeline_outlook(
    subject: Subject, day: date, on_stage: Mapping[str, int] | None = None
) -> Progress | None:
    """Return the subject's progress and forecast for the year of `day` (pipeline report)."""
    mine, _ = outlook(subject, day, on_stage=on_stage)
    return mine
