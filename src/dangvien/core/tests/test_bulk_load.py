"""create_all: what bulk_create stores, through COPY on PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from dangvien.core.bulk_load import create_all
from dangvien.plans.models import Quota, QuotaCategory, QuotaChange
from dangvien.testing import World

pytestmark = pytest.mark.django_db


def _quota(world: World, year: int, number: int) -> Quota:
    return Quota(
        org=world.commune_a,
        start_year=year,
        end_year=year,
        category=QuotaCategory.objects.get(code="tong_so"),
        number=number,
        override_decision_date=date(2024, 3, 5),
    )


def test_created_rows_get_ids_that_their_children_pick_up(world: World):
    quotas = [_quota(world, year, 10 + year % 7) for year in range(2016, 2026)]

    create_all(quotas)
    changes = [QuotaChange(quota=q, new_number=q.number, username="x") for q in quotas]
    create_all(changes)

    assert all(q.pk is not None for q in quotas)
    assert sorted(q.pk for q in quotas) == [q.pk for q in quotas]  # ids in creation order
    stored = {q.pk: (q.start_year, q.number) for q in Quota.objects.filter(org=world.commune_a)}
    assert stored == {q.pk: (q.start_year, q.number) for q in quotas}
    assert [c.quota_id for c in QuotaChange.objects.order_by("id")] == [q.pk for q in quotas]
    first = QuotaChange.objects.order_by("id").first()
    assert first is not None
    assert first.changed_at is not None  # auto_now_add filled
    assert Quota.objects.get(pk=quotas[0].pk).override_decision_date == date(2024, 3, 5)


def test_ignored_conflicts_keep_the_stored_row_and_add_the_rest(world: World):
    create_all([_quota(world, 2020, 5)])

    create_all([_quota(world, 2020, 99), _quota(world, 2021, 7)], ignore_conflicts=True)

    stored = dict(Quota.objects.filter(org=world.commune_a).values_list("start_year", "number"))
    assert stored == {2020: 5, 2021: 7}


def test_nothing_to_create_is_not_an_error(db: None):
    create_all([])

    assert not Quota.objects.exists()
