"""Every benchmark in one command: `uv run python -m bench.bench_all [--only a,b] [--collect]`.

Runs the tree, search, reports, import and load benchmarks one after the other,
each in a process of its own with its own data set-up, on the configured
database (DATABASE_URL: the reuse options below; otherwise each makes its own
temporary SQLite data). Then reads the JSON each one wrote and prints one
table, every figure beside its baseline from the same run, and writes
bench/results/all-<timestamp>.json with the whole set. `--collect` skips the
runs and tabulates the newest result of each benchmark already on disk.

The import benchmark empties the database it imports into: it runs on
--import-url (a database of its own) or, by default, on a temporary SQLite file.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).parent / "results"
KINDS = ("tree", "search", "reports", "import", "load")
COLLECTED_ONLY = ("soak",)  # ten minutes: run on its own (bench_load --soak), tabulated here
Row = tuple[str, str, str, str, str, str]  # benchmark, case, ours, ours figures, base, ratio


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_all")
    parser.add_argument("--only", default=",".join(KINDS), help="các phép đo, cách nhau dấu phẩy")
    parser.add_argument("--collect", action="store_true", help="chỉ tổng hợp kết quả đã có")
    parser.add_argument("--import-url", default="", help="CSDL riêng cho phép đo nhập dữ liệu")
    parser.add_argument("--load-seconds", type=int, default=60, help="giây mỗi lượt tải trang")
    return parser.parse_args(argv)


def _commands(options: argparse.Namespace) -> dict[str, tuple[list[str], dict[str, str]]]:
    """Return each benchmark's command line and environment changes."""
    python = [sys.executable, "-m"]
    on_pg = bool(os.environ.get("DATABASE_URL"))
    reuse = ["--reuse"] if on_pg else []
    import_env = {"DATABASE_URL": options.import_url} if options.import_url else {}
    if not options.import_url:
        import_env = {"DATABASE_URL": "", "DANGVIEN_DATA_DIR": ""}
    return {
        "tree": ([*python, "bench", *reuse], {}),
        "search": ([*python, "bench.bench_search"], {}),
        "reports": ([*python, "bench.bench_reports", *(reuse or ["--scale", "0.01"])], {}),
        "import": ([*python, "bench.bench_import", "--reset"], import_env),
        "load": (
            [*python, "bench.bench_load", "--baseline", "--duration", str(options.load_seconds)],
            {},
        ),
    }


def _run(name: str, command: list[str], changes: dict[str, str]) -> dict[str, Any]:
    env = dict(os.environ)
    for key, value in changes.items():
        if value:
            env[key] = value
        else:
            env.pop(key, None)
    print(f"\n=== {name}: {' '.join(command[1:])}", file=sys.stderr, flush=True)
    started = time.monotonic()
    done = subprocess.run(command, env=env, check=False)
    return {"exit_code": done.returncode, "seconds": round(time.monotonic() - started, 1)}


def _newest(kind: str, since: float) -> dict[str, Any] | None:
    files = [p for p in RESULTS.glob(f"{kind}-*.json") if p.stat().st_mtime >= since]
    if not files:
        return None
    newest = max(files, key=lambda p: p.stat().st_mtime)
    data: dict[str, Any] = json.loads(newest.read_text())
    data["_file"] = str(newest)
    return data


def _ms(timing: dict[str, Any] | None) -> str:
    if not timing:
        return "-"
    if timing.get("capped_at_s"):
        return f"> {timing['capped_at_s']:.0f} s"
    median, p95 = timing.get("median_s"), timing.get("p95_s")
    if median is None:
        return "-"
    return f"{median * 1000:.1f} / {(p95 or median) * 1000:.1f}"


def _ratio(ours: dict[str, Any] | None, base: dict[str, Any] | None) -> str:
    if not ours or not base or not ours.get("median_s"):
        return "-"
    if base.get("capped_at_s"):
        return f"> {base['capped_at_s'] / ours['median_s']:.0f}×"
    return f"{(base.get('median_s') or 0) / ours['median_s']:.1f}×"


def _comparisons(kind: str, data: dict[str, Any], key: str) -> list[Row]:
    rows: list[Row] = []
    for r in data.get(key, []):
        ours, naive = r.get("ours") or {}, r.get("naive") or {}
        how = naive.get("how", "cách đơn giản") if naive else ""
        base = f"{_ms(naive)} ({how})" if naive else "-"
        rows.append((kind, r["case"], ours.get("how", ""), _ms(ours), base, _ratio(ours, naive)))
    return rows


def _import_rows(data: dict[str, Any]) -> list[Row]:
    raw, first, again = data.get("raw_read", {}), data.get("import", {}), data.get("reimport", {})
    rows = first.get("rows") or raw.get("rows") or 0
    ratio = (first.get("seconds") or 0) / raw["seconds"] if raw.get("seconds") else 0
    return [
        (
            "import",
            f"nhập {rows:,} dòng".replace(",", "."),
            "workbook_import",
            f"{first.get('seconds', 0):.1f} s",
            f"{raw.get('seconds', 0):.1f} s (chỉ đọc tệp, calamine)",
            f"{ratio:.1f}× thời gian đọc",
        ),
        (
            "import",
            "nhập lại cùng tệp (không đổi gì)",
            "workbook_import",
            f"{again.get('seconds', 0):.1f} s",
            "-",
            "-",
        ),
    ]


def _load_rows(data: dict[str, Any]) -> list[Row]:
    runs = data.get("runs", [])
    if not runs:
        return []
    base = {p["name"]: p for p in runs[1]["pages"]} if len(runs) > 1 else {}

    def figures(page: dict[str, Any] | None) -> str:
        if not page:
            return "-"
        return (
            f"{page['p50']:.0f}/{page['p95']:.0f}/{page['p99']:.0f} ms, "
            f"{page['rps']:.1f} req/s, {page['failures']} lỗi"
        )

    return [
        (
            "soak" if "background" in runs[0] else "load",
            page["name"],
            f"{data.get('users')} người dùng",
            figures(page),
            figures(base.get(page["name"])),
            "-",
        )
        for page in runs[0]["pages"]
    ]


EXTRACT: dict[str, Callable[[dict[str, Any]], list[Row]]] = {
    "tree": lambda d: _comparisons("tree", d, "results"),
    "search": lambda d: _comparisons("search", d, "results"),
    "reports": lambda d: _comparisons("reports", d, "rows"),
    "import": _import_rows,
    "load": _load_rows,
    "soak": _load_rows,
}


def _table(rows: list[Row]) -> None:
    header: Row = (
        "Phép đo",
        "Trường hợp",
        "Cách của hệ thống",
        "Kết quả (ms trung vị / p95)",
        "Mốc so sánh",
        "Nhanh hơn",
    )
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for index, row in enumerate([header, *rows]):
        print(" | ".join(str(v).ljust(w) for v, w in zip(row, widths, strict=True)))
        if index == 0:
            print("-+-".join("-" * w for w in widths))


def main(argv: list[str] | None = None) -> int:
    """Run the chosen benchmarks (unless --collect), print one table, write one JSON."""
    options = _arguments(sys.argv[1:] if argv is None else argv)
    chosen = [k.strip() for k in options.only.split(",") if k.strip() in KINDS]
    collected_kinds = chosen + [k for k in COLLECTED_ONLY if options.collect]
    since = 0.0 if options.collect else time.time()
    runs: dict[str, dict[str, Any]] = {}
    if not options.collect:
        commands = _commands(options)
        for kind in chosen:
            runs[kind] = _run(kind, *commands[kind])
    collected = {kind: _newest(kind, since) for kind in collected_kinds}
    rows = [row for kind, data in collected.items() if data for row in EXTRACT[kind](data)]
    _table(rows)
    missing = [kind for kind, data in collected.items() if data is None]
    if missing:
        print(f"Không có kết quả: {', '.join(missing)}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"all-{datetime.now():%Y%m%d-%H%M%S}.json"
    out.write_text(
        json.dumps(
            {"benchmark": "all", "runs": runs, "results": collected, "table": rows},
            ensure_ascii=False,
            indent=2,
            default=str,
        )
    )
    print(f"Kết quả: {out}")
    failed = [k for k, r in runs.items() if r["exit_code"] != 0]
    return 1 if failed or missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
