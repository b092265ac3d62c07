"""Local admission criteria a committee adds for its subtree, without code."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import NotFoundError, PermissionDeniedError
from dangvien.orgs.models import Organization
from dangvien.orgs.paths import spans_on
from dangvien.pipeline.domain.local_criteria import LocalCriterion
from dangvien.pipeline.models import LocalCriterionRecord


@transaction.atomic
def local_criterion_save(
    *, actor: Actor, org_code: str, data: Mapping[str, object], active: bool = True
) -> LocalCriterionRecord:
    """Add or replace a committee's extra criterion (validated by the domain before storing)."""
    org = Organization.objects.filter(code=org_code.strip()).first()
    path = spans_on(actor.scope.day).filter(org=org).values_list("path", flat=True).first()
    if org is None or path is None or not actor.scope.covers_path(path):
        raise NotFoundError()
    if not actor.scope.covers_path(path, edit=True):
        raise PermissionDeniedError()
    criterion = LocalCriterion.from_data(data)
    record, created = LocalCriterionRecord.objects.update_or_create(
        org=org, code=criterion.code, defaults={"data": dict(data), "active": active}
    )
    audit_record(
        actor=actor,
        action="create" if created else "update",
        object_type="local_criterion",
        object_id=record.pk,
        org_id=org.pk,
        detail={"code": criterion.code, "active": active},
    )
    return record
