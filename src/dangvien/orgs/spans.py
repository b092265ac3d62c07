"""Rebuild the derived OrgSpan rows from OrgVersion rows."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from dangvien.orgs.counts_cache import counts_changed
from dangvien.orgs.domain.tree import Span, Version, compute_spans
from dangvien.orgs.models import OrgSpan, OrgVersion
from dangvien.orgs.paths import path_prefix_q

_BATCH = 5000


def _domain_versions(
    rows: Iterable[OrgVersion],
) -> tuple[list[Version], dict[tuple[int, object], int]]:
    versions: list[Version] = []
    version_ids: dict[tuple[int, object], int] = {}
    for row in rows:
        versions.append(
            Version(row.org_id, row.org.code, row.parent_id, row.valid_from, row.valid_to)
        )
        version_ids[(row.org_id, row.valid_from)] = row.pk
    return versions, version_ids


def _version_for(span: Span, versions: list[Version], ids: dict[tuple[int, object], int]) -> int:
    for version in versions:
        if (
            version.org_id == span.org_id
            and version.valid_from <= span.valid_from <= version.valid_to
        ):
            return ids[(version.org_id, version.valid_from)]
    raise LookupError(span)


def _store(spans: list[Span], versions: list[Version], ids: dict[tuple[int, object], int]) -> None:
    counts_changed()  # the tree moved: cached subtree counts go stale
    by_org: dict[int, list[Version]] = {}
    for version in versions:
        by_org.setdefault(version.org_id, []).append(version)
    rows = [
        OrgSpan(
            org_id=span.org_id,
            path=span.path,
            depth=span.depth,
            parent_id=span.parent_id,
            version_id=_version_for(span, by_org[span.org_id], ids),
            valid_from=span.valid_from,
            valid_to=span.valid_to,
        )
        for span in spans
    ]
    OrgSpan.objects.bulk_create(rows, batch_size=_BATCH)


def spans_rebuild_all() -> int:
    """Recompute every span (after an import or a bulk load); return how many."""
    versions, ids = _domain_versions(OrgVersion.objects.select_related("org").iterator(_BATCH))
    spans = compute_spans(versions)
    OrgSpan.objects.all().delete()
    _store(spans, versions, ids)
    return len(spans)


def spans_rebuild_for(org_ids: set[int]) -> int:
    """Recompute the spans of these units and of everything ever under them."""
    old_paths = list(OrgSpan.objects.filter(org_id__in=org_ids).values_list("path", flat=True))
    condition = Q(org_id__in=org_ids)
    for path in set(old_paths):
        condition |= path_prefix_q(path)
    affected = set(OrgSpan.objects.filter(condition).values_list("org_id", flat=True)) | org_ids
    rows = list(OrgVersion.objects.filter(org_id__in=affected).select_related("org"))
    versions, ids = _domain_versions(rows)
    outside_parents = {v.parent_id for v in versions if v.parent_id and v.parent_id not in affected}
    known: dict[int, list[Span]] = {}
    for span in OrgSpan.objects.filter(org_id__in=outside_parents):
        known.setdefault(span.org_id, []).append(
            Span(span.org_id, span.path, span.parent_id, span.valid_from, span.valid_to)
        )
    spans = compute_spans(versions, known_spans=known)
    OrgSpan.objects.filter(org_id__in=affected).delete()
    _store(spans, versions, ids)
    return len(spans)
