"""`dangvien demo-code` prints a valid code for demo accounts and refuses real ones."""

from __future__ import annotations

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from dangvien.accounts.otp import demo_otp_secret_for
from dangvien.cli import main
from dangvien.synth.accounts import PASSWORD_PREFIX
from dangvien.testing import World

pytestmark = pytest.mark.django_db(transaction=True)


def test_it_prints_the_current_code_of_a_demo_account(world: World, capsys):
    user = world.commune_a_user
    user.set_password(PASSWORD_PREFIX + user.username)
    user.save()
    assert demo_otp_secret_for(user)
    assert main(["demo-code", user.username]) == 0
    code = capsys.readouterr().out.strip()
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    assert device.verify_token(code)


def test_it_refuses_an_account_without_the_demo_password(world: World, capsys):
    assert main(["demo-code", world.commune_b_user.username]) == 1
    assert "tài khoản dùng thử" in capsys.readouterr().err
