"""Build the data, run every comparison, print the table and write the JSON results."""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from datetime import datetime
from pathlib import Path
from time import perf_counter

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from bench import cases
from bench.report import print_table
from dangvien.core.domain.errors import DomainError
from dangvien.synth.writer import synth_load


def _progress(stage: str, done: int, total: int) -> None:
    width = 30
    filled = width * done // max(total, 1)
    bar = "#" * filled + "." * (width - filled)
    end = "\n" if done >= total else ""
    print(f"\r  [{bar}] {done}/{total} {stage}", end=end, file=sys.stderr, flush=True)


def _build(options: argparse.Namespace, size: str, scale: float) -> dict[str, object]:
    """Load the national preset at `scale` unless reusing; return what was built and how fast."""
    if options.reuse:
        return {"reused": True, **cases.dataset_counts()}
    if size == "large" and connection.vendor == "sqlite" and options.scale is None:
        raise DomainError("Cỡ large cần PostgreSQL: đặt DATABASE_URL.")
    print(f"Tạo dữ liệu mẫu toàn quốc, hệ số {scale} ({connection.vendor})...", file=sys.stderr)
    started = perf_counter()
    result = synth_load(
        "national", 1, scale=scale, reset=options.reset, progress=_progress, accounts=False
    )
    return {"seconds": round(perf_counter() - started, 1), "scale": scale, **result.counts}


def _write_json(
    results_dir: Path,
    name: str,
    size: str,
    repeat: int,
    budget: float,
    build: dict[str, object],
    comparisons: list[cases.Comparison],
) -> Path:
    """Write every figure of the run to bench/results/<name>-<db>-<size>-<timestamp>.json."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    results_dir.mkdir(parents=True, exist_ok=True)
    out = results_dir / f"{name}-{connection.vendor}-{size}-{stamp}.json"
    payload = {
        "benchmark": "tree",
        "database": connection.vendor,
        "size": size,
        "repeat": repeat,
        "budget_s": budget,
        "build": build,
        "dataset": cases.dataset_counts(),
        "load_average": os.getloadavg(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "results": [comparison.as_dict() for comparison in comparisons],
    }
    out.write_text(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    return out


def run(
    options: argparse.Namespace,
    sizes: dict[str, float],
    repeats: dict[str, int],
    budgets: dict[str, float],
    results_dir: Path,
) -> int:
    """Run the whole benchmark; return the exit code."""
    size = options.size or ("large" if connection.vendor == "postgresql" else "small")
    scale = options.scale or sizes[size]
    repeat = options.repeat or repeats[size]
    budget = options.budget or budgets[size]
    call_command("migrate", verbosity=0)
    try:
        build = _build(options, size, scale)
    except DomainError as error:
        print(error.message, file=sys.stderr)
        return 1
    targets = cases.find_targets(timezone.localdate())
    print("Đo...", file=sys.stderr)
    comparisons = [
        *cases.subtree_counts(targets, repeat=repeat, budget=budget),
        *cases.ancestry(targets, repeat=repeat, budget=budget),
        *cases.deep_pages(targets, repeat=repeat, budget=budget),
    ]
    print_table(comparisons, title=f"{connection.vendor}, cỡ {size}, {cases.dataset_counts()}")
    out = _write_json(results_dir, options.name, size, repeat, budget, build, comparisons)
    print(f"Kết quả: {out}")
    return 0 if all(c.agree is not False for c in comparisons) else 2
