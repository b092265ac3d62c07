"""Build report scenarios through the services, as users would."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from dangvien.accounts.actor import Actor
from dangvien.people.domain.enums import Gender, Status
from dangvien.people.models import Person
from dangvien.people.services import (
    MembershipInput,
    PersonInput,
    membership_save,
    person_create,
    person_status_change,
)

_serial = count(1)


def citizen_id() -> str:
    """Return a fresh, valid-looking 12-digit citizen ID."""
    return f"0010{next(_serial):08d}"


def add_person(
    actor: Actor,
    cell: str,
    *,
    status: Status = Status.OFFICIAL,
    since: date = date(2010, 1, 1),
    name: str = "Nguyễn Văn Thử",
    **attributes: Any,
) -> Person:
    """Create a person in a cell with one status period starting on `since`."""
    data = PersonInput(
        citizen_id=citizen_id(),
        full_name=name,
        birth_date=attributes.pop("birth_date", date(1990, 1, 1)),
        gender=attributes.pop("gender", Gender.MALE),
        **attributes,
    )
    return person_create(actor=actor, data=data, org_code=cell, status=status, since=since)


def admit(
    actor: Actor,
    cell: str,
    decided: date,
    *,
    candidate_since: date | None = None,
    **attributes: Any,
) -> Person:
    """Create a candidate and admit them on `decided` (probationary from that day)."""
    since = candidate_since or date(decided.year - 1, 1, 1)
    person = add_person(actor, cell, status=Status.CANDIDATE, since=since, **attributes)
    person_status_change(
        actor=actor, person_id=person.pk, status=Status.PROBATIONARY, org_code=cell, since=decided
    )
    membership_save(
        actor=actor,
        person_id=person.pk,
        data=MembershipInput(decision_date=decided, decision_number=f"{person.pk}-QĐ/ĐU"),
    )
    return person
