"""`dangvien backup FILE` and `dangvien restore FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from dangvien.cli.base import EXIT_OK, migrate, say, tr, warn


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    backup = subparsers.add_parser("backup", help="sao lưu toàn bộ dữ liệu vào một tệp")
    backup.add_argument("file", metavar="FILE", help="tệp sao lưu sẽ tạo (ví dụ dangvien.dvbak)")
    backup.set_defaults(handler=handle_backup)
    restore = subparsers.add_parser("restore", help="khôi phục dữ liệu từ tệp sao lưu")
    restore.add_argument("file", metavar="FILE", help="tệp sao lưu đã tạo bằng `dangvien backup`")
    restore.add_argument(
        "--no-safety-backup",
        action="store_true",
        help="không tự sao lưu dữ liệu hiện tại trước khi khôi phục",
    )
    restore.set_defaults(handler=handle_restore)


def handle_backup(args: argparse.Namespace) -> int:
    from dangvien.core.security_backup import backup_create

    migrate()
    result = backup_create(Path(args.file))
    say(
        tr("Đã sao lưu %(rows)s dòng trong %(tables)s bảng vào %(path)s.")
        % {"rows": result.rows, "tables": result.tables, "path": result.path}
    )
    warn(
        tr(
            "Lưu ý: tệp sao lưu chứa dữ liệu mật. Cất ở nơi an toàn và giữ riêng các khóa "
            "DANGVIEN_FIELD_KEY, DANGVIEN_AUDIT_KEY: thiếu khóa thì không khôi phục được."
        )
    )
    return EXIT_OK


def handle_restore(args: argparse.Namespace) -> int:
    from django.conf import settings
    from django.utils import timezone

    from dangvien.core.security_backup import backup_create, backup_restore

    source = Path(args.file)
    migrate()
    if not args.no_safety_backup:
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        safety = Path(settings.DATA_DIR) / "backups" / f"truoc-khoi-phuc-{stamp}.dvbak"
        backup_create(safety)
        say(tr("Đã sao lưu dữ liệu hiện tại vào %(path)s trước khi khôi phục.") % {"path": safety})
    result = backup_restore(source)
    migrate()  # a backup from an older version is upgraded after its counts are checked
    say(
        tr("Đã khôi phục và kiểm tra %(rows)s dòng trong %(tables)s bảng từ %(path)s.")
        % {"rows": result.rows, "tables": result.tables, "path": result.path}
    )
    return EXIT_OK
