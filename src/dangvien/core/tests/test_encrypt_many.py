"""Citizen IDs encrypted in bulk are ordinary Fernet tokens that the field reads back."""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.test import override_settings

from dangvien.core.security_crypto import PREFIX, _cipher, decrypt_text, encrypt_many


def test_bulk_encrypted_values_decrypt_like_single_ones():
    values = ["001090000001", "079185012345", "", "a much longer value than one block", "Đ"]
    stored = encrypt_many(values)
    assert [decrypt_text(s) for s in stored] == values
    assert all(s.startswith(PREFIX) for s, v in zip(stored, values, strict=True) if v)
    assert stored[2] == ""


def test_bulk_tokens_are_read_by_plain_fernet_with_the_first_key():
    key = Fernet.generate_key().decode()
    other = Fernet.generate_key().decode()
    with override_settings(DANGVIEN_FIELD_KEYS=[key, other]):
        (stored,) = encrypt_many(["001090000001"])
    assert Fernet(key.encode()).decrypt(stored.removeprefix(PREFIX).encode()) == b"001090000001"
    _cipher.cache_clear()


def test_the_same_value_twice_gives_two_different_tokens():
    first, second = encrypt_many(["001090000001", "001090000001"])
    assert first != second
    assert "001090000001" not in first
