"""`dangvien token revoke PREFIX` stops a token at once."""

from __future__ import annotations

import pytest
from django.test import Client

from dangvien.accounts.services import token_create
from dangvien.cli import main
from dangvien.conftest import World

pytestmark = pytest.mark.django_db


def test_the_operator_revokes_a_token_by_its_prefix(world: World, capsys):
    token, secret = token_create(actor=world.operator, username="xa.anphu", name="Máy trạm")
    assert main(["token", "revoke", token.prefix]) == 0
    assert "Đã thu hồi" in capsys.readouterr().out
    assert Client(HTTP_AUTHORIZATION=f"Bearer {secret}").get("/api/v1/orgs").status_code == 401


def test_an_unknown_prefix_is_refused(world: World, capsys):
    assert main(["token", "revoke", "dv_khongco"]) == 1
    assert "Không tìm thấy" in capsys.readouterr().err
