"""`dangvien createuser` and `dangvien token create`."""

from __future__ import annotations

import argparse
import sys

from dangvien.cli.base import EXIT_OK, migrate, say, tr


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from dangvien.accounts.domain.roles import Role

    create = subparsers.add_parser("createuser", help="tạo tài khoản gắn với một đơn vị")
    create.add_argument("username", metavar="USERNAME")
    create.add_argument(
        "--role",
        required=True,
        choices=[r.value for r in Role],
        help="vai trò: " + ", ".join(f"{r.value} ({r.label})" for r in Role),
    )
    create.add_argument("--org", required=True, metavar="CODE", help="mã đơn vị")
    create.add_argument("--name", default="", help="họ và tên người dùng")
    create.set_defaults(handler=handle_createuser)

    token = subparsers.add_parser("token", help="quản lý mã API")
    token_sub = token.add_subparsers(dest="token_command", metavar="LỆNH")
    token_create = token_sub.add_parser("create", help="tạo mã API mới cho tài khoản")
    token_create.add_argument("username", metavar="USERNAME")
    token_create.add_argument("--name", default="", help="tên gợi nhớ của mã")
    token_create.add_argument(
        "--days", type=int, default=365, help="số ngày hiệu lực (mặc định 365)"
    )
    token_create.set_defaults(handler=handle_token_create)
    token_revoke = token_sub.add_parser("revoke", help="thu hồi mã API (theo phần đầu của mã)")
    token_revoke.add_argument("prefix", metavar="PREFIX", help="phần đầu của mã, ví dụ dv_AbC123")
    token_revoke.set_defaults(handler=handle_token_revoke)


def _read_password() -> tuple[str, bool]:
    """Return (password, generated): from piped stdin if any, else a generated one."""
    from dangvien.accounts.services import generate_password

    if sys.stdin is not None and not sys.stdin.isatty():
        piped = sys.stdin.readline().rstrip("\r\n")
        if piped:
            return piped, False
    return generate_password(), True


def handle_createuser(args: argparse.Namespace) -> int:
    from dangvien.accounts.actor import operator_actor
    from dangvien.accounts.domain.roles import Role
    from dangvien.accounts.services import user_create

    migrate()
    password, generated = _read_password()
    user = user_create(
        actor=operator_actor(),
        username=args.username,
        role=Role(args.role),
        org_code=args.org,
        password=password,
        full_name=args.name,
    )
    say(
        tr("Đã tạo tài khoản %(user)s (%(role)s, đơn vị %(org)s).")
        % {"user": user.username, "role": Role(args.role).label, "org": args.org}
    )
    if generated:
        say(tr("Mật khẩu: %(password)s") % {"password": password})
    return EXIT_OK


def handle_token_create(args: argparse.Namespace) -> int:
    from dangvien.accounts.actor import operator_actor
    from dangvien.accounts.services import token_create
    from dangvien.core.domain.errors import DomainError

    if args.days < 1 or args.days > 3650:
        raise DomainError(tr("Số ngày hiệu lực phải từ 1 đến 3650."))
    migrate()
    token, secret = token_create(
        actor=operator_actor(), username=args.username, name=args.name, days=args.days
    )
    say(secret)
    expires = token.expires_at.strftime("%d/%m/%Y") if token.expires_at else "-"
    print(
        tr("Mã chỉ hiển thị một lần; hết hạn ngày %(date)s.") % {"date": expires}, file=sys.stderr
    )
    return EXIT_OK


def handle_token_revoke(args: argparse.Namespace) -> int:
    from dangvien.accounts.actor import operator_actor
    from dangvien.accounts.models import ApiToken
    from dangvien.accounts.services import token_revoke
    from dangvien.core.domain.errors import DomainError

    migrate()
    prefix = args.prefix.strip()[:10]
    matches = list(
        ApiToken.objects.filter(prefix=prefix, revoked_at=None).values_list("pk", flat=True)
    )
    if len(matches) != 1:
        raise DomainError(
            tr("Không tìm thấy đúng một mã API đang dùng bắt đầu bằng %(prefix)s.")
            % {"prefix": prefix}
        )
    token = token_revoke(actor=operator_actor(), token_id=matches[0])
    say(tr("Đã thu hồi mã API %(name)s của %(user)s.") % {"name": token.name, "user": token.user})
    return EXIT_OK
