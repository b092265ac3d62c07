"""`dangvien audit verify`: check that the access log was not altered."""

from __future__ import annotations

import argparse

from dangvien.cli.base import EXIT_OK, EXIT_REFUSED, migrate, say, tr, warn


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("audit", help="nhật ký truy cập")
    audit_sub = parser.add_subparsers(dest="audit_command", metavar="LỆNH", required=True)
    verify = audit_sub.add_parser("verify", help="kiểm tra nhật ký truy cập có bị sửa/xóa không")
    verify.set_defaults(handler=handle_verify)


def handle_verify(args: argparse.Namespace) -> int:
    from dangvien.audit.integrity import audit_verify

    migrate()
    report = audit_verify()
    if report.broken is not None:
        warn(
            tr("NHẬT KÝ ĐÃ BỊ THAY ĐỔI tại bản ghi số %(seq)s (id %(id)s): %(reason)s")
            % {
                "seq": report.broken.seq,
                "id": report.broken.row_id or "-",
                "reason": report.broken.reason,
            }
        )
        warn(tr("Đã kiểm tra đúng %(n)s bản ghi trước đó.") % {"n": report.checked})
        return EXIT_REFUSED
    say(
        tr("Nhật ký toàn vẹn: %(n)s bản ghi, bản ghi cuối số %(seq)s, mã băm %(hash)s.")
        % {"n": report.checked, "seq": report.last_seq, "hash": report.last_hash}
    )
    return EXIT_OK
