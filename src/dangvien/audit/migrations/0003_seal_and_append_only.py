"""Chain the entries written before the chain existed, then forbid changes on PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC

from django.conf import settings
from django.db import migrations

from dangvien.audit.domain.chain import GENESIS, ChainLink, canonical_json, link_hash

TRIGGER_SQL = """
CREATE OR REPLACE FUNCTION audit_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit_accesslog is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS audit_accesslog_append_only ON audit_accesslog;
CREATE TRIGGER audit_accesslog_append_only
    BEFORE UPDATE OR DELETE ON audit_accesslog
    FOR EACH ROW EXECUTE FUNCTION audit_accesslog_append_only();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS audit_accesslog_append_only ON audit_accesslog;
DROP FUNCTION IF EXISTS audit_accesslog_append_only();
"""


def seal_existing(apps, schema_editor):  # type: ignore[no-untyped-def]
    """Number and chain the existing entries in id order (raw SQL: the model refuses updates)."""
    log = apps.get_model("audit", "AccessLog")
    head = apps.get_model("audit", "AuditChainHead")
    key = settings.DANGVIEN_AUDIT_KEY
    previous, seq = GENESIS, 0
    table = log._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        for entry in log.objects.order_by("id").iterator(chunk_size=2000):
            seq += 1
            detail = json.loads(canonical_json(entry.detail or {}))
            link = ChainLink(
                seq=seq,
                at=entry.at.astimezone(UTC).isoformat(),
                user_id=entry.user_id,
                username=entry.username,
                action=entry.action,
                object_type=entry.object_type,
                object_id=entry.object_id,
                org_id=entry.org_id,
                ip=entry.ip or None,
                channel=entry.channel,
                detail=detail,
                prev_hash=previous,
            )
            digest = link_hash(link, key)
            cursor.execute(
                f"UPDATE {table} SET seq = %s, prev_hash = %s, entry_hash = %s WHERE id = %s",  # noqa: S608
                [seq, previous, digest, entry.pk],
            )
            previous = digest
    head.objects.update_or_create(pk=1, defaults={"seq": seq, "entry_hash": previous})


def add_trigger(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER_SQL, params=None)  # "%" is PL/pgSQL, not a placeholder


def drop_trigger(apps, schema_editor):  # type: ignore[no-untyped-def]
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_SQL, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_chain")]

    operations = [
        migrations.RunPython(seal_existing, migrations.RunPython.noop),
        migrations.RunPython(add_trigger, drop_trigger),
    ]
