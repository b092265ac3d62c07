"""Keep the derived `entered_on` of the transition log: when the stage each step leaves began.

A stay in a stage runs from one change of stage to the next, in the order of the step
dates and then of the records. Steps may be recorded with an earlier date than the last
one, so a new step can change the stay its successor ends: the column is recomputed for
the whole log of each candidacy touched (a handful of rows), by one statement that is the
same on PostgreSQL and SQLite.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from dangvien.pipeline.models import StageTransition

_LOG = StageTransition._meta.db_table


def entered_refresh(candidacy_ids: Iterable[int] | None = None) -> int:
    """Recompute `entered_on` for these candidacies' steps (all steps for None); return rows set."""
    where, params = "", []
    if candidacy_ids is not None:
        ids = sorted(set(candidacy_ids))
        if not ids:
            return 0
        where = f"AND candidacy_id IN ({', '.join(['%s'] * len(ids))})"
        params = ids
    # Only the table name and placeholders are interpolated; ids are parameters.
    sql = f"""
        UPDATE {_LOG} SET entered_on = x.entered
        FROM (
            SELECT id, CASE WHEN from_stage <> to_stage THEN LAG("on") OVER (
                PARTITION BY candidacy_id, from_stage <> to_stage ORDER BY "on", id
            ) END AS entered
            FROM {_LOG} WHERE 1 = 1 {where}
        ) x
        WHERE {_LOG}.id = x.id AND (
            {_LOG}.entered_on <> x.entered
            OR ({_LOG}.entered_on IS NULL) <> (x.entered IS NULL)
        )
    """  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return max(int(cursor.rowcount), 0)
