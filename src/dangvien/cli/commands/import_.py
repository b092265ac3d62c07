"""`dangvien import FILE [--dry-run]` and `dangvien export --org CODE [--out FILE]`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dangvien.cli.base import EXIT_OK, EXIT_REFUSED, progress, say, tr, warn

ERRORS_SHOWN = 20
_COUNT_LABELS = ("Tạo mới", "Cập nhật", "Không đổi")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import", help="kiểm tra và nhập tệp Excel/ODS/CSV theo mẫu (tất cả hoặc không gì cả)"
    )
    parser.add_argument("file", metavar="FILE", help=".xlsx, .xls, .ods, .csv hoặc thư mục .csv")
    parser.add_argument(
        "--dry-run", action="store_true", help="chỉ kiểm tra và báo cáo, không ghi dữ liệu"
    )
    parser.add_argument(
        "--as",
        dest="username",
        metavar="USERNAME",
        help="nhập với phạm vi của tài khoản này (mặc định: quản trị máy chủ, toàn bộ)",
    )
    parser.set_defaults(handler=handle_import)
    export = subparsers.add_parser(
        "export", help="xuất toàn bộ dữ liệu của một đơn vị theo mẫu nhập liệu (.xlsx)"
    )
    export.add_argument("--org", required=True, metavar="CODE", help="mã đơn vị")
    export.add_argument("--out", metavar="FILE", help="tệp ghi ra (mặc định CODE.xlsx)")
    export.set_defaults(handler=handle_export)


def _actor(username: str | None) -> Any:
    from dangvien.accounts.actor import Actor, operator_actor
    from dangvien.accounts.models import User
    from dangvien.accounts.scope import scope_for
    from dangvien.core.domain.errors import DomainError

    if not username:
        return operator_actor()
    user = User.objects.filter(username=username).first()
    if user is None:
        raise DomainError(tr("Không có tài khoản %(user)s.") % {"user": username})
    return Actor(user, scope_for(user), "cli")


class _Bars:
    """One terminal progress bar per stage of the import."""

    def __init__(self) -> None:
        self.stage = ""
        self.manager: Any = None
        self.bar: Any = None

    def report(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage, self.manager = stage, progress(max(total, 1), tr(stage))
            self.bar = self.manager.__enter__()
        self.bar.total = max(total, 1)
        self.bar.n = done
        self.bar.refresh()

    def close(self) -> None:
        if self.manager is not None:
            self.manager.__exit__(None, None, None)
        self.manager = self.bar = None
        self.stage = ""


def _number(value: int) -> str:
    from dangvien.core.domain.text import format_number

    return format_number(value)


def _print_counts(counts: dict[str, dict[str, int]]) -> None:
    say(f"{tr('Trang'):<10}" + "".join(f"{tr(label):>12}" for label in _COUNT_LABELS))
    for sheet, count in counts.items():
        values = (count["created"], count["updated"], count["unchanged"])
        say(f"{sheet:<10}" + "".join(f"{_number(value):>12}" for value in values))


def _where(issue: Any) -> str:
    from dangvien.imports.domain.headers import column_letter

    parts = [issue.sheet] if issue.sheet else []
    if issue.row is not None:
        parts.append(tr("dòng %(row)s") % {"row": issue.row})
    if issue.column:
        cell = (
            f" ({column_letter(issue.column_index)}{issue.row})"
            if issue.column_index is not None and issue.row
            else ""
        )
        parts.append(tr("cột %(column)s") % {"column": issue.column} + cell)
    return ", ".join(parts)


def _print_issues(issues: list[Any], heading: str) -> None:
    if not issues:
        return
    warn(heading)
    for issue in issues[:ERRORS_SHOWN]:
        warn(f"  {_where(issue)}: {issue.message}")
    if len(issues) > ERRORS_SHOWN:
        warn(tr("  … và %(n)s mục khác.") % {"n": _number(len(issues) - ERRORS_SHOWN)})


def _report(result: Any, dry_run: bool) -> int:
    _print_counts(result.counts)
    if result.converted:
        say(
            tr("Đã chuyển %(n)s ô gõ bằng phông TCVN3/VNI sang Unicode.")
            % {"n": _number(result.converted)}
        )
    warnings = [issue for issue in result.issues if not issue.is_error]
    _print_issues(warnings, tr("Cảnh báo (%(n)s):") % {"n": _number(len(warnings))})
    if not result.ok:
        errors = result.errors
        _print_issues(
            errors, tr("Có %(n)s lỗi, không có dữ liệu nào được ghi:") % {"n": _number(len(errors))}
        )
        warn(tr("Đã ghi tệp đánh dấu lỗi: %(file)s") % {"file": result.error_file})
        return EXIT_REFUSED
    if dry_run:
        say(tr("Tệp hợp lệ. Chưa ghi gì vì đang chạy thử (--dry-run)."))
    else:
        say(tr("Đã nhập xong %(rows)s dòng.") % {"rows": _number(result.rows)})
    return EXIT_OK


def handle_import(args: argparse.Namespace) -> int:
    from dangvien.cli.base import migrate
    from dangvien.imports.services import workbook_import

    migrate()
    bars = _Bars()
    report: Callable[[str, int, int], None] = bars.report
    try:
        result = workbook_import(
            actor=_actor(args.username), path=Path(args.file), dry_run=args.dry_run, progress=report
        )
    finally:
        bars.close()
    return _report(result, args.dry_run)


def handle_export(args: argparse.Namespace) -> int:
    from dangvien.cli.base import migrate
    from dangvien.imports.export_workbook import workbook_export

    migrate()
    target = Path(args.out or f"{args.org}.xlsx")
    counts = workbook_export(actor=_actor(None), org_code=args.org, target=target)
    for sheet, count in counts.items():
        say(f"{sheet:<10}{_number(count):>12}")
    say(tr("Đã xuất dữ liệu theo mẫu nhập liệu: %(file)s") % {"file": target})
    return EXIT_OK
