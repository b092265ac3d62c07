"""Citizen IDs are encrypted in the database and still found by exact match."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.test import override_settings

from dangvien.conftest import World
from dangvien.core.security_crypto import _cipher, decrypt_text, encrypt_text
from dangvien.people.models import Person
from dangvien.people.services import digest_of

pytestmark = pytest.mark.django_db


def _stored(person: Person) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT citizen_id FROM people_person WHERE id = %s", [person.pk])
        return str(cursor.fetchone()[0])


def test_the_database_holds_no_readable_citizen_id(world: World):
    stored = _stored(world.person_a)
    assert stored.startswith("enc1:")
    assert "001090000001" not in stored


def test_the_app_reads_the_clear_value(world: World):
    assert Person.objects.get(pk=world.person_a.pk).citizen_id == "001090000001"
    assert Person.objects.values_list("citizen_id", flat=True).get(pk=world.person_a.pk) == (
        "001090000001"
    )


def test_exact_search_goes_through_the_digest(world: World):
    found = Person.objects.get(citizen_id_digest=digest_of("001088000003"))
    assert found.pk == world.person_b.pk


def test_two_encryptions_of_one_value_differ_so_nothing_leaks_by_equality():
    assert encrypt_text("001090000001") != encrypt_text("001090000001")


def test_a_rotated_key_still_reads_old_values():
    old_key = Fernet.generate_key().decode()
    new_key = Fernet.generate_key().decode()
    with override_settings(DANGVIEN_FIELD_KEYS=[old_key]):
        stored = encrypt_text("001090000001")
    with override_settings(DANGVIEN_FIELD_KEYS=[new_key, old_key]):
        assert decrypt_text(stored) == "001090000001"
    _cipher.cache_clear()


def test_a_wrong_key_is_refused_with_a_clear_message():
    stored = encrypt_text("001090000001")
    other = [Fernet.generate_key().decode()]
    with override_settings(DANGVIEN_FIELD_KEYS=other), pytest.raises(ValueError, match="KEY"):
        decrypt_text(stored)
