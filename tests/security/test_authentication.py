"""Sign-in: lockout, second factor, recovery codes, session expiry, password policy."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangvien.accounts.domain.roles import Role
from dangvien.accounts.otp import demo_otp_secret_for, recovery_codes_reset, totp_now
from dangvien.accounts.services import user_create
from dangvien.audit.models import AccessLog
from dangvien.conftest import PASSWORD, World, make_user
from dangvien.core.domain.errors import DomainError
from dangvien.testing import enrol_totp, totp_code

pytestmark = pytest.mark.django_db


def _sign_in(client: Client, username: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    return client.post("/dang-nhap/", {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_account_with_a_vietnamese_message(world: World):
    client = Client()
    for _ in range(4):
        assert _sign_in(client, "xem.anphu", "sai-mat-khau").status_code == 200
    assert _sign_in(client, "xem.anphu", "sai-mat-khau").status_code == 429
    locked = _sign_in(client, "xem.anphu")  # even the right password now
    assert locked.status_code == 429
    text = locked.content.decode()
    assert "tạm thời bị khóa" in text
    assert "15 phút" in text
    assert AccessLog.objects.filter(action="denied", detail__reason="lockout").exists()
    assert AccessLog.objects.filter(action="login_failed").count() >= 5


def test_the_lockout_ends_after_the_cool_off(world: World):
    client = Client()
    for _ in range(5):
        _sign_in(client, "xem.anphu", "sai-mat-khau")
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert _sign_in(client, "xem.anphu").status_code == 302


def test_a_commune_user_must_pass_the_code_after_the_password(world: World):
    client = Client()
    enrol_totp(world.commune_a_user)
    response = _sign_in(client, "xa.anphu")
    assert response.status_code == 302
    blocked = client.get("/nhan-su/")
    assert blocked.status_code == 302
    assert blocked["Location"].startswith("/xac-thuc/")
    wrong = client.post("/xac-thuc/", {"otp_token": "000000", "next": "/nhan-su/"})
    assert "không đúng" in wrong.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):  # after the 1 s throttle
        code = totp_code(world.commune_a_user)
        right = client.post("/xac-thuc/", {"otp_token": code, "next": "/nhan-su/"})
    assert right.status_code == 302
    assert right["Location"] == "/nhan-su/"
    assert client.get("/nhan-su/").status_code == 200
    assert AccessLog.objects.filter(action="second_factor", user=world.commune_a_user).exists()


def test_a_user_without_an_app_is_sent_to_enrol_and_gets_recovery_codes(world: World):
    client = Client()
    _sign_in(client, "xa.anphu")
    first = client.get("/xac-thuc/", follow=True)
    page = first.content.decode()
    assert "<svg" in page
    assert "<script" not in page.split("<main")[1]
    device = TOTPDevice.objects.get(user=world.commune_a_user, confirmed=False)
    done = client.post("/xac-thuc/dang-ky/", {"otp_token": totp_now(device)}, follow=True)
    codes = done.context["codes"]
    assert len(codes) == 10
    assert client.get("/nhan-su/").status_code == 200
    # a recovery code works once
    other = Client()
    _sign_in(other, "xa.anphu")
    assert other.post("/xac-thuc/", {"otp_token": codes[0]}).status_code == 302
    again = Client()
    _sign_in(again, "xa.anphu")
    assert again.post("/xac-thuc/", {"otp_token": codes[0]}).status_code == 200


def test_a_cell_secretary_may_work_without_a_second_factor(world: World):
    make_user(world.operator, "bithu.dong", Role.CELL_SECRETARY, "CB-A1")
    client = Client()
    _sign_in(client, "bithu.dong")
    assert client.get("/nhan-su/").status_code == 200


def test_a_cell_secretary_who_enrolled_must_use_it(world: World):
    user = make_user(world.operator, "bithu.tay", Role.CELL_SECRETARY, "CB-A2")
    enrol_totp(user)
    client = Client()
    _sign_in(client, "bithu.tay")
    assert client.get("/nhan-su/").status_code == 302


def test_a_session_expires_after_thirty_idle_minutes(world: World):
    client = Client()
    _sign_in(client, "xem.anphu")
    assert client.get("/nhan-su/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=31)):
        response = client.get("/nhan-su/")
    assert response.status_code == 302
    assert "/dang-nhap/" in response["Location"]


def test_a_session_in_use_keeps_sliding_past_thirty_minutes(world: World):
    client = Client()
    _sign_in(client, "xem.anphu")
    start = timezone.now()
    for minutes in (20, 45, 70):  # each visit within 30 minutes of the one before
        with time_machine.travel(start + timedelta(minutes=minutes)):
            assert client.get("/nhan-su/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=101)):
        assert client.get("/nhan-su/").status_code == 302


def test_pages_within_a_minute_do_not_write_the_session(world: World):
    client = Client()
    _sign_in(client, "xem.anphu")
    client.get("/nhan-su/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/nhan-su/").status_code == 200
    sessions = [q["sql"] for q in queries if "django_session" in q["sql"]]
    writes = [sql for sql in sessions if not sql.startswith("SELECT")]
    assert writes == []


@pytest.mark.parametrize("password", ["12345678901", "matkhau", "xa.moi.2026", "password123"])
def test_weak_passwords_are_refused(world: World, password: str):
    with pytest.raises(DomainError):
        user_create(
            actor=world.operator,
            username="xa.moi.2026",
            role=Role.VIEWER,
            org_code="XA-A",
            password=password,
        )


def test_the_demo_gets_a_printable_key_for_above_cell_accounts_only(world: World):
    secret = demo_otp_secret_for(world.commune_a_user)
    assert secret is not None
    assert len(secret) >= 16
    assert demo_otp_secret_for(world.commune_a_user) == secret  # stable across runs
    assert demo_otp_secret_for(world.viewer_a) is None


def test_recovery_codes_can_be_renewed(world: World):
    first = recovery_codes_reset(user=world.commune_a_user)
    second = recovery_codes_reset(user=world.commune_a_user)
    assert not set(first) & set(second)
