"""Work lists ("việc cần làm"): what is overdue and what falls due soon, rolled up the tree.

Counts come from the derived Deadline rows in one grouped query per organisation
level: the cell's path today is cut at the width of the children's paths, so every
deadline lands on the child unit it lies under.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Q
from django.db.models.functions import Substr

from dangvien.accounts.scope import Scope
from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.paths import path_prefix_q
from dangvien.orgs.selectors import OrgNode, org_children
from dangvien.pipeline.domain.deadlines import DueStatus, classify_due
from dangvien.pipeline.domain.worklist import WorkKind
from dangvien.pipeline.models import Deadline
from dangvien.pipeline.selectors import OVERDUE_KINDS, SOON_DAYS

MAX_ITEMS = 200


@dataclass
class WorkCounts:
    """Overdue and due-soon counts, in total and by kind of work."""

    overdue: int = 0
    soon: int = 0
    by_kind: dict[WorkKind, tuple[int, int]] = field(default_factory=dict)

    def add(self, kind: WorkKind, overdue: int, soon: int) -> None:
        old_overdue, old_soon = self.by_kind.get(kind, (0, 0))
        self.by_kind[kind] = (old_overdue + overdue, old_soon + soon)
        self.overdue += overdue
        self.soon += soon


@dataclass(frozen=True)
class Rollup:
    """A unit's counts and those of each child unit under it."""

    node: OrgNode
    total: WorkCounts
    children: list[tuple[OrgNode, WorkCounts]]
    own: WorkCounts  # deadlines of cells that are the unit itself (when it is a cell)


def _late(today: date) -> Q:
    return Q(due_on__lt=today, kind__in=OVERDUE_KINDS)


def _soon(today: date) -> Q:
    return Q(due_on__gte=today, due_on__lte=today + timedelta(days=SOON_DAYS))


def _under(node: OrgNode, today: date) -> Q:
    # One filter() call, so the validity and the path test the same joined span row.
    return Q(cell__spans__valid_from__lte=today, cell__spans__valid_to__gte=today) & path_prefix_q(
        node.path, "cell__spans__path"
    )


def worklist_rollup(*, scope: Scope, node: OrgNode) -> Rollup:
    """Return the counts under `node` and under each of its children (one grouped query)."""
    today = scope.day
    width = len(node.path) + SEGMENT
    rows = (
        Deadline.objects.filter(_under(node, today))
        .annotate(top=Substr("cell__spans__path", 1, width))
        .values("top", "kind")
        .annotate(overdue=Count("id", filter=_late(today)), soon=Count("id", filter=_soon(today)))
        .order_by()
    )
    children = org_children(scope=scope, node=node)
    by_path = {child.path: WorkCounts() for child in children}
    total, own = WorkCounts(), WorkCounts()
    for row in rows:
        kind = WorkKind(row["kind"])
        total.add(kind, row["overdue"], row["soon"])
        target = by_path.get(row["top"], own)
        target.add(kind, row["overdue"], row["soon"])
    return Rollup(
        node=node,
        total=total,
        children=[(child, by_path[child.path]) for child in children],
        own=own,
    )


@dataclass(frozen=True)
class WorkEntry:
    """One pending piece of work, with the person and cell it concerns."""

    candidacy_id: int
    person_name: str
    cell_name: str
    stage: str
    kind: WorkKind
    due_on: date
    note: str
    status: DueStatus


def worklist_items(
    *,
    scope: Scope,
    node: OrgNode | None = None,
    overdue_only: bool = False,
    kind: WorkKind | None = None,
    limit: int = 100,
) -> list[WorkEntry]:
    """Return the overdue and due-soon work in scope (or under `node`), earliest first."""
    today = scope.day
    rows = Deadline.objects.filter(cell_id__in=scope.org_ids())
    if node is not None:
        rows = rows.filter(_under(node, today))
    rows = rows.filter(_late(today) if overdue_only else _late(today) | _soon(today))
    if kind is not None:
        rows = rows.filter(kind=kind.value)
    values = rows.order_by("due_on", "id").values(
        "candidacy_id",
        "candidacy__person__full_name",
        "cell__name",
        "candidacy__stage",
        "kind",
        "due_on",
        "note",
    )[: max(1, min(limit, MAX_ITEMS))]
    return [
        WorkEntry(
            candidacy_id=row["candidacy_id"],
            person_name=row["candidacy__person__full_name"],
            cell_name=row["cell__name"],
            stage=row["candidacy__stage"],
            kind=WorkKind(row["kind"]),
            due_on=row["due_on"],
            note=row["note"],
            status=classify_due(row["due_on"], today, soon_within_days=SOON_DAYS),
        )
        for row in values
    ]
