"""Scoped reads of the access log for auditors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from dangvien.accounts.models import RoleAssignment
from dangvien.accounts.scope import Scope
from dangvien.audit.models import AccessLog
from dangvien.core.domain.errors import PermissionDeniedError
from dangvien.orgs.paths import spans_on, spans_under
from dangvien.orgs.selectors import org_get
from dangvien.people.selectors import person_get

PAGE = 100
EXPORT_LIMIT = 200_000


@dataclass(frozen=True)
class AuditFilter:
    """The auditor's search: every field optional."""

    person_id: int | None = None
    username: str = ""
    org_code: str = ""
    date_from: date | None = None
    date_to: date | None = None
    action: str = ""


def can_audit(scope: Scope) -> bool:
    """Return whether the scope's roles may read the access log."""
    return any(role.can_audit for role in scope.roles)


def _covers_a_root(scope: Scope) -> bool:
    return spans_on(scope.day).filter(parent__isnull=True, path__in=scope.prefixes).exists()


def access_log_in_scope(scope: Scope) -> QuerySet[AccessLog]:
    """Return the entries an auditor with this scope may read.

    Entries about an object count for its organisation; entries without one
    (logins, token use) count for the organisations of the user's roles; entries
    with neither (failed logins of unknown names) only for a whole-tree auditor.
    """
    if not can_audit(scope):
        raise PermissionDeniedError("Chỉ người kiểm tra nhật ký hoặc quản trị hệ thống được xem.")
    org_ids = scope.org_ids()
    users = RoleAssignment.objects.filter(org_id__in=org_ids).values("user_id")
    visible = Q(org_id__in=org_ids) | Q(org_id__isnull=True, user_id__in=users)
    if _covers_a_root(scope):
        visible |= Q(org_id__isnull=True, user__isnull=True)
    return AccessLog.objects.filter(visible)


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log_search(*, scope: Scope, filters: AuditFilter) -> QuerySet[AccessLog]:
    """Return the matching entries in scope, newest first."""
    entries = access_log_in_scope(scope)
    if filters.person_id is not None:
        person = person_get(scope=scope, person_id=filters.person_id)  # 404 outside scope
        entries = entries.filter(
            Q(object_type="person", object_id=str(person.pk)) | Q(detail__person=person.pk)
        )
    if filters.username:
        entries = entries.filter(username=filters.username.strip().lower())
    if filters.org_code:
        node = org_get(scope=scope, code=filters.org_code)  # 404 outside scope
        entries = entries.filter(org_id__in=spans_under([node.path], scope.day).values("org_id"))
    if filters.date_from:
        entries = entries.filter(at__gte=_day_start(filters.date_from))
    if filters.date_to:
        entries = entries.filter(at__lt=_day_start(filters.date_to + timedelta(days=1)))
    if filters.action:
        entries = entries.filter(action=filters.action)
    return entries.order_by("-id")


def access_log_page(
    *, scope: Scope, filters: AuditFilter, before: int | None = None
) -> tuple[list[AccessLog], int | None]:
    """Return one page of entries older than `before` (an id) and the next page's cursor."""
    entries = access_log_search(scope=scope, filters=filters)
    if before is not None:
        entries = entries.filter(id__lt=before)
    rows = list(entries[: PAGE + 1])
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    return rows, (rows[-1].pk if more and rows else None)
