"""In a real browser: sign-in with an authenticator code, QR enrolment, the lockout message.

Uses the shared Chromium of tests/browser/conftest.py (one Playwright per session).
"""

from __future__ import annotations

import pytest

from dangvien.conftest import PASSWORD, World
from dangvien.testing import enrol_totp, totp_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tab(page):  # type: ignore[no-untyped-def]
    """The shared Chromium page (tests/browser/conftest.py), recording console errors."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.csp_errors = errors
    return page


def _password(page, base: str, username: str, password: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_load_state()


def test_a_commune_user_signs_in_with_an_authenticator_code(world: World, live_server, tab):
    enrol_totp(world.commune_a_user)
    _password(tab, live_server.url, "xa.anphu", PASSWORD)
    assert "/xac-thuc/" in tab.url
    assert "Xác thực hai lớp" in tab.inner_text("h1")
    tab.fill("#id_otp_token", "123456")
    tab.click("button.primary")
    assert "không đúng" in tab.inner_text(".errorlist")
    tab.wait_for_timeout(1100)  # the device refuses a new try within a second of a failure
    tab.fill("#id_otp_token", totp_code(world.commune_a_user))
    tab.click("button.primary")
    tab.wait_for_selector("h1:has-text('Tổng quan')")
    assert "An Phú" in tab.content()
    assert not [e for e in tab.csp_errors if "Content Security Policy" in e]


def test_a_new_commune_user_enrols_by_scanning_the_qr_code(world: World, live_server, tab):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from dangvien.accounts.otp import totp_now

    _password(tab, live_server.url, "xa.binhminh", PASSWORD)
    tab.wait_for_selector(".qr svg")
    device = TOTPDevice.objects.get(user=world.commune_b_user, confirmed=False)
    tab.fill("#id_otp_token", totp_now(device))
    tab.click("button.primary")
    tab.wait_for_selector(".recovery-codes")
    assert tab.locator(".recovery-codes li").count() == 10
    tab.click("text=Tôi đã lưu các mã, tiếp tục")
    tab.wait_for_selector("h1:has-text('Tổng quan')")


def test_repeated_wrong_passwords_show_the_lockout_message(world: World, live_server, tab):
    for _ in range(5):
        _password(tab, live_server.url, "xem.anphu", "sai-mat-khau")
    message = tab.inner_text(".lockout")
    assert "tạm thời bị khóa" in message
    assert "15 phút" in message
    _password(tab, live_server.url, "xem.anphu", PASSWORD)
    assert "tạm thời bị khóa" in tab.inner_text(".lockout")
