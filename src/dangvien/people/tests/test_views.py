"""The people pages: filters, Vietnamese order, bad input without a 500, logged views."""

from __future__ import annotations

import pytest
from django.test import Client

from dangvien.audit.models import AccessLog
from dangvien.orgs import selectors as org_selectors
from dangvien.testing import World, login

pytestmark = pytest.mark.django_db


def _names(html: str, *candidates: str) -> list[str]:
    found = [(html.index(name), name) for name in candidates if name in html]
    return [name for _, name in sorted(found)]


def test_the_list_is_in_vietnamese_order_by_given_name(world: World, client: Client):
    login(client, world.admin)
    html = client.get("/nhan-su/").content.decode()
    assert _names(html, "Nguyễn Văn An", "Dương Văn Bình", "Đặng Thị Hoa") == [
        "Nguyễn Văn An",
        "Dương Văn Bình",
        "Đặng Thị Hoa",
    ]


def test_a_search_ignores_diacritics_and_d_with_stroke(world: World, client: Client):
    login(client, world.admin)
    html = client.get("/nhan-su/", {"q": "dang thi"}).content.decode()
    assert "Đặng Thị Hoa" in html
    assert "Nguyễn Văn An" not in html


def test_filters_by_status_and_gender(world: World, client: Client):
    login(client, world.admin)
    html = client.get("/nhan-su/", {"status": "quan_chung", "gender": "nu"}).content.decode()
    assert "Đặng Thị Hoa" in html
    assert "Dương Văn Bình" not in html


def test_an_empty_result_says_so(world: World, client: Client):
    login(client, world.admin)
    html = client.get("/nhan-su/", {"q": "khong ai ten nay"}).content.decode()
    assert "Không có ai phù hợp" in html


@pytest.mark.parametrize(
    "query",
    [{"age": "zzz"}, {"status": "vua"}, {"gender": "?"}, {"ethnicity": "sao-hoa"}],
)
def test_a_bad_filter_shows_a_vietnamese_message_not_a_500(world: World, client: Client, query):
    login(client, world.admin)
    response = client.get("/nhan-su/", query)
    assert response.status_code == 200
    assert "không hợp lệ" in response.content.decode()


def test_a_bad_page_cursor_is_a_400_page(world: World, client: Client):
    login(client, world.admin)
    response = client.get("/nhan-su/", {"sau": "@@@"})
    assert response.status_code == 400
    assert "Tham số trang không hợp lệ" in response.content.decode()


def test_an_unknown_unit_is_a_404_page(world: World, client: Client):
    login(client, world.admin)
    response = client.get("/to-chuc/KHONG-CO/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_viewing_a_person_is_logged(world: World, client: Client):
    login(client, world.commune_a_user)
    client.get(f"/nhan-su/{world.person_a.pk}/")
    entry = AccessLog.objects.filter(action="view", object_type="person").latest("id")
    assert entry.object_id == str(world.person_a.pk)
    assert entry.username == world.commune_a_user.username


def test_the_member_list_takes_a_fixed_number_of_queries(
    world: World, client: Client, django_assert_max_num_queries
):
    login(client, world.admin)
    client.get("/nhan-su/")
    with django_assert_max_num_queries(14):
        client.get("/nhan-su/")


HINT = "Chọn đơn vị cấp dưới từ cây tổ chức"


def test_the_unit_drop_down_leaves_out_the_cells_when_there_are_too_many(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(org_selectors, "UNIT_CHOICE_LIMIT", 2)
    login(client, world.admin)

    html = client.get("/nhan-su/").content.decode()

    assert 'value="XA-A"' in html
    assert 'value="CB-A1"' not in html
    assert HINT in html


def test_a_cell_left_out_of_the_drop_down_still_filters_and_is_selected(
    world: World, client: Client, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(org_selectors, "UNIT_CHOICE_LIMIT", 2)
    login(client, world.admin)

    html = client.get("/nhan-su/", {"org": "CB-B1"}).content.decode()

    assert '<option value="CB-B1" selected>' in html
    assert 'value="CB-A1"' not in html
    assert "Dương Văn Bình" in html
    assert "Nguyễn Văn An" not in html


def test_a_unit_above_the_cells_filters_its_whole_subtree(world: World, client: Client):
    login(client, world.admin)

    html = client.get("/nhan-su/", {"org": "XA-A"}).content.decode()

    assert _names(html, "Nguyễn Văn An", "Đặng Thị Hoa", "Dương Văn Bình") == [
        "Nguyễn Văn An",
        "Đặng Thị Hoa",
    ]
    assert HINT not in html


def test_a_cell_outside_the_scope_is_a_404(world: World, client: Client):
    login(client, world.commune_a_user)

    response = client.get("/nhan-su/", {"org": "CB-B1"})

    assert response.status_code == 404
