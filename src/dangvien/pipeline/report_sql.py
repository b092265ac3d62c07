"""The pipeline report's tallies, computed by the database from candidacies and their log.

Each function returns a few rows per stage (and per group of units), whatever the number
of candidacies under the subject. Plain SQL with window functions, the same on
PostgreSQL and SQLite but for the day difference (`_days_between`). `units` is a
queryset of the subtree's spans on the tree's day; `width` groups by the first `width`
characters of the unit's path ("" for 0, the whole path for None).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import CharField, Count, F, QuerySet, Value
from django.db.models.functions import Collate, Substr

from dangvien.core.collation import byte_order_collation
from dangvien.orgs.models import OrgSpan
from dangvien.pipeline.models import Candidacy, Deadline, StageTransition

_CANDIDACY = Candidacy._meta.db_table
_LOG = StageTransition._meta.db_table

Row = tuple[Any, ...]


def _units(units: QuerySet[OrgSpan], width: int | None) -> tuple[str, list[Any]]:
    """Return the SQL of (org_id, grp) rows for the units, and its parameters.

    The group is the path's first `width` characters, "" for 0, the whole path for None.
    """
    if width is None:
        group: Any = F("path")
    elif width:
        group = Substr("path", 1, width)
    else:
        group = Value("", output_field=CharField())
    query = units.annotate(grp=group).values_list("org_id", "grp").order_by().query
    sql, params = query.sql_with_params()
    return sql, list(params)


def _days_between(later: str, earlier: str) -> str:
    if connection.vendor == "postgresql":
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def quarter_starts(first: date, last: date) -> list[date]:
    """Return the quarter starts (1/1, 1/4, 1/7, 1/10) between two days, both included."""
    return [
        date(year, month, 1)
        for year in range(first.year, last.year + 1)
        for month in (1, 4, 7, 10)
        if first <= date(year, month, 1) <= last
    ]


def _fetch(sql: str, params: Sequence[Any]) -> list[Row]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def stages_on(units: QuerySet[OrgSpan], day: date, width: int | None) -> list[Row]:
    """Return (group, stage, candidacies) on `day`; the stage is None before the first step.

    A width of None groups by each unit's own path (the stage snapshot's own counts).
    """
    units_sql, units_params = _units(units, width)
    # Only table names and compiled ORM SQL are interpolated; values are parameters.
    sql = f"""
        SELECT s.grp, s.stage, COUNT(*) FROM (
            SELECT u.grp, (
                SELECT t.to_stage FROM {_LOG} t
                WHERE t.candidacy_id = c.id AND t."on" <= %s
                ORDER BY t."on" DESC, t.id DESC LIMIT 1
            ) AS stage
            FROM {_CANDIDACY} c JOIN ({units_sql}) u ON u.org_id = c.cell_id
            WHERE c.opened_on <= %s
        ) s
        GROUP BY s.grp, s.stage
    """  # noqa: S608
    return _fetch(sql, [day, *units_params, day])


def stays_ended(units: QuerySet[OrgSpan], first: date, last: date) -> list[Row]:
    """Return (stage, days in it, next stage, stays) of the stays that ended in the period.

    A stay starts at a change of stage and ends at the candidacy's next change: each
    change of stage in the period ends the stay that began on its `entered_on`
    (pipeline.transition_log), so only the period's steps are read, not their history.
    """
    return [row[1:] for row in stays_ended_by_group(units, first, last, 0)]


def stays_ended_by_group(
    units: QuerySet[OrgSpan], first: date, last: date, width: int | None
) -> list[Row]:
    """Return (group, stage, days in it, next stage, stays) as `stays_ended`, by unit group."""
    units_sql, units_params = _units(units, width)
    # Only table names and compiled ORM SQL are interpolated; values are parameters.
    sql = f"""
        SELECT u.grp, t.from_stage, {_days_between('t."on"', "t.entered_on")}, t.to_stage,
            COUNT(*)
        FROM {_LOG} t
        JOIN {_CANDIDACY} c ON c.id = t.candidacy_id
        JOIN ({units_sql}) u ON u.org_id = c.cell_id
        WHERE t."on" BETWEEN %s AND %s AND t.from_stage <> t.to_stage
            AND t.from_stage <> '' AND t.entered_on IS NOT NULL
        GROUP BY 1, 2, 3, 4
    """  # noqa: S608
    return _fetch(sql, [*units_params, first, last])


def observations(units: QuerySet[OrgSpan], days: Sequence[date], width: int | None) -> list[Row]:
    """Return (group, stage, days to decision or None, cases) of candidacies seen on `days`.

    A candidacy is seen on each of the days between its opening and its closing (both
    included) before its admission decision, in the stage it had reached that day. A
    width of None groups by each unit's own path (the history snapshot's own counts).
    """
    last = max(days)
    units_sql, units_params = _units(units, width)
    observed = " UNION ALL ".join("SELECT %s AS day" for _ in days)
    # Only table names and compiled ORM SQL are interpolated; values are parameters.
    sql = f"""
        WITH q AS ({observed}),
        cand AS (
            SELECT c.id, c.opened_on, c.closed_on, c.decision_on, u.grp
            FROM {_CANDIDACY} c JOIN ({units_sql}) u ON u.org_id = c.cell_id
            WHERE c.opened_on <= %s
        ),
        stays AS (
            SELECT t.candidacy_id, t.to_stage, t."on" AS since,
                LEAD(t."on") OVER (PARTITION BY t.candidacy_id ORDER BY t."on", t.id) AS until
            FROM {_LOG} t
            WHERE t."on" <= %s AND t.candidacy_id IN (SELECT id FROM cand)
        )
        SELECT cand.grp, stays.to_stage, {_days_between("cand.decision_on", "q.day")}, COUNT(*)
        FROM cand
        JOIN stays ON stays.candidacy_id = cand.id
        JOIN q ON stays.since <= q.day AND (stays.until IS NULL OR stays.until > q.day)
        WHERE cand.opened_on <= q.day
            AND (cand.closed_on IS NULL OR cand.closed_on >= q.day)
            AND (cand.decision_on IS NULL OR cand.decision_on > q.day)
        GROUP BY 1, 2, 3
    """  # noqa: S608
    return _fetch(sql, [*days, *units_params, last, last])


def overdue_steps(
    units: QuerySet[OrgSpan], day: date, kinds: Sequence[str], limit: int, *, wide: bool = False
) -> tuple[dict[str, int], list[tuple[str, str, date, str]]]:
    """Return the overdue steps' count by stage, and the `limit` most overdue.

    Overdue: a deadline of one of `kinds` before `day`, in one of the units. The order is
    `overdue_order`'s: byte order for the codes, the dossier as a number. The semi-join
    with the subtree is most of the cost. For a subtree that is not `wide`, one query
    finds the deadlines once, then counts and sorts them (a province: 125 -> 68 ms). For
    the whole country (`wide`) a separate listing is cheaper: walking the deadlines by
    date, it stops at the `limit`-th in the subtree (root: 254 -> 190 ms).
    """
    due = Deadline.objects.filter(
        cell_id__in=units.values("org_id"), kind__in=kinds, due_on__lt=day
    ).values_list("stage", "kind", "due_on", "candidacy_id")
    binary = byte_order_collation()
    if wide:
        by_stage = dict(due.order_by().values_list("stage").annotate(n=Count("*")))
        listed = due.order_by(
            "due_on", Collate("stage", binary), "candidacy_id", Collate("kind", binary)
        )[:limit]
        return by_stage, [(st, k, d, str(c)) for st, k, d, c in listed]
    due_sql, due_params = due.order_by().query.sql_with_params()
    # Only compiled ORM SQL and a collation name are interpolated; values are parameters.
    sql = f"""
        WITH due (stage, kind, due_on, candidacy_id) AS ({due_sql})
        SELECT stage, MIN(kind), MIN(due_on), MIN(candidacy_id), COUNT(*) FROM due
        GROUP BY stage
        UNION ALL
        SELECT * FROM (
            SELECT stage, kind, due_on, candidacy_id, 0 FROM due
            ORDER BY due_on, stage COLLATE "{binary}", candidacy_id, kind COLLATE "{binary}"
            LIMIT %s
        ) AS most_overdue
    """  # noqa: S608
    by_stage = {}
    steps: list[tuple[str, str, date, str]] = []
    # Count rows carry their stage's count; listed steps a 0 (the MINs only give the
    # columns their types, which PostgreSQL will not infer from a NULL).
    for stage, kind, due_on, candidacy_id, count in _fetch(sql, [*due_params, limit]):
        if count:
            by_stage[stage] = int(count)
        else:  # SQLite returns the raw column as text
            day_due = due_on if isinstance(due_on, date) else date.fromisoformat(due_on)
            steps.append((stage, kind, day_due, str(candidacy_id)))
    return by_stage, steps
