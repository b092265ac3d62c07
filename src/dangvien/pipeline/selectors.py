"""Scoped reads of candidacies: the board by stage, the filtered table, one candidacy."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber

from dangvien.accounts.scope import Scope
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.core.domain.text import search_key
from dangvien.orgs.paths import spans_under
from dangvien.pipeline.domain.stages import FINAL_STAGES, Stage
from dangvien.pipeline.domain.worklist import WorkKind
from dangvien.pipeline.models import Candidacy, Deadline

MAX_PAGE = 200
SOON_DAYS = 30
OVERDUE_KINDS = [k.value for k in WorkKind if k.can_be_overdue]
# Stages shown as board columns, in pipeline order; exits are listed in the table only.
BOARD_STAGES = tuple(stage for stage in Stage if stage not in FINAL_STAGES)


def candidacies_in_scope(scope: Scope) -> QuerySet[Candidacy]:
    """Return every candidacy whose cell is in scope today (the only way to list them)."""
    return Candidacy.objects.filter(cell_id__in=scope.org_ids())


def overdue_q(today: date) -> Q:
    """Return the filter of work items whose last allowed day has passed."""
    return Q(due_on__lt=today, kind__in=OVERDUE_KINDS)


def _with_due(rows: QuerySet[Candidacy], today: date) -> QuerySet[Candidacy]:
    """Annotate whether anything is overdue and the next due day, without grouping."""
    mine = Deadline.objects.filter(candidacy=OuterRef("pk"))
    next_due = mine.filter(due_on__gte=today).order_by("due_on").values("due_on")[:1]
    return rows.annotate(
        has_overdue=Exists(mine.filter(overdue_q(today))),
        next_due_on=Subquery(next_due),
    )


@dataclass(frozen=True)
class CandidacyFilter:
    """The filters of the candidacy table; every one optional."""

    org_path: str = ""
    stages: tuple[Stage, ...] = ()
    include_closed: bool = False
    overdue_only: bool = False
    q: str = ""
    source: str = ""


def _filtered(scope: Scope, filters: CandidacyFilter) -> QuerySet[Candidacy]:
    rows = candidacies_in_scope(scope)
    if filters.org_path:
        if not scope.covers_path(filters.org_path):
            raise NotFoundError()
        under = spans_under([filters.org_path], scope.day).values_list("org_id", flat=True)
        rows = rows.filter(cell_id__in=under)
    if filters.stages:
        rows = rows.filter(stage__in=[s.value for s in filters.stages])
    elif not filters.include_closed:
        rows = rows.filter(is_open=True)
    if filters.source:
        rows = rows.filter(source_category=filters.source)
    if filters.overdue_only:
        late = Deadline.objects.filter(overdue_q(scope.day), candidacy=OuterRef("pk"))
        rows = rows.filter(Exists(late))
    if filters.q.strip():
        rows = rows.filter(person__name_key__contains=search_key(filters.q))
    return rows


@dataclass(frozen=True)
class CandidacyPage:
    """One page of the table, in Vietnamese name order."""

    items: list[Candidacy]
    next_cursor: str | None
    filters: CandidacyFilter = field(default_factory=CandidacyFilter)


def _encode(row: Candidacy) -> str:
    raw = json.dumps([row.person.sort_key, row.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> tuple[str, int]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(key, str) or not isinstance(pk, int):
            raise TypeError
    except (ValueError, TypeError, binascii.Error) as exc:
        raise DomainError("Tham số trang không hợp lệ.", field="cursor") from exc
    return key, pk


def candidacy_page(
    *, scope: Scope, filters: CandidacyFilter, cursor: str = "", limit: int = 50
) -> CandidacyPage:
    """Return one page of candidacies in scope (one query), keyset-paginated by name."""
    limit = max(1, min(limit, MAX_PAGE))
    rows = _filtered(scope, filters)
    if cursor:
        key, pk = _decode(cursor)
        # The redundant `sort_key >= key` gives PostgreSQL an index range to start from,
        # as in people.selectors.person_list; the OR alone makes it scan from the first row.
        rows = rows.filter(person__sort_key__gte=key).filter(
            Q(person__sort_key__gt=key) | Q(person__sort_key=key, pk__gt=pk)
        )
    rows = _with_due(rows.select_related("person", "cell"), scope.day)
    found = list(rows.order_by("person__sort_key", "pk")[: limit + 1])
    next_cursor = _encode(found[limit - 1]) if len(found) > limit else None
    return CandidacyPage(found[:limit], next_cursor, filters)


@dataclass(frozen=True)
class BoardColumn:
    """One stage of the board: how many candidacies, and the longest-waiting ones."""

    stage: Stage
    count: int
    cards: list[Candidacy]

    @property
    def hidden(self) -> int:
        return self.count - len(self.cards)


def board(*, scope: Scope, org_path: str = "", per_stage: int = 30) -> list[BoardColumn]:
    """Return the open candidacies by stage, longest in their stage first (three queries)."""
    rows = _filtered(scope, CandidacyFilter(org_path=org_path))
    counts = dict(rows.values_list("stage").annotate(n=Count("id")).order_by())
    # The ids are read first: as a subquery PostgreSQL joined them by scanning every candidacy.
    shown = Candidacy.objects.filter(pk__in=[pk for (pk,) in _board_card_ids(rows, per_stage)])
    cards: dict[str, list[Candidacy]] = {}
    for row in _with_due(shown.select_related("person", "cell"), scope.day).order_by(
        "stage_since", "id"
    ):
        cards.setdefault(row.stage, []).append(row)
    return [
        BoardColumn(stage, counts.get(stage.value, 0), cards.get(stage.value, []))
        for stage in BOARD_STAGES
    ]


def _board_card_ids(rows: QuerySet[Candidacy], per_stage: int) -> QuerySet[Any, tuple[int]]:
    """Return the ids of the longest-waiting candidacies of each board stage (one query).

    Where the database can limit each part of a UNION, each stage reads its first rows
    from the `candidacy_board` index and stops: a few rows whatever the size of the tree.
    A window over every open candidacy in scope took 0.4 s on 300,000 people (SQLite,
    which cannot, keeps it: its installs are small).
    """
    if connection.features.supports_slicing_ordering_in_compound:
        parts = [
            rows.filter(stage=stage.value)
            .order_by("stage_since", "id")
            .values_list("id")[:per_stage]
            for stage in BOARD_STAGES
        ]
        return parts[0].union(*parts[1:], all=True)
    window = Window(
        RowNumber(), partition_by=[F("stage")], order_by=[F("stage_since").asc(), F("id")]
    )
    return rows.annotate(rank=window).filter(rank__lte=per_stage).values_list("id")


def candidacy_get(*, scope: Scope, candidacy_id: int) -> Candidacy:
    """Return one candidacy in scope, or NotFoundError (the same whether absent or not yours)."""
    found = (
        candidacies_in_scope(scope)
        .filter(pk=candidacy_id)
        .select_related("person", "cell", "membership")
        .first()
    )
    if found is None:
        raise NotFoundError()
    return found
