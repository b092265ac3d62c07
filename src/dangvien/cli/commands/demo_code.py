"""`dangvien demo-code USERNAME`: the current second-factor code of a demo account.

Only for the demo data: it refuses any account whose password is not the
printed demo password, so it cannot be used on real accounts.
"""

from __future__ import annotations

import argparse

from dangvien.cli.base import EXIT_OK, migrate, say, tr


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "demo-code", help="mã xác thực hai lớp hiện tại của một tài khoản dùng thử"
    )
    parser.add_argument("username", metavar="USERNAME")
    parser.set_defaults(handler=handle)


def handle(args: argparse.Namespace) -> int:
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from dangvien.accounts.models import User
    from dangvien.accounts.otp import totp_now
    from dangvien.core.domain.errors import DomainError
    from dangvien.synth.accounts import PASSWORD_PREFIX

    migrate()
    user = User.objects.filter(username=args.username.strip().lower()).first()
    if user is None or not user.check_password(PASSWORD_PREFIX + user.username):
        raise DomainError(tr("Chỉ dùng được cho tài khoản dùng thử của dữ liệu mẫu."))
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        raise DomainError(tr("Tài khoản này không cần mã xác thực hai lớp."))
    say(totp_now(device))
    return EXIT_OK
