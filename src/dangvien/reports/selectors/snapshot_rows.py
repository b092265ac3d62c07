"""Read the member snapshot in the shapes the live report queries return.

Only for counts on the tree of the day itself (not restated with `as_of`): the snapshot
places members where their unit stood on the snapshot day.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet, Sum

from dangvien.orgs.domain.tree import SEGMENT
from dangvien.people.domain.enums import FULL_MEMBER_STATUSES, MEMBER_STATUSES, Status
from dangvien.reports.domain.snapshot import STOCK_COLUMNS, own_from_subtree
from dangvien.reports.models import MemberSnapshot
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

    The shape of `reports.selectors.stock._members_rows`; two index lookups.
    """
    children = _rows(day, Q(parent_path=path))
    rows = [_as_report_row(child, status, counters) for child, status, *counters in children]
    for own_path, status, *subtree in _rows(day, Q(path=path)):
        below = [counters for _, s, *counters in children if s == status]
        own = own_from_subtree(subtree, below)
        if own[0]:
            rows.append(_as_report_row(own_path, status, own))
    return rows


def snapshot_member_count(day: date, path: str) -> int:
    """Return the members (every member status) in the subtree of `path` on `day`."""
    codes = [s.value for s in MEMBER_STATUSES]
    return sum(
        MemberSnapshot.objects.filter(day=day, path=path, status__in=codes).values_list(
            "members", flat=True
        )
    )


def snapshot_cell_stock(day: date, cell_ids: QuerySet[Any]) -> dict[int, dict[str, int]]:
    """Return each cell's member figures on `day` as `cell_facts` counts them live.

    A cell has no units under it, so its subtree total is its own members; the statuses
    are summed in the database, one row per cell.
    """
    full = [s.value for s in FULL_MEMBER_STATUSES]
    rows = (
        MemberSnapshot.objects.filter(day=day, org_id__in=cell_ids)
        .values("org_id")
        .annotate(
            all_members=Sum("members"),
            official=Sum("members", filter=Q(status__in=full)),
            all_women=Sum("women"),
            all_elderly=Sum("elderly"),
            exempt=Sum("members", filter=Q(status=Status.EXEMPT.value)),
        )
        .values_list("org_id", "all_members", "official", "all_women", "all_elderly", "exempt")
        .order_by()
    )
    return {
        org_id: {
            "members": members,
            "official": official or 0,
            "women": women,
            "elderly": elderly,
            "exempt": exempt or 0,
        }
        for org_id, members, official, women, elderly, exempt in rows
    }


def snapshot_rules_match(elderly_age: int) -> bool:
    """Return whether the snapshot's elderly counter follows these rules."""
    return elderly_age == SNAPSHOT_RULES.elderly_age
