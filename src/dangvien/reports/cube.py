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

from django.db import transaction
from django.db.models import Exists, F, FilteredRelation, Max, Min, Q, Subquery
from django.utils import timezone

from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import path_prefix_q
from dangvien.people.domain.enums import Gender
from dangvien.people.models import Membership
from dangvien.reports.bulk import insert_rows
from dangvien.reports.domain.categories import PersonFacts
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
            _insert(fold_admissions(_placed(first, last)))


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


@transaction.atomic
def cube_rebuild() -> int:
    """Recompute the whole cube from the memberships; return the number of rows stored."""
    state, _ = CubeState.objects.select_for_update().get_or_create(name=STATE)
    newest = Membership.objects.aggregate(m=Max("id"))["m"] or 0
    AdmissionDay.objects.all().delete()
    AdmissionDirty.objects.all().delete()
    years = Membership.objects.aggregate(first=Min("decision_date"), last=Max("decision_date"))
    count = 0
    if years["first"] is not None and years["last"] is not None:
        for year in range(years["first"].year, years["last"].year + 1):
            count += _insert(fold_admissions(_placed(date(year, 1, 1), date(year, 12, 31))))
    state.max_membership_id = newest
    state.rebuilt_at = timezone.now()
    state.save(update_fields=["max_membership_id", "rebuilt_at"])
    return count
