"""Keep the forecast history pre-aggregated: build an edition, recount stale cells, forget.

The forecast learns from every candidacy seen at each quarter start of the last three
years (`report_sql.observations`); for the whole country that reads the transition log
of every candidacy on each dashboard. An edition stores, for every unit, its subtree's
observations by stage and days to decision, for one run of quarter starts and one tree,
so the root's or a province's history is a few thousand rows. The model is the stage
snapshot (pipeline.stage_snapshot), whose writers' marks reach here too
(`history_snapshot_mark_cells`); readers bring an edition up to date first. Unlike a
stage snapshot day, an edition does not depend on the report day itself: an observation
on a quarter start is what it is whatever day the report is made, so one edition serves
every day with the same quarter starts on the same tree (about a month), not one day.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Exists, Max, Min, OuterRef, Q, QuerySet, Subquery

from dangvien.orgs.domain.tree import SEGMENT, decode_path
from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import spans_on
from dangvien.pipeline.domain.stage_snapshot import OPEN_STAGES
from dangvien.pipeline.models import (
    HistorySnapshot,
    HistorySnapshotDirty,
    HistorySnapshotEdition,
    StageTransition,
)
from dangvien.pipeline.report_sql import observations, quarter_starts
from dangvien.plans.domain.forecast import history_start
from dangvien.reports.bulk import add_rows, analyze, insert_rows
from dangvien.reports.domain.snapshot import fold_totals, subtree_changes

_COLUMNS = ["edition_id", "org_id", "path", "parent_path", "stage", "days", "cases"]
NO_DECISION = -1  # stored `days` of an observation not followed by a decision
# Editions kept at most; the least recently built beyond this are dropped.
HISTORY_SNAPSHOT_KEEP = 12
# As for the stage snapshot: building reads every candidacy's log once, worth it for the
# root or a province; editions already built are read at any level.
BUILD_MAX_DEPTH = 2

Key = tuple[str, int]  # (stage, days to decision or NO_DECISION)


def history_snapshot_mark_cells(cell_ids: Iterable[int]) -> None:
    """Record cells whose candidacies changed, in every edition (one query if none)."""
    cells = sorted(set(cell_ids))
    if not cells:
        return
    editions = list(HistorySnapshotEdition.objects.values_list("id", flat=True))
    HistorySnapshotDirty.objects.bulk_create(
        [HistorySnapshotDirty(edition_id=e, org_id=cell) for e in editions for cell in cells]
    )


def history_snapshot_forget(first: date, last: date) -> None:
    """Drop the editions whose tree holds on any day between two dates (the tree changed)."""
    _forget(HistorySnapshotEdition.objects.filter(tree_from__lte=last, tree_to__gte=first))


def _forget(editions: QuerySet[HistorySnapshotEdition]) -> None:
    ids = list(editions.values_list("id", flat=True))
    HistorySnapshot.objects.filter(edition_id__in=ids).delete()
    HistorySnapshotDirty.objects.filter(edition_id__in=ids).delete()
    HistorySnapshotEdition.objects.filter(id__in=ids).delete()


def history_snapshot_warm(days: Iterable[date]) -> int:
    """Build the editions the forecasts of `days` read, when missing; return how many were built."""
    built = 0
    for day in sorted(set(days)):
        quarters = quarter_starts(history_start(day), day)
        if quarters and _edition(quarters, day) is None:
            built += _build(quarters, day)
    return built


def history_snapshot_rebuild(days: Iterable[date]) -> int:
    """Drop every edition and build those of `days`; return the rows stored."""
    _forget(HistorySnapshotEdition.objects.all())
    history_snapshot_warm(days)
    return HistorySnapshot.objects.count()


def history_snapshot_counts(
    first: date, day: date, path: str, width: int
) -> list[tuple[str, str, int | None, int]] | None:
    """Return the rows of `report_sql.observations` under `path` from the edition, or None.

    As `observations(spans_under([path], day), quarter starts from first to day, width)`
    with `width` 0 or the length of a child's path. None when no edition can answer: a
    unit below a province without one, or while another request builds it; the caller
    then counts live.
    """
    if width not in (0, len(path) + SEGMENT):
        return None
    quarters = quarter_starts(first, day)
    if not quarters:
        return []
    edition = _ready_edition(quarters, day, build=len(path) // SEGMENT <= BUILD_MAX_DEPTH)
    if edition is None:
        return None
    if width == 0:
        mine = _stored(edition, Q(path=path))
        return [("", stage, _days(days), n) for (_, (stage, days)), (n,) in mine.items()]
    # The unit's and its children's rows in one pass (tens of thousands for the country).
    own: dict[Key, int] = {}
    below: dict[Key, int] = {}
    rows: list[tuple[str, str, int | None, int]] = []
    read = HistorySnapshot.objects.filter(Q(path=path) | Q(parent_path=path), edition_id=edition)
    for unit, stage, days, n in read.values_list("path", "stage", "days", "cases"):
        if unit == path:
            own[(stage, days)] = n
            continue
        below[(stage, days)] = below.get((stage, days), 0) + n
        rows.append((unit, stage, _days(days), n))
    for (stage, days), n in own.items():
        if n - below.get((stage, days), 0):
            rows.append((path, stage, _days(days), n - below.get((stage, days), 0)))
    return rows


def _days(stored: int) -> int | None:
    return None if stored == NO_DECISION else stored


def _edition(quarters: Sequence[date], day: date) -> Mapping[str, Any] | None:
    """Return the state of the edition of these quarter starts on the tree of `day`, if any."""
    return (
        HistorySnapshotEdition.objects.filter(
            first_day=quarters[0], last_day=quarters[-1], tree_from__lte=day, tree_to__gte=day
        )
        .annotate(
            newest=Subquery(StageTransition.objects.order_by("-id").values("id")[:1]),
            dirty=Exists(HistorySnapshotDirty.objects.filter(edition_id=OuterRef("id"))),
        )
        .values("id", "ready", "max_transition_id", "newest", "dirty")
        .first()
    )


def _ready_edition(quarters: Sequence[date], day: date, *, build: bool) -> int | None:
    """Return the id of an up-to-date edition for the quarters on the tree of `day`, or None.

    One query when the edition exists and nothing changed since it was counted.
    """
    state = _edition(quarters, day)
    if state is None:
        if not build or not _build(quarters, day):
            return None
        state = _edition(quarters, day)
        if state is None:
            return None
    if not state["ready"]:
        return None  # another request is building it: count live meanwhile
    if state["dirty"] or (state["newest"] or 0) > state["max_transition_id"]:
        _refresh(state["id"])
    edition_id: int = state["id"]
    return edition_id


def tree_period(day: date) -> tuple[date, date]:
    """Return the longest period around `day` during which the tree is the tree of `day`.

    The set of spans valid on a day changes only where a span starts or ends, so it is
    the same on every day after the last such change and before the next one.
    """
    spans = OrgSpan.objects.all()
    started = spans.filter(valid_from__lte=day).aggregate(d=Max("valid_from"))["d"]
    ended = spans.filter(valid_to__lt=day).aggregate(d=Max("valid_to"))["d"]
    starts = spans.filter(valid_from__gt=day).aggregate(d=Min("valid_from"))["d"]
    ends = spans.filter(valid_to__gte=day).aggregate(d=Min("valid_to"))["d"]
    low = max(
        [d for d in (started, ended and ended + timedelta(days=1)) if d is not None],
        default=date.min,
    )
    high = min(
        [d for d in (starts and starts - timedelta(days=1), ends) if d is not None],
        default=date.max,
    )
    return low, high


def _build(quarters: Sequence[date], day: date) -> bool:
    """Count every unit's observations and store the subtree totals; False if taken."""
    low, high = tree_period(day)
    try:
        with transaction.atomic():
            # Committed before counting, so writers mark what they change meanwhile.
            edition = HistorySnapshotEdition.objects.create(
                first_day=quarters[0],
                last_day=quarters[-1],
                tree_from=low,
                tree_to=high,
                max_transition_id=_newest_transition(),
            )
    except IntegrityError:
        return False  # another request started the same edition
    with transaction.atomic():
        edition = HistorySnapshotEdition.objects.select_for_update().get(id=edition.id)
        edition.max_transition_id = _newest_transition()
        totals = fold_totals(_own(edition, spans_on(low)))
        rows = (_values(edition.id, *item) for item in totals.items())
        insert_rows(HistorySnapshot, _COLUMNS, rows)
        edition.ready = True
        edition.save(update_fields=["ready", "max_transition_id"])
    _prune()
    analyze(HistorySnapshot)
    return True


def history_snapshot_disagreements() -> int:
    """Bring every ready edition up to date, then count its rows that differ from a recount.

    For `dangvien check`; the recount is the build's own count.
    """
    problems = 0
    for edition in HistorySnapshotEdition.objects.filter(ready=True):
        _refresh(edition.id)
        expected = fold_totals(_own(edition, spans_on(edition.tree_from)))
        stored = _stored(edition.id, Q())
        keys = set(expected) | set(stored)
        problems += sum(stored.get(k, (0,))[0] != (expected.get(k) or [0])[0] for k in keys)
    return problems


def _own(
    edition: HistorySnapshotEdition, units: QuerySet[OrgSpan]
) -> list[tuple[str, Key, tuple[int]]]:
    """Return (unit path, (stage, days), (cases,)) of the units' own observations."""
    quarters = quarter_starts(edition.first_day, edition.last_day)
    return [
        (path, (stage, NO_DECISION if days is None else days), (n,))
        for path, stage, days, n in observations(units, quarters, None)
        if stage in OPEN_STAGES
    ]


def _values(edition_id: int, key: tuple[str, Key], counters: Sequence[int]) -> tuple[Any, ...]:
    path, (stage, days) = key
    org_id = decode_path(path[-SEGMENT:])[0]
    return (edition_id, org_id, path, path[:-SEGMENT], stage, days, counters[0])


def _prune() -> None:
    """Drop the least recently built editions beyond HISTORY_SNAPSHOT_KEEP."""
    old = HistorySnapshotEdition.objects.order_by("-built_at", "-id").values_list("id", flat=True)
    stale = list(old[HISTORY_SNAPSHOT_KEEP:])
    if stale:
        _forget(HistorySnapshotEdition.objects.filter(id__in=stale))


def _newest_transition() -> int:
    return StageTransition.objects.order_by("-id").values_list("id", flat=True).first() or 0


@transaction.atomic
def _refresh(edition_id: int) -> None:
    """Recount the stale cells of an edition and move every ancestor's totals by the difference.

    The edition's row is locked, so two readers never apply the same difference twice.
    """
    edition = HistorySnapshotEdition.objects.select_for_update().get(id=edition_id)
    marks = HistorySnapshotDirty.objects.filter(edition_id=edition_id)
    org_ids = set(marks.values_list("org_id", flat=True))
    newest = _newest_transition()
    # Transitions loaded without the services since the last count, whatever their date.
    org_ids |= set(
        StageTransition.objects.filter(id__gt=edition.max_transition_id).values_list(
            "candidacy__cell_id", flat=True
        )
    )
    marks.delete()
    if org_ids:
        _recount(edition, sorted(org_ids))
    edition.max_transition_id = newest
    edition.save(update_fields=["max_transition_id"])


def _recount(edition: HistorySnapshotEdition, org_ids: list[int]) -> None:
    units = spans_on(edition.tree_from).filter(org_id__in=org_ids)
    paths = list(units.values_list("path", flat=True))
    fresh = {(path, key): counters for path, key, counters in _own(edition, units)}
    stored = _stored(edition.id, Q(path__in=paths))
    children: dict[tuple[str, Key], list[int]] = {}
    for (path, key), (n,) in _stored(edition.id, Q(parent_path__in=paths)).items():
        children.setdefault((path[:-SEGMENT], key), [0])[0] += n
    changes = subtree_changes(paths, stored=stored, children=children, fresh=fresh, size=1)
    if not changes:
        return
    rows = (_values(edition.id, key, delta) for key, delta in changes.items())
    add_rows(
        HistorySnapshot,
        _COLUMNS,
        key=["edition_id", "path", "stage", "days"],
        added=["cases"],
        rows=rows,
    )
    touched = {path for path, _ in changes}
    HistorySnapshot.objects.filter(edition_id=edition.id, cases=0, path__in=touched).delete()


def _stored(edition_id: int, where: Q) -> dict[tuple[str, Key], tuple[int]]:
    rows = HistorySnapshot.objects.filter(where, edition_id=edition_id).values_list(
        "path", "stage", "days", "cases"
    )
    return {(path, (stage, days)): (n,) for path, stage, days, n in rows}
