"""Fetch-with-permission helpers for quotas: who may see and who may assign them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import Scope
from dangvien.core.domain.errors import DomainError, NotFoundError, PermissionDeniedError
from dangvien.orgs.models import Organization, OrgSpan
from dangvien.orgs.paths import spans_on
from dangvien.plans.domain.quotas import Period
from dangvien.training.access import org_path_for_scope


@dataclass(frozen=True)
class QuotaSeat:
    """A unit as it stood during a quota period: its name, parent, siblings and children."""

    org: Organization
    name: str
    day: date  # the day the tree is read on (see `reference_day`)
    parent: Organization | None
    parent_name: str
    sibling_ids: tuple[int, ...]
    child_ids: tuple[int, ...]


def reference_day(period: Period, today: date) -> date:
    """Return the day whose tree decides a period's parent and children.

    Today while the period runs, its last day once it is over, its first day before it
    starts: a 2019 quota is split among the 2019 children, the 2026 quota among today's.
    """
    return min(max(today, period.first_day), period.last_day)


def org_in_scope(scope: Scope, code: str) -> Organization:
    """Return the unit if it is in scope (today, or when it was last in force)."""
    org = Organization.objects.filter(code=code.strip()).first()
    if org is None:
        raise NotFoundError(f"Không tìm thấy đơn vị có mã “{code.strip()}”.")
    path = OrgSpan.objects.filter(org=org, valid_from__lte=scope.day).order_by("-valid_to")
    today_or_last = path.values_list("path", flat=True).first()
    if today_or_last is None or not scope.covers_path(today_or_last):
        raise NotFoundError(f"Không tìm thấy đơn vị có mã “{code.strip()}”.")
    return org


def quota_seat(org: Organization, period: Period, today: date) -> QuotaSeat:
    """Return where the unit stood on the period's reference day, or refuse if it did not exist.

    Two queries for any unit, a root or not: the unit's span, then its parent, siblings and
    children together.
    """
    day = reference_day(period, today)
    span = spans_on(day).filter(org=org).select_related("version", "parent").first()
    if span is None:
        raise DomainError(
            f"Đơn vị “{org.code}” không tồn tại vào {period.label()}.", field="org_code"
        )
    parent_id = span.parent_id
    near = Q(parent_id=org.pk)
    if parent_id is not None:
        near |= Q(org_id=parent_id) | Q(parent_id=parent_id)
    rows = list(
        spans_on(day).filter(near).values_list("org_id", "parent_id", "version__name").order_by()
    )
    return QuotaSeat(
        org=org,
        name=span.version.name,
        day=day,
        parent=span.parent,
        parent_name=next((name for o, _, name in rows if o == parent_id), ""),
        sibling_ids=tuple(
            o for o, p, _ in rows if parent_id is not None and p == parent_id and o != org.pk
        ),
        child_ids=tuple(o for o, p, _ in rows if p == org.pk),
    )


def require_assigner(actor: Actor, seat: QuotaSeat) -> None:
    """Refuse unless the actor may assign this unit's quota: edit rights on its parent.

    Quotas come from the level above; a root's quota is set by whoever may edit the root.
    """
    assigner = seat.parent or seat.org
    path = org_path_for_scope(assigner.pk, actor)
    own_path = org_path_for_scope(seat.org.pk, actor)
    if own_path is None or not actor.scope.covers_path(own_path):
        raise NotFoundError()
    if path is None or not actor.scope.covers_path(path, edit=True):
        raise PermissionDeniedError("Chỉ cấp ủy cấp trên mới giao được chỉ tiêu cho đơn vị này.")
