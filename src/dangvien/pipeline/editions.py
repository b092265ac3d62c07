"""Editions: per-unit subtree totals of the pipeline log for one period on one tree.

Two pre-aggregates of the pipeline report share this machinery: the forecast history
(pipeline.history_snapshot: observations on quarter starts) and the stays that ended in
a period (pipeline.stay_snapshot). An edition holds, for one run of days (`first_day` to
`last_day`) and one tree (`tree_from` to `tree_to`, during which the tree does not
change), a row per unit path and key with a count. The model is the stage snapshot
(pipeline.stage_snapshot): the pipeline services mark the cells whose candidacies
changed in every edition, in their own transaction (`mark_cells`); a reader brings the
edition up to date first, recounting those cells and moving their ancestors' totals by
the difference. Transitions inserted in bulk (the generator, the demo) are caught by the
highest transition id the edition counted.

What differs between the two is the key of a row, the count of a set of units' own rows
(`count_own`), and which units a changed cell is recounted with (`recount`): the history
keeps every unit, the stays only the root and its children, whose subtrees are the ones
too large to count live. The stage snapshot shares the build depth and the watermark.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Exists, Max, Min, OuterRef, Q, QuerySet, Subquery

from dangvien.orgs.domain.tree import SEGMENT, decode_path
from dangvien.orgs.models import OrgSpan
from dangvien.orgs.paths import spans_on
from dangvien.pipeline.models import StageTransition
from dangvien.reports.bulk import add_rows, analyze, insert_rows
from dangvien.reports.domain.snapshot import fold_totals, subtree_changes

Key = tuple[Any, ...]
Own = list[tuple[str, Key, tuple[int]]]  # (unit path, key, (count,)) of the units' own rows
# Building an edition or a stage snapshot day reads every candidacy's log once: worth it
# for the root or a province (a path of at most two segments); what is already built is
# read at any level it stores.
BUILD_MAX_DEPTH = 2


@dataclass(frozen=True)
class Editions:
    """The editions of one pre-aggregate: its three models, its key, and how it counts.

    `edition` has first_day, last_day, tree_from, tree_to, ready, max_transition_id and
    built_at; `rows` has edition, org, path, parent_path, the `key` columns and `value`;
    `dirty` has edition and org. `count_own(first, last, units)` returns the own rows of
    the units, each under the stored unit it counts in; `recount(day, org_ids)` returns,
    on the tree of `day`, the spans to count again when those cells changed and the
    stored units whose own counts they are.
    """

    edition: type[models.Model]
    rows: type[models.Model]
    dirty: type[models.Model]
    key: tuple[str, ...]
    value: str
    keep: int
    count_own: Callable[[date, date, QuerySet[OrgSpan]], Own]
    recount: Callable[[date, Sequence[int]], tuple[QuerySet[OrgSpan], list[str]]]

    @property
    def _columns(self) -> list[str]:
        return ["edition_id", "org_id", "path", "parent_path", *self.key, self.value]

    def mark_cells(self, cell_ids: Iterable[int]) -> None:
        """Record cells whose candidacies changed, in every edition (one query if none)."""
        cells = sorted(set(cell_ids))
        if not cells:
            return
        editions = list(self.edition._default_manager.values_list("id", flat=True))
        self.dirty._default_manager.bulk_create(
            [self.dirty(edition_id=e, org_id=cell) for e in editions for cell in cells]
        )

    def forget(self, first: date, last: date) -> None:
        """Drop the editions whose tree holds on any day between two dates (the tree changed)."""
        self._forget(self.edition._default_manager.filter(tree_from__lte=last, tree_to__gte=first))

    def forget_all(self) -> None:
        self._forget(self.edition._default_manager.all())

    def _forget(self, editions: QuerySet[Any]) -> None:
        ids = list(editions.values_list("id", flat=True))
        self.rows._default_manager.filter(edition_id__in=ids).delete()
        self.dirty._default_manager.filter(edition_id__in=ids).delete()
        self.edition._default_manager.filter(id__in=ids).delete()

    def warm(self, first: date, last: date, day: date) -> bool:
        """Build the edition of these days on the tree of `day` when missing; True if built."""
        return self.state(first, last, day) is None and self.build(first, last, day)

    def state(self, first: date, last: date, day: date) -> Mapping[str, Any] | None:
        """Return the state of the edition of these days on the tree of `day`, if any."""
        state: Mapping[str, Any] | None = (
            self.edition._default_manager.filter(
                first_day=first, last_day=last, tree_from__lte=day, tree_to__gte=day
            )
            .annotate(
                newest=Subquery(StageTransition.objects.order_by("-id").values("id")[:1]),
                dirty=Exists(self.dirty._default_manager.filter(edition_id=OuterRef("id"))),
            )
            .values("id", "ready", "max_transition_id", "newest", "dirty")
            .first()
        )
        return state

    def ready_edition(self, first: date, last: date, day: date, path: str) -> int | None:
        """Return the id of an up-to-date edition that can answer for `path`, or None.

        Missing editions are built for the root or a province; below them (or while
        another request builds one) the answer is None and the caller counts live. One
        query when the edition exists and nothing changed since it was counted.
        """
        state = self.state(first, last, day)
        if state is None:
            if len(path) // SEGMENT > BUILD_MAX_DEPTH or not self.build(first, last, day):
                return None
            state = self.state(first, last, day)
            if state is None:
                return None
        if not state["ready"]:
            return None  # another request is building it: count live meanwhile
        if state["dirty"] or (state["newest"] or 0) > state["max_transition_id"]:
            self._refresh(state["id"])
        edition_id: int = state["id"]
        return edition_id

    def build(self, first: date, last: date, day: date) -> bool:
        """Count every unit's own rows and store the subtree totals; False if taken."""
        low, high = tree_period(day)
        try:
            with transaction.atomic():
                # Committed before counting, so writers mark what they change meanwhile.
                created: Any = self.edition._default_manager.create(
                    first_day=first,
                    last_day=last,
                    tree_from=low,
                    tree_to=high,
                    max_transition_id=newest_transition(),
                )
        except IntegrityError:
            return False  # another request started the same edition
        with transaction.atomic():
            edition: Any = self.edition._default_manager.select_for_update().get(id=created.id)
            edition.max_transition_id = newest_transition()
            totals = fold_totals(self.count_own(first, last, spans_on(low)))
            insert_rows(
                self.rows, self._columns, (self._values(edition.id, *t) for t in totals.items())
            )
            edition.ready = True
            edition.save(update_fields=["ready", "max_transition_id"])
        self._prune()
        analyze(self.rows)
        return True

    def counts(self, edition_id: int, path: str, width: int) -> list[tuple[str, Key, int]]:
        """Return (group, key, count) under `path`: one group "" for width 0, else each child.

        With a child's width, the unit's own count is grouped under its own path.
        """
        if width == 0:
            mine = self.stored(edition_id, Q(path=path))
            return [("", key, n) for (_, key), (n,) in mine.items()]
        # The unit's and its children's rows in one pass (tens of thousands for the country).
        own: dict[Key, int] = {}
        below: dict[Key, int] = {}
        rows: list[tuple[str, Key, int]] = []
        read = self.rows._default_manager.filter(
            Q(path=path) | Q(parent_path=path), edition_id=edition_id
        )
        for unit, *key, n in read.values_list("path", *self.key, self.value):
            if unit == path:
                own[tuple(key)] = n
                continue
            below[tuple(key)] = below.get(tuple(key), 0) + n
            rows.append((unit, tuple(key), n))
        for key, n in own.items():
            if n - below.get(key, 0):
                rows.append((path, key, n - below.get(key, 0)))
        return rows

    def disagreements(self) -> int:
        """Bring every ready edition up to date, then count its rows that differ from a recount.

        For `dangvien check`; the recount is the build's own count.
        """
        problems = 0
        editions: list[Any] = list(self.edition._default_manager.filter(ready=True))
        for edition in editions:
            self._refresh(edition.id)
            own = self.count_own(edition.first_day, edition.last_day, spans_on(edition.tree_from))
            expected = fold_totals(own)
            stored = self.stored(edition.id, Q())
            keys = set(expected) | set(stored)
            problems += sum(stored.get(k, (0,))[0] != (expected.get(k) or [0])[0] for k in keys)
        return problems

    def stored(self, edition_id: int, where: Q) -> dict[tuple[str, Key], tuple[int]]:
        rows = self.rows._default_manager.filter(where, edition_id=edition_id)
        return {
            (path, tuple(key)): (n,)
            for path, *key, n in rows.values_list("path", *self.key, self.value)
        }

    def _values(
        self, edition_id: int, item: tuple[str, Key], counters: Sequence[int]
    ) -> tuple[Any, ...]:
        path, key = item
        org_id = decode_path(path[-SEGMENT:])[0]
        return (edition_id, org_id, path, path[:-SEGMENT], *key, counters[0])

    def _prune(self) -> None:
        """Drop the least recently built editions beyond `keep`."""
        old = self.edition._default_manager.order_by("-built_at", "-id").values_list(
            "id", flat=True
        )
        stale = list(old[self.keep :])
        if stale:
            self._forget(self.edition._default_manager.filter(id__in=stale))

    def _refresh(self, edition_id: int) -> None:
        """Recount the stale cells of an edition and move every ancestor's totals by the difference.

        The edition's row is locked, so two readers never apply the same difference twice.
        """
        with transaction.atomic():
            edition: Any = self.edition._default_manager.select_for_update().get(id=edition_id)
            marks = self.dirty._default_manager.filter(edition_id=edition_id)
            org_ids = set(marks.values_list("org_id", flat=True))
            newest = newest_transition()
            # Transitions loaded without the services since the last count, whatever their date.
            org_ids |= set(
                StageTransition.objects.filter(id__gt=edition.max_transition_id).values_list(
                    "candidacy__cell_id", flat=True
                )
            )
            marks.delete()
            if org_ids:
                self._recount(edition, sorted(org_ids))
            edition.max_transition_id = newest
            edition.save(update_fields=["max_transition_id"])

    def _recount(self, edition: Any, org_ids: list[int]) -> None:
        units, paths = self.recount(edition.tree_from, org_ids)
        own = self.count_own(edition.first_day, edition.last_day, units)
        fresh = {(path, key): counters for path, key, counters in own}
        stored = self.stored(edition.id, Q(path__in=paths))
        children: dict[tuple[str, Key], list[int]] = {}
        for (path, key), (n,) in self.stored(edition.id, Q(parent_path__in=paths)).items():
            children.setdefault((path[:-SEGMENT], key), [0])[0] += n
        changes = subtree_changes(paths, stored=stored, children=children, fresh=fresh, size=1)
        if not changes:
            return
        rows = (self._values(edition.id, item, delta) for item, delta in changes.items())
        add_rows(
            self.rows,
            self._columns,
            key=["edition_id", "path", *self.key],
            added=[self.value],
            rows=rows,
        )
        touched = {path for path, _ in changes}
        self.rows._default_manager.filter(
            edition_id=edition.id, path__in=touched, **{self.value: 0}
        ).delete()


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


def newest_transition() -> int:
    """Return the highest transition id: a pre-aggregate has counted every step up to it."""
    return StageTransition.objects.order_by("-id").values_list("id", flat=True).first() or 0
