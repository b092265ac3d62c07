"""Setting quotas: the allocation rule inside the service, overrides, rights and history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from dangvien.accounts.actor import Actor
from dangvien.accounts.scope import scope_for
from dangvien.audit.models import AccessLog
from dangvien.conftest import World
from dangvien.core.domain.errors import DomainError, PermissionDeniedError
from dangvien.plans.domain.quotas import OverrideDecision, Period
from dangvien.plans.models import Quota, QuotaChange
from dangvien.plans.services import quota_set, rate_target_set

pytestmark = pytest.mark.django_db


def actor_of(user) -> Actor:  # type: ignore[no-untyped-def]
    return Actor(user, scope_for(user), "web")


def test_children_may_share_the_parents_quota(world: World):
    op = world.operator
    quota_set(actor=op, org_code="P01", period=2025, number=10)
    quota_set(actor=op, org_code="XA-A", period=2025, number=6)

    quota = quota_set(actor=op, org_code="XA-B", period=2025, number=4)

    assert (quota.number, quota.start_year, quota.end_year) == (4, 2025, 2025)


def test_children_may_not_get_more_than_the_parent(world: World):
    op = world.operator
    quota_set(actor=op, org_code="P01", period=2025, number=10)
    quota_set(actor=op, org_code="XA-A", period=2025, number=6)

    with pytest.raises(
        DomainError, match=r"\(11\) vượt chỉ tiêu của Đảng bộ tỉnh Thử Nghiệm \(10\)"
    ):
        quota_set(actor=op, org_code="XA-B", period=2025, number=5)
    assert not Quota.objects.filter(org=world.commune_b).exists()


def test_a_recorded_decision_allows_giving_more_and_is_kept(world: World):
    op = world.operator
    quota_set(actor=op, org_code="P01", period=2025, number=10)
    quota_set(actor=op, org_code="XA-A", period=2025, number=6)
    decision = OverrideDecision("12-QĐ/TU", date(2025, 3, 1))

    quota = quota_set(actor=op, org_code="XA-B", period=2025, number=5, override=decision)

    assert (quota.override_decision_number, quota.override_decision_date) == (
        "12-QĐ/TU",
        date(2025, 3, 1),
    )
    assert QuotaChange.objects.get(quota=quota).override_decision_number == "12-QĐ/TU"


def test_a_parent_may_not_go_below_what_its_children_already_have(world: World):
    op = world.operator
    quota_set(actor=op, org_code="P01", period=2025, number=10)
    quota_set(actor=op, org_code="XA-A", period=2025, number=6)
    quota_set(actor=op, org_code="XA-B", period=2025, number=4)

    with pytest.raises(DomainError, match="vượt chỉ tiêu"):
        quota_set(actor=op, org_code="P01", period=2025, number=9)


def test_sub_targets_are_checked_per_category(world: World):
    op = world.operator
    quota_set(
        actor=op, org_code="P01", period=2025, category="Trưởng ban công tác Mặt trận", number=3
    )

    with pytest.raises(DomainError, match="nhóm “Trưởng ban công tác Mặt trận”"):
        quota_set(
            actor=op,
            org_code="XA-A",
            period=2025,
            category="truong ban cong tac mat tran",
            number=4,
        )


def test_a_sub_target_may_not_exceed_the_units_total(world: World):
    op = world.operator
    quota_set(actor=op, org_code="XA-A", period=2025, number=5)

    with pytest.raises(DomainError, match="lớn hơn chỉ tiêu tổng số"):
        quota_set(actor=op, org_code="XA-A", period=2025, category="Nữ", number=6)


def test_an_unknown_category_lists_the_known_ones(world: World):
    with pytest.raises(DomainError, match="Không có nhóm chỉ tiêu “Thanh niên xung phong”"):
        quota_set(
            actor=world.operator,
            org_code="XA-A",
            period=2025,
            category="Thanh niên xung phong",
            number=1,
        )


def test_terms_are_checked_against_the_parents_term(world: World):
    op = world.operator
    quota_set(actor=op, org_code="P01", period="2025-2030", number=50)

    with pytest.raises(DomainError, match="nhiệm kỳ 2025–2030"):
        quota_set(actor=op, org_code="XA-A", period=Period(2025, 2030), number=51)


def test_the_commune_may_split_its_quota_but_not_set_it(world: World):
    commune = actor_of(world.commune_a_user)
    quota_set(actor=world.operator, org_code="XA-A", period=2025, number=5)

    quota_set(actor=commune, org_code="CB-A1", period=2025, number=3)
    with pytest.raises(PermissionDeniedError, match="cấp ủy cấp trên"):
        quota_set(actor=commune, org_code="XA-A", period=2025, number=9)


def test_a_unit_of_another_commune_is_not_found(world: World):
    with pytest.raises(DomainError):
        quota_set(actor=actor_of(world.commune_a_user), org_code="CB-B1", period=2025, number=1)


def test_every_change_is_kept_with_who_and_when(world: World):
    op = world.operator
    quota_set(actor=op, org_code="XA-A", period=2025, number=5)
    quota_set(actor=op, org_code="XA-A", period=2025, number=7)
    quota_set(actor=op, org_code="XA-A", period=2025, number=7)  # no change: nothing kept

    changes = list(
        QuotaChange.objects.order_by("id").values_list("old_number", "new_number", "username")
    )

    assert changes == [(None, 5, "(hệ thống)"), (5, 7, "(hệ thống)")]
    assert AccessLog.objects.filter(object_type="quota").count() == 2


def test_negative_numbers_are_refused(world: World):
    with pytest.raises(DomainError, match="số âm"):
        quota_set(actor=world.operator, org_code="XA-A", period=2025, number=-1)


def test_rate_targets_accept_a_comma_and_refuse_nonsense(world: World):
    target = rate_target_set(actor=world.operator, org_code="P01", year=2025, rate_percent="3,5")

    assert target.rate_percent == Decimal("3.50")
    with pytest.raises(DomainError, match="Tỷ lệ chỉ tiêu"):
        rate_target_set(actor=world.operator, org_code="P01", year=2025, rate_percent="ba")
