"""Import benchmark: `uv run python -m bench.bench_import [--workbook FILE] [--reset]`.

Builds a workbook of about 100,000 people (the synthetic `national` preset at
scale 0.016: 58 communes in 34 provinces, loaded then exported in the import
format), empties the database, and imports
the workbook, timing reading, parsing, checking and writing separately beside
python-calamine's raw read of the same file, the floor no import can beat. Each
measurement runs in a child process of its own so that its peak memory is its
own. A second import of the same file (nothing to change) is timed too, and, as the
baseline of the same run, an import into the empty database that keeps every index
during the load (the optimisation of `imports.bulk.rebuilt_when_outnumbered` off).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from time import perf_counter
from typing import Any

RESULTS = Path(__file__).parent / "results"
GOAL_ROWS_PER_SECOND = 20_000
GOAL_TIMES_RAW_READ = 3.0


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_import")
    parser.add_argument("--workbook", type=Path, help="đo trên tệp này thay vì tạo tệp mới")
    parser.add_argument("--preset", default="national", help="mẫu dữ liệu (mặc định national)")
    parser.add_argument("--scale", type=float, default=0.016, help="hệ số quy mô (mặc định 0,016)")
    parser.add_argument("--keep", type=Path, help="giữ tệp đã tạo ở đường dẫn này")
    parser.add_argument("--reset", action="store_true", help="xóa dữ liệu có sẵn trong CSDL")
    parser.add_argument("--child", choices=["raw", "import", "baseline"], help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def _peak_mb() -> float:
    """Return this process's peak resident memory in MB (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _raw_read(path: Path) -> dict[str, Any]:
    """Read every sheet with python-calamine and nothing else."""
    from python_calamine import CalamineWorkbook

    started = perf_counter()
    book = CalamineWorkbook.from_path(str(path))
    rows = sum(len(book.get_sheet_by_name(name).to_python()) for name in book.sheet_names)
    return {"seconds": perf_counter() - started, "rows": rows, "peak_mb": _peak_mb()}


def _import(path: Path, *, baseline: bool = False) -> dict[str, Any]:
    """Import the workbook as the server's operator; return the timings.

    The baseline empties the database first and keeps every index during the load
    (`imports.bulk.REBUILD_OUTNUMBERED` off), as imports did before that optimisation.
    """
    from dangvien.accounts.actor import operator_actor
    from dangvien.imports import bulk
    from dangvien.imports.services import workbook_import

    if baseline:
        _empty_database()
        bulk.REBUILD_OUTNUMBERED = False

    started = perf_counter()
    result = workbook_import(actor=operator_actor(), path=path)
    return {
        "seconds": perf_counter() - started,
        "stages": result.seconds,
        "rows": result.rows,
        "counts": result.counts,
        "written": result.written,
        "errors": [issue.message for issue in result.errors[:5]],
        "peak_mb": _peak_mb(),
    }


def _child(kind: str, path: Path) -> dict[str, Any]:
    """Run one measurement in a fresh process; return what it printed."""
    command = [sys.executable, "-m", "bench.bench_import", "--child", kind, "--workbook", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=os.environ)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _build_workbook(
    preset: str, scale: float, reset: bool, folder: Path
) -> tuple[Path, dict[str, Any]]:
    """Load a synthetic preset, export it in the import format, empty the database."""
    from dangvien.accounts.actor import operator_actor
    from dangvien.imports.export_workbook import workbook_export
    from dangvien.orgs.models import Organization
    from dangvien.synth.writer import synth_load

    print(f"Tạo dữ liệu mẫu {preset}, hệ số {scale}...", file=sys.stderr)
    loaded = synth_load(preset, 1, scale=scale, reset=reset, accounts=False)
    root = Organization.objects.filter(versions__parent__isnull=True).order_by("code")[0].code
    path = folder / "nhap-100k.xlsx"
    started = perf_counter()
    counts = workbook_export(actor=operator_actor(), org_code=root, target=path)
    exported = perf_counter() - started
    _empty_database()
    build = {
        "preset": preset,
        "scale": scale,
        "people": loaded.counts.get("people"),
        "sheets": counts,
        "export_s": exported,
    }
    return path, build


def _empty_database() -> None:
    from django.db import transaction

    from dangvien.plans.models import QuotaCategory
    from dangvien.plans.reference import categories_sync
    from dangvien.synth.reset import data_truncate

    with transaction.atomic():
        data_truncate()
        categories_sync(QuotaCategory)


def _rate(rows: int, seconds: float) -> float:
    return rows / seconds if seconds else 0.0


def _table(
    raw: dict[str, Any], first: dict[str, Any], again: dict[str, Any], baseline: dict[str, Any]
) -> dict[str, Any]:
    """Print the figures; return them with the verdict against the goals."""
    rows = first["rows"]
    stages = first["stages"]
    lines = [("Đọc thô (python-calamine)", raw["seconds"], raw["peak_mb"])]
    lines += [
        (f"  {name}", stages[key], None)
        for name, key in (
            ("Đọc tệp", "read"),
            ("Phân tích ô", "parse"),
            ("Kiểm tra", "check"),
            ("Ghi", "write"),
        )
    ]
    lines += [
        ("Nhập (cả quá trình)", first["seconds"], first["peak_mb"]),
        ("Nhập lại (không đổi gì)", again["seconds"], again["peak_mb"]),
        ("Gốc so sánh: giữ chỉ mục", baseline["seconds"], baseline["peak_mb"]),
        ("  Ghi (giữ chỉ mục)", baseline["stages"]["write"], None),
    ]
    print(f"\n{rows:,} dòng dữ liệu".replace(",", "."))
    print(f"{'Bước':<28}{'giây':>9}{'dòng/giây':>12}{'bộ nhớ đỉnh MB':>17}")
    for name, seconds, peak in lines:
        memory = f"{peak:>17.0f}" if peak is not None else ""
        print(f"{name:<28}{seconds:>9.2f}{_rate(rows, seconds):>12,.0f}{memory}")
    ratio = first["seconds"] / raw["seconds"]
    verdict = {
        "rows_per_second": _rate(rows, first["seconds"]),
        "times_raw_read": ratio,
        "meets_rate": _rate(rows, first["seconds"]) >= GOAL_ROWS_PER_SECOND,
        "meets_ratio": ratio <= GOAL_TIMES_RAW_READ,
    }
    print(f"Tỷ lệ so với đọc thô: {ratio:.2f}× (mục tiêu ≤ {GOAL_TIMES_RAW_READ}×)")
    return verdict


def _measure(path: Path) -> dict[str, Any]:
    raw = _child("raw", path)
    baseline = _child("baseline", path)
    _empty_database()
    first = _child("import", path)
    if not first["written"]:
        raise RuntimeError(f"Tệp có lỗi: {first['errors']}")
    again = _child("import", path)
    verdict = _table(raw, first, again, baseline)
    return {
        "raw_read": raw,
        "import": first,
        "reimport": again,
        "baseline_keep_indexes": baseline,
        "verdict": verdict,
    }


def _run(options: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.db import connection

    from dangvien.synth.reset import database_is_empty

    call_command("migrate", verbosity=0)
    if not database_is_empty() and not options.reset:
        print(
            "CSDL đã có dữ liệu: thêm --reset để xóa (đừng trỏ vào dữ liệu thật).", file=sys.stderr
        )
        return 1
    folder = Path(tempfile.mkdtemp(prefix="dangvien-import-bench-"))
    try:
        build: dict[str, Any] = {"workbook": str(options.workbook)}
        if options.workbook is None:
            options.workbook, build = _build_workbook(
                options.preset, options.scale, options.reset, folder
            )
            if options.keep:
                shutil.copyfile(options.workbook, options.keep)
        elif options.reset:
            _empty_database()
        figures = _measure(options.workbook)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    out = RESULTS / f"import-{connection.vendor}-{stamp}.json"
    report = {
        "benchmark": "import",
        "database": connection.vendor,
        "machine": platform.platform(),
        "python": platform.python_version(),
        "build": build,
        **figures,
    }
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str))
    print(f"Kết quả: {out}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or one of its child measurements); return the exit code."""
    options = _arguments(sys.argv[1:] if argv is None else argv)
    temporary = None
    if not os.environ.get("DATABASE_URL") and options.child is None:
        temporary = tempfile.mkdtemp(prefix="dangvien-bench-")
        os.environ["DANGVIEN_DATA_DIR"] = temporary
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dangvien.config.settings")
    import django

    django.setup()
    try:
        if options.child == "raw":
            print(json.dumps(_raw_read(options.workbook)))
            return 0
        if options.child in ("import", "baseline"):
            result = _import(options.workbook, baseline=options.child == "baseline")
            print(json.dumps(result, default=str))
            return 0
        return _run(options)
    finally:
        if temporary:
            shutil.rmtree(temporary, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
