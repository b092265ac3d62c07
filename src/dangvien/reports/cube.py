"""Keep the AdmissionDay cube current: mark stale days, recompute them, rebuild everything.

Writers mark days stale in their own transaction (see reports.signals); readers call
`cube_ensure_fresh()` first, which recomputes those days and any membership added in
bulk since the last refresh (ids above the watermark). Recomputing a day replaces every
row of that day from the memberships decided on it, so the result never depends on the
order of changes.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Exists, F, FilteredRelation, Max, Min, Q, Subquery
from django.utils import timezone

from dangvien.core.bulk_load import indexes_rebuilt_after
from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import path_prefix_q
from dangvien.people.domain.enums import Gender
from dangvien.people.models import Membership, Person
from dangvien.reports.bulk import insert_rows
from dangvien.reports.domain.categories import (
    COLLEGE_OR_HIGHER,
    KINH,
    NO_RELIGION,
    YOUNG_MAX_AGE,
    YOUNG_MIN_AGE,
    Category,
    PersonFacts,
)
from dangvien.reports.domain.cube import CATEGORY_COLUMNS, CubeRow, PlacedAdmission, fold_admissions
from dangvien.reports.models import AdmissionDay, AdmissionDirty, CubeState

STATE = "admissions"
_BATCH = 5000  # rows read at a time from the memberships
_RUNS_PER_YEAR = 6  # above this many runs of stale days, recompute the whole year


def cube_mark_days(days: Iterable[date]) -> None:
    """Record days whose admissions changed, to be recomputed before the next report."""
    rows = [AdmissionDirty(day_from=a, day_to=b) for a, b in _ranges(sorted(set(days)))]
    AdmissionDirty.objects.bulk_create(rows)


def cube_mark_org(org_id: int, day_from: date, day_to: date) -> None:
    """Record that the tree changed under a unit between two days (its placements moved)."""
    AdmissionDirty.objects.create(org_id=org_id, day_from=day_from, day_to=day_to)


def _ranges(days: list[date]) -> Iterator[tuple[date, date]]:
    """Group sorted days into runs of consecutive days."""
    start = previous = None
    for day in days:
        if previous is not None and day == previous + timedelta(days=1):
            previous = day
            continue
        if start is not None and previous is not None:
            yield start, previous
        start = previous = day
    if start is not None and previous is not None:
        yield start, previous


def cube_ensure_fresh() -> int:
    """Recompute stale days, if any; return how many days were recomputed.

    One query when nothing is stale: the watermark, the newest membership and the
    presence of stale marks are read together.
    """
    state = (
        CubeState.objects.filter(name=STATE)
        .annotate(
            newest=Subquery(Membership.objects.order_by("-id").values("id")[:1]),
            dirty=Exists(AdmissionDirty.objects.all()),
        )
        .values("max_membership_id", "newest", "dirty")
        .first()
    )
    if (
        state is not None
        and not state["dirty"]
        and (state["newest"] or 0) <= state["max_membership_id"]
    ):
        return 0
    return _refresh()


@transaction.atomic
def _refresh() -> int:
    state, _ = CubeState.objects.select_for_update().get_or_create(name=STATE)
    marks = list(AdmissionDirty.objects.select_for_update().order_by("id"))
    newest = Membership.objects.aggregate(m=Max("id"))["m"] or 0
    days = set(
        Membership.objects.filter(id__gt=state.max_membership_id).values_list(
            "decision_date", flat=True
        )
    )
    for mark in marks:
        days |= _days_of_mark(mark)
    _recompute(sorted(days))
    AdmissionDirty.objects.filter(id__in=[m.pk for m in marks]).delete()
    state.max_membership_id = max(newest, state.max_membership_id)
    state.save(update_fields=["max_membership_id"])
    return len(days)


def _days_of_mark(mark: AdmissionDirty) -> set[date]:
    if mark.org_id is None:
        return {
            mark.day_from + timedelta(days=i) for i in range((mark.day_to - mark.day_from).days + 1)
        }
    paths = set(OrgSpan.objects.filter(org_id=mark.org_id).values_list("path", flat=True))
    under = Q(org_id=mark.org_id)
    for path in paths:
        under |= path_prefix_q(path)
    orgs = OrgSpan.objects.filter(under).values("org_id")
    return set(
        Membership.objects.filter(
            admitted_in_id__in=orgs, decision_date__range=(mark.day_from, mark.day_to)
        )
        .values_list("decision_date", flat=True)
        .distinct()
    )


def _recompute(days: list[date]) -> None:
    """Replace the cube rows of these days: a run of days at a time, or a whole year at once.

    After a bulk load the stale days are scattered over decades; one query per year then
    beats one per run of consecutive days.
    """
    by_year: dict[int, list[date]] = {}
    for day in days:
        by_year.setdefault(day.year, []).append(day)
    for year, in_year in sorted(by_year.items()):
        runs = list(_ranges(in_year))
        if len(runs) > _RUNS_PER_YEAR:
            runs = [(date(year, 1, 1), date(year, 12, 31))]
        for first, last in runs:
            AdmissionDay.objects.filter(day__range=(first, last)).delete()
            _fill(first, last)


def _fill(first: date, last: date, *, whole_year: bool = False) -> int:
    """Store the cube rows of the admissions decided between two days; return how many.

    PostgreSQL folds them in one INSERT ... SELECT (the national rebuild: 3 million
    admissions, 26 million rows, went from half an hour through Python to minutes), a
    `whole_year` on several cores; elsewhere the rows are folded in Python by the
    domain function the SQL mirrors.
    """
    if connection.vendor == "postgresql":
        return _fill_in_parallel(first, last) if whole_year else _fill_in_sql(first, last)
    return _insert(fold_admissions(_placed(first, last)))


def _placed(first: date, last: date) -> Iterator[PlacedAdmission]:
    """Yield the admissions decided between two days with their cell's path on the day."""
    rows = (
        Membership.objects.filter(decision_date__range=(first, last))
        .annotate(
            span=FilteredRelation(
                "admitted_in__spans",
                condition=Q(admitted_in__spans__valid_from__lte=F("decision_date"))
                & Q(admitted_in__spans__valid_to__gte=F("decision_date")),
            )
        )
        .filter(span__isnull=False)
        .values_list(
            "span__path",
            "decision_date",
            "person__birth_date",
            "person__gender",
            "person__ethnicity",
            "person__religion",
            "person__youth_union",
            "person__qualification",
        )
    )
    for path, day, birth, gender, ethnicity, religion, youth, qualification in rows.iterator(
        chunk_size=_BATCH
    ):
        facts = PersonFacts(birth, Gender(gender), ethnicity, religion, youth, qualification)
        yield PlacedAdmission(path, day, facts)


_COLUMNS = ["org_id", "path", "parent_path", "day", "own", "admitted", "age_sum"] + [
    c.value for c in CATEGORY_COLUMNS
]


def _values(row: CubeRow) -> tuple[int | str | date | bool, ...]:
    cell = row.cell
    return (
        row.org_id,
        row.path,
        row.parent_path,
        row.day,
        row.own,
        cell.admitted,
        cell.age_sum,
        *cell.categories,
    )


def _insert(rows: Iterable[CubeRow]) -> int:
    """Store rows with COPY on PostgreSQL, batched INSERTs elsewhere (no model instances)."""
    # The rows come from a query on this same connection (fold_admissions reads all of
    # it before its first row): take that first row before COPY holds the connection,
    # or the query would wait for the COPY and the COPY for the query, for ever.
    pending = iter(rows)
    first = next(pending, None)
    if first is None:
        return 0
    return insert_rows(AdmissionDay, _COLUMNS, map(_values, itertools.chain([first], pending)))


def _empty() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {connection.ops.quote_name(AdmissionDay._meta.db_table)}")
            # Room to group a year's admissions in memory rather than in spill files.
            cursor.execute("SET LOCAL work_mem = '256MB'")
    else:
        AdmissionDay.objects.all().delete()


@transaction.atomic
def cube_rebuild() -> int:
    """Recompute the whole cube from the memberships; return the number of rows stored."""
    state, _ = CubeState.objects.select_for_update().get_or_create(name=STATE)
    newest = Membership.objects.aggregate(m=Max("id"))["m"] or 0
    AdmissionDirty.objects.all().delete()
    years = Membership.objects.aggregate(first=Min("decision_date"), last=Max("decision_date"))
    count = 0
    # The whole table is replaced: on PostgreSQL its indexes are built once at the end
    # (26 million rows nationally); admissions reports wait for the rebuild meanwhile.
    with indexes_rebuilt_after(AdmissionDay):
        _empty()
        if years["first"] is not None and years["last"] is not None:
            for year in range(years["first"].year, years["last"].year + 1):
                count += _fill(date(year, 1, 1), date(year, 12, 31), whole_year=True)
    state.max_membership_id = newest
    state.rebuilt_at = timezone.now()
    state.save(update_fields=["max_membership_id", "rebuilt_at"])
    return count


def _base36(expression: str) -> str:
    """Return SQL decoding a fixed-width base-36 path segment (orgs.domain.tree) to an id."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    terms = [
        f"(strpos('{digits}', substr({expression}, {i + 1}, 1)) - 1) * {36 ** (SEGMENT - 1 - i)}"
        for i in range(SEGMENT)
    ]
    return " + ".join(terms)


def _category_sql() -> dict[Category, str]:
    """Return each category as a 0/1 SQL expression, with the rules of categories_of."""

    def listed(values: frozenset[str]) -> str:
        return ", ".join(f"'{v}'" for v in sorted(values))

    age = "a.age"
    return {
        Category.AGE_18_30: f"({age} BETWEEN {YOUNG_MIN_AGE} AND {YOUNG_MAX_AGE})::int",
        Category.WOMEN: f"(p.gender = '{Gender.FEMALE.value}')::int",
        Category.ETHNIC_MINORITY: f"(lower(btrim(p.ethnicity)) <> '{KINH}')::int",
        Category.RELIGIOUS: f"(lower(btrim(p.religion)) NOT IN ({listed(NO_RELIGION)}))::int",
        Category.YOUTH_UNION: "p.youth_union::int",
        Category.COLLEGE_OR_HIGHER: (
            f"(lower(btrim(p.qualification)) IN ({listed(COLLEGE_OR_HIGHER)}))::int"
        ),
    }


def _fold_sql() -> str:
    """Return the SELECT folding the admissions between two days (%s, %s) into cube rows.

    Same rows as `fold_admissions`, columns in `_COLUMNS` order: one per unit on the
    cell's path that day (own=False) and the cell's own row; ages in whole years as
    `months_between` counts them. The own row is one step past the path's end of the
    same series rather than a UNION ALL branch: a lateral UNION kept the planner from
    summing in parallel workers.
    """
    quote = connection.ops.quote_name
    categories = _category_sql()
    flags = ",\n".join(f"{expression} AS {c.value}" for c, expression in categories.items())
    names = [c.value for c in CATEGORY_COLUMNS]
    sums = ", ".join(f"sum(f.{name})" for name in names)
    months = (
        "(extract(year FROM m.decision_date) - extract(year FROM p.birth_date)) * 12"
        " + extract(month FROM m.decision_date) - extract(month FROM p.birth_date)"
        " - (extract(day FROM m.decision_date) < extract(day FROM p.birth_date))::int"
    )
    return f"""
        SELECT {_base36(f"right(k.path, {SEGMENT})")}, k.path,
               left(k.path, length(k.path) - {SEGMENT}), f.day, k.own,
               count(*), sum(f.age), {sums}
        FROM (
            SELECT s.path, m.decision_date AS day, a.age, {flags}
            FROM {quote(Membership._meta.db_table)} m
            JOIN {quote(OrgSpan._meta.db_table)} s
              ON s.org_id = m.admitted_in_id
             AND s.valid_from <= m.decision_date AND s.valid_to >= m.decision_date
            JOIN {quote(Person._meta.db_table)} p ON p.id = m.person_id
            CROSS JOIN LATERAL (SELECT ({months})::int / 12 AS age) a
            WHERE m.decision_date BETWEEN %s AND %s
        ) f
        CROSS JOIN LATERAL (
            SELECT CASE WHEN e > length(f.path) THEN f.path ELSE left(f.path, e) END AS path,
                   e > length(f.path) AS own
            FROM generate_series({SEGMENT}, length(f.path) + {SEGMENT}, {SEGMENT}) AS e
        ) k
        GROUP BY k.path, f.day, k.own
    """  # noqa: S608 - table names from the models, values as parameters


def _fill_in_sql(first: date, last: date) -> int:
    """Fold and store the admissions of a span of days inside PostgreSQL (see `_fill`)."""
    table = connection.ops.quote_name(AdmissionDay._meta.db_table)
    sql = f"INSERT INTO {table} ({', '.join(_COLUMNS)}) {_fold_sql()}"
    with connection.cursor() as cursor:
        cursor.execute(sql, [first, last])
        return int(cursor.rowcount)


def _fill_in_parallel(first: date, last: date) -> int:
    """Like `_fill_in_sql`, through a scratch table that PostgreSQL fills on several cores.

    PostgreSQL never plans an INSERT ... SELECT in parallel, but it does plan the
    query of a CREATE TABLE ... AS: the admissions are read, placed and summed by
    parallel workers, then copied into the cube. For a whole year of the country
    that beats one core; for the few days a refresh recomputes it would not.
    """
    table = connection.ops.quote_name(AdmissionDay._meta.db_table)
    columns = ", ".join(_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TEMP TABLE _cube_fill ({columns}) ON COMMIT DROP AS {_fold_sql()}",
            [first, last],
        )
        # Quoted model table and column names only; the days are parameters above.
        copy = f"INSERT INTO {table} ({columns}) SELECT {columns} FROM _cube_fill"  # noqa: S608  # nosec B608
        cursor.execute(copy)
        count = int(cursor.rowcount)
        cursor.execute("DROP TABLE _cube_fill")
    return count
