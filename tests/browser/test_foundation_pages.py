"""A commune user logs in, opens the tree, searches without diacritics and opens a person."""

from __future__ import annotations

import pytest

from dangvien.conftest import PASSWORD, World
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_wrong_password_shows_a_vietnamese_message(world: World, live_server, page):
    sign_in(page, live_server.url, world.commune_a_user.username, "sai-mat-khau")
    assert "không đúng" in page.inner_text(".errorlist")


def test_the_dashboard_tree_expands_to_the_cells_of_the_commune(world: World, live_server, page):
    sign_in(page, live_server.url, world.commune_a_user.username, PASSWORD)
    page.wait_for_selector("h1:has-text('Tổng quan')")
    assert "Bình Minh" not in page.content()
    page.click("summary:has-text('Đảng bộ xã An Phú')")
    page.wait_for_selector("text=Chi bộ thôn Đông")
    assert page.is_visible("text=Chi bộ thôn Tây")


def test_searching_without_diacritics_finds_the_person(world: World, live_server, page):
    sign_in(page, live_server.url, world.commune_a_user.username, PASSWORD)
    page.goto(f"{live_server.url}/nhan-su/")
    page.fill("#id_q", "nguyen van an")
    page.click("button:has-text('Lọc')")
    page.wait_for_selector("#people")
    rows = page.locator("#people tbody tr")
    assert rows.count() == 1
    assert "Nguyễn Văn An" in rows.first.inner_text()


def test_the_person_page_shows_the_record_and_its_history(world: World, live_server, page):
    sign_in(page, live_server.url, world.commune_a_user.username, PASSWORD)
    page.goto(f"{live_server.url}/nhan-su/")
    page.click("text=Đặng Thị Hoa")
    page.wait_for_selector("h1:has-text('Đặng Thị Hoa')")
    body = page.inner_text("main")
    assert "02/03/2001" in body
    assert "Quần chúng ưu tú" in body
    assert "Chi bộ thôn Tây" in body
