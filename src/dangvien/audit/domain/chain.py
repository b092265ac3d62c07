"""The hash chain of the access log (pure): each entry seals its content and its predecessor.

An entry's hash is an HMAC-SHA256, keyed with a secret kept outside the
database, over the previous entry's hash and the entry's own fields. Changing,
removing or reordering any entry breaks every hash after it; without the key
nobody with only database access can compute a replacement chain.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64  # the "previous hash" of the first entry


@dataclass(frozen=True)
class ChainLink:
    """The fields of one entry that the chain seals, as stored."""

    seq: int
    at: str  # ISO 8601 in UTC, with microseconds
    user_id: int | None
    username: str
    action: str
    object_type: str
    object_id: str
    org_id: int | None
    ip: str | None
    channel: str
    detail: Any
    prev_hash: str
    entry_hash: str = ""
    row_id: int = 0  # the database id, only to name a broken entry


def canonical_json(value: Any) -> str:
    """Return one fixed serialisation of a JSON value (sorted keys, no spaces)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def link_hash(link: ChainLink, key: bytes) -> str:
    """Return the hash an entry must carry, given its fields and its predecessor's hash."""
    payload = canonical_json(
        [
            link.prev_hash,
            link.seq,
            link.at,
            link.user_id,
            link.username,
            link.action,
            link.object_type,
            link.object_id,
            link.org_id,
            link.ip,
            link.channel,
            link.detail,
        ]
    )
    return hmac.new(key, payload.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first entry at which the chain does not hold, and why (Vietnamese)."""

    seq: int
    row_id: int
    reason: str


@dataclass(frozen=True)
class ChainReport:
    """The outcome of checking a chain: entries checked, last hash, first break if any."""

    checked: int
    last_seq: int
    last_hash: str
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_links(
    links: Iterable[ChainLink], key: bytes, head: tuple[int, str] | None = None
) -> ChainReport:
    """Check that entries, in sequence order, form an unbroken chain ending at `head`."""
    expected_seq, previous, checked = 1, GENESIS, 0
    for link in links:
        problem = _link_problem(link, expected_seq, previous, key)
        if problem:
            return ChainReport(checked, expected_seq - 1, previous, ChainBreak(*problem))
        checked += 1
        expected_seq, previous = link.seq + 1, link.entry_hash
    last_seq = expected_seq - 1
    if head is not None and head != (last_seq, previous):
        reason = (
            f"Đầu chuỗi ghi số thứ tự {head[0]} nhưng bản ghi cuối cùng còn lại là {last_seq}: "
            "các bản ghi cuối đã bị xóa hoặc bảng đầu chuỗi đã bị sửa."
        )
        return ChainReport(checked, last_seq, previous, ChainBreak(last_seq + 1, 0, reason))
    return ChainReport(checked, last_seq, previous, None)


def _link_problem(
    link: ChainLink, expected_seq: int, previous: str, key: bytes
) -> tuple[int, int, str] | None:
    if link.seq != expected_seq:
        return (
            expected_seq,
            link.row_id,
            f"Thiếu bản ghi số {expected_seq} (gặp số {link.seq}): bản ghi đã bị xóa.",
        )
    if link.prev_hash != previous:
        return (
            link.seq,
            link.row_id,
            "Mã băm bản ghi trước không khớp: chuỗi đã bị cắt hoặc chèn.",
        )
    if not hmac.compare_digest(link.entry_hash, link_hash(link, key)):
        return (link.seq, link.row_id, "Nội dung bản ghi không khớp mã băm: bản ghi đã bị sửa.")
    return None
