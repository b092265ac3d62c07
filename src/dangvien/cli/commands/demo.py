"""`dangvien demo`: the embedded database with a realistic demo province, then the server."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec

from dangvien.cli.base import EXIT_OK, migrate, say, tr, warn
from dangvien.cli.commands.serve import add_server_options, serve
from dangvien.core.domain.text import format_number

DEMO_SEED = 2026
# Optional seeders of the business apps, run after the people are loaded.
EXTRA_SEEDERS = [
    ("dangvien.plans.demo", "plans_demo_seed"),
    ("dangvien.training.demo", "training_demo_seed"),
    ("dangvien.pipeline.demo", "pipeline_demo_seed"),
]


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("demo", help="nạp tỉnh mẫu vào CSDL nhúng và chạy thử")
    add_server_options(parser)
    parser.add_argument("--no-serve", action="store_true", help="chỉ nạp dữ liệu rồi dừng")
    parser.add_argument("--reset", action="store_true", help="xóa và tạo lại dữ liệu mẫu")
    parser.set_defaults(handler=handle)


def _progress() -> tuple[Callable[[str, int, int], None], Callable[[], None]]:
    """Return a progress callback that shows one bar per stage, and a closer."""
    from dangvien.cli.base import progress

    state: dict[str, object] = {}

    def report(stage: str, done: int, total: int) -> None:
        if state.get("stage") != stage:
            close()
            manager = progress(max(total, 1), stage)
            state.update(stage=stage, manager=manager, bar=manager.__enter__())
        bar = state["bar"]
        bar.total = max(total, 1)  # type: ignore[attr-defined]
        bar.n = done  # type: ignore[attr-defined]
        bar.refresh()  # type: ignore[attr-defined]

    def close() -> None:
        manager = state.pop("manager", None)
        if manager is not None:
            manager.__exit__(None, None, None)  # type: ignore[attr-defined]
        state.pop("stage", None)

    return report, close


def _seed_extras() -> None:
    for module_name, function in EXTRA_SEEDERS:
        if find_spec(module_name) is None:
            continue
        seeder = getattr(import_module(module_name), function, None)
        if seeder is not None:
            say(tr("Đang tạo dữ liệu mẫu: %(what)s") % {"what": module_name.split(".")[1]})
            seeder(seed=DEMO_SEED)


def _load(reset: bool) -> None:
    from dangvien.pipeline.stage_snapshot import stage_snapshot_warm
    from dangvien.reports.snapshot import snapshot_warm
    from dangvien.synth.writer import planner_statistics_refresh, synth_load

    report, close = _progress()
    try:
        result = synth_load("province", DEMO_SEED, reset=reset, progress=report)
    finally:
        close()
    try:
        _seed_extras()
    except BaseException:
        # Leave no half-seeded demo behind: the next run starts again from empty.
        from dangvien.synth.reset import data_truncate

        data_truncate()
        raise
    # The seeders add dossiers, quotas and classes in bulk: without fresh statistics
    # the planner takes those tables for empty and scans them row by row.
    planner_statistics_refresh(vacuum=True)
    snapshot_warm()  # the dashboard's member counts of today and 1 January
    stage_snapshot_warm()  # the candidates by stage of today and of last year's end
    say(
        tr("Đã nạp tỉnh mẫu trong %(seconds).0f giây: %(members)s người.")
        % {
            "seconds": result.seconds,
            "members": format_number(result.counts.get("people", 0)),
        }
    )


def _print_accounts() -> None:
    from dangvien.accounts.models import RoleAssignment
    from dangvien.accounts.otp import demo_otp_secret_for
    from dangvien.synth.accounts import PASSWORD_PREFIX

    rows = (
        RoleAssignment.objects.filter(
            user__username__in=["admin", "tinh", "capxa", "coso", "chibo", "xem"]
        )
        .select_related("user", "org")
        .order_by("id")
    )
    say("")
    say(tr("Tài khoản dùng thử (chỉ dành cho dữ liệu mẫu):"))
    for row in rows:
        say(
            f"  {row.user.username:<7} {PASSWORD_PREFIX + row.user.username:<18} "
            f"{row.get_role_display()} — {row.org.name}"
        )
        secret = demo_otp_secret_for(row.user)
        if secret:
            say("          " + tr("khóa xác thực hai lớp (TOTP): %(key)s") % {"key": secret})
    say(
        tr(
            "Tài khoản trên cấp chi bộ cần mã xác thực hai lớp: thêm khóa vào ứng dụng xác thực, "
            "hoặc lấy mã hiện tại bằng lệnh: uv run dangvien demo-code TÊN"
        )
    )
    say("")


def handle(args: argparse.Namespace) -> int:
    from dangvien.synth.reset import database_is_empty

    migrate()
    if args.reset or database_is_empty():
        say(tr("Đang tạo tỉnh mẫu (chỉ làm một lần, khoảng một phút)…"))
        _load(reset=args.reset)
    else:
        warn(tr("CSDL đã có dữ liệu: dùng lại (thêm --reset để tạo lại từ đầu)."))
    _print_accounts()
    if not args.no_serve:
        serve(args.host, args.port, threads=8)
    return EXIT_OK
