"""A user scoped to one commune sees nothing of another, on every page and endpoint."""

from __future__ import annotations

import pytest
from django.test import Client

from dangvien.conftest import World, login

pytestmark = pytest.mark.django_db


def test_pages_of_another_commune_answer_404(world: World, client: Client):
    login(client, world.commune_a_user)
    assert client.get(f"/to-chuc/{world.commune_b.code}/").status_code == 404
    assert client.get(f"/to-chuc/{world.cell_b1.code}/").status_code == 404
    assert client.get(f"/to-chuc/{world.cell_b1.code}/truc-thuoc/").status_code == 404
    assert client.get(f"/to-chuc/{world.province.code}/").status_code == 404
    assert client.get(f"/nhan-su/{world.person_b.pk}/").status_code == 404
    assert client.get(f"/nhan-su/?org={world.cell_b1.code}").status_code == 404


def test_own_pages_answer_200(world: World, client: Client):
    login(client, world.commune_a_user)
    assert client.get(f"/to-chuc/{world.commune_a.code}/").status_code == 200
    assert client.get(f"/nhan-su/{world.person_a.pk}/").status_code == 200


def test_lists_and_search_show_only_own_commune(world: World, client: Client):
    login(client, world.commune_a_user)
    dashboard = client.get("/").content.decode()
    assert "An Phú" in dashboard
    assert "Bình Minh" not in dashboard
    listing = client.get("/nhan-su/").content.decode()
    assert "Nguyễn Văn An" in listing
    assert "Dương Văn Bình" not in listing
    search = client.get("/nhan-su/", {"q": "duong van binh"}).content.decode()
    assert "Dương Văn Bình" not in search
    by_id = client.get("/nhan-su/", {"q": "001088000003"}).content.decode()
    assert "Dương Văn Bình" not in by_id


def test_api_of_another_commune_answers_404_and_lists_nothing(world: World, api_client_for):
    api = api_client_for(world.commune_a_user)
    assert api.get(f"/api/v1/orgs/{world.commune_b.code}").status_code == 404
    assert api.get(f"/api/v1/orgs/{world.cell_b1.code}/children").status_code == 404
    assert api.get(f"/api/v1/people/{world.person_b.pk}").status_code == 404
    assert api.get(f"/api/v1/people/{world.person_b.pk}/periods").status_code == 404
    assert api.get(f"/api/v1/people/{world.person_b.pk}/memberships").status_code == 404
    assert api.get("/api/v1/localities/TH-DONG").status_code == 200
    orgs = {o["code"] for o in api.get("/api/v1/orgs").json()["items"]}
    assert orgs == {"XA-A", "CB-A1", "CB-A2"}
    people = api.get("/api/v1/people").json()["items"]
    assert {p["full_name"] for p in people} == {"Nguyễn Văn An", "Đặng Thị Hoa"}
    found = api.get("/api/v1/people", {"q": "binh"}).json()["items"]
    assert found == []
    assert api.get("/api/v1/people", {"org": world.cell_b1.code}).status_code == 404


def test_the_other_commune_cannot_see_the_first_either(world: World, api_client_for):
    api = api_client_for(world.commune_b_user)
    assert api.get(f"/api/v1/people/{world.person_a.pk}").status_code == 404
    assert api.get("/api/v1/localities/TH-DONG").status_code == 404
    assert api.get("/api/v1/localities").json() == []


def test_changes_in_another_commune_answer_404_and_change_nothing(world: World, api_client_for):
    api = api_client_for(world.commune_a_user)
    response = api.patch(
        f"/api/v1/orgs/{world.commune_b.code}", {"name": "Đổi tên"}, content_type="application/json"
    )
    assert response.status_code == 404
    world.commune_b.refresh_from_db()
    assert world.commune_b.name == "Đảng bộ xã Bình Minh"
    moved = api.post(
        f"/api/v1/people/{world.person_b.pk}/periods",
        {"status": "chinh_thuc", "org_code": "CB-A1", "since": "2024-01-01"},
        content_type="application/json",
    )
    assert moved.status_code == 404


def test_a_viewer_can_read_but_not_change(world: World, api_client_for):
    api = api_client_for(world.viewer_a)
    assert api.get(f"/api/v1/people/{world.person_a.pk}").status_code == 200
    response = api.patch(
        f"/api/v1/orgs/{world.commune_a.code}", {"name": "Tên mới"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert "không có quyền" in response.json()["detail"]


def test_the_api_refuses_requests_without_a_valid_token(world: World):
    assert Client().get("/api/v1/people").status_code == 401
    bad = Client(HTTP_AUTHORIZATION="Bearer dv_khong-hop-le").get("/api/v1/people")
    assert bad.status_code == 401
    assert "mã API" in bad.json()["detail"]


def test_pages_require_login(world: World, client: Client):
    response = client.get("/nhan-su/")
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]
