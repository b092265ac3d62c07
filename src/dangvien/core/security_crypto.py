"""Encryption at rest of identity numbers: a text field stored as a Fernet token.

The readable value exists only in memory. Exact-match search goes through a
separate keyed digest column (see people.domain.identity), since encrypted
values are randomised and cannot be compared in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models

PREFIX = "enc1:"  # marks an encrypted value; anything else is legacy clear text


@cache
def _cipher(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(key.encode()) for key in keys])


def field_cipher() -> MultiFernet:
    """Return the cipher for this installation: the first key encrypts, every key decrypts."""
    return _cipher(tuple(settings.DANGVIEN_FIELD_KEYS))


def encrypt_text(value: str) -> str:
    """Return the stored form of a readable value (empty stays empty, for blank fields)."""
    if not value:
        return ""
    return PREFIX + field_cipher().encrypt(value.encode("utf-8")).decode("ascii")


def encrypt_many(values: Sequence[str]) -> list[str]:
    """Return the stored forms of many values, as `encrypt_text` would, one by one.

    The bulk import calls this once for every new person. It stays on the
    library's Fernet (one cipher object for the whole batch) rather than a
    hand-made batch of AES blocks: the few seconds such a shortcut saves on a
    hundred thousand IDs are not worth owning cryptographic code.
    """
    cipher = field_cipher()
    return [
        PREFIX + cipher.encrypt(value.encode("utf-8")).decode("ascii") if value else ""
        for value in values
    ]


def decrypt_text(stored: str) -> str:
    """Return the readable value of a stored one; refuse a value no key can open."""
    if not stored.startswith(PREFIX):
        return stored  # written before encryption was switched on
    try:
        return field_cipher().decrypt(stored[len(PREFIX) :].encode("ascii")).decode("utf-8")
    except InvalidToken as exc:
        raise ValueError(
            "Không giải mã được dữ liệu: khóa DANGVIEN_FIELD_KEY không đúng với cơ sở dữ liệu."
        ) from exc


def is_encrypted(stored: str) -> bool:
    """Return whether a stored value is in encrypted form."""
    return stored.startswith(PREFIX)


class EncryptedTextField(models.CharField):  # type: ignore[type-arg]
    """A CharField whose database value is encrypted; Python code sees clear text.

    Filtering on it in SQL cannot work (each encryption differs): look up
    through a digest column instead.
    """

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None:
            return value
        return decrypt_text(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or is_encrypted(str(value)):
            return value
        return encrypt_text(str(value))
