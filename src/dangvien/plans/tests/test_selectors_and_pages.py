"""Reading quotas: the unallocated remainder, the term breakdown, and the quota page."""

from __future__ import annotations

import pytest
from django.test import Client

from dangvien.conftest import World, login
from dangvien.plans.domain.quotas import Period
from dangvien.plans.models import Quota
from dangvien.plans.selectors import allocation, term_view
from dangvien.plans.services import category_get, quota_set

pytestmark = pytest.mark.django_db


def test_allocation_shows_what_is_left_to_give(world: World):
    op = world.operator
    quota_set(actor=op, org_code="XA-A", period=2025, number=10)
    quota_set(actor=op, org_code="CB-A1", period=2025, number=4)

    view = allocation(
        scope=op.scope, code="XA-A", period=Period.year(2025), category=category_get("Tổng số")
    )

    assert (view.quota, view.allocated, view.unallocated) == (10, 4, 6)
    assert [(c.org.code, c.quota) for c in view.children] == [("CB-A1", 4), ("CB-A2", None)]


def test_yearly_quotas_are_shown_against_the_term(world: World):
    op = world.operator
    quota_set(actor=op, org_code="XA-A", period="2020-2025", number=30)
    for year, number in ((2020, 5), (2021, 6), (2022, 6)):
        quota_set(actor=op, org_code="XA-A", period=year, number=number)

    view = term_view(scope=op.scope, code="XA-A", term=Period(2020, 2025))

    assert (view.term_quota, view.yearly_total, view.remaining) == (30, 17, 13)
    assert [y.quota for y in view.years] == [5, 6, 6, None, None, None]


def test_the_commune_sets_a_cells_quota_from_the_page(world: World, client: Client):
    quota_set(actor=world.operator, org_code="XA-A", period=2025, number=5)
    login(client, world.commune_a_user)

    page = client.get("/chi-tieu/", {"period": "2025"})
    saved = client.post(
        "/chi-tieu/giao/",
        {
            "org": "CB-A2",
            "period": "2025",
            "category": "tong_so",
            "number": "3",
            "back_org": "XA-A",
        },
    )
    refused = client.post(
        "/chi-tieu/giao/",
        {
            "org": "CB-A1",
            "period": "2025",
            "category": "tong_so",
            "number": "3",
            "back_org": "XA-A",
        },
        follow=True,
    )

    assert page.status_code == 200
    assert "Đảng bộ xã An Phú" in page.content.decode()
    assert saved.status_code == 302
    assert Quota.objects.get(org=world.cell_a2).number == 3
    assert "vượt chỉ tiêu" in refused.content.decode()


def test_the_quota_page_of_another_commune_answers_404(world: World, client: Client):
    login(client, world.commune_a_user)

    assert client.get("/chi-tieu/", {"org": "XA-B"}).status_code == 404
