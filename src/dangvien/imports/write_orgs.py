"""Write the ToChuc plan: units, their periods, the derived spans, the report cube's marks.

New units and periods go in by bulk insert (COPY on PostgreSQL), like people.
"""

from __future__ import annotations

from collections.abc import Mapping

from dangvien.imports.bulk import allocate_ids, bulk_insert
from dangvien.imports.history import ImportHistory
from dangvien.imports.known import KnownOrg, ids_of
from dangvien.imports.orgs_plan import Draft, OrgPlan
from dangvien.orgs.models import Organization, OrgVersion
from dangvien.orgs.signals import versions_changed
from dangvien.orgs.spans import spans_rebuild_all, spans_rebuild_for

# Beyond this many units, recomputing every span is cheaper than one subtree at a time.
_REBUILD_ALL_FROM = 500
_VERSION_FIELDS = ["name", "org_type", "parent_id", "may_admit", "valid_from", "valid_to"]
_VERSION_COLUMNS = (
    "org_id",
    "name",
    "org_type",
    "parent_id",
    "may_admit",
    "valid_from",
    "valid_to",
    "change",
)


def _ids(plan: OrgPlan, known: Mapping[str, KnownOrg]) -> dict[str, int]:
    """Create the new units; return the id of every unit the plan names."""
    ids = {code: org.pk for code, org in known.items()}
    codes = list(plan.new_codes)
    new_ids = allocate_ids(Organization, len(codes))
    bulk_insert(
        Organization,
        ("id", "code", "name", "org_type"),
        (
            (pk, code, plan.latest(code).name, plan.latest(code).org_type)
            for pk, code in zip(new_ids, codes, strict=True)
        ),
    )
    ids.update(zip(codes, new_ids, strict=True))
    parents = {d.parent_code for drafts in plan.drafts.values() for d in drafts} - set(ids) - {""}
    ids.update(ids_of(parents))
    return ids


def _version_row(draft: Draft, ids: Mapping[str, int]) -> tuple[object, ...]:
    """Return the insert values of a new period (`_VERSION_COLUMNS`)."""
    parent = ids[draft.parent_code] if draft.parent_code else None
    return (
        ids[draft.code],
        draft.name,
        draft.org_type,
        parent,
        draft.may_admit,
        draft.valid_from,
        draft.valid_to,
        OrgVersion.Change.IMPORT.value,
    )


def _version(draft: Draft, ids: Mapping[str, int], pk: int) -> OrgVersion:
    return OrgVersion(
        pk=pk,
        org_id=ids[draft.code],
        name=draft.name,
        org_type=draft.org_type,
        parent_id=ids[draft.parent_code] if draft.parent_code else None,
        may_admit=draft.may_admit,
        valid_from=draft.valid_from,
        valid_to=draft.valid_to,
        change=OrgVersion.Change.IMPORT,
    )


def _refresh_identities(
    plan: OrgPlan, known: Mapping[str, KnownOrg], ids: Mapping[str, int]
) -> None:
    """Keep each unit's name and type those of its latest period."""
    stale = []
    for code in plan.drafts:
        latest = plan.latest(code)
        old = known.get(code)
        if old is not None and (old.name, old.org_type) != (latest.name, latest.org_type):
            stale.append(Organization(pk=ids[code], name=latest.name, org_type=latest.org_type))
    Organization.objects.bulk_update(stale, ["name", "org_type"], batch_size=1000)


def write_orgs(
    plan: OrgPlan, known: Mapping[str, KnownOrg], history: ImportHistory
) -> dict[str, int]:
    """Apply the plan; return the id of every unit it names (new ones included)."""
    ids = _ids(plan, known)
    bulk_insert(OrgVersion, _VERSION_COLUMNS, (_version_row(d, ids) for d in plan.created))
    changed = [_version(d, ids, d.existing.pk) for d, _ in plan.changed if d.existing]
    OrgVersion.objects.bulk_update(changed, _VERSION_FIELDS, batch_size=1000)
    _refresh_identities(plan, known, ids)
    touched = {ids[d.code] for d in plan.created} | {ids[d.code] for d, _ in plan.changed}
    if touched:
        if len(touched) > _REBUILD_ALL_FROM:
            spans_rebuild_all()
        else:
            spans_rebuild_for(touched)
    # New units have no admission yet (new admissions reach the report cube by its id
    # watermark): only periods of existing units can move admissions already counted.
    new_codes = set(plan.new_codes)
    moved = [d for d in plan.created if d.code not in new_codes] + [d for d, _ in plan.changed]
    for draft in moved:
        old = draft.existing
        start = min(draft.valid_from, old.valid_from) if old else draft.valid_from
        end = max(draft.valid_to, old.valid_to) if old else draft.valid_to
        # What a version saved one by one triggers: the cube, the snapshots and the
        # forecast history drop or mark what the move touched.
        versions_changed.send(
            sender=OrgVersion, org_id=ids[draft.code], valid_from=start, valid_to=end
        )
    history.created("org", [ids[code] for code in plan.new_codes])
    for draft, changes in plan.changed:
        history.updated("org", ids[draft.code], ids[draft.code], changes)
    return ids
