"""Read the member snapshot in the shapes the live report queries return.

Only for counts on the tree of the day itself (not restated with `as_of`): the snapshot
places members where their unit stood on the snapshot day.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any

from django.db.models import F, FilteredRelation, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, Substr

from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.paths import path_prefix_q, spans_under
from dangvien.people.domain.enums import FULL_MEMBER_STATUSES, MEMBER_STATUSES, Status
from dangvien.reports.domain.restate import Counters, RestatePlan
from dangvien.reports.domain.snapshot import STOCK_COLUMNS
from dangvien.reports.models import MemberSnapshot
from dangvien.reports.selectors.restated import Figures, block_stretches, restated_figures
from dangvien.reports.snapshot import SNAPSHOT_RULES, snapshot_ready

# Building a day's snapshot counts the whole tree once: worth it for the root or a
# province, whose live count reads millions of periods; below that a live count is quick.
BUILD_MAX_DEPTH = 2


def snapshot_usable(day: date, path: str, *, build: bool = True) -> bool:
    """Return whether a count under `path` on `day` can read the snapshot (built if worth it)."""
    return snapshot_ready(day, build=build and len(path) // SEGMENT <= BUILD_MAX_DEPTH)


def _rows(day: date, where: Q) -> list[tuple[Any, ...]]:
    return list(
        MemberSnapshot.objects.filter(where, day=day).values_list("path", "status", *STOCK_COLUMNS)
    )


def _as_report_row(child: str, status: str, counters: Iterable[int]) -> dict[str, Any]:
    named = dict(zip(STOCK_COLUMNS, counters, strict=True))
    return {
        **named,
        "child": child,
        "status": status,
        "n": named["members"],
        "year_sum": named["age_sum"],
        "birthday_ahead": 0,  # the stored age sum is already in whole years
    }


def snapshot_member_rows(day: date, path: str) -> list[dict[str, Any]]:
    """Return the members report's rows: each child's subtree and the unit's own members.

    The shape of `reports.selectors.stock._members_rows`; one index lookup.
    """
    rows = _rows(day, Q(parent_path=path, own=False) | Q(path=path, own=True))
    return [_as_report_row(child, status, counters) for child, status, *counters in rows]


def _restated(day: date, tree_day: date, path: str) -> QuerySet[MemberSnapshot]:
    """Return the units' own rows of `day`, placed on the tree of `tree_day` under `path`."""
    return (
        MemberSnapshot.objects.filter(day=day, own=True)
        .annotate(
            place=FilteredRelation(
                "org__spans",
                condition=Q(
                    org__spans__valid_from__lte=tree_day, org__spans__valid_to__gte=tree_day
                ),
            )
        )
        .filter(path_prefix_q(path, "place__path"))
        # The same units as a set of ids: read by unit through the (day, org) index.
        .filter(org_id__in=spans_under([path], tree_day).values("org_id"))
    )


_STATUSES = [status.value for status in Status]


def _read_blocks(
    statuses: Sequence[str], columns: Sequence[str]
) -> Callable[[RestatePlan, date, date], tuple[Figures, Figures]]:
    """Return a reader of the snapshot for reports.selectors.restated: a day's counters by
    status, flattened status by status (`columns` of each status in `statuses` order)."""
    width = len(columns)

    def read(plan: RestatePlan, first: date, last: date) -> tuple[Figures, Figures]:
        wanted = Q(own=False, path__in=plan.subtree_paths()) | Q(
            own=True, path__in=plan.own_paths()
        )
        rows = MemberSnapshot.objects.filter(wanted, day=first, status__in=statuses)
        found: dict[bool, dict[str, list[int]]] = {True: {}, False: {}}
        for own, path, status, *counters in rows.values_list("own", "path", "status", *columns):
            at = statuses.index(status) * width
            slots = found[own].setdefault(path, [0] * (width * len(statuses)))
            slots[at : at + width] = counters
        own_figures, totals = ({k: tuple(v) for k, v in found[b].items()} for b in (True, False))
        return own_figures, totals

    return read


def _by_blocks(
    day: date, tree_day: date, path: str, statuses: Sequence[str], columns: Sequence[str]
) -> dict[str, Counters] | None:
    """Return the restated counters by child (flattened as `_read_blocks`), or None."""
    stretches = block_stretches(path, day, day)
    if stretches is None:
        return None
    size = len(statuses) * len(columns)
    return restated_figures(path, tree_day, stretches, _read_blocks(statuses, columns), size)


def snapshot_restated_rows(day: date, tree_day: date, path: str) -> list[dict[str, Any]]:
    """Return the members report's rows on `day` restated on the tree of `tree_day`.

    Each unit's own members are placed where the unit stood on `tree_day` and summed per
    child of `path` there: by moved blocks for the root or a province, else one grouped
    query over the own rows under `path`.
    """
    blocks = _by_blocks(day, tree_day, path, _STATUSES, STOCK_COLUMNS)
    if blocks is not None:
        width = len(STOCK_COLUMNS)
        return [
            _as_report_row(child, status, counters[i * width : (i + 1) * width])
            for child, counters in blocks.items()
            for i, status in enumerate(_STATUSES)
            if any(counters[i * width : (i + 1) * width])
        ]
    width = len(path) + SEGMENT
    sums = {column: Sum(column) for column in STOCK_COLUMNS}
    rows = (
        _restated(day, tree_day, path)
        .annotate(child=Substr(F("place__path"), 1, width))
        .values("child", "status")
        .annotate(**sums)
        .values_list("child", "status", *STOCK_COLUMNS)
        .order_by()
    )
    return [_as_report_row(child, status, counters) for child, status, *counters in rows]


def snapshot_member_count(day: date, path: str, tree_day: date | None = None) -> int:
    """Return the members (every member status) under `path` on `day` (on `tree_day`'s tree)."""
    codes = [s.value for s in MEMBER_STATUSES]
    if tree_day is not None and tree_day != day:
        blocks = _by_blocks(day, tree_day, path, codes, ["members"])
        if blocks is not None:
            return sum(sum(counters) for counters in blocks.values())
        found = _restated(day, tree_day, path).filter(status__in=codes).aggregate(n=Sum("members"))
        return int(found["n"] or 0)
    return sum(
        MemberSnapshot.objects.filter(day=day, path=path, status__in=codes, own=False).values_list(
            "members", flat=True
        )
    )


def cell_figures(day: date, cell_ids: QuerySet[Any], path: str | None) -> QuerySet[Any]:
    """Return one row per cell with members on `day`: its member figures, summed by the database.

    Fields: `n` members, `official` (exempt included), `women_n`, `elderly_n`, `exempt`.
    From the cells' own rows (on any tree: a cell's own members do not depend on where it
    stands), under `path` on `day`'s tree when given.
    """
    full = [s.value for s in FULL_MEMBER_STATUSES]
    return (
        own_rows(day, path)
        .filter(org_id__in=cell_ids)
        .values("org_id")
        .annotate(
            n=Sum("members"),
            official=Coalesce(Sum("members", filter=Q(status__in=full)), 0),
            women_n=Sum("women"),
            elderly_n=Sum("elderly"),
            exempt=Coalesce(Sum("members", filter=Q(status=Status.EXEMPT.value)), 0),
        )
        .order_by()
    )


def snapshot_cell_stock(
    day: date, cell_ids: QuerySet[Any], path: str | None = None
) -> dict[int, dict[str, int]]:
    """Return each cell's member figures on `day` as `cell_facts` counts them live."""
    rows = cell_figures(day, cell_ids, path).values_list(
        "org_id", "n", "official", "women_n", "elderly_n", "exempt"
    )
    return {
        org_id: {
            "members": members,
            "official": official,
            "women": women,
            "elderly": elderly,
            "exempt": exempt,
        }
        for org_id, members, official, women, elderly, exempt in rows
    }


def own_rows(day: date, path: str | None) -> QuerySet[MemberSnapshot]:
    """Return the own rows of `day`, those under `path` on that day's tree when given.

    The path narrows the read to one index range; without it (a restated report, whose
    units are placed on another day's tree) every own row of the day is a candidate.
    """
    rows = MemberSnapshot.objects.filter(day=day, own=True)
    return rows if path is None else rows.filter(path_prefix_q(path))


def snapshot_rules_match(elderly_age: int) -> bool:
    """Return whether the snapshot's elderly counter follows these rules."""
    return elderly_age == SNAPSHOT_RULES.elderly_age
