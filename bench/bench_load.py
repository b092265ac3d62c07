"""Page load benchmark and soak test: the production server under simulated users.

    uv run python -m bench.bench_load [--users 20] [--duration 60] [--baseline]
                                      [--switch search|dashboard]
                                      [--mix national|realistic]
    uv run python -m bench.bench_load --soak            # 10 minutes, imports and exports beside

Starts `dangvien serve` on the configured database (DATABASE_URL, or the SQLite
database of DANGVIEN_DATA_DIR: it must hold data, e.g. from `dangvien generate`)
on a free loopback port, then runs locust headless in a separate process: each
simulated user is signed in (second factor passed) and opens the member list, a
name search, the candidate board, a person's page and the dashboards at fixed
weights, waiting --wait seconds between pages (`--wait 0` for a closed loop).
--mix says who the users are: `national` (the default, the first measurements)
makes every user the national administrator; `realistic` makes them 1 national
administrator, 3 province and 16 commune officers, each opening their own unit's
member list, a search, their board, people in their scope, home and dashboard
(page names start with the level). The mix is printed and written to the JSON.
--processes N starts the server with `serve --processes N` (N waitress processes
on one port; memory is summed over them). With --baseline the same load runs
again against a server with the optimisation under test switched off where a
switch exists (--switch): `search`, on PostgreSQL, bitmap scans (so the name search
cannot use its pg_trgm index); `dashboard`, keeping the dashboards of provinces and
of the country for a few minutes (reports.dashboard_cache). The table shows requests per
second, p50/p95/p99 in milliseconds and errors per page; the JSON goes to
bench/results/load-<database>-<timestamp>.json.

--soak runs 10 minutes while `dangvien import` (new people, moves between cells,
admissions) and `dangvien report ... --format xlsx|docx` run in a loop beside
the load, then checks the server's memory growth and the data's consistency
(`dangvien.core.consistency`: tallies, snapshots, report cube, orphans).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.load.plan import MIXES
from bench.load.server import Server, free_port, server_env
from bench.load.stats import PageStats, read_failures, read_stats

LOCUSTFILE = Path(__file__).parent / "load" / "locustfile.py"
GOAL_P95_MS = 250.0  # issue 7: page p95 under 250 ms at 20 users, zero errors
MEMORY_BOUND_MB = 150.0  # soak: resident memory may grow at most this much after warm-up
WARMUP_S = 60.0


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_load")
    parser.add_argument("--users", type=int, default=20, help="số người dùng mô phỏng")
    parser.add_argument("--duration", type=int, default=None, help="giây mỗi lượt (mặc định 60)")
    parser.add_argument(
        "--wait", default="0.5,1.5", help="giây nghỉ giữa hai trang: 'thấp,cao' hoặc 0"
    )
    parser.add_argument("--threads", type=int, default=8, help="số luồng của máy chủ")
    parser.add_argument(
        "--processes", type=int, default=1, help="số tiến trình máy chủ (serve --processes)"
    )
    parser.add_argument("--baseline", action="store_true", help="đo thêm khi tắt tối ưu")
    parser.add_argument(
        "--switch",
        choices=SWITCHES,
        default="search",
        help="tối ưu tắt khi --baseline: search = chỉ mục tìm tên (PostgreSQL), dashboard = "
        "giữ tổng quan báo cáo của tỉnh, toàn quốc vài phút",
    )
    parser.add_argument("--soak", action="store_true", help="chạy 10 phút kèm nhập và xuất")
    parser.add_argument(
        "--mix",
        choices=MIXES,
        default="national",
        help="người dùng: national = mọi người là quản trị toàn quốc; realistic = 1 toàn quốc, "
        "3 tỉnh, 16 xã, mỗi người trên đơn vị của mình",
    )
    return parser.parse_args(argv)


def _wait(text: str) -> tuple[float, float]:
    parts = [float(p) for p in text.split(",")]
    return (parts[0], parts[-1]) if parts[0] > 0 or len(parts) > 1 else (0.0, 0.0)


@dataclass
class RunResult:
    """One load run: the variant, its per-page figures, failures and server memory."""

    variant: str
    pages: list[PageStats]
    failures: list[dict[str, str]]
    memory: dict[str, float | None]
    extra: dict[str, Any] = field(default_factory=dict)

    def total(self) -> PageStats:
        return next(p for p in self.pages if p.name == "Tất cả")

    def as_dict(self) -> dict[str, Any]:
        return {
            "variant": self.variant,
            "pages": [p.as_dict() for p in self.pages],
            "failures": self.failures[:20],
            "memory": self.memory,
            **self.extra,
        }


def _locust(plan: Path, host: str, options: argparse.Namespace, prefix: Path) -> None:
    command = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"]
    command += ["-u", str(options.users), "-r", str(options.users)]
    command += ["-t", f"{options.duration}s", "--host", host, "--csv", str(prefix)]
    command += ["--only-summary", "--stop-timeout", "10", "--loglevel", "WARNING"]
    env = {**os.environ, "DANGVIEN_LOAD_PLAN": str(plan)}
    # Locust exits 1 when any request failed: the figures say how many, so carry on.
    subprocess.run(command, env=env, check=False, timeout=options.duration + 300)


def _one_run(
    variant: str, plan: Path, options: argparse.Namespace, work: Path, extra_env: dict[str, str]
) -> RunResult:
    """Start a server with `extra_env`, put the load on it, stop it, return the figures."""
    port = free_port()
    server = Server(
        port=port,
        threads=options.threads,
        processes=options.processes,
        env=server_env(extra_env),
        log=work / f"server-{variant}.log",
    )
    prefix = work / variant
    print(f"Lượt “{variant}”: {options.users} người dùng, {options.duration} s…", file=sys.stderr)
    with server:
        _locust(plan, server.url, options, prefix)
    return RunResult(
        variant,
        read_stats(prefix),
        read_failures(prefix),
        server.memory.summary(min(WARMUP_S, options.duration / 4)),
    )


SWITCHES = ("search", "dashboard")


def _baseline_env(switch: str) -> dict[str, str] | None:
    """Return the environment that switches the optimisation under test off, if any."""
    from django.db import connection

    if switch == "dashboard":
        # Every visit computes the dashboard, as before reports.dashboard_cache.
        return {"DANGVIEN_DASHBOARD_CACHE_SECONDS": "0"}
    if connection.vendor == "postgresql":
        # GIN indexes are read only through bitmap scans: without them the name
        # search is the scan it would be without migration 0003.
        return {"PGOPTIONS": "-c enable_bitmapscan=off"}
    return None


def _print(runs: list[RunResult]) -> None:
    header = ["Trang", "Lượt", "req/s", "p50 ms", "p95 ms", "p99 ms", "lỗi", "số yêu cầu"]
    rows = [header]
    names = [p.name for p in runs[0].pages]
    for name in names:
        for run in runs:
            page = next((p for p in run.pages if p.name == name), None)
            if page is None:
                continue
            rows.append(
                [
                    name if run is runs[0] else "",
                    run.variant,
                    f"{page.rps:.1f}",
                    f"{page.p50:.0f}",
                    f"{page.p95:.0f}",
                    f"{page.p99:.0f}",
                    str(page.failures),
                    str(page.requests),
                ]
            )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        print(" | ".join(value.ljust(width) for value, width in zip(row, widths, strict=True)))
        if index == 0:
            print("-+-".join("-" * width for width in widths))


def _verdict(run: RunResult) -> tuple[bool, str]:
    pages = [p for p in run.pages if p.name != "Tất cả"]
    slowest = max(pages, key=lambda p: p.p95)
    errors = sum(p.failures for p in pages)
    ok = slowest.p95 < GOAL_P95_MS and errors == 0
    text = (
        f"p95 chậm nhất: {slowest.p95:.0f} ms ({slowest.name}); lỗi: {errors} — "
        f"mục tiêu p95 < {GOAL_P95_MS:.0f} ms và 0 lỗi: {'đạt' if ok else 'KHÔNG đạt'}"
    )
    return ok, text


def _soak_background(work: Path) -> Any:
    from bench.load.background import Background, ExportLoop, ImportLoop, movers
    from dangvien.accounts.scope import global_scope
    from dangvien.orgs.paths import spans_on
    from dangvien.orgs.selectors import CELL_TYPES

    day = global_scope().day
    cells = list(
        spans_on(day)
        .filter(version__org_type__in=CELL_TYPES)
        .order_by("org__code")
        .values_list("org__code", flat=True)[:12]
    )
    root = spans_on(day).filter(parent__isnull=True).order_by("org__code").select_related("org")
    env = server_env()
    loops = {
        "imports": ImportLoop(cells=cells, movers=movers(2000), folder=work / "imports", env=env),
        "exports": ExportLoop(org=root[0].org.code, folder=work / "exports", env=env),
    }
    return Background(loops, pause=5.0)


def _soak(plan: Path, options: argparse.Namespace, work: Path) -> tuple[RunResult, bool]:
    from dangvien.core.consistency import consistency_check

    background = _soak_background(work)
    with background:
        run = _one_run("soak", plan, options, work, {})
    findings = consistency_check()
    memory_ok = (run.memory.get("growth_mb") or 0.0) <= MEMORY_BOUND_MB
    loops = background.summary()
    loops_ok = all(loop["failures"] == 0 and loop["runs"] > 0 for loop in loops.values())
    run.extra = {
        "background": loops,
        "memory_bound_mb": MEMORY_BOUND_MB,
        "consistency": [
            {"name": f.name, "ok": f.ok, "problems": f.problems, "description": f.description}
            for f in findings
        ],
    }
    print(f"Việc nền: {json.dumps(loops, ensure_ascii=False)}")
    print(f"Bộ nhớ máy chủ: {run.memory} (giới hạn tăng {MEMORY_BOUND_MB:.0f} MB)")
    for finding in findings:
        print(f"  [{'đạt' if finding.ok else 'SAI LỆCH'}] {finding.description} {finding.problems}")
    return run, memory_ok and loops_ok and all(f.ok for f in findings)


def run(options: argparse.Namespace) -> int:
    """Build the plan, run the load (and the baseline or the soak), print and save."""
    from django.db import connection

    from bench.cases import dataset_counts
    from bench.load.plan import plan_build
    from bench.output import write_results

    options.duration = options.duration or (600 if options.soak else 60)
    work = Path(tempfile.mkdtemp(prefix="dangvien-load-"))
    plan = plan_build(users=options.users, wait=_wait(options.wait), mix=options.mix)
    print(f"Nhóm người dùng / user mix: {plan.mix} — {plan.notes}", file=sys.stderr)
    plan_file = work / "plan.json"
    plan_file.write_text(json.dumps(plan.as_dict(), ensure_ascii=False))
    runs: list[RunResult] = []
    healthy = True
    if options.soak:
        soak_run, healthy = _soak(plan_file, options, work)
        runs.append(soak_run)
    else:
        runs.append(_one_run("tối ưu", plan_file, options, work, {}))
        baseline = _baseline_env(options.switch) if options.baseline else None
        if baseline is not None:
            runs.append(_one_run("tắt tối ưu", plan_file, options, work, baseline))
    counts = dataset_counts()
    print(
        f"Tải trang — {connection.vendor}, {counts}, {options.users} người dùng, "
        f"nhóm người dùng (mix) {plan.mix}"
    )
    _print(runs)
    ok, verdict = _verdict(runs[0])
    print(verdict)
    write_results(
        "soak" if options.soak else "load",
        {
            "dataset": counts,
            "users": options.users,
            "mix": plan.mix,
            "mix_users": [{"role": u.role, "unit": u.unit} for u in plan.users],
            "duration_s": options.duration,
            "wait_s": list(plan.wait),
            "server_threads": options.threads,
            "server_processes": options.processes,
            "pages": plan.page_summary(),
            "goal_p95_ms": GOAL_P95_MS,
            "goal_met": ok,
            "runs": [r.as_dict() for r in runs],
            "work_dir": str(work),
        },
    )
    return 0 if healthy and runs[0].total().failures == 0 else 1


def main(argv: list[str] | None = None) -> int:
    """Set Django up on the configured database and run."""
    options = _arguments(sys.argv[1:] if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvien.config.settings")
    import django

    django.setup()
    return run(options)


if __name__ == "__main__":
    raise SystemExit(main())
