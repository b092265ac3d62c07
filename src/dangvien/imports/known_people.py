"""What the database holds about the people a workbook names, found by citizen-ID digest."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from dangvien.imports.known import among, chunked
from dangvien.orgs.domain.tree import OPEN_END
from dangvien.people.models import Membership, Person, PositionHeld, StatusPeriod
from dangvien.pipeline.models import Candidacy

# The person fields an import compares and may change, as stored.
PERSON_FIELDS = (
    "full_name",
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
)


@dataclass(slots=True)
class KnownPeriod:
    """An existing status period."""

    pk: int
    org_id: int
    status: str
    valid_from: date
    valid_to: date
    note: str


@dataclass(slots=True)
class KnownMembership:
    """An existing admission."""

    pk: int
    decision_date: date
    decision_number: str
    ceremony_date: date | None
    official_date: date | None
    end_date: date | None
    end_reason: str
    admitted_in_id: int


@dataclass(slots=True)
class KnownPerson:
    """An existing person with the records an import may change."""

    pk: int
    values: dict[str, object]  # PERSON_FIELDS as stored
    name_key: str
    current_org_id: int
    current_status: str
    version: int
    periods: list[KnownPeriod] = field(default_factory=list)  # oldest first
    membership: KnownMembership | None = None  # the latest admission
    positions: dict[tuple[str, str], int] = field(default_factory=dict)  # current: -> pk
    open_source: str | None = None  # source category of the open candidacy, None if none


def _people(digests: list[str]) -> dict[str, KnownPerson]:
    found: dict[str, KnownPerson] = {}
    columns = ("pk", "citizen_id_digest", "name_key", "current_org_id", "current_status", "version")
    for batch in chunked(digests):
        rows = among(Person.objects.all(), "citizen_id_digest", batch)
        # Tuples, not dicts: a hundred thousand people are read on a second import.
        for pk, digest, name_key, org_id, status, version, *values in rows.values_list(
            *columns, *PERSON_FIELDS
        ):
            found[digest] = KnownPerson(
                pk, dict(zip(PERSON_FIELDS, values, strict=True)), name_key, org_id, status, version
            )
    return found


def _attach_periods(by_id: dict[int, KnownPerson], all_periods: set[int]) -> None:
    """Load the open period of everyone, and every period of the people in `all_periods`."""
    columns = ("pk", "person_id", "org_id", "status", "valid_from", "valid_to", "note")
    full = [pk for pk in by_id if pk in all_periods]
    open_only = [pk for pk in by_id if pk not in all_periods]
    for ids, periods in (
        (full, StatusPeriod.objects.all()),
        (open_only, StatusPeriod.objects.filter(valid_to=OPEN_END)),
    ):
        for batch in chunked(sorted(ids)):
            for pk, person_id, *rest in among(periods, "person_id", batch).values_list(*columns):
                by_id[person_id].periods.append(KnownPeriod(pk, *rest))
    for person in by_id.values():
        person.periods.sort(key=lambda period: period.valid_from)


def _attach_memberships(by_id: dict[int, KnownPerson]) -> None:
    columns = (
        "pk",
        "person_id",
        "decision_date",
        "decision_number",
        "ceremony_date",
        "official_date",
        "end_date",
        "end_reason",
        "admitted_in_id",
    )
    for batch in chunked(sorted(by_id)):
        rows = among(Membership.objects.all(), "person_id", batch).order_by("decision_date")
        for pk, person_id, *rest in rows.values_list(*columns):
            by_id[person_id].membership = KnownMembership(pk, *rest)  # the latest wins


def _attach_positions(by_id: dict[int, KnownPerson]) -> None:
    for batch in chunked(sorted(by_id)):
        rows = among(PositionHeld.objects.filter(valid_to=None), "person_id", batch)
        for pk, person_id, title, label in rows.values_list("pk", "person_id", "title", "label"):
            by_id[person_id].positions[(title, label)] = pk


def _attach_sources(by_id: dict[int, KnownPerson]) -> None:
    for batch in chunked(sorted(by_id)):
        rows = among(Candidacy.objects.filter(is_open=True), "person_id", batch)
        for person_id, source in rows.values_list("person_id", "source_category"):
            by_id[person_id].open_source = source


def people_by_digest(
    digests: Iterable[str], *, with_history: Iterable[str] = ()
) -> dict[str, KnownPerson]:
    """Return the existing people with these citizen-ID digests and their records.

    Every period is loaded for the digests in `with_history` (their history is
    being replaced); for the others, only the open period.
    """
    found = _people(sorted(set(digests)))
    by_id = {person.pk: person for person in found.values()}
    history = set(with_history)
    full = {person.pk for digest, person in found.items() if digest in history}
    _attach_periods(by_id, full)
    _attach_memberships(by_id)
    _attach_positions(by_id)
    _attach_sources(by_id)
    return found
