"""Feed the `coverage` report: localities and cells of the subtree at the end of the period."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q

from dangvien.orgs.domain.enums import LocalityType
from dangvien.orgs.models import Locality
from dangvien.orgs.selectors import CELL_TYPES
from dangvien.people.domain.enums import FULL_MEMBER_STATUSES, MEMBER_STATUSES
from dangvien.people.models import StatusPeriod
from dangvien.reports.domain.coverage import (
    CellCommitteeFacts,
    CoverageReport,
    LocalityFacts,
    build_coverage_report,
)
from dangvien.reports.selectors.snapshot_rows import cell_figures, snapshot_usable
from dangvien.reports.selectors.subject import Subject, units_under


@dataclass(frozen=True)
class CommitteeRule:
    """When a cell is taken to have a cell committee ("chi ủy").

    The Party Charter (Art. 24) has cells with at least 9 official members elect a
    committee; the organisation records do not say whether one was elected, so the
    report counts cells below that size as without a committee.
    """

    min_official_members: int = 9


def coverage_report(
    subject: Subject, rule: CommitteeRule | None = None, committee: tuple[int, int] | None = None
) -> CoverageReport:
    """Build the coverage report: localities whose commune or serving cell is in the subtree.

    One query for the localities and two for the cells (none when the caller passes
    `committee`: the number of cells and of those with a committee, already counted),
    whatever the number of units.
    """
    rule = rule or CommitteeRule()
    return build_coverage_report(
        scope=subject.scope,
        localities=_localities(subject),
        cells=_cells(subject, rule, committee),
    )


def _localities(subject: Subject) -> list[LocalityFacts]:
    """Return the localities on `to`, with whether members live there and the head is one.

    From the day's locality stock when the day has a snapshot (one join, whatever the
    number of people), else by looking up each locality's residents and head.
    """
    day = subject.scope.date_to
    units = units_under(subject, day).values("org_id")
    places = Locality.objects.filter(Q(commune_id__in=units) | Q(cell_id__in=units))
    path = subject.path_on(day)
    if path is not None and snapshot_usable(day, path):
        # No row for the locality that day: no member lives there, its head is none.
        places = places.annotate(
            stock=FilteredRelation("stocks", condition=Q(stocks__day=day)),
            has_members=F("stock__members"),
            head_is_member=F("stock__head_is_member"),
        )
    else:
        on_day = StatusPeriod.objects.filter(
            valid_from__lte=day, valid_to__gte=day, status__in=[s.value for s in MEMBER_STATUSES]
        )
        places = places.annotate(
            has_members=Exists(on_day.filter(person__locality_id=OuterRef("pk"))),
            head_is_member=Exists(on_day.filter(person_id=OuterRef("head_id"))),
        )
    rows = places.values_list(
        "locality_type", "has_independent_cell", "head_id", "has_members", "head_is_member"
    ).order_by()
    return [
        LocalityFacts(
            locality_type=LocalityType(kind),
            has_members=bool(has_members),
            has_independent_cell=independent,
            has_head=head_id is not None,
            head_is_member=head_id is not None and bool(head_is_member),
        )
        for kind, independent, head_id, has_members, head_is_member in rows
    ]


def _cells(
    subject: Subject, rule: CommitteeRule, committee: tuple[int, int] | None
) -> list[CellCommitteeFacts]:
    """Return whether each cell has a committee, from counts or from its official members."""
    if committee is not None:
        return _committee_facts(*committee)
    day = subject.scope.date_to
    cell_ids = units_under(subject, day).filter(version__org_type__in=CELL_TYPES).values("org_id")
    path = subject.path_on(day)
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
