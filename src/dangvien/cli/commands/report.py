"""`dangvien report KIND ...` (contracts.md §1, §3) and `dangvien report-rebuild`."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from dangvien.cli.base import EXIT_OK, migrate, say, tr

KINDS = ("admissions", "training", "coverage", "cells", "pipeline", "members")
FORMATS = ("json", "text", "xlsx", "docx")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    report = subparsers.add_parser(
        "report",
        help="xuất báo cáo: " + ", ".join(KINDS),
        description="Xuất một báo cáo cho một đơn vị và toàn bộ đơn vị trực thuộc.",
    )
    report.add_argument("kind", metavar="KIND", help="loại báo cáo: " + ", ".join(KINDS))
    report.add_argument("--org", metavar="CODE", help="mã đơn vị")
    report.add_argument("--from", dest="date_from", metavar="DATE", help="từ ngày (2019-01-01)")
    report.add_argument("--to", dest="date_to", metavar="DATE", help="đến ngày (2019-12-31)")
    report.add_argument(
        "--as-of", dest="as_of", metavar="DATE", help="tính theo cơ cấu tổ chức của ngày này"
    )
    report.add_argument(
        "--format", dest="fmt", default="json", metavar="FORMAT", help="json, text, xlsx, docx"
    )
    report.add_argument("--out", metavar="FILE", help="ghi ra tệp (json, text: mặc định in ra)")
    report.set_defaults(handler=handle_report)
    rebuild = subparsers.add_parser(
        "report-rebuild", help="tính lại số liệu tổng hợp sẵn của báo cáo (sau khi nạp hàng loạt)"
    )
    rebuild.add_argument(
        "--snapshots",
        action="store_true",
        help="chỉ tạo số đảng viên tổng hợp sẵn còn thiếu (ngày 01/01 và hôm nay; chạy hằng đêm)",
    )
    rebuild.set_defaults(handler=handle_rebuild)


def _date(text: str | None, option: str) -> date:
    """Return an ISO date given on the command line, or refuse it in Vietnamese."""
    from dangvien.core.domain.errors import DomainError

    if not text:
        raise DomainError(tr("Thiếu %(option)s (ngày dạng YYYY-MM-DD).") % {"option": option})
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DomainError(
            tr("Ngày %(option)s không hợp lệ: “%(text)s” (định dạng YYYY-MM-DD, ví dụ 2019-01-01).")
            % {"option": option, "text": text}
        ) from None


def _check_choices(args: argparse.Namespace) -> None:
    from dangvien.core.domain.errors import DomainError

    if args.kind not in KINDS:
        raise DomainError(
            tr("Không có loại báo cáo “%(kind)s”. Các loại: %(kinds)s.")
            % {"kind": args.kind, "kinds": ", ".join(KINDS)}
        )
    if args.fmt not in FORMATS:
        raise DomainError(
            tr("Định dạng “%(fmt)s” không hợp lệ. Chọn một trong: %(formats)s.")
            % {"fmt": args.fmt, "formats": ", ".join(FORMATS)}
        )
    if not args.org:
        raise DomainError(tr("Thiếu --org (mã đơn vị)."))


def handle_report(args: argparse.Namespace) -> int:
    from django.utils.translation import get_language

    from dangvien.accounts.actor import operator_actor
    from dangvien.reports.exports import render, report_download
    from dangvien.reports.selectors import report_build

    _check_choices(args)
    date_from = _date(args.date_from, "--from")
    date_to = _date(args.date_to, "--to")
    as_of = _date(args.as_of, "--as-of") if args.as_of else None
    migrate()
    actor = operator_actor()
    report = report_build(
        scope=actor.scope,
        kind=args.kind,
        code=args.org,
        date_from=date_from,
        date_to=date_to,
        as_of=as_of,
    )
    to_screen = args.fmt in ("json", "text") and not args.out
    if to_screen:
        download = render(args.kind, report, args.fmt, get_language() or "vi")
        sys.stdout.write(download.content.decode())
        return EXIT_OK
    download = report_download(actor=actor, kind=args.kind, report=report, fmt=args.fmt)
    path = Path(args.out or download.filename)
    path.write_bytes(download.content)
    say(tr("Đã ghi báo cáo vào %(path)s.") % {"path": path})
    return EXIT_OK


def handle_rebuild(args: argparse.Namespace) -> int:
    from django.utils import timezone

    from dangvien.pipeline.domain.stage_snapshot import warm_days
    from dangvien.pipeline.stage_snapshot import (
        stage_snapshot_days,
        stage_snapshot_rebuild,
        stage_snapshot_warm,
    )
    from dangvien.reports.cube import cube_rebuild
    from dangvien.reports.snapshot import snapshot_days, snapshot_rebuild, snapshot_warm
    from dangvien.reports.snapshot import standard_days as snapshot_standard_days

    migrate()
    if args.snapshots:
        built = snapshot_warm()
        stage_snapshot_warm()
        say(tr("Đã tạo số đảng viên tổng hợp sẵn của %(days)s ngày.") % {"days": built})
        return EXIT_OK
    rows = cube_rebuild()
    say(tr("Đã tính lại số liệu kết nạp tổng hợp sẵn: %(rows)s dòng.") % {"rows": rows})
    days = set(snapshot_days()) | set(snapshot_standard_days(timezone.localdate()))
    stock_rows = snapshot_rebuild(sorted(days))
    stage_days = set(stage_snapshot_days()) | set(warm_days(timezone.localdate()))
    stage_snapshot_rebuild(sorted(stage_days))
    say(
        tr("Đã tính lại số đảng viên tổng hợp sẵn của %(days)s ngày: %(rows)s dòng.")
        % {"days": len(days), "rows": stock_rows}
    )
    return EXIT_OK
