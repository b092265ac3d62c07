"""A province's or the country's dashboard is kept a few minutes; a commune's never is."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from dangvien.accounts.scope import scope_for
from dangvien.conftest import World, login
from dangvien.core.domain.errors import NotFoundError
from dangvien.reports.selectors.dashboard import dashboard
from dangvien.reports.tests.factories import admit

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(settings: Any) -> None:
    settings.DANGVIEN_DASHBOARD_CACHE_SECONDS = 300
    cache.clear()


def _admitted(world: World, code: str, *, fresh: bool = False) -> int:
    data = dashboard(scope=world.operator.scope, code=code, fresh=fresh)
    return data.admissions.admitted


def test_a_province_dashboard_is_kept_until_asked_fresh(world: World, kept: None):
    year = world.operator.scope.day.year
    admit(world.operator, "CB-A1", date(year, 1, 2))
    assert _admitted(world, "P01") == 1

    admit(world.operator, "CB-A2", date(year, 1, 3))

    assert _admitted(world, "P01") == 1  # the kept figures
    assert _admitted(world, "P01", fresh=True) == 2
    assert _admitted(world, "P01") == 2  # the fresh figures are kept in turn


def test_a_commune_dashboard_is_always_computed(world: World, kept: None):
    year = world.operator.scope.day.year
    assert _admitted(world, "XA-A") == 0

    admit(world.operator, "CB-A1", date(year, 1, 2))

    assert _admitted(world, "XA-A") == 1
    assert dashboard(scope=world.operator.scope, code="XA-A").kept is False


def test_no_dashboard_is_kept_when_the_setting_is_zero(world: World, settings: Any):
    settings.DANGVIEN_DASHBOARD_CACHE_SECONDS = 0
    year = world.operator.scope.day.year
    assert _admitted(world, "P01") == 0

    admit(world.operator, "CB-A1", date(year, 1, 2))

    assert _admitted(world, "P01") == 1


def test_the_scope_is_checked_before_a_kept_dashboard_is_read(world: World, kept: None):
    _admitted(world, "P01")  # kept now
    commune_scope = scope_for(world.commune_a_user, world.operator.scope.day)

    with pytest.raises(NotFoundError):
        dashboard(scope=commune_scope, code="P01")


def test_the_page_says_when_kept_figures_were_computed_and_offers_to_compute_again(
    world: World, kept: None
):
    client = login(Client(), world.admin)

    page = client.get("/bao-cao/", {"org": "P01"}).content.decode()
    again = client.get("/bao-cao/", {"org": "P01", "tinh_lai": "1"})
    commune = client.get("/bao-cao/", {"org": "XA-A"}).content.decode()

    assert 'data-testid="computed-at">số liệu tính lúc ' in page
    assert 'href="?org=P01&amp;tinh_lai=1">Tính lại ngay</a>' in page
    assert again.status_code == 200
    assert "số liệu tính lúc" not in commune
