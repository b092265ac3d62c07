"""Fetch-with-permission helpers that also write the access log."""

from __future__ import annotations

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.people.models import Person
from dangvien.people.selectors import person_get


def person_for_view(*, actor: Actor, person_id: int) -> Person:
    """Return a person in the actor's scope and log that the record was viewed."""
    person = person_get(scope=actor.scope, person_id=person_id)
    audit_record(
        actor=actor,
        action="view",
        object_type="person",
        object_id=person.pk,
        org_id=person.current_org_id,
    )
    return person
