"""Check the access log's hash chain against the database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC

from django.conf import settings

from dangvien.audit.domain.chain import ChainLink, ChainReport, verify_links
from dangvien.audit.models import AccessLog, AuditChainHead


def link_of(entry: AccessLog) -> ChainLink:
    """Return the sealed fields of an entry, in the form they are hashed."""
    return ChainLink(
        seq=entry.seq or 0,
        at=entry.at.astimezone(UTC).isoformat(),
        user_id=entry.user_id,
        username=entry.username,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        org_id=entry.org_id,
        ip=entry.ip or None,
        channel=entry.channel,
        detail=entry.detail,
        prev_hash=entry.prev_hash,
        entry_hash=entry.entry_hash,
        row_id=entry.pk,
    )


def _links() -> Iterator[ChainLink]:
    # Entries without a number predate nothing: every write numbers its entry,
    # so an unnumbered row was inserted behind the app's back and is reported.
    stray = AccessLog.objects.filter(seq=None).order_by("id").first()
    if stray is not None:
        yield ChainLink(-1, "", None, "", "", "", "", None, None, "", {}, "", "", stray.pk)
        return
    for entry in AccessLog.objects.order_by("seq").iterator(chunk_size=2000):
        yield link_of(entry)


def audit_verify() -> ChainReport:
    """Return whether the whole access log still forms the chain its writers built."""
    head = AuditChainHead.objects.filter(pk=1).values_list("seq", "entry_hash").first()
    return verify_links(_links(), settings.DANGVIEN_AUDIT_KEY, head=head)
