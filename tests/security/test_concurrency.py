"""Two people saving one record: the second save is refused, never silently lost."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from django.db import connection, connections

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import scope_for
from dangvien.audit.integrity import audit_verify
from dangvien.conftest import World
from dangvien.core.domain.errors import DomainError
from dangvien.people.domain.enums import Gender
from dangvien.people.models import Person
from dangvien.people.services import PersonInput, person_update


def _input(person: Person, **changes: object) -> PersonInput:
    data = PersonInput(
        citizen_id=person.citizen_id,
        full_name=person.full_name,
        birth_date=person.birth_date,
        gender=Gender(person.gender),
    )
    return replace(data, **changes)  # type: ignore[arg-type]


def _actor(world: World) -> Actor:
    user = world.commune_a_user
    return Actor(user, scope_for(user), "web", "127.0.0.1")


@pytest.mark.django_db
def test_a_save_on_a_stale_version_is_refused_in_vietnamese(world: World):
    person = world.person_a
    # given two users who opened version 1
    person_update(
        actor=_actor(world),
        person_id=person.pk,
        data=_input(person, residence="Thôn Đông"),
        expected_version=1,
    )
    # when the second saves on version 1 too
    with pytest.raises(DomainError) as refused:
        person_update(
            actor=_actor(world),
            person_id=person.pk,
            data=_input(person, residence="Thôn Tây"),
            expected_version=1,
        )
    # then it is refused, and the first change stands
    assert refused.value.code == "conflict"
    assert "đã bị người khác sửa" in refused.value.message
    assert Person.objects.get(pk=person.pk).residence == "Thôn Đông"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_on_separate_connections_let_exactly_one_win(world: World):
    person = world.person_a
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def save(residence: str) -> None:
        try:
            start.wait(timeout=10)
            person_update(
                actor=_actor(world),
                person_id=person.pk,
                data=_input(person, residence=residence, birth_date=date(1990, 5, 17)),
                expected_version=1,
            )
            outcomes.append("saved")
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(r,)) for r in ("Thôn Đông", "Thôn Tây")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["conflict", "saved"]
    assert Person.objects.get(pk=person.pk).version == 2
    # concurrent writers were chained one after the other in the access log
    assert audit_verify().ok


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_many_concurrent_log_writers_keep_one_unbroken_chain(world: World):
    from dangvien.audit.services import audit_record

    start = threading.Barrier(6)

    def write() -> None:
        try:
            start.wait(timeout=10)
            for index in range(10):
                audit_record(actor=_actor(world), action="view", object_id=index)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    report = audit_verify()
    assert report.ok, report.broken
