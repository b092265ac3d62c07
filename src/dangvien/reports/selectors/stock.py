"""Feed the `members` and `cells` reports: who stood where on the last day of the period."""

from __future__ import annotations

from datetime import date
from typing import Any, cast

from django.db.models import Count, F, FilteredRelation, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Substr

from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.models import OrgSpan
from dangvien.orgs.selectors import CELL_TYPES
from dangvien.people.domain.enums import FULL_MEMBER_STATUSES, MEMBER_STATUSES, Gender, Status
from dangvien.people.models import Membership, StatusPeriod
from dangvien.reports.category_sql import category_sums
from dangvien.reports.domain.base import OrgRef
from dangvien.reports.domain.categories import (
    Category,
    CategoryTally,
)
from dangvien.reports.domain.cells import (
    CellFacts,
    CellHealthRules,
    CellsReport,
    build_cells_report,
    elderly_birth_cutoff,
)
from dangvien.reports.domain.members import (
    ChildMembers,
    MembersReport,
    MemberTally,
    build_members_report,
)
from dangvien.reports.selectors.cell_rows import cell_snapshot_fits, snapshot_cells_report
from dangvien.reports.selectors.snapshot_rows import (
    snapshot_cell_stock,
    snapshot_member_rows,
    snapshot_restated_rows,
    snapshot_rules_match,
    snapshot_usable,
)
from dangvien.reports.selectors.subject import Subject, child_id_of, children_on, units_under

_MEMBER_CODES = [s.value for s in MEMBER_STATUSES]


def members_on(subject: Subject, day: date) -> QuerySet[StatusPeriod]:
    """Return the members' periods covering `day` in the subject's subtree (tree of that day)."""
    return StatusPeriod.objects.filter(
        org_id__in=units_under(subject, day).values("org_id"),
        valid_from__lte=day,
        valid_to__gte=day,
        status__in=_MEMBER_CODES,
    )


def _members_rows(subject: Subject, day: date) -> list[dict[str, Any]]:
    """Return member counts per (child path prefix, status) with category sums."""
    path = subject.path_on(day)
    if path is None:
        return []
    tree_day = subject.tree_day(day)
    if snapshot_usable(day, path):
        if tree_day == day:
            return snapshot_member_rows(day, path)
        return snapshot_restated_rows(day, tree_day, path)
    width = len(path) + SEGMENT
    rows = (
        members_on(subject, day)
        .annotate(
            place=FilteredRelation(
                "org__spans",
                condition=Q(
                    org__spans__valid_from__lte=tree_day, org__spans__valid_to__gte=tree_day
                ),
            ),
            child=Substr(F("place__path"), 1, width),
        )
        .values("child", "status")
        .annotate(**category_sums(day))
        .order_by()
    )
    return cast("list[dict[str, Any]]", list(rows))


def _tally(rows: list[dict[str, Any]]) -> MemberTally:
    by_status: dict[Status, int] = {}
    counts = dict.fromkeys(Category, 0)
    total = age_sum = 0
    for row in rows:
        status = Status(row["status"])
        by_status[status] = by_status.get(status, 0) + row["n"]
        total += row["n"]
        age_sum += (row["year_sum"] or 0) - row["birthday_ahead"]
        for category in Category:
            counts[category] += row[category.value]
    return MemberTally(by_status, CategoryTally(total, counts), age_sum)


def members_report(subject: Subject) -> MembersReport:
    """Build the members report: the stock on `to` by status and category, and by child."""
    day = subject.scope.date_to
    rows = _members_rows(subject, day)
    path = subject.path_on(day) or ""
    depth = len(path) // SEGMENT + 1
    per_child: dict[int, dict[Status, int]] = {}
    for row in rows:
        if row["child"] and len(row["child"]) > len(path):
            counts = per_child.setdefault(child_id_of(row["child"], depth), {})
            status = Status(row["status"])
            counts[status] = counts.get(status, 0) + row["n"]
    children = [ChildMembers(c.ref, per_child.get(c.org_id, {})) for c in children_on(subject, day)]
    return build_members_report(scope=subject.scope, tally=_tally(rows), children=children)


def cell_units(subject: Subject, day: date) -> QuerySet[OrgSpan]:
    """Return the spans on `day` of the cells in the subject's subtree."""
    return units_under(subject, day).filter(version__org_type__in=CELL_TYPES)


def cell_facts(subject: Subject, rules: CellHealthRules | None = None) -> list[CellFacts]:
    """Return each cell of the subtree on `to`, in code order, with its members and last admission.

    Two queries whatever the number of cells (their member counts, from the member snapshot
    when the day has one; the cells with their latest admissions); the `cells` and
    `coverage` reports both read their cells from here.
    """
    rules = rules or CellHealthRules()
    day = subject.scope.date_to
    cells = cell_units(subject, day)
    ids = cells.values("org_id")
    path = subject.path_on(day)
    stock: dict[int, dict[str, Any]]
    if path is not None and snapshot_rules_match(rules.elderly_age) and snapshot_usable(day, path):
        stock = cast(
            "dict[int, dict[str, Any]]",
            snapshot_cell_stock(day, ids, None if subject.restated else path),
        )
    else:
        stock = _live_cell_stock(ids, day, rules)
    # The latest admission of each cell: one index probe per cell, in the same query.
    last = Subquery(
        Membership.objects.filter(admitted_in_id=OuterRef("org_id"), decision_date__lte=day)
        .order_by("-decision_date")
        .values("decision_date")[:1]
    )
    # Plain values, not model instances: a province has thousands of cells.
    refs = (
        cells.order_by("org__code")
        .annotate(last=last)
        .values_list("org_id", "org__code", "version__name", "last")
    )
    return [
        _cell_facts(OrgRef(code, name), stock.get(org_id, {}), last_admission)
        for org_id, code, name, last_admission in refs
    ]


def _live_cell_stock(ids: QuerySet[Any], day: date, rules: CellHealthRules) -> dict[int, Any]:
    """Return each cell's member figures on `day`, counted from the status periods."""
    full = [s.value for s in FULL_MEMBER_STATUSES]
    return {
        row["org_id"]: row
        for row in StatusPeriod.objects.filter(
            org_id__in=ids, valid_from__lte=day, valid_to__gte=day, status__in=_MEMBER_CODES
        )
        .values("org_id")
        .annotate(
            members=Count("id"),
            official=Count("id", filter=Q(status__in=full)),
            women=Count("id", filter=Q(person__gender=Gender.FEMALE.value)),
            elderly=Count("id", filter=Q(person__birth_date__lte=elderly_birth_cutoff(day, rules))),
            exempt=Count("id", filter=Q(status=Status.EXEMPT.value)),
        )
        .order_by()
    }


def cells_report(subject: Subject, rules: CellHealthRules | None = None) -> CellsReport:
    """Build the cell-health report from each cell's members on `to` and its last admission.

    From the cell snapshot of `to` when there is one (two reads: the unit's counters and
    its flagged cells, whatever the size of the subtree); else every cell is counted.
    """
    rules = rules or CellHealthRules()
    day = subject.scope.date_to
    path = subject.path_on(day)
    if (
        path is not None
        and not subject.restated
        and cell_snapshot_fits(rules)
        and snapshot_usable(day, path)
    ):
        return snapshot_cells_report(subject.scope, day, path)
    return build_cells_report(scope=subject.scope, cells=cell_facts(subject, rules), rules=rules)


def _cell_facts(ref: OrgRef, row: dict[str, Any], last: date | None) -> CellFacts:
    return CellFacts(
        org=ref,
        members=row.get("members", 0),
        official_members=row.get("official", 0),
        women=row.get("women", 0),
        elderly=row.get("elderly", 0),
        exempt=row.get("exempt", 0),
        last_admission=last,
    )
