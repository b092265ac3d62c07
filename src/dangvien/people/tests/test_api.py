"""The people API: validation in Vietnamese, never a 500, query counts pinned."""

from __future__ import annotations

import pytest

from dangvien.testing import World

pytestmark = pytest.mark.django_db

NEW = {
    "citizen_id": "001200000099",
    "full_name": "Trần Thị Mai",
    "birth_date": "2000-02-29",
    "gender": "nu",
    "org_code": "CB-A1",
    "status": "quan_chung",
    "since": "2024-01-15",
}


def test_creating_and_reading_a_person(world: World, api_client_for):
    api = api_client_for(world.commune_a_user)
    created = api.post("/api/v1/people", NEW, content_type="application/json")
    assert created.status_code == 201, created.content
    body = api.get(f"/api/v1/people/{created.json()['id']}").json()
    assert body["full_name"] == "Trần Thị Mai"
    assert body["status"] == "quan_chung"


@pytest.mark.parametrize(
    ("change", "status", "fragment"),
    [
        ({"birth_date": "31/02/2000"}, 422, "Ngày không hợp lệ"),
        ({"gender": "x"}, 422, "danh mục"),
        ({"citizen_id": "abc"}, 400, "12 chữ số"),
        ({"org_code": "CB-B1"}, 400, "trong phạm vi của bạn"),
        ({"status": "vua"}, 422, "danh mục"),
    ],
)
def test_bad_input_gets_a_vietnamese_4xx(world: World, api_client_for, change, status, fragment):
    api = api_client_for(world.commune_a_user)
    response = api.post("/api/v1/people", NEW | change, content_type="application/json")
    assert response.status_code == status
    assert fragment in response.content.decode()


def test_a_malformed_json_body_is_a_422_not_a_500(world: World, api_client_for):
    api = api_client_for(world.commune_a_user)
    response = api.post("/api/v1/people", "{không phải json", content_type="application/json")
    assert response.status_code in (400, 422)
    assert "detail" in response.json()


def test_a_bad_cursor_is_a_vietnamese_400(world: World, api_client_for):
    response = api_client_for(world.admin).get("/api/v1/people", {"cursor": "!!!"})
    assert response.status_code == 400
    assert "Tham số trang" in response.json()["detail"]


def test_the_list_pages_with_a_cursor_in_vietnamese_order(world: World, api_client_for):
    api = api_client_for(world.admin)
    first = api.get("/api/v1/people", {"limit": 2}).json()
    second = api.get("/api/v1/people", {"limit": 2, "cursor": first["next_cursor"]}).json()
    names = [p["full_name"] for p in first["items"] + second["items"]]
    # given names An < Bình < Hoa
    assert names == ["Nguyễn Văn An", "Dương Văn Bình", "Đặng Thị Hoa"]
    assert second["next_cursor"] is None


def test_the_people_list_takes_a_fixed_number_of_queries(
    world: World, api_client_for, django_assert_max_num_queries
):
    api = api_client_for(world.admin)
    with django_assert_max_num_queries(8):
        api.get("/api/v1/people", {"limit": 50})


def test_an_update_with_a_stale_version_is_a_409(world: World, api_client_for):
    api = api_client_for(world.commune_a_user)
    body = api.get(f"/api/v1/people/{world.person_a.pk}").json()
    payload = {k: v for k, v in body.items() if k not in {"id", "status", "org_code"}}
    first = payload | {"residence": "Thôn Đông"}
    assert (
        api.put(
            f"/api/v1/people/{world.person_a.pk}", first, content_type="application/json"
        ).status_code
        == 200
    )
    stale = api.put(
        f"/api/v1/people/{world.person_a.pk}",
        payload | {"residence": "Thôn Tây"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert "người khác sửa" in stale.json()["detail"]
