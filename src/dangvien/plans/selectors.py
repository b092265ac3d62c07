"""Scoped reads of quotas: per unit and period, allocation to children, terms, history."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import F

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import Scope
from dangvien.orgs.paths import spans_on
from dangvien.plans.access import QuotaSeat, org_in_scope, quota_seat
from dangvien.plans.domain.categories import Measure
from dangvien.plans.domain.quotas import (
    TOTAL_CATEGORY,
    Period,
    TermBreakdown,
    term_breakdown,
    unallocated,
)
from dangvien.plans.models import Quota, QuotaCategory, QuotaChange, RateTarget
from dangvien.reports.domain.base import OrgRef
from dangvien.training.access import org_path_for_scope


def total_quotas(org_ids: Iterable[int], period: Period | None) -> dict[int, int]:
    """Return the `Tổng số` quota of each unit for the period (units without one are left out)."""
    if period is None:
        return {}
    rows = Quota.objects.filter(
        org_id__in=list(org_ids),
        start_year=period.start_year,
        end_year=period.end_year,
        category__measure=Measure.TOTAL.value,
    ).values_list("org_id", "number")
    return dict(rows)


def quota_categories() -> list[QuotaCategory]:
    """Return the categories in display order, `Tổng số` first."""
    return list(QuotaCategory.objects.order_by("order", "code"))


def sub_targets(org_id: int, period: Period) -> list[tuple[QuotaCategory, int]]:
    """Return the unit's quotas for the period other than `Tổng số`, in category order."""
    rows = (
        Quota.objects.filter(org_id=org_id, start_year=period.start_year, end_year=period.end_year)
        .exclude(category__name=TOTAL_CATEGORY)
        .select_related("category")
        .order_by("category__order")
    )
    return [(q.category, q.number) for q in rows]


@dataclass(frozen=True)
class ChildQuota:
    """A child of the unit during the period and its quota (None when not set)."""

    org: OrgRef
    quota: int | None


@dataclass(frozen=True)
class Allocation:
    """How a unit's quota for a period and category is split among its children."""

    org: OrgRef
    period: Period
    category: QuotaCategory
    quota: int | None
    override_decision: str
    children: tuple[ChildQuota, ...]
    allocated: int
    unallocated: int | None  # negative when children got more (allowed by a decision)


def allocation(*, scope: Scope, code: str, period: Period, category: QuotaCategory) -> Allocation:
    """Return the unit's quota and its children's, with the part not yet given out."""
    org = org_in_scope(scope, code)
    seat = quota_seat(org, period, scope.day)
    quotas = {
        q.org_id: q
        for q in Quota.objects.filter(
            org_id__in=[org.pk, *seat.child_ids],
            start_year=period.start_year,
            end_year=period.end_year,
            category=category,
        )
    }
    children = tuple(
        ChildQuota(ref, quotas[org_id].number if org_id in quotas else None)
        for org_id, ref in _child_refs(seat)
    )
    own = quotas.get(org.pk)
    given = [c.quota for c in children if c.quota is not None]
    return Allocation(
        org=OrgRef(org.code, seat.name),
        period=period,
        category=category,
        quota=own.number if own else None,
        override_decision=_decision_text(own),
        children=children,
        allocated=sum(given),
        unallocated=unallocated(own.number if own else None, given),
    )


def _decision_text(quota: Quota | None) -> str:
    if quota is None or not quota.override_decision_number:
        return ""
    day = quota.override_decision_date
    return quota.override_decision_number + (f" ngày {day:%d/%m/%Y}" if day else "")


def _child_refs(seat: QuotaSeat) -> list[tuple[int, OrgRef]]:
    """Return the seat's children in code order (one query, even for a unit without any)."""
    spans = (
        spans_on(seat.day)
        .filter(parent_id=seat.org.pk)
        .values_list("org_id", "org__code", "version__name")
        .order_by("org__code")
    )
    return [(org_id, OrgRef(code, name)) for org_id, code, name in spans]


def term_view(*, scope: Scope, code: str, term: Period) -> TermBreakdown:
    """Return the unit's yearly `Tổng số` quotas inside a term against the term total."""
    org = org_in_scope(scope, code)
    rows = Quota.objects.filter(
        org=org,
        category__measure=Measure.TOTAL.value,
        start_year__gte=term.start_year,
        end_year__lte=term.end_year,
    ).values_list("start_year", "end_year", "number")
    term_quota = next((n for s, e, n in rows if (s, e) == (term.start_year, term.end_year)), None)
    yearly = {s: n for s, e, n in rows if s == e}
    return term_breakdown(term, term_quota, yearly)


def terms_of(org_id: int, around: date) -> list[Period]:
    """Return the terms the unit has a `Tổng số` quota for, the one containing `around` first."""
    rows = (
        Quota.objects.filter(
            org_id=org_id, category__measure=Measure.TOTAL.value, end_year__gt=F("start_year")
        )
        .values_list("start_year", "end_year")
        .distinct()
    )
    return sorted(
        {Period(s, e) for s, e in rows}, key=lambda p: (not p.contains(around), -p.start_year)
    )


def quota_history(*, scope: Scope, code: str, limit: int = 50) -> list[QuotaChange]:
    """Return the latest changes of the unit's quotas, newest first."""
    org = org_in_scope(scope, code)
    return list(
        QuotaChange.objects.filter(quota__org=org)
        .select_related("quota", "quota__category")
        .order_by("-changed_at", "-id")[:limit]
    )


def rate_target(org_id: int, year: int) -> RateTarget | None:
    """Return the unit's rate target for the year, if one is set."""
    return RateTarget.objects.filter(org_id=org_id, year=year).first()


def terms_of_code(*, scope: Scope, code: str) -> list[Period]:
    """Return the terms the unit in scope has a `Tổng số` quota for."""
    org = org_in_scope(scope, code)
    return terms_of(org.pk, scope.day)


def can_assign_children(*, actor: Actor, code: str) -> bool:
    """Return whether the actor may set the quotas of the unit's children (edits the unit)."""
    org = org_in_scope(actor.scope, code)
    path = org_path_for_scope(org.pk, actor)
    return path is not None and actor.scope.covers_path(path, edit=True)
