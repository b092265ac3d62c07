"""Cache the member stock under a unit on a day, the costliest part of a large admissions report.

`members_at_start` of a province or the whole country counts millions of status
periods; the answer for a (path, day) pair only changes when a period covering that day
or the tree changes. Receivers drop the affected days in the writer's transaction;
periods inserted in bulk are caught by the highest period id already seen, and then
the whole cache is dropped (it refills on demand).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Exists, Subquery

from dangvien.people.models import StatusPeriod
from dangvien.reports.models import CubeState, MemberStock

STATE = "member_stock"


def stock_forget(first: date, last: date) -> None:
    """Drop the cached stocks of the days between two dates (a period covering them changed)."""
    MemberStock.objects.filter(day__range=(first, last)).delete()


def stock_forget_all() -> None:
    """Drop every cached stock (the tree changed, or periods were loaded in bulk)."""
    MemberStock.objects.all().delete()


def stock_ensure_fresh() -> None:
    """Drop every cached stock if status periods were inserted in bulk since the last check.

    One query when nothing was loaded in bulk.
    """
    state = (
        CubeState.objects.filter(name=STATE)
        .annotate(
            newest=Subquery(StatusPeriod.objects.order_by("-id").values("id")[:1]),
            cached=Exists(MemberStock.objects.all()),
        )
        .values("max_period_id", "newest", "cached")
        .first()
    )
    if state is not None and (state["newest"] or 0) <= state["max_period_id"]:
        return
    if state is None or state["cached"]:
        stock_forget_all()
    newest = StatusPeriod.objects.order_by("-id").values_list("id", flat=True).first() or 0
    CubeState.objects.update_or_create(name=STATE, defaults={"max_period_id": newest})


def cached_stock(path: str, day: date, count: Callable[[], int]) -> int:
    """Return the stock under `path` on `day`, from the cache or by `count()` (then stored)."""
    stock_ensure_fresh()
    found = MemberStock.objects.filter(path=path, day=day).values_list("members", flat=True)
    for members in found:
        return members
    members = count()
    try:
        with transaction.atomic():
            MemberStock.objects.create(path=path, day=day, members=members)
    except IntegrityError:
        pass  # another request stored the same figure meanwhile
    return members
