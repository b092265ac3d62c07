"""Scoped reads of person records: lists, search, one record, history questions."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet

from dangvien.accounts.scope import Scope
from dangvien.core.domain.errors import DomainError, NotFoundError
from dangvien.core.domain.text import search_key
from dangvien.orgs.paths import spans_under
from dangvien.people import search
from dangvien.people.domain.enums import MEMBER_STATUSES, Gender, Status
from dangvien.people.domain.identity import looks_like_citizen_id
from dangvien.people.domain.vocabularies import (
    ETHNIC_GROUPS,
    OCCUPATIONS,
    QUALIFICATIONS,
    RELIGIONS,
    THEORY_LEVELS,
)
from dangvien.people.models import Membership, Person, StatusPeriod
from dangvien.people.services import digest_of

MAX_PAGE = 200
AGE_BANDS = {
    "18-30": (18, 30),
    "31-45": (31, 45),
    "46-60": (46, 60),
    "61+": (61, 200),
    "duoi-18": (0, 17),
}


@dataclass(frozen=True)
class PersonFilter:
    """The filters of the member list; every one optional."""

    q: str = ""
    statuses: tuple[Status, ...] = ()
    gender: Gender | None = None
    ethnicity: str = ""
    age_band: str = ""
    org_id: int | None = None  # a cell or any unit: its whole subtree
    org_path: str = ""


@dataclass(frozen=True)
class Page:
    """One page of a keyset-paginated list."""

    items: list[Person]
    next_cursor: str | None
    filters: PersonFilter = field(default_factory=PersonFilter)


def encode_cursor(person: Person) -> str:
    """Return an opaque cursor pointing just after this person in list order."""
    raw = json.dumps([person.sort_key, person.pk]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[str, int]:
    """Return the (sort key, id) a cursor points after, or raise a Vietnamese error."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key, pk = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(key, str) or not isinstance(pk, int):
            raise TypeError
    except (ValueError, TypeError, binascii.Error) as exc:
        raise DomainError("Tham số trang không hợp lệ.", field="cursor") from exc
    return key, pk


def _birth_range(band: str, today: date) -> tuple[date, date]:
    if band not in AGE_BANDS:
        raise DomainError(f'Nhóm tuổi "{band}" không hợp lệ.', field="age_band")
    low, high = AGE_BANDS[band]
    latest = _years_before(today, low)
    earliest = _years_before(today, high + 1)
    return earliest, latest


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29/02 in a non-leap year
        return day.replace(year=day.year - years, day=28)


def people_in_scope(scope: Scope) -> QuerySet[Person]:
    """Return every person whose current cell is in scope (the only way to list people)."""
    return Person.objects.filter(current_org_id__in=scope.org_ids())


def _filtered(scope: Scope, filters: PersonFilter) -> QuerySet[Person]:
    people = people_in_scope(scope)
    if filters.org_path:
        if not scope.covers_path(filters.org_path):
            raise NotFoundError()
        under = spans_under([filters.org_path], scope.day).values_list("org_id", flat=True)
        people = people.filter(current_org_id__in=under)
    if filters.statuses:
        people = people.filter(current_status__in=[s.value for s in filters.statuses])
    if filters.gender:
        people = people.filter(gender=filters.gender.value)
    if filters.ethnicity:
        people = people.filter(ethnicity=filters.ethnicity)
    if filters.age_band:
        earliest, latest = _birth_range(filters.age_band, scope.day)
        people = people.filter(birth_date__gt=earliest, birth_date__lte=latest)
    return people


def _page(rows: list[Person], limit: int, filters: PersonFilter) -> Page:
    next_cursor = encode_cursor(rows[limit - 1]) if len(rows) > limit else None
    return Page(rows[:limit], next_cursor, filters)


def person_list(*, scope: Scope, filters: PersonFilter, cursor: str = "", limit: int = 50) -> Page:
    """Return one page of people in scope in Vietnamese name order (keyset pagination).

    `filters.q` is a citizen ID (exact, through its keyed digest) or part of a name
    (diacritics ignored, anywhere in the name; see people.search).
    """
    limit = max(1, min(limit, MAX_PAGE))
    people = _filtered(scope, filters).select_related("current_org")
    after = decode_cursor(cursor) if cursor else None
    query = filters.q.strip()
    if looks_like_citizen_id(query):
        people = people.filter(citizen_id_digest=digest_of("".join(query.split()).replace(".", "")))
    elif query:
        key = search_key(query)
        if search.walks_names(scope, filters.org_path):
            rows = search.named_through_names(people, key, cursor=after, count=limit + 1)
            return _page(rows, limit, filters)
        people = search.containing(people, key)
    rows = list(search.in_list_order(search.after_cursor(people, after))[: limit + 1])
    return _page(rows, limit, filters)


def person_get(*, scope: Scope, person_id: int) -> Person:
    """Return one person in scope, or NotFoundError (the same whether absent or not yours)."""
    person = (
        people_in_scope(scope)
        .filter(pk=person_id)
        .select_related("current_org", "locality")
        .first()
    )
    if person is None:
        raise NotFoundError()
    return person


def person_history(person: Person) -> tuple[list[StatusPeriod], list[Membership]]:
    """Return a person's status periods and admissions, oldest first."""
    periods = list(person.periods.select_related("org").order_by("valid_from"))
    memberships = list(person.memberships.select_related("admitted_in").order_by("decision_date"))
    return periods, memberships


def status_on(person: Person, day: date) -> StatusPeriod | None:
    """Return the period that covers `day`, if any."""
    return person.periods.filter(valid_from__lte=day, valid_to__gte=day).first()


def members_under_on(*, prefixes: list[str], day: date) -> QuerySet[StatusPeriod]:
    """Return the members' periods on `day` in units under the prefixes (tree as on `day`)."""
    orgs = spans_under(prefixes, day).values_list("org_id", flat=True)
    return StatusPeriod.objects.filter(
        org_id__in=orgs,
        valid_from__lte=day,
        valid_to__gte=day,
        status__in=[s.value for s in MEMBER_STATUSES],
    )


def person_labels(person: Person, lang: str = "vi") -> dict[str, str]:
    """Return the display labels of a person's coded attributes (unknown codes as stored)."""
    pairs = {
        "ethnicity": (ETHNIC_GROUPS, person.ethnicity),
        "religion": (RELIGIONS, person.religion),
        "qualification": (QUALIFICATIONS, person.qualification),
        "theory_level": (THEORY_LEVELS, person.theory_level),
        "occupation": (OCCUPATIONS, person.occupation),
    }
    labels = {}
    for key, (vocabulary, code) in pairs.items():
        term = vocabulary.find_code(code) if code else None
        labels[key] = term.display(lang) if term else code
    return labels
