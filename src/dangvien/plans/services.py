"""Every change to quotas and rate targets; the allocation rule is checked here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from dangvien.accounts.actor import Actor
from dangvien.audit.services import audit_record
from dangvien.core.domain.errors import DomainError
from dangvien.core.domain.text import format_number
from dangvien.orgs.models import Organization
from dangvien.plans.access import QuotaSeat, quota_seat, require_assigner
from dangvien.plans.domain.categories import category_key
from dangvien.plans.domain.quotas import (
    TOTAL_CATEGORY,
    OverrideDecision,
    Period,
    check_allocation,
)
from dangvien.plans.models import Quota, QuotaCategory, QuotaChange, RateTarget


def category_get(name_or_code: str) -> QuotaCategory:
    """Return the category named (or coded) so, ignoring case, accents and spacing."""
    wanted = category_key(name_or_code or TOTAL_CATEGORY)
    for category in QuotaCategory.objects.all():
        if wanted in (category_key(category.name), category_key(category.code)):
            return category
    names = "; ".join(QuotaCategory.objects.values_list("name", flat=True))
    raise DomainError(
        f"Không có nhóm chỉ tiêu “{name_or_code}”. Các nhóm: {names}.", field="category"
    )


def _as_period(period: Period | str | int) -> Period:
    if isinstance(period, Period):
        return period
    return Period.parse(str(period))


@dataclass(frozen=True)
class _Checked:
    override: OverrideDecision | None


def _check(
    seat: QuotaSeat,
    period: Period,
    category: QuotaCategory,
    number: int,
    override: OverrideDecision | None,
) -> _Checked:
    """Check the unit's new number against its parent's and its children's quotas."""
    same = Quota.objects.filter(
        start_year=period.start_year, end_year=period.end_year, category=category
    )
    used: OverrideDecision | None = None
    if seat.parent is not None:
        parent_quota = same.filter(org=seat.parent).values_list("number", flat=True).first()
        siblings = list(same.filter(org_id__in=seat.sibling_ids).values_list("number", flat=True))
        used = check_allocation(
            parent_name=seat.parent_name or seat.parent.name,
            parent_quota=parent_quota,
            children_quotas=[*siblings, number],
            period=period,
            category=category.name,
            override=override,
        ).override
    children = list(same.filter(org_id__in=seat.child_ids).values_list("number", flat=True))
    as_parent = check_allocation(
        parent_name=seat.name,
        parent_quota=number,
        children_quotas=children,
        period=period,
        category=category.name,
        override=override,
    ).override
    return _Checked(used or as_parent)


def _check_sub_target(
    seat: QuotaSeat, period: Period, category: QuotaCategory, number: int
) -> None:
    if category_key(category.name) == category_key(TOTAL_CATEGORY):
        return
    total = (
        Quota.objects.filter(
            org=seat.org,
            start_year=period.start_year,
            end_year=period.end_year,
            category__name=TOTAL_CATEGORY,
        )
        .values_list("number", flat=True)
        .first()
    )
    if total is not None and number > total:
        raise DomainError(
            f"Chỉ tiêu nhóm “{category.name}” ({format_number(number)}) lớn hơn chỉ tiêu tổng số "
            f"của {seat.name} ({format_number(total)}) {period.label()}.",
            code="sub_target_above_total",
        )


@transaction.atomic
def quota_set(
    *,
    actor: Actor,
    org_code: str,
    period: Period | str | int,
    category: str = TOTAL_CATEGORY,
    number: int,
    override: OverrideDecision | None = None,
) -> Quota:
    """Set a unit's quota for a year or a term, assigned by the level above.

    Refused when the children of the unit's parent would together get more than the
    parent's quota, or the unit's own children already have more than the new number,
    unless `override` records the decision that allows it. Every change is kept.
    """
    the_period = _as_period(period)
    if number < 0:
        raise DomainError("Chỉ tiêu không được là số âm.", code="negative_quota", field="number")
    org = Organization.objects.filter(code=org_code.strip()).first()
    if org is None:
        raise DomainError(f"Không tìm thấy đơn vị có mã “{org_code.strip()}”.", field="org_code")
    seat = quota_seat(org, the_period, actor.scope.day)
    require_assigner(actor, seat)
    the_category = category_get(category)
    _check_sub_target(seat, the_period, the_category, number)
    checked = _check(seat, the_period, the_category, number, override)
    return _store(actor, seat, the_period, the_category, number, checked.override)


def _store(
    actor: Actor,
    seat: QuotaSeat,
    period: Period,
    category: QuotaCategory,
    number: int,
    override: OverrideDecision | None,
) -> Quota:
    quota, created = Quota.objects.select_for_update().get_or_create(
        org=seat.org,
        start_year=period.start_year,
        end_year=period.end_year,
        category=category,
        defaults={"number": number},
    )
    old = None if created else quota.number
    if not created and old == number and override is None:
        return quota
    quota.number = number
    quota.override_decision_number = override.number if override else ""
    quota.override_decision_date = override.decided_on if override else None
    quota.save()
    _keep_change(actor, quota, old, period)
    return quota


def _keep_change(actor: Actor, quota: Quota, old: int | None, period: Period) -> None:
    """Record who changed the quota and when, in its history and in the access log."""
    QuotaChange.objects.create(
        quota=quota,
        old_number=old,
        new_number=quota.number,
        user=actor.user,
        username=actor.username,
        channel=actor.channel,
        override_decision_number=quota.override_decision_number,
        override_decision_date=quota.override_decision_date,
    )
    audit_record(
        actor=actor,
        action="create" if old is None else "update",
        object_type="quota",
        object_id=quota.pk,
        org_id=quota.org_id,
        detail={
            "period": str(period),
            "category": quota.category.name,
            "old": old,
            "new": quota.number,
            "override": quota.override_decision_number,
        },
    )


def _rate(value: Decimal | str | int) -> Decimal:
    """Return a rate in percent (2 decimals) from "3", "3,5" or 3.5; refuse anything else."""
    try:
        rate = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        rate = Decimal("NaN")
    if not rate.is_finite() or not 0 <= rate <= 100:
        raise DomainError(
            f"Tỷ lệ chỉ tiêu “{value}” không hợp lệ: nhập một số phần trăm từ 0 đến 100.",
            code="invalid_rate",
            field="rate",
        )
    return rate.quantize(Decimal("0.01"))


@transaction.atomic
def rate_target_set(
    *, actor: Actor, org_code: str, year: int, rate_percent: Decimal | str | int
) -> RateTarget:
    """Set a rate target ("admit at least 3% of the members at the start of the year")."""
    period = Period.year(year)
    rate = _rate(rate_percent)
    org = Organization.objects.filter(code=org_code.strip()).first()
    if org is None:
        raise DomainError(f"Không tìm thấy đơn vị có mã “{org_code.strip()}”.", field="org_code")
    seat = quota_seat(org, period, actor.scope.day)
    require_assigner(actor, seat)
    target, created = RateTarget.objects.select_for_update().get_or_create(
        org=org, year=year, defaults={"rate_percent": rate}
    )
    old = None if created else str(target.rate_percent)
    if created or target.rate_percent != rate:
        target.rate_percent = rate
        target.save()
        audit_record(
            actor=actor,
            action="create" if created else "update",
            object_type="rate_target",
            object_id=target.pk,
            org_id=org.pk,
            detail={"year": year, "old": old, "new": str(rate)},
        )
    return target
