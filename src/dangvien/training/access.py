"""Fetch-with-permission helpers for training classes and their organisers."""

from __future__ import annotations

from django.db.models import Q

from dangvien.accounts.actor import Actor
from dangvien.core.domain.errors import DomainError, NotFoundError, PermissionDeniedError
from dangvien.orgs.models import Organization, OrgSpan
from dangvien.training.models import TrainingClass


def org_path_for_scope(org_id: int, actor: Actor) -> str | None:
    """Return the unit's path today, or its last path if it no longer exists (for old records)."""
    spans = OrgSpan.objects.filter(org_id=org_id).filter(Q(valid_from__lte=actor.scope.day))
    today = spans.filter(valid_to__gte=actor.scope.day).values_list("path", flat=True).first()
    if today is not None:
        return today
    return spans.order_by("-valid_to").values_list("path", flat=True).first()


def org_for_edit(actor: Actor, code: str, *, field: str) -> Organization:
    """Return the unit with this code if the actor may change its records.

    A unit outside the actor's scope is reported as not found, never as existing.
    """
    org = Organization.objects.filter(code=code.strip()).first()
    path = None if org is None else org_path_for_scope(org.pk, actor)
    if org is None or path is None or not actor.scope.covers_path(path):
        raise DomainError(
            f"Không tìm thấy đơn vị có mã “{code.strip()}” trong phạm vi của bạn.", field=field
        )
    if not actor.scope.covers_path(path, edit=True):
        raise PermissionDeniedError()
    return org


def class_for_edit(actor: Actor, code: str) -> TrainingClass:
    """Return the class with this code if the actor may change its organiser's records."""
    found = TrainingClass.objects.select_related("organiser").filter(code=code.strip()).first()
    if found is None:
        raise NotFoundError(f"Không tìm thấy lớp có mã “{code.strip()}”.")
    path = org_path_for_scope(found.organiser_id, actor)
    if path is None or not actor.scope.covers_path(path):
        raise NotFoundError(f"Không tìm thấy lớp có mã “{code.strip()}”.")
    if not actor.scope.covers_path(path, edit=True):
        raise PermissionDeniedError()
    return found
