"""The questions measured, each answered our way and the naive way."""

from __future__ import annotations

from datetime import date
from time import perf_counter

from django.db import connection
from django.db.models import Sum

from bench.timing import check_deadline
from dangvien.accounts.scope import Scope
from dangvien.orgs.models import OrgVersion
from dangvien.orgs.paths import spans_on, spans_under
from dangvien.people.domain.enums import MEMBER_STATUSES
from dangvien.people.models import CellTally, Person, StatusPeriod
from dangvien.people.selectors import PersonFilter, encode_cursor, people_in_scope, person_list

MEMBER_CODES = sorted(status.value for status in MEMBER_STATUSES)
PAGE = 50


def count_by_tally(path: str, day: date) -> int:
    """Ours, today: units under the path prefix, then the per-cell tallies."""
    units = spans_under([path], day).values("org_id")
    total = CellTally.objects.filter(org_id__in=units, status__in=MEMBER_CODES).aggregate(
        n=Sum("count")
    )["n"]
    return int(total or 0)


def count_by_periods(org_id: int, day: date) -> int:
    """Ours, any day: the unit's path on that day, units under it, then their status periods."""
    path = spans_on(day).filter(org_id=org_id).values_list("path", flat=True)[0]
    units = spans_under([path], day).values("org_id")
    return StatusPeriod.objects.filter(
        org_id__in=units, valid_from__lte=day, valid_to__gte=day, status__in=MEMBER_CODES
    ).count()


def count_by_recursive_query(org_id: int, day: date) -> int:
    """Naive: a recursive CTE down the parent links valid on `day`, joined to the periods."""
    versions = connection.ops.quote_name(OrgVersion._meta.db_table)
    periods = connection.ops.quote_name(StatusPeriod._meta.db_table)
    marks = ", ".join(["%s"] * len(MEMBER_CODES))
    sql = (
        f"WITH RECURSIVE sub(id) AS (SELECT CAST(%s AS BIGINT) UNION ALL "
        f"SELECT v.org_id FROM {versions} v JOIN sub ON v.parent_id = sub.id "
        f"WHERE v.valid_from <= %s AND v.valid_to >= %s) "
        f"SELECT count(*) FROM {periods} p JOIN sub ON p.org_id = sub.id "
        f"WHERE p.valid_from <= %s AND p.valid_to >= %s AND p.status IN ({marks})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [org_id, day, day, day, day, *MEMBER_CODES])
        row = cursor.fetchone()
    return int(row[0])


def count_by_loop(org_id: int, day: date, budget: float) -> int:
    """Naive: walk the tree one unit at a time with the ORM, counting each unit's members."""
    started = perf_counter()
    total, frontier = 0, [org_id]
    while frontier:
        check_deadline(started, budget)
        node = frontier.pop()
        frontier.extend(
            OrgVersion.objects.filter(
                parent_id=node, valid_from__lte=day, valid_to__gte=day
            ).values_list("org_id", flat=True)
        )
        total += StatusPeriod.objects.filter(
            org_id=node, valid_from__lte=day, valid_to__gte=day, status__in=MEMBER_CODES
        ).count()
    return total


def under_by_paths(unit: int, ancestor: int, day: date) -> bool:
    """Ours: one query for both paths on `day`, then a prefix test."""
    paths = dict(spans_on(day).filter(org_id__in=[unit, ancestor]).values_list("org_id", "path"))
    return unit in paths and ancestor in paths and paths[unit].startswith(paths[ancestor])


def under_by_walk(unit: int, ancestor: int, day: date) -> bool:
    """Naive: follow the parent valid on `day` one query per level."""
    current: int | None = unit
    while current is not None:
        if current == ancestor:
            return True
        current = (
            OrgVersion.objects.filter(org_id=current, valid_from__lte=day, valid_to__gte=day)
            .values_list("parent_id", flat=True)
            .first()
        )
    return False


def cursor_at(scope: Scope, offset: int) -> str:
    """Return the keyset cursor that points just before row `offset` of the list."""
    key, pk = (
        people_in_scope(scope).order_by("sort_key", "pk").values_list("sort_key", "pk")[offset - 1]
    )
    return encode_cursor(Person(pk=pk, sort_key=key))


def page_by_cursor(scope: Scope, cursor: str) -> list[int]:
    """Ours: the member list's keyset pagination (people.selectors.person_list)."""
    return [
        p.pk
        for p in person_list(scope=scope, filters=PersonFilter(), cursor=cursor, limit=PAGE).items
    ]


def page_by_offset(scope: Scope, offset: int) -> list[int]:
    """Naive: the same list with LIMIT/OFFSET."""
    rows = people_in_scope(scope).select_related("current_org").order_by("sort_key", "pk")
    return [p.pk for p in rows[offset : offset + PAGE]]
