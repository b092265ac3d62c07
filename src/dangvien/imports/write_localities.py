"""Write the DiaBan plan: localities first, their heads once the people exist."""

from __future__ import annotations

from collections.abc import Mapping

from dangvien.imports.history import ImportHistory
from dangvien.imports.localities_sheet import LocalityDraft, LocalityPlan
from dangvien.orgs.models import Locality
from dangvien.reports.snapshot import snapshot_mark_localities

_FIELDS = ["name", "locality_type", "commune_id", "cell_id", "has_independent_cell", "version"]


def _apply(locality: Locality, draft: LocalityDraft, ids: Mapping[str, int]) -> Locality:
    """Set the row's values on `locality`, the optional ones only when the sheet has them."""
    row = draft.row
    locality.name, locality.locality_type = row.name, row.locality_type
    locality.commune_id = ids[row.org_code]
    if draft.known is None or "cell" in draft.changes:
        locality.cell_id = ids[row.cell_code] if row.cell_code else None
    if draft.known is None or "has_independent_cell" in draft.changes:
        locality.has_independent_cell = row.has_independent_cell
    return locality


def _existing(draft: LocalityDraft) -> Locality:
    known = draft.known
    assert known is not None
    return Locality(
        pk=known.pk,
        code=known.code,
        name=known.name,
        locality_type=known.locality_type,
        commune_id=known.commune_id,
        cell_id=known.cell_id,
        has_independent_cell=known.has_independent_cell,
        head_id=known.head_id,
        version=known.version + 1,
    )


def write_localities(
    plan: LocalityPlan, ids: Mapping[str, int], history: ImportHistory
) -> dict[str, int]:
    """Create and update localities (heads aside); return the id of each by code."""
    new = [_apply(Locality(code=d.row.code), d, ids) for d in plan.drafts if d.known is None]
    created = Locality.objects.bulk_create(new, batch_size=1000)
    changed = [d for d in plan.drafts if d.known is not None and d.changes]
    Locality.objects.bulk_update(
        [_apply(_existing(d), d, ids) for d in changed], _FIELDS, batch_size=1000
    )
    found = {d.row.code: d.known.pk for d in plan.drafts if d.known is not None}
    found.update({locality.code: locality.pk for locality in created})
    # Saved without signals: mark them as a save would (members living there, the cell).
    snapshot_mark_localities([*(found[d.row.code] for d in changed), *(x.pk for x in created)])
    history.created("locality", [locality.pk for locality in created])
    for draft in changed:
        history.updated("locality", found[draft.row.code], ids[draft.row.org_code], draft.changes)
    return found


def write_heads(
    plan: LocalityPlan, localities: Mapping[str, int], people: Mapping[str, int]
) -> None:
    """Set the head of each locality whose row names one (people: citizen ID -> id)."""
    heads = []
    for draft in plan.drafts:
        if draft.known is not None and "head" not in draft.changes:
            continue
        if draft.known is None and not draft.row.head_citizen_id:
            continue
        cid = draft.row.head_citizen_id
        heads.append(Locality(pk=localities[draft.row.code], head_id=people[cid] if cid else None))
    Locality.objects.bulk_update(heads, ["head_id"], batch_size=1000)
    snapshot_mark_localities(locality.pk for locality in heads)  # "head is a member" moved
