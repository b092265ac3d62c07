"""The rows of a full export in the import format, sheet by sheet, read in chunks.

Every value is written the way the importer reads it back (vocabulary labels,
codes as text, real dates, blanks for "always" and "still in force"), so that
exporting a unit and importing the file into an empty database gives the same
records. Rows are ordered by codes and keys, never by ids, so exporting the
imported data again gives the very same file.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from dangvien.core.domain.vocabulary import Term, Vocabulary
from dangvien.imports.known import chunked
from dangvien.imports.vocabularies import CLASS_TYPES, TRAINEE_RESULTS
from dangvien.orgs.domain.tree import BEGINNING, OPEN_END
from dangvien.orgs.models import Locality, OrgVersion
from dangvien.people.domain import vocabularies as vocab
from dangvien.people.models import Membership, Person, PositionHeld, StatusPeriod
from dangvien.pipeline.models import Candidacy
from dangvien.plans.models import Quota
from dangvien.training.models import Enrolment, TrainingClass

Row = tuple[Any, ...]
_PEOPLE_CHUNK = 2000


def label(vocabulary: Vocabulary[Term], code: str) -> str:
    """Return the Vietnamese label of a stored code ("" for blank, the code if unknown)."""
    term = vocabulary.find_code(code) if code else None
    return term.label if term else code


def yes(value: bool) -> str:
    """Return a yes/no cell as the template writes it."""
    return "Có" if value else "Không"


def _start(day: date) -> date | None:
    return None if day == BEGINNING else day


def _end(day: date | None) -> date | None:
    return None if day is None or day == OPEN_END else day


def org_rows(org_ids: set[int], codes: dict[int, str]) -> Iterator[Row]:
    """Yield a ToChuc row per period of the units, by code then start."""
    versions: list[OrgVersion] = []
    for batch in chunked(sorted(org_ids)):
        versions += OrgVersion.objects.filter(org_id__in=batch)
    versions.sort(key=lambda v: (codes[v.org_id], v.valid_from))
    for v in versions:
        parent = codes.get(v.parent_id, "") if v.parent_id else ""
        yield (
            codes[v.org_id],
            v.name,
            label(vocab.ORG_TYPES, v.org_type),
            parent,
            _start(v.valid_from),
            _end(v.valid_to),
            yes(v.may_admit),
        )


def locality_rows(org_ids: set[int], codes: dict[int, str]) -> Iterator[Row]:
    """Yield a DiaBan row per locality of the units."""
    localities = Locality.objects.filter(commune_id__in=org_ids).select_related("head")
    for locality in localities.order_by("code").iterator(chunk_size=2000):
        head = locality.head.citizen_id if locality.head else ""
        yield (
            locality.code,
            locality.name,
            label(vocab.LOCALITY_TYPES, locality.locality_type),
            codes.get(locality.commune_id, ""),
            codes.get(locality.cell_id or 0, ""),
            yes(locality.has_independent_cell),
            head,
        )


def _by_person(rows: Iterable[tuple[Any, ...]]) -> dict[int, list[tuple[Any, ...]]]:
    found: dict[int, list[tuple[Any, ...]]] = {}
    for person_id, *rest in rows:
        found.setdefault(person_id, []).append(tuple(rest))
    return found


class PeopleChunk:
    """One chunk of people with their admissions, positions, periods and sources."""

    def __init__(self, people: Sequence[Person]) -> None:
        """Load the records of these people in four queries."""
        ids = [person.pk for person in people]
        self.people = people
        self.memberships = _by_person(
            Membership.objects.filter(person_id__in=ids)
            .order_by("decision_date")
            .values_list(
                "person_id", "decision_date", "decision_number", "ceremony_date", "official_date"
            )
        )
        self.positions = _by_person(
            PositionHeld.objects.filter(person_id__in=ids, valid_to=None)
            .order_by("id")
            .values_list("person_id", "label")
        )
        self.periods = _by_person(
            StatusPeriod.objects.filter(person_id__in=ids)
            .order_by("valid_from")
            .values_list("person_id", "status", "org_id", "valid_from", "valid_to", "note")
        )
        self.sources = dict(
            Candidacy.objects.filter(person_id__in=ids, is_open=True).values_list(
                "person_id", "source_category"
            )
        )


def people_chunks(org_ids: set[int]) -> Iterator[PeopleChunk]:
    """Yield the people whose current cell is one of the units, a chunk at a time."""
    people = Person.objects.filter(current_org_id__in=org_ids).select_related("locality")
    batch: list[Person] = []
    for person in people.order_by("sort_key", "citizen_id_digest").iterator(
        chunk_size=_PEOPLE_CHUNK
    ):
        batch.append(person)
        if len(batch) >= _PEOPLE_CHUNK:
            yield PeopleChunk(batch)
            batch = []
    if batch:
        yield PeopleChunk(batch)


def person_row(person: Person, chunk: PeopleChunk, codes: dict[int, str]) -> Row:
    """Return a NhanSu row: the record, the latest admission, current positions and status."""
    admission = (chunk.memberships.get(person.pk) or [(None, "", None, None)])[-1]
    periods = chunk.periods.get(person.pk) or []
    since = periods[-1][2] if periods else None
    positions = "; ".join(label_ for (label_,) in chunk.positions.get(person.pk, []))
    return (
        person.citizen_id,
        person.full_name,
        person.birth_date,
        label(vocab.GENDERS, person.gender),
        label(vocab.ETHNIC_GROUPS, person.ethnicity),
        label(vocab.RELIGIONS, person.religion),
        person.general_education,
        label(vocab.QUALIFICATIONS, person.qualification),
        label(vocab.THEORY_LEVELS, person.theory_level),
        label(vocab.OCCUPATIONS, person.occupation),
        yes(person.youth_union),
        positions,
        codes.get(person.current_org_id, ""),
        person.locality.code if person.locality else "",
        label(vocab.STATUSES, person.current_status),
        admission[0],
        admission[1],
        admission[2],
        admission[3],
        label(vocab.SOURCE_CATEGORIES, chunk.sources.get(person.pk, "")),
        since,
        yes(person.trade_union),
        person.hometown,
        person.residence,
    )


def history_rows(person: Person, chunk: PeopleChunk, codes: dict[int, str]) -> Iterator[Row]:
    """Yield the QuaTrinh rows of a person: every status period."""
    for status, org_id, valid_from, valid_to, note in chunk.periods.get(person.pk, []):
        yield (
            person.citizen_id,
            label(vocab.STATUSES, status),
            codes.get(org_id, ""),
            valid_from,
            _end(valid_to),
            note,
        )


def quota_rows(org_ids: set[int], codes: dict[int, str]) -> Iterator[Row]:
    """Yield a ChiTieu row per quota of the units."""
    quotas = Quota.objects.filter(org_id__in=org_ids).select_related("category")
    for quota in quotas.order_by("start_year", "end_year", "org__code", "category__order"):
        period = (
            str(quota.start_year)
            if quota.start_year == quota.end_year
            else (f"{quota.start_year}-{quota.end_year}")
        )
        yield codes[quota.org_id], period, quota.category.name, quota.number


def class_rows(org_ids: set[int], codes: dict[int, str]) -> Iterator[Row]:
    """Yield a LopHoc row per class the units organised."""
    classes = TrainingClass.objects.filter(organiser_id__in=org_ids).order_by("start_date", "code")
    for item in classes:
        yield (
            item.code,
            label(CLASS_TYPES, item.class_type),
            codes[item.organiser_id],
            item.start_date,
            item.end_date,
            item.name,
        )


def trainee_rows(org_ids: set[int], people: set[int]) -> Iterator[Row]:
    """Yield a HocVien row per enrolment in the units' classes of an exported person."""
    enrolments = Enrolment.objects.filter(
        training_class__organiser_id__in=org_ids, person_id__in=people
    ).select_related("training_class", "person")
    for item in enrolments.order_by(
        "training_class__code", "person__sort_key", "person__citizen_id_digest"
    ).iterator(chunk_size=2000):
        yield (
            item.training_class.code,
            item.person.citizen_id,
            label(TRAINEE_RESULTS, item.result),
            item.certificate_number,
            item.certificate_date,
        )
