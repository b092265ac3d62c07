"""Writes to the access log: each entry is numbered and chained under a lock."""

from __future__ import annotations

import ipaddress
import json
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from dangvien.accounts.actor import Actor
from dangvien.audit.domain.chain import GENESIS, canonical_json, link_hash
from dangvien.audit.integrity import link_of
from dangvien.audit.models import AccessLog, AuditChainHead

HEAD_ID = 1
# Entries written by the current request (or thread), so the request-level
# middleware knows whether a token's use is already on record.
_written: ContextVar[int] = ContextVar("dangvien_audit_written", default=0)


def audit_entries_reset() -> None:
    """Start counting the entries written from now on in this context."""
    _written.set(0)


def audit_entries_written() -> int:
    """Return how many entries were written in this context since the last reset."""
    return _written.get()


def _canonical_ip(ip: str | None) -> str | None:
    """Return the address in the form the database gives back, so the hash survives a read."""
    if not ip:
        return None
    try:
        return str(ipaddress.ip_address(ip.split("%")[0]))
    except ValueError:
        return None


def _locked_head() -> AuditChainHead:
    """Return the chain head, locked until the transaction ends (created if missing)."""
    head = AuditChainHead.objects.select_for_update().filter(pk=HEAD_ID).first()
    if head is not None:
        return head
    # Only after a flush of the database (tests, a restore): continue from the last entry.
    last = AccessLog.objects.exclude(seq=None).order_by("-seq").values("seq", "entry_hash").first()
    return AuditChainHead.objects.create(
        pk=HEAD_ID,
        seq=int(last["seq"] or 0) if last else 0,
        entry_hash=last["entry_hash"] if last else GENESIS,
    )


def audit_record(
    *,
    actor: Actor,
    action: str,
    object_type: str = "",
    object_id: str | int = "",
    org_id: int | None = None,
    detail: dict[str, Any] | None = None,
) -> AccessLog:
    """Append one entry to the access log, chained to the previous one.

    Costs three statements: lock and read the chain head, insert, move the head.
    The head stays locked until the caller's transaction ends, which is what
    keeps concurrent writers in one chain.
    """
    detail = dict(detail or {})
    if actor.token:
        detail["token"] = actor.token
    # No savepoint of its own: a failed write must abort the caller's change too.
    with transaction.atomic(savepoint=False):
        head = _locked_head()
        entry = AccessLog(
            seq=head.seq + 1,
            at=timezone.now(),
            user=actor.user,
            username=actor.username,
            action=action,
            object_type=object_type[:40],
            object_id=str(object_id)[:40],
            org_id=org_id,
            ip=_canonical_ip(actor.ip),
            channel=actor.channel,
            # Stored as JSON and read back as JSON: hash what will be read back.
            detail=json.loads(canonical_json(detail)),
            prev_hash=head.entry_hash,
        )
        entry.entry_hash = link_hash(link_of(entry), settings.DANGVIEN_AUDIT_KEY)
        entry.save(force_insert=True)
        AuditChainHead.objects.filter(pk=HEAD_ID).update(seq=entry.seq, entry_hash=entry.entry_hash)
    _written.set(_written.get() + 1)
    return entry
