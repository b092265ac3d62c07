"""The locality half of a snapshot day: members living in each locality, and its head.

Built and refreshed with the member snapshot (reports.snapshot), which owns the days.
A locality's row is replaced outright when it is recounted, so marks only say which
localities to recount. Each row also holds the paths of the locality's commune and cell
on the day's tree: a change to the tree drops the day (reports.snapshot), a change to
the locality marks it (reports.signals, the import).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from dangvien.orgs.models import Locality
from dangvien.orgs.paths import spans_on
from dangvien.people.domain.enums import MEMBER_STATUSES
from dangvien.people.models import StatusPeriod
from dangvien.reports.bulk import insert_rows
from dangvien.reports.models import LocalityDirty, LocalityStock

_MEMBER_CODES = [s.value for s in MEMBER_STATUSES]


def _members_on(day: date) -> QuerySet[StatusPeriod]:
    return StatusPeriod.objects.filter(
        valid_from__lte=day, valid_to__gte=day, status__in=_MEMBER_CODES
    )


_STOCK_COLUMNS = [
    "day",
    "locality_id",
    "members",
    "head_is_member",
    "locality_type",
    "has_independent_cell",
    "has_head",
    "commune_path",
    "cell_path",
]


def locality_count(day: date, locality_ids: Iterable[int] | None = None) -> int:
    """Store the rows of `day` for the localities (every one when None); return how many.

    Four queries: the localities, the paths of their communes and cells on that day's
    tree, residents who are members counted per locality, heads who are members.
    """
    periods = _members_on(day).filter(person__locality_id__isnull=False)
    places = Locality.objects.all()
    if locality_ids is not None:
        ids = list(locality_ids)
        periods = periods.filter(person__locality_id__in=ids)
        places = places.filter(pk__in=ids)
    facts = list(
        places.order_by("pk").values_list(
            "pk", "locality_type", "has_independent_cell", "head_id", "commune_id", "cell_id"
        )
    )
    if not facts:
        return 0
    members = dict(
        periods.values("person__locality_id")
        .annotate(n=Count("id"))
        .values_list("person__locality_id", "n")
        .order_by()
    )
    heads = set(
        places.filter(head_id__isnull=False)
        .filter(Exists(_members_on(day).filter(person_id=OuterRef("head_id"))))
        .values_list("pk", flat=True)
    )
    paths = _paths_on(day, None if locality_ids is None else facts)
    rows = [
        (
            day,
            pk,
            members.get(pk, 0),
            pk in heads,
            kind,
            independent,
            head_id is not None,
            paths.get(commune_id, ""),
            paths.get(cell_id, "") if cell_id is not None else "",
        )
        for pk, kind, independent, head_id, commune_id, cell_id in facts
    ]
    return insert_rows(LocalityStock, _STOCK_COLUMNS, rows)


def _paths_on(day: date, facts: list[tuple[Any, ...]] | None) -> dict[int, str]:
    """Return the path on `day` of the units of these localities (of every unit when None)."""
    spans = spans_on(day)
    if facts is not None:
        units = {f[4] for f in facts} | {f[5] for f in facts if f[5] is not None}
        spans = spans.filter(org_id__in=sorted(units))
    return dict(spans.values_list("org_id", "path").order_by())


def locality_recount(day: date, locality_ids: set[int]) -> None:
    """Replace the rows of `day` for these localities and the marked ones, then drop the marks."""
    marks = LocalityDirty.objects.filter(day=day)
    ids = locality_ids | set(marks.values_list("locality_id", flat=True))
    marks.delete()
    if ids:
        LocalityStock.objects.filter(day=day, locality_id__in=ids).delete()
        locality_count(day, ids)


def localities_of_people(person_ids: Iterable[int]) -> set[int]:
    """Return the localities where these people live or which they head."""
    people = list(set(person_ids))
    if not people:
        return set()
    return set(
        Locality.objects.filter(Q(residents__id__in=people) | Q(head_id__in=people)).values_list(
            "pk", flat=True
        )
    )


def locality_mark(days: Iterable[date], locality_ids: Iterable[int]) -> None:
    """Record localities to recount on each of the days."""
    ids = sorted(set(locality_ids))
    LocalityDirty.objects.bulk_create(
        [LocalityDirty(day=day, locality_id=pk) for day in days for pk in ids]
    )


def locality_forget(first: date, last: date) -> None:
    """Drop the rows and marks of the days between two dates."""
    LocalityStock.objects.filter(day__range=(first, last)).delete()
    LocalityDirty.objects.filter(day__range=(first, last)).delete()
