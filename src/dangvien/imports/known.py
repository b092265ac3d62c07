"""What the database already holds about the codes and citizen IDs a workbook names.

Loaded in a few bulk queries before validation, so that checking 100,000 rows
costs a handful of round trips instead of one per row.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from django.db import connection, models
from django.db.models import QuerySet

from dangvien.orgs.models import Locality, Organization, OrgSpan, OrgVersion

T = TypeVar("T")
ModelT = TypeVar("ModelT", bound=models.Model)
CHUNK = 5000  # values per IN (...) list on SQLite: well under its parameter limit
PG_CHUNK = 50_000  # values per array parameter on PostgreSQL


def chunked(values: Iterable[T], size: int | None = None) -> Iterator[list[T]]:
    """Yield lists of at most `size` values (default: what one lookup query takes well)."""
    size = size or (PG_CHUNK if connection.vendor == "postgresql" else CHUNK)
    batch: list[T] = []
    for value in values:
        batch.append(value)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def among(queryset: QuerySet[ModelT], field: str, values: list[Any]) -> QuerySet[ModelT]:
    """Return the rows whose `field` is one of `values`.

    On PostgreSQL the values go as one array parameter (`= ANY(%s)`): building an
    IN list of thousands of parameters costs Django more than running the query.
    """
    if connection.vendor != "postgresql":
        return queryset.filter(**{f"{field}__in": values})
    model = queryset.model
    column = next(
        str(f.column) for f in model._meta.concrete_fields if field in (f.name, f.attname)
    )
    quote = connection.ops.quote_name
    where = f"{quote(model._meta.db_table)}.{quote(column)} = ANY(%s)"
    return queryset.extra(where=[where], params=[values])  # noqa: S610 (quoted names only)


@dataclass(slots=True)
class KnownVersion:
    """An existing OrgVersion row."""

    pk: int
    org_id: int
    name: str
    org_type: str
    parent_id: int | None
    may_admit: bool
    valid_from: date
    valid_to: date


@dataclass(slots=True)
class KnownOrg:
    """An existing organisation with all its versions and its path today (or last)."""

    pk: int
    code: str
    name: str
    org_type: str
    versions: list[KnownVersion] = field(default_factory=list)
    path: str = ""  # the path today; for a unit dissolved before today, its last path


def _versions_by_org(org_ids: list[int]) -> dict[int, list[KnownVersion]]:
    found: dict[int, list[KnownVersion]] = {}
    for batch in chunked(org_ids):
        rows = among(OrgVersion.objects.all(), "org_id", batch).values_list(
            "pk", "org_id", "name", "org_type", "parent_id", "may_admit", "valid_from", "valid_to"
        )
        for row in rows:
            found.setdefault(row[1], []).append(KnownVersion(*row))
    for versions in found.values():
        versions.sort(key=lambda version: version.valid_from)
    return found


def span_rank(valid_from: date, valid_to: date, day: date) -> tuple[int, int]:
    """Return a sort key of spans: in force on `day` first, then latest past, earliest future."""
    if valid_from <= day <= valid_to:
        return (2, 0)
    if valid_to < day:
        return (1, valid_to.toordinal())
    return (0, -valid_from.toordinal())


def org_paths(org_ids: Iterable[int], day: date) -> dict[int, str]:
    """Return each unit's path on `day`, or on the last day it existed."""
    latest: dict[int, tuple[tuple[int, int], str]] = {}
    for batch in chunked(sorted(set(org_ids))):
        spans = among(OrgSpan.objects.all(), "org_id", batch).values_list(
            "org_id", "path", "valid_from", "valid_to"
        )
        for org_id, path, valid_from, valid_to in spans:
            rank = span_rank(valid_from, valid_to, day)
            if org_id not in latest or rank > latest[org_id][0]:
                latest[org_id] = (rank, path)
    return {org_id: path for org_id, (_, path) in latest.items()}


def orgs_by_code(codes: Iterable[str], day: date) -> dict[str, KnownOrg]:
    """Return the existing units with these codes, their versions and paths."""
    orgs: dict[str, KnownOrg] = {}
    for batch in chunked(sorted(set(codes) - {""})):
        for pk, code, name, org_type in among(
            Organization.objects.all(), "code", batch
        ).values_list("pk", "code", "name", "org_type"):
            orgs[code] = KnownOrg(pk, code, name, org_type)
    ids = [org.pk for org in orgs.values()]
    versions = _versions_by_org(ids)
    paths = org_paths(ids, day)
    for org in orgs.values():
        org.versions = versions.get(org.pk, [])
        org.path = paths.get(org.pk, "")
    return orgs


def ids_of(codes: Iterable[str]) -> dict[str, int]:
    """Return the id of each unit code that exists."""
    found: dict[str, int] = {}
    for batch in chunked(sorted(set(codes))):
        found.update(among(Organization.objects.all(), "code", batch).values_list("code", "pk"))
    return found


def codes_of(org_ids: Iterable[int]) -> dict[int, str]:
    """Return the code of each unit id."""
    found: dict[int, str] = {}
    for batch in chunked(sorted(set(org_ids))):
        found.update(among(Organization.objects.all(), "id", batch).values_list("pk", "code"))
    return found


def child_versions(parent_ids: Iterable[int]) -> list[KnownVersion]:
    """Return the versions of every unit that has one of these units as parent."""
    children: list[KnownVersion] = []
    for batch in chunked(sorted(set(parent_ids))):
        rows = among(OrgVersion.objects.all(), "parent_id", batch).values_list(
            "pk", "org_id", "name", "org_type", "parent_id", "may_admit", "valid_from", "valid_to"
        )
        children.extend(KnownVersion(*row) for row in rows)
    return children


def spans_of(org_ids: Iterable[int]) -> dict[int, list[tuple[str, int | None, date, date]]]:
    """Return (path, parent id, from, to) of every span of these units."""
    found: dict[int, list[tuple[str, int | None, date, date]]] = {}
    for batch in chunked(sorted(set(org_ids))):
        rows = among(OrgSpan.objects.all(), "org_id", batch).values_list(
            "org_id", "path", "parent_id", "valid_from", "valid_to"
        )
        for org_id, path, parent_id, valid_from, valid_to in rows:
            found.setdefault(org_id, []).append((path, parent_id, valid_from, valid_to))
    return found


@dataclass(slots=True)
class KnownLocality:
    """An existing locality."""

    pk: int
    code: str
    name: str
    locality_type: str
    commune_id: int
    cell_id: int | None
    has_independent_cell: bool
    head_id: int | None
    version: int


def localities_by_code(codes: Iterable[str]) -> dict[str, KnownLocality]:
    """Return the existing localities with these codes."""
    found: dict[str, KnownLocality] = {}
    for batch in chunked(sorted(set(codes) - {""})):
        rows = among(Locality.objects.all(), "code", batch).values_list(
            "pk",
            "code",
            "name",
            "locality_type",
            "commune_id",
            "cell_id",
            "has_independent_cell",
            "head_id",
            "version",
        )
        for row in rows:
            found[row[1]] = KnownLocality(*row)
    return found


def locality_codes(locality_ids: Iterable[int]) -> dict[int, str]:
    """Return the code of each locality id."""
    found: dict[int, str] = {}
    for batch in chunked(sorted(set(locality_ids))):
        found.update(among(Locality.objects.all(), "id", batch).values_list("pk", "code"))
    return found


def max_id(model: type[Organization] | type[Locality]) -> int:
    """Return the highest id in use (0 for an empty table)."""
    last = model.objects.order_by("-pk").values_list("pk", flat=True).first()
    return last or 0
