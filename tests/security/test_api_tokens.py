"""API tokens: hashed, named, expiring, revocable, logged, and guessing is slowed down."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone

from dangvien.accounts.models import ApiToken
from dangvien.accounts.services import token_create
from dangvien.audit.models import AccessLog
from dangvien.conftest import World, login

pytestmark = pytest.mark.django_db


def _client(secret: str) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_only_a_digest_of_the_token_is_stored(world: World):
    token, secret = token_create(actor=world.operator, username="xa.anphu", name="Báo cáo tỉnh")
    stored = ApiToken.objects.get(pk=token.pk)
    assert secret not in (stored.digest, stored.prefix)
    assert stored.name == "Báo cáo tỉnh"


def test_an_expired_token_is_refused(world: World):
    _, secret = token_create(actor=world.operator, username="xa.anphu", days=1)
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert _client(secret).get("/api/v1/people").status_code == 401


def test_a_token_revoked_on_the_security_page_stops_working(world: World, client: Client):
    login(client, world.commune_a_user)
    page = client.post("/tai-khoan/bao-mat/", {"name": "Đồng bộ", "days": 30})
    secret = page.context["new_secret"]
    assert _client(secret).get("/api/v1/people").status_code == 200
    token = ApiToken.objects.get(name="Đồng bộ")
    client.post(f"/tai-khoan/ma-api/{token.pk}/thu-hoi/")
    assert _client(secret).get("/api/v1/people").status_code == 401


def test_nobody_revokes_another_users_token(world: World, client: Client):
    token, secret = token_create(actor=world.operator, username="xa.binhminh")
    login(client, world.commune_a_user)
    assert client.post(f"/tai-khoan/ma-api/{token.pk}/thu-hoi/").status_code == 404
    assert _client(secret).get("/api/v1/people").status_code == 200


def test_token_use_is_logged_with_the_token_name(world: World):
    _, secret = token_create(actor=world.operator, username="xa.anphu", name="Đồng bộ")
    api = _client(secret)
    api.get("/api/v1/orgs")
    api.get("/api/v1/orgs")
    uses = AccessLog.objects.filter(action="token", user=world.commune_a_user)
    assert uses.count() == 1  # once per pause, not once per request
    assert uses.get().detail["name"] == "Đồng bộ"
    api.get("/api/v1/people")
    listed = AccessLog.objects.filter(action="list", user=world.commune_a_user).get()
    assert listed.detail["token"].startswith("dv_")


def test_repeated_bad_tokens_from_one_address_are_throttled(world: World, settings):
    from django.core.cache import cache

    cache.clear()
    settings.DANGVIEN_API_AUTH_FAILURES = 3
    bad = _client("dv_doan-bua")
    statuses = [bad.get("/api/v1/people").status_code for _ in range(4)]
    assert statuses == [401, 401, 401, 429]
    assert "thử lại sau" in bad.get("/api/v1/people").json()["detail"]
    assert AccessLog.objects.filter(action="denied", detail__status=401).count() == 3
    cache.clear()
