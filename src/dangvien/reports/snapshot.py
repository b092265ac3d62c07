"""Keep the member snapshot current: build a day, recount stale units, forget on tree changes.

A snapshot day holds every unit's subtree total of members by status (reports.domain.snapshot),
so the `members` and `cells` reports of a province or of the whole country read a few rows
instead of millions of status periods. Writers mark the units whose members changed on each
existing snapshot day, in their own transaction (see reports.signals); readers call
`snapshot_ready()` first, which recounts those units and moves their ancestors' totals by
the difference, so a recount is cheap whatever the size of the tree. Status periods inserted
without signals (imports, the generator) are caught by the highest period id the day has
counted; anything that moves people or deletes periods in bulk must call
`snapshot_mark_people()` before and after (imports do). The day's cell counters
(reports.cell_snapshot) are recounted with the members of the same units, and for the
cells whose admissions changed (marked by reports.signals, or above the day's highest
membership id counted).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, cast

from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, F, FilteredRelation, OuterRef, Q, Subquery
from django.utils import timezone

from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.paths import spans_on
from dangvien.people.domain.enums import MEMBER_STATUSES
from dangvien.people.models import Membership, StatusPeriod
from dangvien.reports.bulk import add_rows, analyze, insert_rows
from dangvien.reports.category_sql import category_sums
from dangvien.reports.cell_snapshot import (
    cell_snapshot_count,
    cell_snapshot_forget,
    cell_snapshot_recount,
)
from dangvien.reports.domain.cells import CellHealthRules, elderly_birth_cutoff
from dangvien.reports.domain.snapshot import (
    STOCK_COLUMNS,
    OwnStock,
    StockRow,
    fold_stock,
    stock_row,
    subtree_changes,
)
from dangvien.reports.locality_stock import (
    localities_of_people,
    locality_count,
    locality_forget,
    locality_mark,
    locality_recount,
)
from dangvien.reports.models import (
    CellSnapshot,
    LocalityDirty,
    MemberSnapshot,
    SnapshotDay,
    SnapshotDirty,
)

_MEMBER_CODES = [s.value for s in MEMBER_STATUSES]
_ROW_COLUMNS = ["day", "org_id", "path", "parent_path", "status", "own", *STOCK_COLUMNS]
# The elderly counter follows the default cell-health rules; other rules count live.
SNAPSHOT_RULES = CellHealthRules()
# Days kept at most: each holds a row per unit and status (about 1.6 million nationally),
# and every change of a member marks each kept day it covers. The least recently built
# days beyond this are dropped.
SNAPSHOT_KEEP = 24


def standard_days(today: date) -> list[date]:
    """Return the days most reports read: 1 January (members at the start) and today."""
    return sorted({date(today.year, 1, 1), today})


def snapshot_warm(today: date | None = None) -> int:
    """Build the snapshots of the standard days that are missing; return how many were built.

    Run after a bulk load and each night (`dangvien report-rebuild --snapshots`), so the first
    report of the day on a province or the whole country does not wait for the count.
    """
    today = today or timezone.localdate()
    have = set(snapshot_days())
    return sum(snapshot_build(day) for day in standard_days(today) if day not in have)


def snapshot_days() -> list[date]:
    """Return the days that have a snapshot, ready or being built, oldest first."""
    return list(SnapshotDay.objects.order_by("day").values_list("day", flat=True))


def snapshot_mark(
    marks: Iterable[tuple[int, date, date]], people: Iterable[tuple[int, date, date]] = ()
) -> None:
    """Record units whose own members changed between two days, on every snapshot day then.

    `people` are (person, first day, last day) whose membership changed: the localities
    they live in or head are recounted on those days. One query when there is no
    snapshot day.
    """
    marks, people = list(marks), list(people)
    if not marks and not people:
        return
    days = snapshot_days()
    if not days:
        return
    rows = {(day, org_id) for org_id, first, last in marks for day in days if first <= day <= last}
    SnapshotDirty.objects.bulk_create([SnapshotDirty(day=d, org_id=o) for d, o in sorted(rows)])
    hit = sorted({day for _, first, last in people for day in days if first <= day <= last})
    if hit:
        locality_mark(hit, localities_of_people(person for person, _, _ in people))


def snapshot_mark_localities(locality_ids: Iterable[int | None]) -> None:
    """Record localities to recount on every snapshot day (a head or a resident changed)."""
    ids = [pk for pk in locality_ids if pk is not None]
    if ids:
        locality_mark(snapshot_days(), ids)


def snapshot_mark_people(person_ids: Iterable[int]) -> None:
    """Record every unit these people were ever in and the localities they live in or head.

    For writers that change people or their periods in bulk, without signals (imports):
    call it before the change (where they were) and after it (where they are). One
    query when there is no snapshot day.
    """
    people = sorted(set(person_ids))
    if not people:
        return
    days = snapshot_days()
    if not days:
        return
    org_ids = set(
        StatusPeriod.objects.filter(person_id__in=people).values_list("org_id", flat=True)
    )
    # The cells they were admitted into: those cells' last admission may have changed.
    org_ids |= set(
        Membership.objects.filter(person_id__in=people).values_list("admitted_in_id", flat=True)
    )
    rows = [SnapshotDirty(day=d, org_id=o) for d in days for o in sorted(org_ids)]
    SnapshotDirty.objects.bulk_create(rows, batch_size=5000)
    locality_mark(days, localities_of_people(people))


def snapshot_forget(first: date, last: date) -> None:
    """Drop the snapshot days between two dates (the tree changed: paths moved)."""
    MemberSnapshot.objects.filter(day__range=(first, last)).delete()
    cell_snapshot_forget(first, last)
    SnapshotDirty.objects.filter(day__range=(first, last)).delete()
    locality_forget(first, last)
    SnapshotDay.objects.filter(day__range=(first, last)).delete()


def snapshot_forget_all() -> None:
    """Drop every snapshot day (before a rebuild, or after the data was replaced)."""
    snapshot_forget(date.min, date.max)


def snapshot_ready(day: date, *, build: bool) -> bool:
    """Return whether the snapshot of `day` can be read, bringing it up to date first.

    Without a snapshot of that day, build one when `build` is true (a whole-tree count,
    worth it for a province or the country) and otherwise return False, so the caller
    counts live. One query when the day is built and nothing changed since.
    """
    state = (
        SnapshotDay.objects.filter(day=day)
        .annotate(
            newest=Subquery(StatusPeriod.objects.order_by("-id").values("id")[:1]),
            newest_membership=Subquery(Membership.objects.order_by("-id").values("id")[:1]),
            dirty=Exists(SnapshotDirty.objects.filter(day=OuterRef("day")))
            | Exists(LocalityDirty.objects.filter(day=OuterRef("day"))),
        )
        .values(
            "ready", "max_period_id", "max_membership_id", "newest", "newest_membership", "dirty"
        )
        .first()
    )
    if state is None:
        return build and snapshot_build(day)
    if not state["ready"]:
        return False  # another request is building it: count live meanwhile
    loaded = (state["newest"] or 0) > state["max_period_id"] or (
        state["newest_membership"] or 0
    ) > state["max_membership_id"]
    if state["dirty"] or loaded:
        _refresh(day)
    return True


def snapshot_build(day: date) -> bool:
    """Count every unit's members on `day` and store the subtree totals; False if taken."""
    try:
        with transaction.atomic():
            # Committed before counting, so writers mark what they change meanwhile.
            SnapshotDay.objects.create(day=day, **_watermarks())
    except IntegrityError:
        return False  # another request started the same day
    with transaction.atomic():
        snapshot = SnapshotDay.objects.select_for_update().get(day=day)
        marks = _watermarks()
        snapshot.max_period_id = marks["max_period_id"]
        snapshot.max_membership_id = marks["max_membership_id"]
        own = _own_stock(day)
        rows = [(row, False) for row in fold_stock(own)] + [(_own_row(o), True) for o in own]
        insert_rows(MemberSnapshot, _ROW_COLUMNS, (_values(day, *row) for row in rows))
        cell_snapshot_count(day)  # reads the members just stored
        locality_count(day)
        snapshot.ready = True
        snapshot.save(update_fields=["ready", "max_period_id", "max_membership_id"])
    _prune()
    analyze(MemberSnapshot)
    analyze(CellSnapshot)
    return True


def _prune() -> None:
    """Drop the least recently built days beyond SNAPSHOT_KEEP."""
    old = SnapshotDay.objects.order_by("-built_at", "-day").values_list("day", flat=True)
    for day in list(old[SNAPSHOT_KEEP:]):
        snapshot_forget(day, day)


def snapshot_rebuild(days: Sequence[date]) -> int:
    """Drop every snapshot and build the given days; return the rows stored."""
    snapshot_forget_all()
    for day in sorted(set(days)):
        snapshot_build(day)
    return MemberSnapshot.objects.count()


def _watermarks() -> dict[str, int]:
    """Return the highest status period and membership ids (0 when none), in one query."""
    newest = (
        StatusPeriod.objects.order_by("-id")
        .annotate(membership=Subquery(Membership.objects.order_by("-id").values("id")[:1]))
        .values_list("id", "membership")
        .first()
    )
    # Without any period, no membership is taken as counted: a later read recounts.
    period, membership = newest or (0, 0)
    return {"max_period_id": period, "max_membership_id": membership or 0}


def _own_stock(day: date, org_ids: Sequence[int] | None = None) -> list[OwnStock]:
    """Return the members each unit holds directly on `day`, by status, placed on that tree."""
    periods = StatusPeriod.objects.filter(
        valid_from__lte=day, valid_to__gte=day, status__in=_MEMBER_CODES
    )
    if org_ids is not None:
        periods = periods.filter(org_id__in=org_ids)
    elderly = Q(person__birth_date__lte=elderly_birth_cutoff(day, SNAPSHOT_RULES))
    rows = (
        periods.annotate(
            place=FilteredRelation(
                "org__spans",
                condition=Q(org__spans__valid_from__lte=day, org__spans__valid_to__gte=day),
            ),
            place_path=F("place__path"),
        )
        .filter(place_path__isnull=False)
        .values("place_path", "status")
        .annotate(**category_sums(day), elderly=Count("id", filter=elderly))
        .order_by()
    )
    return [
        OwnStock(row["place_path"], row["status"], _counters(cast("dict[str, Any]", row)))
        for row in rows
    ]


def _counters(row: dict[str, Any]) -> tuple[int, ...]:
    age_sum = (row["year_sum"] or 0) - row["birthday_ahead"]
    named = {**row, "members": row["n"], "age_sum": age_sum}
    return tuple(int(named[column]) for column in STOCK_COLUMNS)


def _own_row(own: OwnStock) -> StockRow:
    return stock_row(own.path, own.status, own.counters)


def _values(day: date, row: StockRow, own: bool) -> tuple[int | str | date | bool, ...]:
    return (day, row.org_id, row.path, row.parent_path, row.status, own, *row.counters)


@transaction.atomic
def _refresh(day: date) -> None:
    """Recount the stale units of a day and move every ancestor's totals by the difference.

    The day's row is locked, so two readers never apply the same difference twice; a
    unit recounted twice moves nothing the second time (the old figures come from the
    stored totals, not from the mark).
    """
    snapshot = SnapshotDay.objects.select_for_update().get(day=day)
    marks = SnapshotDirty.objects.filter(day=day)
    org_ids = set(marks.values_list("org_id", flat=True))
    marks_now = _watermarks()
    # Periods loaded without signals since the last count: recount their units and the
    # localities of their people too.
    loaded = StatusPeriod.objects.filter(
        id__gt=snapshot.max_period_id, valid_from__lte=day, valid_to__gte=day
    ).values_list("org_id", "person_id")
    people: set[int] = set()
    for org_id, person_id in loaded:
        org_ids.add(org_id)
        people.add(person_id)
    # Admissions loaded without signals: their cells' last admission may have changed.
    org_ids.update(
        Membership.objects.filter(
            id__gt=snapshot.max_membership_id, decision_date__lte=day
        ).values_list("admitted_in_id", flat=True)
    )
    marks.delete()
    if org_ids:
        _recount(day, sorted(org_ids))
        cell_snapshot_recount(day, sorted(org_ids))  # after the members it reads
    locality_recount(day, localities_of_people(people))
    snapshot.max_period_id = marks_now["max_period_id"]
    snapshot.max_membership_id = marks_now["max_membership_id"]
    snapshot.save(update_fields=["max_period_id", "max_membership_id"])


def _recount(day: date, org_ids: list[int]) -> None:
    recounted = _own_stock(day, org_ids)
    fresh = {(o.path, o.status): o.counters for o in recounted}
    paths = _paths_on(day, org_ids)
    children: dict[tuple[str, str], list[int]] = {}
    for (path, status), counters in _stored(day, Q(parent_path__in=paths)).items():
        total = children.setdefault((_parent(path), status), [0] * len(STOCK_COLUMNS))
        for i, value in enumerate(counters):
            total[i] += value
    changes = subtree_changes(
        paths,
        stored=_stored(day, Q(path__in=paths)),
        children=children,
        fresh=fresh,
        size=len(STOCK_COLUMNS),
    )
    _apply(day, changes)
    # The units' own rows are replaced outright.
    MemberSnapshot.objects.filter(day=day, own=True, path__in=paths).delete()
    insert_rows(MemberSnapshot, _ROW_COLUMNS, [_values(day, _own_row(o), True) for o in recounted])


def _parent(path: str) -> str:
    return path[:-SEGMENT]


def _paths_on(day: date, org_ids: list[int]) -> list[str]:
    return list(spans_on(day).filter(org_id__in=org_ids).values_list("path", flat=True))


def _stored(day: date, where: Q) -> dict[tuple[str, str], tuple[int, ...]]:
    rows = MemberSnapshot.objects.filter(where, day=day, own=False).values_list(
        "path", "status", *STOCK_COLUMNS
    )
    return {(path, status): tuple(counters) for path, status, *counters in rows}


def _apply(day: date, changes: dict[tuple[str, str], list[int]]) -> None:
    """Add each change to its stored total (a new row where there was none), drop empty rows."""
    if not changes:
        return
    add_rows(
        MemberSnapshot,
        _ROW_COLUMNS,
        key=["day", "path", "status", "own"],
        added=STOCK_COLUMNS,
        rows=(
            _values(day, stock_row(path, status, delta), False)
            for (path, status), delta in changes.items()
        ),
    )
    MemberSnapshot.objects.filter(
        day=day, own=False, members=0, path__in=[p for p, _ in changes]
    ).delete()
