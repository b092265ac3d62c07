"""Keep the stays that ended in a period pre-aggregated for the root and its children.

The `pipeline` report's conversions and median days come from the stays in a stage that
ended in the period (`report_sql.stays_ended`). For the whole country this year that is
720,000 steps, each joined to its candidacy's cell and the tree: over a second. An
edition (pipeline.editions) stores, for one period on one tree, the tallies of the root
and of each of its children (provinces): a few thousand rows for the root. Lower units
are counted live, which reads a few thousand steps at most, so an edition stores no row
for them and a changed cell is recounted with its whole province.

The nightly warm-up builds the editions of the periods reports ask for most (this year
to date and last year); any other period of the root or a province is built on its
first report and kept for later ones (the least recently built are dropped).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.db.models import Q, QuerySet

from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import path_prefix_q, spans_on
from dangvien.pipeline.domain.stage_snapshot import warm_days
from dangvien.pipeline.editions import BUILD_MAX_DEPTH, Editions, Own
from dangvien.pipeline.models import StaySnapshot, StaySnapshotDirty, StaySnapshotEdition
from dangvien.pipeline.report_sql import stays_ended_by_group

# Editions kept at most: a year-to-date edition a day, plus last year's and a few others.
STAY_SNAPSHOT_KEEP = 12
# Stored units: a root (one segment) and its children (two).
_WIDTH = BUILD_MAX_DEPTH * SEGMENT

StayRow = tuple[str, int, str, int]  # (stage left, days in it, stage entered, stays)


def _own(first: date, last: date, units: QuerySet[OrgSpan]) -> Own:
    """Return the units' stays under the stored unit they count in: a root's child, or the
    root itself for units directly at the root (their path is cut to two segments)."""
    return [
        (group, (stage, days, after), (n,))
        for group, stage, days, after, n in stays_ended_by_group(units, first, last, _WIDTH)
    ]


def _recount(day: date, org_ids: Sequence[int]) -> tuple[QuerySet[OrgSpan], list[str]]:
    """Return the spans to count again for these cells, and the stored units they count in.

    A cell under a root's child is recounted with that child's whole subtree (its row
    is a subtree total with no stored rows below it); a cell that is itself a root with
    the root alone.
    """
    paths = spans_on(day).filter(org_id__in=org_ids).values_list("path", flat=True)
    stored = sorted({path[:_WIDTH] for path in paths})
    condition = Q(path__in=[path for path in stored if len(path) < _WIDTH])
    for path in stored:
        if len(path) == _WIDTH:
            condition |= path_prefix_q(path)
    units = spans_on(day).filter(condition)
    return units, stored


STAYS = Editions(
    edition=StaySnapshotEdition,
    rows=StaySnapshot,
    dirty=StaySnapshotDirty,
    key=("from_stage", "days", "to_stage"),
    value="stays",
    keep=STAY_SNAPSHOT_KEEP,
    count_own=_own,
    recount=_recount,
)


def stay_snapshot_mark_cells(cell_ids: Iterable[int]) -> None:
    """Record cells whose candidacies changed, in every edition (one query if none)."""
    STAYS.mark_cells(cell_ids)


def stay_snapshot_forget(first: date, last: date) -> None:
    """Drop the editions whose tree holds on any day between two dates (the tree changed)."""
    STAYS.forget(first, last)


def stay_snapshot_warm(days: Iterable[date]) -> int:
    """Build the editions of the year to date of each of `days`, when missing."""
    return sum(STAYS.warm(date(day.year, 1, 1), day, day) for day in sorted(set(days)))


def stay_snapshot_rebuild(days: Iterable[date]) -> int:
    """Drop every edition, then build the periods that had one and the year to date of the
    latest of `days` and of the end of the year before it; return the rows stored."""
    periods = set(StaySnapshotEdition.objects.values_list("first_day", "last_day"))
    latest = max(days, default=None)
    if latest is not None:
        periods |= {(date(day.year, 1, 1), day) for day in warm_days(latest)}
    STAYS.forget_all()
    for first, last in sorted(periods):
        STAYS.build(first, last, last)
    return StaySnapshot.objects.count()


def stay_snapshot_counts(first: date, last: date, path: str) -> list[StayRow] | None:
    """Return the rows of `report_sql.stays_ended` under `path` from the edition, or None.

    As `stays_ended(spans_under([path], last), first, last)`. None below a root's children
    (no rows are stored there) or while another request builds the edition; the caller
    then counts live.
    """
    if len(path) > _WIDTH:
        return None
    edition = STAYS.ready_edition(first, last, last, path)
    if edition is None:
        return None
    return [
        (stage, days, after, n) for _, (stage, days, after), n in STAYS.counts(edition, path, 0)
    ]


def stay_snapshot_disagreements() -> int:
    """Bring every ready edition up to date, then count its rows that differ from a recount."""
    return STAYS.disagreements()
