"""Scoped reads of the organisation tree."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Count, Q, QuerySet, Sum, Value
from django.db.models.functions import Substr

from dangvien.accounts.scope import Scope
from dangvien.core.domain.errors import NotFoundError
from dangvien.orgs.counts_cache import cached_counts
from dangvien.orgs.domain.enums import OrgType
from dangvien.orgs.domain.tree import decode_path
from dangvien.orgs.models import Locality, OrgSpan
from dangvien.orgs.paths import spans_on, spans_under
from dangvien.people.domain.enums import MEMBER_STATUSES, Status

CELL_TYPES = [OrgType.CELL.value, OrgType.GRASSROOTS_CELL.value]


@dataclass(frozen=True)
class OrgNode:
    """A unit as it stood on a day, with its place in the tree."""

    id: int
    code: str
    name: str
    org_type: OrgType
    path: str
    depth: int
    parent_id: int | None
    may_admit: bool

    @property
    def type_label(self) -> str:
        return self.org_type.label


@dataclass(frozen=True)
class Counts:
    """Head counts of a subtree today, from the per-cell tallies."""

    cells: int = 0
    members: int = 0
    probationary: int = 0
    candidates: int = 0


def _node(span: OrgSpan) -> OrgNode:
    return OrgNode(
        id=span.org_id,
        code=span.org.code,
        name=span.version.name,
        org_type=OrgType(span.version.org_type),
        path=span.path,
        depth=span.depth,
        parent_id=span.parent_id,
        may_admit=span.version.may_admit,
    )


def _nodes(spans: object) -> list[OrgNode]:
    return [_node(span) for span in spans]  # type: ignore[attr-defined]


def org_get(*, scope: Scope, code: str, day: date | None = None) -> OrgNode:
    """Return the unit as it stood on `day` (default today), if it is in scope."""
    span = (
        spans_on(day or scope.day).filter(org__code=code).select_related("org", "version").first()
    )
    if span is None or not scope.covers_path(_today_path(span, scope)):
        raise NotFoundError()
    return _node(span)


def _today_path(span: OrgSpan, scope: Scope) -> str:
    if span.valid_from <= scope.day <= span.valid_to:
        return span.path
    today = spans_on(scope.day).filter(org_id=span.org_id).values_list("path", flat=True).first()
    return today or ""


def org_roots(*, scope: Scope) -> list[OrgNode]:
    """Return the top units of the user's scope, in name order."""
    spans = spans_on(scope.day).filter(path__in=scope.prefixes).select_related("org", "version")
    return sorted(_nodes(spans), key=lambda n: n.code)


def org_children(*, scope: Scope, node: OrgNode, day: date | None = None) -> list[OrgNode]:
    """Return the direct children of a unit on a day, in code order."""
    spans = (
        spans_on(day or scope.day)
        .filter(parent_id=node.id, depth=node.depth + 1)
        .select_related("org", "version")
        .order_by("org__code")
    )
    return [n for n in _nodes(spans) if scope.covers_path(n.path)]


def org_ancestors(*, scope: Scope, node: OrgNode) -> list[OrgNode]:
    """Return the in-scope ancestors of a unit, root first (for breadcrumbs)."""
    ids = decode_path(node.path)[:-1]
    spans = spans_on(scope.day).filter(org_id__in=ids).select_related("org", "version")
    found = {n.id: n for n in _nodes(spans) if scope.covers_path(n.path)}
    return [found[i] for i in ids if i in found]


def subtree_counts(*, nodes: list[OrgNode], day: date) -> dict[int, Counts]:
    """Return cell and head counts under each node (cached high in the tree: orgs.counts_cache)."""
    if not nodes:
        return {}
    return cached_counts(
        [n.path for n in nodes],
        [n.org_type for n in nodes],
        day,
        lambda: _subtree_counts(nodes=nodes, day=day),
    )


def _subtree_counts(*, nodes: list[OrgNode], day: date) -> dict[int, Counts]:
    """Return cell and head counts under each node, in two grouped queries in all."""
    width = len(nodes[0].path) + 0
    by_prefix = {n.path: n.id for n in nodes}
    same_depth = all(len(n.path) == width for n in nodes)
    result: dict[int, Counts] = {n.id: Counts() for n in nodes}
    if not same_depth:
        for node in nodes:
            result.update(_subtree_counts(nodes=[node], day=day))
        return result
    spans = spans_under(list(by_prefix), day).annotate(top=Substr("path", 1, width))
    cells = spans.filter(version__org_type__in=CELL_TYPES).values("top").annotate(n=Count("id"))
    heads = spans.values("top").annotate(
        members=Sum("org__tallies__count", filter=Q(org__tallies__status__in=MEMBER_STATUSES)),
        probationary=Sum("org__tallies__count", filter=Q(org__tallies__status=Status.PROBATIONARY)),
        candidates=Sum("org__tallies__count", filter=Q(org__tallies__status=Status.CANDIDATE)),
    )
    cell_counts = {row["top"]: row["n"] for row in cells}
    for row in heads:
        org_id = by_prefix[row["top"]]
        result[org_id] = Counts(
            cells=cell_counts.get(row["top"], 0),
            members=row["members"] or 0,
            probationary=row["probationary"] or 0,
            candidates=row["candidates"] or 0,
        )
    return result


def localities_of(*, scope: Scope, node: OrgNode) -> list[Locality]:
    """Return the localities of a commune-level unit, or served by a cell."""
    if not scope.covers_path(node.path):
        raise NotFoundError()
    return list(
        Locality.objects.filter(Q(commune_id=node.id) | Q(cell_id=node.id))
        .select_related("cell", "head")
        .order_by("code")
    )


def locality_list(*, scope: Scope) -> list[Locality]:
    """Return every locality whose commune is in scope."""
    return list(
        Locality.objects.filter(commune_id__in=scope.org_ids())
        .select_related("commune", "cell", "head")
        .order_by("code")
    )


def locality_get(*, scope: Scope, code: str) -> Locality:
    """Return one locality of a commune in scope."""
    locality = (
        Locality.objects.filter(code=code, commune_id__in=scope.org_ids())
        .select_related("commune", "cell", "head")
        .first()
    )
    if locality is None:
        raise NotFoundError()
    return locality


def org_list(
    *, scope: Scope, day: date | None = None, after: str = "", limit: int = 100
) -> list[OrgNode]:
    """Return units in scope on a day, in code order, after a code (keyset pagination)."""
    spans = (
        spans_on(day or scope.day)
        .filter(scope.path_q())
        .filter(org__code__gt=after)
        .select_related("org", "version")
        .order_by("org__code")[:limit]
    )
    return _nodes(spans)


# A drop-down lists the cells only when there are at most this many in scope: a national
# administrator has some 300,000, which made 21 MB pages (see `unit_choices`).
UNIT_CHOICE_LIMIT = 300
_CHOICE_FIELDS = (
    "org_id",
    "org__code",
    "version__name",
    "version__org_type",
    "path",
    "depth",
    "parent_id",
    "version__may_admit",
)
# Which part of `unit_choices`' one query a row comes from.
_TOP, _GRANDCHILD, _CELL, _SELECTED = 0, 1, 2, 3


@dataclass(frozen=True)
class UnitChoices:
    """The units a list can be narrowed to, in tree order, and the one asked for."""

    nodes: list[OrgNode]
    truncated: bool  # the cells were too many to list: pick one from the tree instead
    selected: OrgNode | None = None

    def pairs(self) -> list[tuple[str, str]]:
        """Return (code, name) pairs for a form's choices."""
        return [(node.code, node.name) for node in self.nodes]


def unit_choices(*, scope: Scope, selected: str = "", limit: int | None = None) -> UnitChoices:
    """Return the units for a drop-down: roots and children, grandchildren and cells if few.

    Grandchildren are listed when there are at most `limit` of them, cells likewise
    (default UNIT_CHOICE_LIMIT); `selected` (a unit code) is always included, and a
    code outside the scope raises NotFoundError. One query whatever the scope's size:
    each bounded part is read with LIMIT limit + 1, never counted over the whole tree.
    """
    limit = UNIT_CHOICE_LIMIT if limit is None else limit
    base = scope.spans()
    root_ids = [decode_path(prefix)[-1] for prefix in scope.prefixes]
    children = base.filter(parent_id__in=root_ids).values("org_id")
    parts = [
        (_TOP, base.filter(Q(path__in=scope.prefixes) | Q(parent_id__in=root_ids))),
        (_GRANDCHILD, _first_rows(base, Q(parent_id__in=children), limit + 1)),
        (_CELL, _first_rows(base, Q(version__org_type__in=CELL_TYPES), limit + 1)),
    ]
    if selected:
        parts.append((_SELECTED, base.filter(org__code=selected)))
    first, *rest = [
        rows.annotate(part=Value(part)).values_list(*_CHOICE_FIELDS, "part") for part, rows in parts
    ]
    by_part: dict[int, dict[str, OrgNode]] = {part: {} for part, _ in parts}
    for *fields, part in first.union(*rest, all=True):
        node = _choice_node(*fields)
        by_part[part][node.code] = node
    shown = dict(by_part[_TOP])
    for part in (_GRANDCHILD, _CELL):
        if len(by_part[part]) <= limit:
            shown.update(by_part[part])
    chosen = by_part.get(_SELECTED, {}).get(selected)
    if selected and chosen is None:
        raise NotFoundError()
    if chosen is not None:
        shown[chosen.code] = chosen
    nodes = sorted(shown.values(), key=lambda node: node.path)
    return UnitChoices(nodes, len(by_part[_CELL]) > limit, chosen)


def _first_rows(base: QuerySet[OrgSpan], where: Q, limit: int) -> QuerySet[OrgSpan]:
    """Return at most `limit` spans matching `where`, as one part of the choices' UNION.

    Where the database can limit each part of a UNION, the part is limited directly;
    otherwise through `pk IN (... LIMIT n)`, for which PostgreSQL scanned every span of
    the tree (10 ms at 16,000 units) instead of reading the few rows by key.
    """
    if connection.features.supports_slicing_ordering_in_compound:
        return base.filter(where)[:limit]
    return base.filter(pk__in=base.filter(where).values("pk")[:limit])


def _choice_node(
    org_id: int,
    code: str,
    name: str,
    org_type: str,
    path: str,
    depth: int,
    parent_id: int | None,
    may_admit: bool,
) -> OrgNode:
    return OrgNode(org_id, code, name, OrgType(org_type), path, depth, parent_id, may_admit)
