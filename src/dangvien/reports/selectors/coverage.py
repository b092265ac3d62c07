"""Feed the `coverage` report: localities and cells of the subtree at the end of the period."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, QuerySet

from dangvien.orgs.domain.enums import LocalityType
from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.models import Locality, OrgSpan
from dangvien.orgs.paths import path_prefix_q
from dangvien.orgs.selectors import CELL_TYPES
from dangvien.people.domain.enums import FULL_MEMBER_STATUSES, MEMBER_STATUSES
from dangvien.people.models import StatusPeriod
from dangvien.reports.domain.coverage import (
    CellCommitteeFacts,
    CommitteeRule,
    CoverageReport,
    LocalityCounts,
    build_coverage_report,
)
from dangvien.reports.models import LocalityStock
from dangvien.reports.selectors.cell_rows import cell_snapshot_fits, snapshot_cell_counters
from dangvien.reports.selectors.snapshot_rows import (
    BUILD_MAX_DEPTH,
    cell_figures,
    snapshot_usable,
)
from dangvien.reports.selectors.subject import Subject, units_under

__all__ = ["CommitteeRule", "coverage_report"]  # CommitteeRule: where callers import it


def coverage_report(
    subject: Subject, rule: CommitteeRule | None = None, committee: tuple[int, int] | None = None
) -> CoverageReport:
    """Build the coverage report: localities whose commune or serving cell is in the subtree.

    One query for the localities, counted by the database, and one or two for the cells
    (one row of the cell snapshot when the day has one; none when the caller passes
    `committee`: the number of cells and of those with a committee, already counted),
    whatever the number of units.
    """
    rule = rule or CommitteeRule()
    return build_coverage_report(
        scope=subject.scope,
        localities=_localities(subject),
        cells=_cells(subject, rule, committee),
    )


def _localities(subject: Subject) -> LocalityCounts:
    """Return the localities on `to` counted by type, members living there and their head.

    When the day has a snapshot, from its locality rows: alone when the tree is the day's
    own, joined to the localities of the restated subtree otherwise (one join, whatever
    the number of people); without a snapshot, from each locality's residents and head.
    The database counts: one row per type comes back.
    """
    day = subject.scope.date_to
    path = subject.path_on(day)
    if path is None or not snapshot_usable(day, path):
        return _joined_localities(subject, stocked=False)
    if subject.restated:
        return _joined_localities(subject, stocked=True)
    return _stock_localities(day, path)


def _joined_localities(subject: Subject, *, stocked: bool) -> LocalityCounts:
    """Count the localities of the subtree's units: those of another day's tree (`as_of`)
    joined to the day's locality rows when `stocked`, else with their residents and head."""
    day = subject.scope.date_to
    path = subject.path_on(day)
    units = units_under(subject, day).values("org_id")
    places = _places_under(units, large=path is None or len(path) // SEGMENT <= BUILD_MAX_DEPTH)
    if stocked:
        # Every locality has its row once the day is current; a missing one reads as none.
        places = places.annotate(
            stock=FilteredRelation("stocks", condition=Q(stocks__day=day)),
        )
        has_members = Q(stock__members__gt=0)
        head_is_member = Q(stock__head_is_member=True)
    else:
        on_day = StatusPeriod.objects.filter(
            valid_from__lte=day, valid_to__gte=day, status__in=[s.value for s in MEMBER_STATUSES]
        )
        places = places.annotate(
            has_members=Exists(on_day.filter(person__locality_id=OuterRef("pk"))),
            head_is_member=Exists(on_day.filter(person_id=OuterRef("head_id"))),
        )
        has_members, head_is_member = Q(has_members=True), Q(head_is_member=True)
    return _counted(places, has_members, head_is_member, Q(head_id__isnull=False))


def _stock_localities(day: date, path: str) -> LocalityCounts:
    """Count the localities under `path` from the day's locality rows alone (no join).

    Each row carries its commune's and cell's paths on the day: a locality counts when
    either starts with `path`, as when its commune or its cell is a unit of the subtree.
    """
    under = path_prefix_q(path, "commune_path") | path_prefix_q(path, "cell_path")
    rows = LocalityStock.objects.filter(under, day=day)
    return _counted(rows, Q(members__gt=0), Q(head_is_member=True), Q(has_head=True))


def _counted(
    rows: QuerySet[Any], has_members: Q, head_is_member: Q, with_head: Q
) -> LocalityCounts:
    """Let the database count the localities by type and by what they lack."""
    grouped = (
        rows.values("locality_type")
        .annotate(
            n=Count("pk"),
            without_members=Count("pk", filter=~has_members),
            without_independent_cell=Count("pk", filter=Q(has_independent_cell=False)),
            heads=Count("pk", filter=with_head),
            heads_who_are_members=Count("pk", filter=with_head & head_is_member),
        )
        .values_list(
            "locality_type",
            "n",
            "without_members",
            "without_independent_cell",
            "heads",
            "heads_who_are_members",
        )
        .order_by()
    )
    total = LocalityCounts()
    for kind, n, without_members, without_cell, heads, heads_members in grouped:
        total += LocalityCounts(
            by_type={LocalityType(kind): n},
            without_members=without_members,
            without_independent_cell=without_cell,
            heads=heads,
            heads_who_are_members=heads_members,
        )
    return total


def _places_under(units: QuerySet[OrgSpan, Any], *, large: bool) -> QuerySet[Locality]:
    """Return the localities of these units (as their commune or as their cell).

    Below a province, a union of two indexed lookups: with an OR, PostgreSQL read every
    locality of the country to find a commune's dozen and joined them all to the day's
    stock (37 ms instead of 2). For a province or the country the OR's one pass is
    cheaper than the union (212 ms against 368 nationally).
    """
    if large:
        return Locality.objects.filter(Q(commune_id__in=units) | Q(cell_id__in=units))
    ids = (
        Locality.objects.filter(commune_id__in=units)
        .order_by()
        .values("pk")
        .union(Locality.objects.filter(cell_id__in=units).order_by().values("pk"))
    )
    return Locality.objects.filter(pk__in=ids)


def _cells(
    subject: Subject, rule: CommitteeRule, committee: tuple[int, int] | None
) -> list[CellCommitteeFacts]:
    """Return whether each cell has a committee, from counts or from its official members."""
    if committee is not None:
        return _committee_facts(*committee)
    day = subject.scope.date_to
    cell_ids = units_under(subject, day).filter(version__org_type__in=CELL_TYPES).values("org_id")
    path = subject.path_on(day)
    if (
        path is not None
        and not subject.restated
        and cell_snapshot_fits(committee=rule)
        and snapshot_usable(day, path)
    ):
        counters = snapshot_cell_counters(day, path)
        return _committee_facts(counters["cells"], counters["with_committee"])
    if path is not None and snapshot_usable(day, path):
        # Counted by the database from the cells' own rows: no row per cell comes back.
        per_cell = cell_figures(day, cell_ids, None if subject.restated else path)
        enough = Q(official__gte=rule.min_official_members)
        with_committee = per_cell.aggregate(n=Count("org_id", filter=enough))["n"]
        return _committee_facts(cell_ids.count(), with_committee)
    official = dict(
        StatusPeriod.objects.filter(
            org_id__in=cell_ids,
            valid_from__lte=day,
            valid_to__gte=day,
            status__in=[s.value for s in FULL_MEMBER_STATUSES],
        )
        .values("org_id")
        .annotate(n=Count("id"))
        .values_list("org_id", "n")
        .order_by()
    )
    return [
        CellCommitteeFacts(has_committee=official.get(c, 0) >= rule.min_official_members)
        for c in cell_ids.values_list("org_id", flat=True)
    ]


def _committee_facts(cells: int, with_committee: int) -> list[CellCommitteeFacts]:
    """Return the facts of `cells` cells of which `with_committee` have a committee."""
    return [CellCommitteeFacts(has_committee=True)] * with_committee + [
        CellCommitteeFacts(has_committee=False)
    ] * (cells - with_committee)
