"""Feed the `admissions` report from the pre-aggregated cube, the member stock and the quotas.

Event mode reads the cube rows of the unit's paths during the period (two indexed
queries: the unit's own rows and its children's rows). A restated report of the root or
a province sums the subtree totals of the units that moved before the tree of `as_of`
(reports.selectors.restated); below, it re-places each cell's own rows by the cell's path
on `as_of` (one join with the tree of that day).
"""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.db.models import F, FilteredRelation, Q, QuerySet, Sum
from django.db.models.functions import Substr

from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.models import Organization
from dangvien.orgs.paths import path_prefix_q, spans_under
from dangvien.people.domain.enums import MEMBER_STATUSES
from dangvien.people.models import StatusPeriod
from dangvien.plans.domain.quotas import Period
from dangvien.plans.selectors import total_quotas
from dangvien.reports.cube import cube_ensure_fresh
from dangvien.reports.domain.admissions import (
    AdmissionsReport,
    AdmissionTally,
    ChildAdmissions,
    build_admissions_report,
)
from dangvien.reports.domain.base import OrgRef
from dangvien.reports.domain.categories import Category, CategoryTally
from dangvien.reports.domain.cube import CATEGORY_COLUMNS
from dangvien.reports.domain.restate import RestatePlan
from dangvien.reports.models import AdmissionDay
from dangvien.reports.selectors.restated import Figures, block_stretches, restated_figures
from dangvien.reports.selectors.snapshot_rows import snapshot_member_count, snapshot_usable
from dangvien.reports.selectors.subject import Subject, child_id_of, children_on, units_under
from dangvien.reports.stock_cache import cached_stock

_SUMS = {name: Sum(name) for name in ["admitted", "age_sum", *(c.value for c in CATEGORY_COLUMNS)]}


def _tally(sums: dict[str, Any]) -> AdmissionTally:
    counts = {c: sums.get(c.value) or 0 for c in Category}
    return AdmissionTally(
        CategoryTally(total=sums.get("admitted") or 0, counts=counts), sums.get("age_sum") or 0
    )


def _event_rows(subject: Subject) -> tuple[AdmissionTally, dict[int, int]]:
    mine = Q(pk__in=[])
    below = Q(pk__in=[])
    for p in subject.placements:
        mine |= Q(path=p.path, day__range=(p.first, p.last))
        below |= Q(parent_path=p.path, day__range=(p.first, p.last))
    totals = AdmissionDay.objects.filter(mine, own=False).aggregate(**_SUMS)
    by_child = (
        AdmissionDay.objects.filter(below, own=False)
        .values("org_id")
        .annotate(n=Sum("admitted"))
        .values_list("org_id", "n")
    )
    return _tally(totals), dict(by_child)


def _restated_base(subject: Subject) -> QuerySet[AdmissionDay]:
    as_of = subject.tree_day(subject.scope.date_to)
    return (
        AdmissionDay.objects.filter(
            own=True, day__range=(subject.scope.date_from, subject.scope.date_to)
        )
        .annotate(
            now=FilteredRelation(
                "org__spans",
                condition=Q(org__spans__valid_from__lte=as_of, org__spans__valid_to__gte=as_of),
            )
        )
        .filter(path_prefix_q(subject.placements[0].path, "now__path"))
        # The same units again, as a set of ids: lets the database read just their rows
        # by unit (an index) instead of every unit's rows of the period.
        .filter(org_id__in=spans_under([subject.placements[0].path], as_of).values("org_id"))
    )


def _read_blocks(plan: RestatePlan, first: date, last: date) -> tuple[Figures, Figures]:
    """Return the own figures and subtree totals the plan needs, over a stretch on D."""

    def sums(own: bool, paths: list[str]) -> Figures:
        if not paths:
            return {}
        rows = cast(
            "list[dict[str, Any]]",
            list(
                AdmissionDay.objects.filter(day__range=(first, last), own=own, path__in=paths)
                .values("path")
                .annotate(**_SUMS)
                .order_by()
            ),
        )
        return {row["path"]: tuple(row[name] or 0 for name in _SUMS) for row in rows}

    return sums(True, plan.own_paths()), sums(False, plan.subtree_paths())


def _restated_by_blocks(
    subject: Subject, stretches: list[tuple[date, date]]
) -> tuple[AdmissionTally, dict[int, int]]:
    path = subject.placements[0].path
    as_of = subject.tree_day(subject.scope.date_to)
    figures = restated_figures(path, as_of, stretches, _read_blocks, len(_SUMS))
    total = AdmissionTally()
    by_child: dict[int, int] = {}
    for key, counters in figures.items():
        row = dict(zip(_SUMS, counters, strict=True))
        total += _tally(row)
        if len(key) > len(path):
            child = child_id_of(key, len(key) // SEGMENT)
            by_child[child] = by_child.get(child, 0) + row["admitted"]
    return total, by_child


def _restated_rows(subject: Subject) -> tuple[AdmissionTally, dict[int, int]]:
    stretches = block_stretches(
        subject.placements[0].path, subject.scope.date_from, subject.scope.date_to
    )
    if stretches is not None:
        return _restated_by_blocks(subject, stretches)
    return _placed_rows(subject)


def _placed_rows(subject: Subject) -> tuple[AdmissionTally, dict[int, int]]:
    """Place each unit's own admissions by its path on `as_of` (one join with that tree)."""
    base = _restated_base(subject)
    width = len(subject.placements[0].path)
    rows = (
        base.annotate(child=Substr(F("now__path"), 1, width + SEGMENT))
        .values("child")
        .annotate(**_SUMS)
        .order_by()
    )
    total = AdmissionTally()
    by_child: dict[int, int] = {}
    for row in cast("list[dict[str, Any]]", list(rows)):
        total += _tally(row)
        if len(row["child"]) > width:
            child = child_id_of(row["child"], len(row["child"]) // SEGMENT)
            by_child[child] = by_child.get(child, 0) + row["admitted"]
    return total, by_child


def member_count_on(subject: Subject, day: date) -> int:
    """Return the official (exempt included) and probationary members in the subtree on `day`.

    From the member snapshot of `day` when there is one (built for a restated count of a
    province or the country, which would otherwise count every period each time); else
    placed on the tree of `day` it is cached per (path, day), and restated it is counted.
    """
    path = subject.path_on(day)
    if path is None:
        return 0

    def count() -> int:
        return StatusPeriod.objects.filter(
            org_id__in=units_under(subject, day).values("org_id"),
            valid_from__lte=day,
            valid_to__gte=day,
            status__in=[s.value for s in MEMBER_STATUSES],
        ).count()

    tree_day = subject.tree_day(day)
    if snapshot_usable(day, path, build=tree_day != day):
        return snapshot_member_count(day, path, tree_day)
    if tree_day != day:
        return count()
    return cached_stock(path, day, count)


def admissions_report(subject: Subject) -> AdmissionsReport:
    """Build the admissions report of contracts.md §3 for the subject."""
    cube_ensure_fresh()
    scope = subject.scope
    tally, by_child = _restated_rows(subject) if subject.restated else _event_rows(subject)
    children = children_on(subject, subject.tree_day(subject.last_day()))
    listed = {c.org_id for c in children}
    refs = [(c.org_id, c.ref) for c in children] + _former_children(set(by_child) - listed)
    period = Period.for_report(scope.date_from, scope.date_to)
    quotas = total_quotas([subject.org_id, *(org_id for org_id, _ in refs)], period)
    return build_admissions_report(
        scope=scope,
        tally=tally,
        members_at_start=member_count_on(subject, scope.date_from),
        quotas=_by_period(quotas.get(subject.org_id), period),
        children=[
            ChildAdmissions(ref, by_child.get(org_id, 0), _by_period(quotas.get(org_id), period))
            for org_id, ref in refs
        ],
    )


def _by_period(number: int | None, period: Period | None) -> dict[Period, int]:
    return {} if number is None or period is None else {period: number}


def _former_children(org_ids: set[int]) -> list[tuple[int, OrgRef]]:
    """Return units that admitted under the subject during the period but are no longer children."""
    if not org_ids:
        return []
    rows = Organization.objects.filter(pk__in=org_ids).order_by("code")
    return [(o.pk, OrgRef(o.code, o.name)) for o in rows]
