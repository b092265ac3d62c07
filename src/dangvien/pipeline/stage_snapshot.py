"""Keep the stage snapshot current: build a day, recount stale cells, forget on tree changes.

A stage snapshot day holds every unit's subtree total of candidacies by the stage they
were in that day (open stages only), so the `pipeline` report and the forecast of a
province or of the whole country read a few rows instead of the whole transition log. The model is
the member snapshot (reports.snapshot): the pipeline services mark the cells whose
candidacies changed on every snapshot day, in their own transaction
(`stage_snapshot_mark_cells`); readers call `stage_snapshot_ready()` first, which recounts
those cells and moves their ancestors' totals by the difference. Transitions inserted in
bulk (the generator, the demo) are caught by the highest transition id each day counted.
Every change marks every day: steps may be recorded with past dates, and a candidacy that
follows its person to another cell counts in the new cell on every day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from dangvien.orgs.domain.tree import SEGMENT, decode_path
from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import spans_on
from dangvien.pipeline.domain.stage_snapshot import OPEN_STAGES, warm_days
from dangvien.pipeline.editions import BUILD_MAX_DEPTH, newest_transition
from dangvien.pipeline.history_snapshot import (
    history_snapshot_mark_cells,
    history_snapshot_rebuild,
    history_snapshot_warm,
)
from dangvien.pipeline.models import (
    StageSnapshot,
    StageSnapshotDay,
    StageSnapshotDirty,
    StageTransition,
)
from dangvien.pipeline.report_sql import stages_on
from dangvien.pipeline.stay_snapshot import (
    stay_snapshot_mark_cells,
    stay_snapshot_rebuild,
    stay_snapshot_warm,
)
from dangvien.reports.bulk import add_rows, analyze, insert_rows
from dangvien.reports.domain.snapshot import fold_totals, subtree_changes

_COLUMNS = ["day", "org_id", "path", "parent_path", "stage", "candidacies"]
# Days kept at most (the ends of the periods reported on); each holds a row per unit and
# stage with candidacies. The least recently built days beyond this are dropped.
STAGE_SNAPSHOT_KEEP = 24


def stage_snapshot_days() -> list[date]:
    """Return the days that have a stage snapshot, ready or being built, oldest first."""
    return list(StageSnapshotDay.objects.order_by("day").values_list("day", flat=True))


def stage_snapshot_mark_cells(cell_ids: Iterable[int]) -> None:
    """Record cells whose candidacies changed, on every snapshot day (one query if none)."""
    cells = sorted(set(cell_ids))
    if not cells:
        return
    days = stage_snapshot_days()
    StageSnapshotDirty.objects.bulk_create(
        [StageSnapshotDirty(day=day, org_id=cell) for day in days for cell in cells]
    )
    history_snapshot_mark_cells(cells)  # the forecast history changes with the same steps
    stay_snapshot_mark_cells(cells)  # and so do the stays that ended


def stage_snapshot_forget(first: date, last: date) -> None:
    """Drop the snapshot days between two dates (the tree changed: paths moved)."""
    StageSnapshot.objects.filter(day__range=(first, last)).delete()
    StageSnapshotDirty.objects.filter(day__range=(first, last)).delete()
    StageSnapshotDay.objects.filter(day__range=(first, last)).delete()


def stage_snapshot_warm(today: date | None = None) -> int:
    """Build the snapshots of the warm days that are missing; return how many were built.

    Run after a bulk load (`dangvien generate`, `demo`) and by `dangvien report-rebuild
    --snapshots`, so the first pipeline report of a province or the country does not wait.
    """
    have = set(stage_snapshot_days())
    days = warm_days(today or timezone.localdate())
    history_snapshot_warm(days)  # the forecast history those reports read, likewise
    stay_snapshot_warm(days)  # and their stays of the year to date
    return sum(stage_snapshot_build(day) for day in days if day not in have)


def stage_snapshot_rebuild(days: Sequence[date]) -> int:
    """Drop every stage snapshot and build the given days; return the rows stored."""
    stage_snapshot_forget(date.min, date.max)
    for day in sorted(set(days)):
        stage_snapshot_build(day)
    history_snapshot_rebuild(days)
    stay_snapshot_rebuild(days)
    return StageSnapshot.objects.count()


def stage_snapshot_usable(days: Sequence[date], path: str) -> bool:
    """Return whether counts under `path` on `days` can read the snapshot.

    Days are built only for the root or a province (below them a live count reads a few
    hundred candidacies by their cell); days already built are read at any level, so a
    page makes the same queries for a commune as for the country.
    """
    return stage_snapshot_ready(days, build=len(path) // SEGMENT <= BUILD_MAX_DEPTH)


def stage_snapshot_ready(days: Sequence[date], *, build: bool) -> bool:
    """Return whether every one of `days` can be read, bringing each up to date first.

    Days without a snapshot are built when `build` is true; otherwise (or while another
    request builds one) the answer is False and the caller counts live. One query when
    every day is built and nothing changed since.
    """
    wanted = sorted(set(days))
    states = {
        row["day"]: row
        for row in StageSnapshotDay.objects.filter(day__in=wanted)
        .annotate(
            newest=Subquery(StageTransition.objects.order_by("-id").values("id")[:1]),
            dirty=Exists(StageSnapshotDirty.objects.filter(day=OuterRef("day"))),
        )
        .values("day", "ready", "max_transition_id", "newest", "dirty")
    }
    missing = [day for day in wanted if day not in states]
    if any(not state["ready"] for state in states.values()) or (missing and not build):
        return False  # another request is building a day: count live meanwhile
    for day, state in states.items():
        if state["dirty"] or (state["newest"] or 0) > state["max_transition_id"]:
            _refresh(day)
    return all(stage_snapshot_build(day) for day in missing)


def stage_snapshot_build(day: date) -> bool:
    """Count every unit's candidacies on `day` and store the subtree totals; False if taken."""
    try:
        with transaction.atomic():
            # Committed before counting, so writers mark what they change meanwhile.
            StageSnapshotDay.objects.create(day=day, max_transition_id=newest_transition())
    except IntegrityError:
        return False  # another request started the same day
    with transaction.atomic():
        snapshot = StageSnapshotDay.objects.select_for_update().get(day=day)
        snapshot.max_transition_id = newest_transition()
        totals = fold_totals(_own(spans_on(day), day))
        insert_rows(StageSnapshot, _COLUMNS, (_values(day, *item) for item in totals.items()))
        snapshot.ready = True
        snapshot.save(update_fields=["ready", "max_transition_id"])
    _prune()
    analyze(StageSnapshot)
    return True


def stage_snapshot_disagreements() -> int:
    """Bring every ready day up to date, then count its rows that differ from a recount.

    For `dangvien check`. The recount is the build's own count (one grouped row per unit
    and stage, folded into subtree totals), so it reads every candidacy once per day.
    """
    problems = 0
    for day in StageSnapshotDay.objects.filter(ready=True).values_list("day", flat=True):
        stage_snapshot_ready([day], build=False)
        expected = fold_totals(_own(spans_on(day), day))
        stored = {
            (path, stage): n
            for path, stage, n in StageSnapshot.objects.filter(day=day).values_list(
                "path", "stage", "candidacies"
            )
        }
        keys = set(expected) | set(stored)
        problems += sum(stored.get(k, 0) != (expected.get(k) or [0])[0] for k in keys)
    return problems


def _own(units: QuerySet[OrgSpan], day: date) -> list[tuple[str, str, tuple[int]]]:
    """Return (unit path, stage, (candidacies,)) of the units' own candidacies on `day`."""
    rows = stages_on(units, day, None)
    return [(path, stage, (n,)) for path, stage, n in rows if stage in OPEN_STAGES]


def _values(day: date, key: tuple[str, str], counters: Sequence[int]) -> tuple[Any, ...]:
    path, stage = key
    org_id = decode_path(path[-SEGMENT:])[0]
    return (day, org_id, path, path[:-SEGMENT], stage, counters[0])


def _prune() -> None:
    """Drop the least recently built days beyond STAGE_SNAPSHOT_KEEP."""
    old = StageSnapshotDay.objects.order_by("-built_at", "-day").values_list("day", flat=True)
    for day in list(old[STAGE_SNAPSHOT_KEEP:]):
        stage_snapshot_forget(day, day)


@transaction.atomic
def _refresh(day: date) -> None:
    """Recount the stale cells of a day and move every ancestor's totals by the difference.

    The day's row is locked, so two readers never apply the same difference twice; a cell
    recounted twice moves nothing the second time (the old figures come from the stored
    totals, not from the mark).
    """
    snapshot = StageSnapshotDay.objects.select_for_update().get(day=day)
    marks = StageSnapshotDirty.objects.filter(day=day)
    org_ids = set(marks.values_list("org_id", flat=True))
    newest = newest_transition()
    # Transitions loaded without the services since the last count, whatever their date:
    # a late decision changes what the day saw.
    org_ids |= set(
        StageTransition.objects.filter(id__gt=snapshot.max_transition_id).values_list(
            "candidacy__cell_id", flat=True
        )
    )
    marks.delete()
    if org_ids:
        _recount(day, sorted(org_ids))
    snapshot.max_transition_id = newest
    snapshot.save(update_fields=["max_transition_id"])


def _recount(day: date, org_ids: list[int]) -> None:
    units = spans_on(day).filter(org_id__in=org_ids)
    paths = list(units.values_list("path", flat=True))
    fresh = {(path, stage): counters for path, stage, counters in _own(units, day)}
    stored = _stored(day, Q(path__in=paths))
    children: dict[tuple[str, str], list[int]] = {}
    for (path, stage), (n,) in _stored(day, Q(parent_path__in=paths)).items():
        children.setdefault((path[:-SEGMENT], stage), [0])[0] += n
    _apply(day, subtree_changes(paths, stored=stored, children=children, fresh=fresh, size=1))


def _stored(day: date, where: Q) -> dict[tuple[str, str], tuple[int]]:
    rows = StageSnapshot.objects.filter(where, day=day).values_list("path", "stage", "candidacies")
    return {(path, stage): (n,) for path, stage, n in rows}


def _apply(day: date, changes: dict[tuple[str, str], list[int]]) -> None:
    """Add each change to its stored total (a new row where there was none), drop empty rows."""
    if not changes:
        return
    rows = (_values(day, key, delta) for key, delta in changes.items())
    add_rows(
        StageSnapshot, _COLUMNS, key=["day", "path", "stage"], added=["candidacies"], rows=rows
    )
    touched = {path for path, _ in changes}
    StageSnapshot.objects.filter(day=day, candidacies=0, path__in=touched).delete()


def stage_snapshot_counts(day: date, path: str, width: int) -> list[tuple[str, str, int]]:
    """Return (group, stage, candidacies) under `path` on `day`, as `report_sql.stages_on`.

    `width` is 0 (one group, "") or the length of a child's path (each child, and the
    unit's own candidacies under its own path). One query for 0, two otherwise; the
    caller has checked that the day is ready.
    """
    mine = _stored(day, Q(path=path))
    if width == 0:
        return [("", stage, n) for (_, stage), (n,) in mine.items()]
    children = _stored(day, Q(parent_path=path))
    below: dict[str, int] = {}
    for (_, stage), (n,) in children.items():
        below[stage] = below.get(stage, 0) + n
    rows = [(child, stage, n) for (child, stage), (n,) in children.items()]
    for (_, stage), (n,) in mine.items():
        if n - below.get(stage, 0):
            rows.append((path, stage, n - below.get(stage, 0)))
    return rows


def readable_width(path: str, width: int) -> bool:
    """Return whether a grouping by `width` characters is one the snapshot can answer."""
    return width in (0, len(path) + SEGMENT)
