"""Feed the `coverage` report: localities and cells of the subtree at the end of the period."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q

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
from dangvien.reports.selectors.subject import Subject, units_under


@dataclass(frozen=True)
class CommitteeRule:
    """When a cell is taken to have a cell committee ("chi ủy").

    The Party Charter (Art. 24) has cells with at least 9 official members elect a
    committee; the organisation records do not say whether one was elected, so the
    report counts cells below that size as without a committee.
    """

    min_official_members: int = 9


def coverage_report(subject: Subject, rule: CommitteeRule | None = None) -> CoverageReport:
    """Build the coverage report: localities whose commune or serving cell is in the subtree."""
    rule = rule or CommitteeRule()
    day = subject.scope.date_to
    units = units_under(subject, day)
    places = list(
        Locality.objects.filter(
            Q(commune_id__in=units.values("org_id")) | Q(cell_id__in=units.values("org_id"))
        ).values("id", "locality_type", "has_independent_cell", "head_id")
    )
    on_day = StatusPeriod.objects.filter(
        valid_from__lte=day, valid_to__gte=day, status__in=[s.value for s in MEMBER_STATUSES]
    )
    lived_in = set(
        on_day.filter(person__locality_id__in=[p["id"] for p in places]).values_list(
            "person__locality_id", flat=True
        )
    )
    heads = [p["head_id"] for p in places if p["head_id"] is not None]
    member_heads = set(on_day.filter(person_id__in=heads).values_list("person_id", flat=True))
    localities = [
        LocalityFacts(
            locality_type=LocalityType(p["locality_type"]),
            has_members=p["id"] in lived_in,
            has_independent_cell=p["has_independent_cell"],
            has_head=p["head_id"] is not None,
            head_is_member=p["head_id"] in member_heads,
        )
        for p in places
    ]
    return build_coverage_report(
        scope=subject.scope, localities=localities, cells=_cells(subject, rule)
    )


def _cells(subject: Subject, rule: CommitteeRule) -> list[CellCommitteeFacts]:
    day = subject.scope.date_to
    cell_ids = list(
        units_under(subject, day)
        .filter(version__org_type__in=CELL_TYPES)
        .values_list("org_id", flat=True)
    )
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
    )
    return [
        CellCommitteeFacts(has_committee=official.get(c, 0) >= rule.min_official_members)
        for c in cell_ids
    ]
