"""No traceback, SQL or setting ever reaches a user, on a page or the API."""

from __future__ import annotations

import pytest
from django.test import Client

from dangvien.conftest import World, login

pytestmark = pytest.mark.django_db

SECRET_ERROR = "SELECT citizen_id FROM people_person WHERE secret_key='abc'"


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError(SECRET_ERROR)


def _clean(text: str) -> None:
    assert "Traceback" not in text
    assert "SELECT" not in text
    assert "RuntimeError" not in text
    assert "secret_key" not in text


def test_a_crashing_page_shows_a_vietnamese_page_without_detail(
    world: World, monkeypatch, settings
):
    settings.DEBUG = False
    monkeypatch.setattr("dangvien.people.selectors.person_list", _boom)
    client = login(Client(raise_request_exception=False), world.commune_a_user)
    response = client.get("/nhan-su/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Hệ thống gặp lỗi ngoài dự kiến" in text
    _clean(text)


def test_a_crashing_api_call_answers_json_without_detail(
    world: World, api_client_for, monkeypatch, settings
):
    settings.DEBUG = False
    monkeypatch.setattr("dangvien.people.selectors.person_list", _boom)
    api = api_client_for(world.commune_a_user)
    api.raise_request_exception = False
    response = api.get("/api/v1/people")
    assert response.status_code == 500
    assert response.json()["code"] == "server_error"
    assert "lỗi ngoài dự kiến" in response.json()["detail"]
    _clean(response.content.decode())


def test_an_unknown_page_is_a_vietnamese_404(world: World, client: Client):
    login(client, world.commune_a_user)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy" in response.content.decode()


def test_a_refused_form_explains_itself_in_vietnamese(world: World):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/dang-nhap/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    assert "tải lại trang" in response.content.decode()
