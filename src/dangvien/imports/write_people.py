"""Write the NhanSu plan: new people by bulk insert, changed people by bulk update.

Each person keeps the invariants people.services keeps: the citizen ID's keyed
digest, the search and sort keys of the name, the snapshot of the open status
period (current cell and status), the per-cell tallies, and a log entry.
Open candidacies of people moved to another cell follow them afterwards,
through the pipeline's service (`write_services.write_dossier_moves`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.utils import timezone

from dangvien.core.domain.text import search_key, sort_key
from dangvien.core.security_crypto import encrypt_many
from dangvien.imports.bulk import allocate_ids, batched, bulk_insert, rebuilt_when_outnumbered
from dangvien.imports.history import ImportHistory
from dangvien.imports.known import ids_of
from dangvien.imports.known_people import PERSON_FIELDS
from dangvien.imports.people_plan import PeoplePlan, PersonDraft
from dangvien.imports.write_records import (
    apply_tallies,
    close_positions,
    insert_memberships,
    insert_periods,
    insert_positions,
    membership_row,
    tally_changes,
)
from dangvien.people.models import Membership, Person, PositionHeld, StatusPeriod
from dangvien.reports.cube import cube_mark_days
from dangvien.reports.snapshot import snapshot_mark_people

PERSON_COLUMNS = (
    "id",
    "citizen_id",
    "citizen_id_digest",
    "full_name",
    "name_key",
    "sort_key",
    "birth_date",
    "gender",
    "ethnicity",
    "religion",
    "general_education",
    "qualification",
    "theory_level",
    "occupation",
    "youth_union",
    "trade_union",
    "hometown",
    "residence",
    "locality_id",
    "current_org_id",
    "current_status",
)
_ENCRYPT_BATCH = 2000
# Attributes whose change alters the report categories of past admissions.
_CATEGORY_FIELDS = frozenset(
    {"birth_date", "gender", "ethnicity", "religion", "youth_union", "qualification"}
)


@lru_cache(maxsize=65536)
def name_keys(full_name: str) -> tuple[str, str]:
    """Return the search and sort keys of a name (many people share a name)."""
    return search_key(full_name), sort_key(full_name)


def _person_row(
    draft: PersonDraft,
    pk: int,
    stored_id: str,
    orgs: Mapping[str, int],
    localities: Mapping[str, int],
) -> tuple[object, ...]:
    row = draft.row
    locality = localities[row.locality_code] if row.locality_code else None
    return (
        pk,
        stored_id,
        draft.digest,
        row.full_name,
        *name_keys(row.full_name),
        row.birth_date,
        row.gender,
        row.ethnicity,
        row.religion,
        row.general_education,
        row.qualification,
        row.theory_level,
        row.occupation,
        row.youth_union,
        row.trade_union,
        row.hometown,
        row.residence,
        locality,
        orgs[row.cell_code],
        row.status.value,
    )


def _stored_ids(drafts: list[PersonDraft]) -> Iterator[str]:
    """Yield the stored (encrypted) citizen ID of each draft, encrypting a batch at a time.

    Lazily, so that on PostgreSQL the encryption of the next batch runs while
    the server inserts the rows already sent.
    """
    for batch in batched(drafts, _ENCRYPT_BATCH):
        yield from encrypt_many([d.row.citizen_id for d in batch])


def _insert_new(
    drafts: list[PersonDraft], orgs: Mapping[str, int], localities: Mapping[str, int]
) -> list[int]:
    """Insert new people and their records; return their ids in draft order."""
    ids = allocate_ids(Person, len(drafts))
    incoming = {
        Person: len(drafts),
        StatusPeriod: sum(len(d.periods or []) for d in drafts),
        Membership: sum(d.membership is not None for d in drafts),
        PositionHeld: sum(len(d.positions_added) for d in drafts),
    }
    with rebuilt_when_outnumbered(incoming):
        _insert_rows(drafts, ids, orgs, localities)
    return ids


def _insert_rows(
    drafts: list[PersonDraft],
    ids: list[int],
    orgs: Mapping[str, int],
    localities: Mapping[str, int],
) -> None:
    """Insert the rows of new people (given their ids) and of their records."""
    stored_ids = _stored_ids(drafts)
    bulk_insert(
        Person,
        PERSON_COLUMNS,
        (
            _person_row(d, pk, stored, orgs, localities)
            for d, pk, stored in zip(drafts, ids, stored_ids, strict=True)
        ),
    )
    insert_periods(
        ((pk, p) for d, pk in zip(drafts, ids, strict=True) for p in d.periods or []), orgs
    )
    insert_memberships(
        membership_row(pk, d.membership, orgs)
        for d, pk in zip(drafts, ids, strict=True)
        if d.membership is not None
    )
    insert_positions(
        (
            (pk, code, label)
            for d, pk in zip(drafts, ids, strict=True)
            for code, label in d.positions_added
        ),
        None,
    )


def _updated_person(
    draft: PersonDraft, orgs: Mapping[str, int], localities: Mapping[str, int], now: datetime
) -> Person:
    """Return the person's row after the import, every updated field set."""
    known = draft.known
    assert known is not None
    values = {**known.values, **draft.values}
    if "locality" in draft.changes:
        code = draft.locality_code
        values["locality_id"] = localities[code] if code else None
    name_key, sort_key_ = name_keys(str(values["full_name"]))
    return Person(
        pk=known.pk,
        **values,
        name_key=name_key,
        sort_key=sort_key_,
        current_org_id=orgs[draft.row.cell_code],
        current_status=draft.row.status.value,
        version=known.version + 1,
        updated_at=now,
    )


def _update_existing(
    drafts: list[PersonDraft], orgs: Mapping[str, int], localities: Mapping[str, int]
) -> None:
    """Update changed people and replace or extend their status periods."""
    now = timezone.now()
    # Bulk writes send no signals: tell the member snapshots where these people were
    # (their old cells and localities) and, below, where they are now.
    known_ids = [d.known.pk for d in drafts if d.known]
    snapshot_mark_people(known_ids)
    people = [_updated_person(d, orgs, localities, now) for d in drafts]
    fields = [
        *PERSON_FIELDS,
        "name_key",
        "sort_key",
        "current_org_id",
        "current_status",
        "version",
        "updated_at",
    ]
    Person.objects.bulk_update(people, fields, batch_size=1000)
    replaced = [d for d in drafts if d.periods is not None]
    StatusPeriod.objects.filter(person_id__in=[d.known.pk for d in replaced if d.known]).delete()
    insert_periods(((d.known.pk, p) for d in replaced if d.known for p in d.periods or []), orgs)
    closed = []
    for draft in drafts:
        if draft.appended and draft.known is not None:
            open_period = draft.known.periods[-1]
            end = draft.appended[0].valid_from - timedelta(days=1)
            closed.append(StatusPeriod(pk=open_period.pk, valid_to=end))
    StatusPeriod.objects.bulk_update(closed, ["valid_to"], batch_size=1000)
    insert_periods(((d.known.pk, p) for d in drafts if d.known for p in d.appended), orgs)
    snapshot_mark_people(known_ids)


def _memberships_of_existing(drafts: list[PersonDraft], orgs: Mapping[str, int]) -> set[date]:
    """Create or correct the admissions of existing people; return the decision days touched."""
    days: set[date] = set()
    created, changed = [], []
    for draft in drafts:
        known, target = draft.known, draft.membership
        if known is None or target is None:
            continue
        days.add(target["decision_date"])
        if known.membership is None:
            created.append(membership_row(known.pk, target, orgs))
            continue
        days.add(known.membership.decision_date)
        admitted_in = known.membership.admitted_in_id
        if known.membership.decision_date != target["decision_date"]:
            admitted_in = orgs[target["admitted_in_code"]]
        fields = {k: v for k, v in target.items() if k != "admitted_in_code"}
        changed.append(
            Membership(
                pk=known.membership.pk, person_id=known.pk, admitted_in_id=admitted_in, **fields
            )
        )
    insert_memberships(created)
    Membership.objects.bulk_update(
        changed, [*(k for k in MEMBERSHIP_VALUES), "admitted_in_id"], batch_size=1000
    )
    return days


MEMBERSHIP_VALUES = (
    "decision_date",
    "decision_number",
    "ceremony_date",
    "official_date",
    "end_date",
    "end_reason",
)


def _category_days(drafts: list[PersonDraft]) -> set[date]:
    """Return the admission days of people whose report categories changed."""
    ids = [d.known.pk for d in drafts if d.known and _CATEGORY_FIELDS & set(d.values)]
    days: set[date] = set()
    for start in range(0, len(ids), 5000):
        batch = ids[start : start + 5000]
        days.update(
            Membership.objects.filter(person_id__in=batch).values_list("decision_date", flat=True)
        )
    return days


def _with_history_cells(drafts: list[PersonDraft], orgs: Mapping[str, int]) -> dict[str, int]:
    """Return `orgs` with every cell the drafts' periods and admissions name.

    A row may rewrite a person's history or add an admission decided while they were in
    a cell the workbook does not mention; those cells come from the stored periods.
    """
    named = {p.cell_code for d in drafts for p in (*(d.periods or []), *d.appended)}
    named |= {d.membership["admitted_in_code"] for d in drafts if d.membership}
    missing = named - set(orgs)
    return {**orgs, **ids_of(missing)} if missing else dict(orgs)


def write_people(
    plan: PeoplePlan,
    orgs: Mapping[str, int],
    localities: Mapping[str, int],
    history: ImportHistory,
    today: date,
) -> dict[str, int]:
    """Apply the plan; return the id of every person it names, by citizen ID."""
    orgs = _with_history_cells(plan.drafts, orgs)
    new = [d for d in plan.drafts if d.is_new]
    changed = [d for d in plan.drafts if not d.is_new and d.changes]
    new_ids = _insert_new(new, orgs, localities)
    _update_existing(changed, orgs, localities)
    days = _memberships_of_existing(changed, orgs) | _category_days(changed)
    close_positions([pk for d in changed for pk in d.positions_closed], today)
    insert_positions(
        (
            (d.known.pk, code, label)
            for d in changed
            if d.known
            for code, label in d.positions_added
        ),
        today,
    )
    apply_tallies(tally_changes(plan.drafts, orgs))
    cube_mark_days(days)
    history.created("person", new_ids)
    for draft in changed:
        assert draft.known is not None
        history.updated("person", draft.known.pk, orgs[draft.row.cell_code], draft.changes)
    ids = {d.row.citizen_id: d.known.pk for d in plan.drafts if d.known is not None}
    ids.update({d.row.citizen_id: pk for d, pk in zip(new, new_ids, strict=True)})
    return ids
