"""Keep the forecast history pre-aggregated, as editions (pipeline.editions).

The forecast learns from every candidacy seen at each quarter start of the last three
years (`report_sql.observations`); for the whole country that reads the transition log
of every candidacy on each dashboard. An edition stores, for every unit, its subtree's
observations by stage and days to decision, for one run of quarter starts and one tree,
so the root's or a province's history is a few thousand rows. Unlike a stage snapshot
day, an edition does not depend on the report day itself: an observation on a quarter
start is what it is whatever day the report is made, so one edition serves every day
with the same quarter starts on the same tree (about a month), not one day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from django.db.models import QuerySet

from dangvien.orgs.domain.tree import SEGMENT
from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import spans_on
from dangvien.pipeline.domain.stage_snapshot import OPEN_STAGES
from dangvien.pipeline.editions import Editions, Own
from dangvien.pipeline.models import HistorySnapshot, HistorySnapshotDirty, HistorySnapshotEdition
from dangvien.pipeline.report_sql import observations, quarter_starts
from dangvien.plans.domain.forecast import history_start

NO_DECISION = -1  # stored `days` of an observation not followed by a decision
# Editions kept at most; the least recently built beyond this are dropped.
HISTORY_SNAPSHOT_KEEP = 12


def _own(first: date, last: date, units: QuerySet[OrgSpan]) -> Own:
    """Return (unit path, (stage, days), (cases,)) of the units' own observations."""
    return [
        (path, (stage, NO_DECISION if days is None else days), (n,))
        for path, stage, days, n in observations(units, quarter_starts(first, last), None)
        if stage in OPEN_STAGES
    ]


def _recount(day: date, org_ids: Sequence[int]) -> tuple[QuerySet[OrgSpan], list[str]]:
    units = spans_on(day).filter(org_id__in=org_ids)
    return units, list(units.values_list("path", flat=True))


HISTORY = Editions(
    edition=HistorySnapshotEdition,
    rows=HistorySnapshot,
    dirty=HistorySnapshotDirty,
    key=("stage", "days"),
    value="cases",
    keep=HISTORY_SNAPSHOT_KEEP,
    count_own=_own,
    recount=_recount,
)


def history_snapshot_mark_cells(cell_ids: Iterable[int]) -> None:
    """Record cells whose candidacies changed, in every edition (one query if none)."""
    HISTORY.mark_cells(cell_ids)


def history_snapshot_forget(first: date, last: date) -> None:
    """Drop the editions whose tree holds on any day between two dates (the tree changed)."""
    HISTORY.forget(first, last)


def history_snapshot_warm(days: Iterable[date]) -> int:
    """Build the editions the forecasts of `days` read, when missing; return how many were built."""
    built = 0
    for day in sorted(set(days)):
        quarters = quarter_starts(history_start(day), day)
        if quarters:
            built += HISTORY.warm(quarters[0], quarters[-1], day)
    return built


def history_snapshot_rebuild(days: Iterable[date]) -> int:
    """Drop every edition and build those of `days`; return the rows stored."""
    HISTORY.forget_all()
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
    edition = HISTORY.ready_edition(quarters[0], quarters[-1], day, path)
    if edition is None:
        return None
    return [
        (group, stage, None if days == NO_DECISION else days, n)
        for group, (stage, days), n in HISTORY.counts(edition, path, width)
    ]


def history_snapshot_disagreements() -> int:
    """Bring every ready edition up to date, then count its rows that differ from a recount."""
    return HISTORY.disagreements()
