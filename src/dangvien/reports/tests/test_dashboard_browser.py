"""The dashboard in a real browser, for a commune account: figures, charts, no script needed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from dangvien.conftest import World, login
from dangvien.plans.models import QuotaCategory
from dangvien.plans.reference import categories_sync
from dangvien.plans.services import quota_set
from dangvien.reports.tests.factories import admit

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the ORM calls stay synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def quota_categories(transactional_db: None) -> None:
    """Seed the quota categories again: a transactional test before this one flushed them."""
    categories_sync(QuotaCategory)


@pytest.fixture
def tab() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000})
        yield context
        browser.close()


def signed_in_context(context: Any, world: World, base_url: str) -> Any:
    """Share a signed-in test session (second factor passed) with the browser."""
    client = login(Client(), world.commune_a_user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base_url}])
    page = context.new_page()
    page.set_default_timeout(60_000)  # a loaded CI machine may be slow to serve the first page
    return page


def test_a_commune_sees_its_progress_children_and_forecast(world: World, live_server, tab):
    # given: commune A has a quota of 4 this year, one cell 1 of 2, the other 0 of 2
    op = world.operator
    year = date.today().year
    quota_set(actor=op, org_code="P01", period=year, number=8)
    quota_set(actor=op, org_code="XA-A", period=year, number=4)
    quota_set(actor=op, org_code="CB-A1", period=year, number=2)
    quota_set(actor=op, org_code="CB-A2", period=year, number=2)
    admit(op, "CB-A1", date(year, 1, 15))
    page = signed_in_context(tab, world, live_server.url)

    # when
    page.goto(f"{live_server.url}/bao-cao/")

    # then
    assert page.locator("h1").inner_text().endswith("Đảng bộ xã An Phú")
    assert page.get_by_test_id("admitted").inner_text() == "1"
    assert page.get_by_test_id("quota").inner_text() == "4"
    assert page.get_by_test_id("quota-percent").inner_text() == "25,00%"
    rows = page.get_by_test_id("children").locator("tbody tr")
    assert rows.count() == 2
    assert rows.first.inner_text().startswith("Chi bộ thôn Đông")
    assert page.locator("svg.chart").count() >= 3
    assert "Dự báo cộng số đã kết nạp" in page.get_by_test_id("forecast-explanation").inner_text()
    assert "Bình Minh" not in page.content()
    page.screenshot(
        path=str(Path(os.environ.get("DANGVIEN_DATA_DIR", "/tmp")) / "dashboard.png"),
        full_page=True,
    )


def test_the_menu_leads_to_the_report_and_its_download(world: World, live_server, tab):
    page = signed_in_context(tab, world, live_server.url)
    page.goto(f"{live_server.url}/bao-cao/")

    page.get_by_role("link", name="Kết nạp đảng viên").click()

    assert "/bao-cao/admissions/" in page.url
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (.xlsx)").click()
    assert download.value.suggested_filename.startswith("bao-cao-ket-nap-XA-A-")
