"""Writing the access log: numbered, chained, append-only, and checked by audit_verify."""

from __future__ import annotations

import pytest
from django.db import connection

from dangvien.accounts.actor import Actor, operator_actor
from dangvien.accounts.scope import Scope
from dangvien.audit.integrity import audit_verify
from dangvien.audit.models import AccessLog, AuditChainHead
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import PermissionDeniedError

pytestmark = pytest.mark.django_db


def _actor(ip: str | None = "10.0.0.7") -> Actor:
    return Actor(None, Scope((), ()), "web", ip)


def test_entries_are_numbered_and_chained_to_the_previous_one():
    first = audit_record(actor=_actor(), action="view", object_type="person", object_id=1)
    second = audit_record(actor=_actor(), action="view", object_type="person", object_id=2)
    assert second.seq == first.seq + 1
    assert second.prev_hash == first.entry_hash
    head = AuditChainHead.objects.get()
    assert (head.seq, head.entry_hash) == (second.seq, second.entry_hash)


def test_a_fresh_log_verifies(world):
    audit_record(actor=_actor("::1"), action="export", detail={"rows": 3, "tên": "Bình Minh"})
    report = audit_verify()
    assert report.ok, report.broken
    assert report.checked == AccessLog.objects.count()


def test_the_app_refuses_to_change_or_delete_an_entry():
    entry = audit_record(actor=_actor(), action="view")
    entry.action = "delete"
    with pytest.raises(PermissionDeniedError):
        entry.save()
    with pytest.raises(PermissionDeniedError):
        entry.delete()
    with pytest.raises(PermissionDeniedError):
        AccessLog.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(PermissionDeniedError):
        AccessLog.objects.all().delete()


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the trigger forbids the edit")
def test_an_entry_edited_in_the_database_breaks_the_chain_at_that_entry():
    audit_record(actor=_actor(), action="view", object_id=1)
    target = audit_record(actor=_actor(), action="view", object_id=2)
    audit_record(actor=_actor(), action="view", object_id=3)
    _raw("UPDATE audit_accesslog SET object_id = %s WHERE id = %s", ["99", target.pk])
    report = audit_verify()
    assert report.broken is not None
    assert report.broken.row_id == target.pk


@pytest.mark.skipif(connection.vendor == "postgresql", reason="the trigger forbids the delete")
def test_a_deleted_entry_breaks_the_chain():
    audit_record(actor=_actor(), action="view", object_id=1)
    gone = audit_record(actor=_actor(), action="view", object_id=2)
    audit_record(actor=_actor(), action="view", object_id=3)
    _raw("DELETE FROM audit_accesslog WHERE id = %s", [gone.pk])
    report = audit_verify()
    assert report.broken is not None
    assert report.broken.seq == gone.seq


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigger")
def test_postgresql_refuses_update_and_delete_by_trigger():
    from django.db import DatabaseError, transaction

    entry = audit_record(actor=_actor(), action="view")
    for sql in (
        "UPDATE audit_accesslog SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_accesslog WHERE id = %s",
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            _raw(sql, [entry.pk])
    assert audit_verify().ok


def test_an_operator_entry_names_the_system():
    entry = audit_record(actor=operator_actor(), action="export")
    assert entry.username == "(hệ thống)"
    assert entry.channel == "cli"
