"""`dangvien generate --preset commune|province|national`: synthetic data at a chosen size."""

from __future__ import annotations

import argparse
from contextlib import AbstractContextManager
from importlib import import_module
from importlib.util import find_spec
from time import perf_counter
from typing import Any

from dangvien.cli.base import EXIT_OK, migrate, progress, say, tr, warn
from dangvien.core.domain.text import format_number

PRESETS = ("commune", "province", "national")


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "generate",
        help="tạo dữ liệu mẫu theo quy mô: commune, province, national",
        description=(
            "Nạp dữ liệu mẫu (tổ chức, địa bàn, đảng viên, quần chúng, lịch sử 10 năm, "
            "hồ sơ kết nạp, chỉ tiêu, lớp học) vào cơ sở dữ liệu đang cấu hình. "
            "Cùng mẫu, hạt giống và hệ số cho cùng dữ liệu."
        ),
    )
    parser.add_argument("--preset", required=True, metavar="PRESET", help=", ".join(PRESETS))
    parser.add_argument("--seed", type=int, default=1, help="hạt giống ngẫu nhiên (mặc định 1)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="hệ số số xã, lớn hơn 0 và tối đa 1 (mặc định 1)"
    )
    parser.add_argument("--reset", action="store_true", help="xóa dữ liệu đang có rồi tạo lại")
    parser.add_argument(
        "--no-extras",
        dest="extras",
        action="store_false",
        help="chỉ nạp tổ chức, địa bàn và người (bỏ qua hồ sơ, chỉ tiêu, lớp học)",
    )
    parser.set_defaults(handler=handle)


class StageBars:
    """One progress bar per stage of the load, fed by synth_load's progress callback.

    Without a terminal (a log file, a service) the bar is hidden, so a line is
    printed every tenth of a stage instead: a long national load still shows
    where it stands.
    """

    def __init__(self) -> None:
        self.stage = ""
        self.manager: AbstractContextManager[Any] | None = None
        self.bar: Any = None
        self.started = perf_counter()
        self.printed = -1  # last tenth printed without a terminal

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self.stage:
            self.close()
            self.stage = stage
            self.manager = progress(max(total, 1), tr(stage))
            self.bar = self.manager.__enter__()
        self.bar.total = max(total, 1)
        self.bar.n = done
        self.bar.refresh()
        if self.bar.disable:
            self._line(done, max(total, 1))

    def _line(self, done: int, total: int) -> None:
        tenth = 10 * done // total
        if tenth > self.printed:
            self.printed = tenth
            warn(
                f"[{perf_counter() - self.started:7.0f} s] {tr(self.stage)}: "
                f"{format_number(done)}/{format_number(total)}"
            )

    def close(self) -> None:
        """Close the current bar, if any (also after a failure)."""
        if self.manager is not None:
            self.manager.__exit__(None, None, None)
        self.manager, self.bar, self.stage, self.printed = None, None, "", -1


def _check(args: argparse.Namespace) -> None:
    from dangvien.core.domain.errors import DomainError

    if args.preset not in PRESETS:
        raise DomainError(
            tr("Không có mẫu dữ liệu “%(preset)s” (chọn một trong: %(presets)s).")
            % {"preset": args.preset, "presets": ", ".join(PRESETS)}
        )
    if not 0 < args.scale <= 1:
        raise DomainError(tr("Hệ số quy mô phải lớn hơn 0 và không quá 1."))


def _seed_extras(seed: int) -> None:
    """Add candidacies, quotas and classes with the demo's seeders (the same code path)."""
    from dangvien.cli.commands.demo import EXTRA_SEEDERS

    for module_name, function in EXTRA_SEEDERS:
        if find_spec(module_name) is None:
            continue
        seeder = getattr(import_module(module_name), function, None)
        if seeder is None:
            continue
        started = perf_counter()
        say(tr("Đang tạo: %(what)s…") % {"what": module_name.split(".")[1]})
        seeder(seed=seed)
        say(tr("  xong trong %(seconds).0f giây") % {"seconds": perf_counter() - started})


def handle(args: argparse.Namespace) -> int:
    from dangvien.pipeline.stage_snapshot import stage_snapshot_warm
    from dangvien.reports.snapshot import snapshot_warm
    from dangvien.synth.reset import data_truncate
    from dangvien.synth.writer import planner_statistics_refresh, synth_load

    _check(args)
    migrate()
    started = perf_counter()
    bars = StageBars()
    try:
        result = synth_load(
            args.preset, args.seed, scale=args.scale, reset=args.reset, progress=bars
        )
    finally:
        bars.close()
    say(
        tr("Đã nạp %(people)s người, %(orgs)s đơn vị trong %(seconds).0f giây.")
        % {
            "people": format_number(result.counts.get("people", 0)),
            "orgs": format_number(result.counts.get("orgs", 0)),
            "seconds": result.seconds,
        }
    )
    if args.extras:
        try:
            _seed_extras(args.seed)
        except BaseException:
            # No half-seeded database: the next run starts again from empty.
            data_truncate()
            raise
        # Fresh statistics for the tables the seeders filled in bulk: on the national
        # preset a commune's candidate board took 15-23 s before, 80 ms after.
        planner_statistics_refresh(vacuum=True)
    # The member counts of today and 1 January, which most reports and the dashboard read.
    say(tr("Đang tính số đảng viên tổng hợp sẵn…"))
    snapshot_warm()
    stage_snapshot_warm()  # the pipeline report's candidates by stage, likewise
    say(tr("Hoàn tất trong %(seconds).0f giây.") % {"seconds": perf_counter() - started})
    return EXIT_OK
